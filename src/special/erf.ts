/**
 * The error function and the standard normal law's CDF and density (special functions used by the activations
 * erf and GELU, the mean-field maps and the infinite-width kernels).
 */
import stdlibErf from "@stdlib/math-base-special-erf";
import stdlibErfc from "@stdlib/math-base-special-erfc";

/**
 * The error function erf(x) = (2/√π) ∫₀ˣ e^{−t²} dt, odd, rising from −1 to 1. Computed by the `@stdlib` package
 * (rational approximations accurate to a few ulp), not by hand: a maintained implementation serves here.
 */
export function erf(x: number): number {
  return stdlibErf(x);
}

/** The complementary error function erfc(x) = 1 − erf(x), accurate also where it is tiny (large x). */
export function erfc(x: number): number {
  return stdlibErfc(x);
}

/** The standard normal CDF Φ(x) = ½ erfc(−x/√2). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** The standard normal density (2π)^{−1/2} e^{−x²/2}. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}
