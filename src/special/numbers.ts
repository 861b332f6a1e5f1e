/**
 * The combinatorial numbers that are the moments of the lecture's laws:
 * Catalan C_k = (2k choose k)/(k+1) (semicircle), Narayana N(k, r) = (1/k)(k choose r)(k choose r−1)
 * (Marčenko–Pastur), Fuss–Catalan FC_L(k) = (1/(Lk+1))((L+1)k choose k) (products of L Ginibre matrices).
 */
import { requireInteger } from "../util/errors";

/** (n choose k) as a float (exact for the sizes used here). */
export function binomial(n: number, k: number): number {
  requireInteger("n", n);
  if (typeof k !== "number" || !Number.isSafeInteger(k)) throw new RangeError(`k must be an integer, got ${String(k)}`);
  if (k < 0 || k > n) return 0;
  k = Math.min(k, n - k);
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r) === r || r > 2 ** 52 ? r : Math.round(r);
}

/** C_k = (2k choose k)/(k + 1): 1, 1, 2, 5, 14, 42, … */
export function catalanNumber(k: number): number {
  requireInteger("k", k);
  return binomial(2 * k, k) / (k + 1);
}

/** N(k, r) = (1/k)(k choose r)(k choose r − 1), 1 ≤ r ≤ k: the non-crossing partitions of k with r blocks. */
export function narayanaNumber(k: number, r: number): number {
  requireInteger("k", k, 1);
  requireInteger("r", r, 1);
  return (binomial(k, r) * binomial(k, r - 1)) / k;
}

/** FC_L(k) = (1/(Lk + 1))((L+1)k choose k): the k-th moment of the Fuss–Catalan law of order L (L = 1: Catalan). */
export function fussCatalanNumber(L: number, k: number): number {
  requireInteger("L", L, 1);
  requireInteger("k", k);
  return binomial((L + 1) * k, k) / (L * k + 1);
}

/** log |Γ(x)| (Lanczos, g = 7, about 15 digits; reflection for x < ½); +∞ at the poles 0, −1, −2, …; NaN in, NaN out. */
export function logGamma(x: number): number {
  if (typeof x !== "number") throw new TypeError(`logGamma: x must be a number, got ${String(x)}`);
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
