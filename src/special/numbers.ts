/**
 * The combinatorial numbers that are the moments of the lecture's laws:
 * Catalan C_k = (2k choose k)/(k+1) (semicircle), Narayana N(k, r) = (1/k)(k choose r)(k choose r−1)
 * (Marčenko–Pastur), Fuss–Catalan FC_L(k) = (1/(Lk+1))((L+1)k choose k) (products of L Ginibre matrices).
 */
import gammaln from "@stdlib/math-base-special-gammaln";
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

/** log |Γ(x)|, computed by @stdlib's gammaln (a maintained implementation); +∞ at the poles 0, −1, −2, …; NaN in, NaN out. */
export function logGamma(x: number): number {
  if (typeof x !== "number") throw new TypeError(`logGamma: x must be a number, got ${String(x)}`);
  return gammaln(x);
}
