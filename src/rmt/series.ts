/**
 * Moments, free cumulants, R- and S-transforms as truncated power series (coefficient arrays c[0..K]).
 *
 * - Moment–free-cumulant relation (non-crossing partitions): with M(z) = 1 + Σ_{k≥1} m_k z^k,
 *     M(z) = 1 + Σ_{s≥1} κ_s z^s M(z)^s,   i.e.   m_n = Σ_{s=1}^{n} κ_s [z^{n−s}] M(z)^s.
 * - R-transform R(z) = Σ_{k≥0} κ_{k+1} z^k; free additive convolution adds free cumulants: κ(μ ⊞ ν) = κ(μ) + κ(ν).
 * - S-transform: ψ(z) = Σ_{k≥1} m_k z^k, χ = ψ^{⟨−1⟩}, S(z) = χ(z)(1 + z)/z; S_{μ⊠ν} = S_μ S_ν (needs m_1 ≠ 0).
 */
import { describe, requireAllFinite, requireNumberArray, requireInteger, requireFinite } from "../util/errors";

function checkSeries(name: string, c: ArrayLike<number>): number[] {
  if (c == null || typeof c.length !== "number" || c.length < 2) {
    throw new TypeError(`${name} must be an array [c_0, c_1, …] of at least 2 numbers, got ${describe(c)}`);
  }
  requireAllFinite(name, c);
  return Array.from(c);
}

/** a·b truncated to degree K. */
export function seriesMultiply(a: ArrayLike<number>, b: ArrayLike<number>, K: number): number[] {
  requireInteger("seriesMultiply: K", K);
  requireNumberArray("seriesMultiply: a", a); requireNumberArray("seriesMultiply: b", b);
  const out = new Array(K + 1).fill(0);
  for (let i = 0; i <= K && i < a.length; i++) {
    if (a[i] === 0) continue;
    for (let j = 0; i + j <= K && j < b.length; j++) out[i + j] += a[i] * b[j];
  }
  return out;
}

/** f(g(z)) truncated to degree K; requires g(0) = 0. */
export function seriesCompose(f: ArrayLike<number>, g: ArrayLike<number>, K: number): number[] {
  requireInteger("seriesCompose: K", K);
  requireNumberArray("seriesCompose: f", f); requireNumberArray("seriesCompose: g", g);
  if (g[0] !== 0) throw new RangeError(`seriesCompose: g must have g(0) = 0, got g[0] = ${g[0]}`);
  const out = new Array(K + 1).fill(0);
  let power = [1];
  for (let k = 0; k < f.length && k <= K; k++) {
    for (let i = 0; i < power.length && i <= K; i++) out[i] += f[k] * power[i];
    power = seriesMultiply(power, g, K);
  }
  return out;
}

/** The compositional inverse g of f (f(0) = 0, f′(0) ≠ 0), so f(g(z)) = z, truncated to degree K. */
export function seriesInverse(f: ArrayLike<number>, K: number): number[] {
  requireInteger("seriesInverse: K", K);
  requireNumberArray("seriesInverse: f", f);
  if (f[0] !== 0 || !(f[1] !== 0)) throw new RangeError(`seriesInverse: need f(0) = 0 and f′(0) ≠ 0, got f[0] = ${f[0]}, f[1] = ${f[1]}`);
  const g = new Array(K + 1).fill(0);
  g[1] = 1 / f[1];
  for (let k = 2; k <= K; k++) {
    const fg = seriesCompose(f, g, k);
    g[k] = -fg[k] / f[1];
  }
  return g;
}

/** [z^d] of M^s for s = 0…S, from M's coefficients. */
function powersOf(M: number[], S: number, K: number): number[][] {
  const powers = [[1, ...new Array(K).fill(0)]];
  for (let s = 1; s <= S; s++) powers.push(seriesMultiply(powers[s - 1], M, K));
  return powers;
}

/** Free cumulants κ_1…κ_K (returned as [0, κ_1, …, κ_K]) from moments [1, m_1, …, m_K]. */
export function freeCumulantsFromMoments(moments: ArrayLike<number>): number[] {
  requireNumberArray("freeCumulantsFromMoments: moments", moments);
  const m = checkSeries("moments", moments);
  const K = m.length - 1;
  const kappa = new Array(K + 1).fill(0);
  for (let n = 1; n <= K; n++) {
    const M = m.slice(0, n);
    const P = powersOf(M, n - 1, n);
    let s = 0;
    for (let j = 1; j < n; j++) s += kappa[j] * P[j][n - j];
    kappa[n] = m[n] - s;
  }
  return kappa;
}

/** Moments [1, m_1, …, m_K] from free cumulants [0, κ_1, …, κ_K]. */
export function momentsFromFreeCumulants(cumulants: ArrayLike<number>): number[] {
  requireNumberArray("momentsFromFreeCumulants: cumulants", cumulants);
  const k = checkSeries("cumulants", cumulants);
  const K = k.length - 1;
  const m = new Array(K + 1).fill(0);
  m[0] = 1;
  for (let n = 1; n <= K; n++) {
    const P = powersOf(m.slice(0, n), n, n);
    let s = 0;
    for (let j = 1; j <= n; j++) s += k[j] * P[j][n - j];
    m[n] = s;
  }
  return m;
}

/** The R-transform's coefficients R(z) = Σ_{k≥0} κ_{k+1} z^k, from moments [1, m_1, …, m_K]. */
export function rTransformSeries(moments: ArrayLike<number>): number[] {
  requireNumberArray("rTransformSeries: moments", moments);
  return freeCumulantsFromMoments(moments).slice(1);
}

/** The S-transform's coefficients S(z) = Σ_k s_k z^k (degree K − 1) from moments [1, m_1, …, m_K], m_1 ≠ 0. */
export function sTransformSeries(moments: ArrayLike<number>): number[] {
  requireNumberArray("sTransformSeries: moments", moments);
  const m = checkSeries("moments", moments);
  const K = m.length - 1;
  if (m[1] === 0) throw new RangeError("sTransformSeries: the S-transform needs a non-zero mean m_1");
  const psi = [0, ...m.slice(1)];
  const chi = seriesInverse(psi, K);
  const chiOverZ = chi.slice(1); // degree K − 1
  return seriesMultiply(chiOverZ, [1, 1], K - 1);
}

/** Moments of μ ⊞ ν from the moments of μ and ν (same length): free cumulants add. */
export function freeAdditiveMoments(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  requireNumberArray("freeAdditiveMoments: a", a); requireNumberArray("freeAdditiveMoments: b", b);
  const ka = freeCumulantsFromMoments(a);
  const kb = freeCumulantsFromMoments(b);
  const K = Math.min(ka.length, kb.length) - 1;
  return momentsFromFreeCumulants(ka.slice(0, K + 1).map((v, i) => v + kb[i]));
}

/** Moments of μ ⊠ ν from the moments of μ and ν (same length, non-zero means): S-transforms multiply. */
export function freeMultiplicativeMoments(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  requireNumberArray("freeMultiplicativeMoments: a", a); requireNumberArray("freeMultiplicativeMoments: b", b);
  const K = Math.min(a.length, b.length) - 1;
  const S = seriesMultiply(sTransformSeries(Array.from(a).slice(0, K + 1)), sTransformSeries(Array.from(b).slice(0, K + 1)), K - 1);
  // χ(z) = S(z) z/(1 + z); z/(1+z) = z − z² + z³ − …
  const zOver = new Array(K + 1).fill(0).map((_, i) => (i === 0 ? 0 : (-1) ** (i - 1)));
  const chi = seriesMultiply(S, zOver, K);
  const psi = seriesInverse(chi, K);
  psi[0] = 1;
  return psi;
}

/** Σ c_k z^k at a real z. */
export function evaluateSeries(c: ArrayLike<number>, z: number): number {
  requireFinite("evaluateSeries: z", z);
  requireNumberArray("evaluateSeries: c", c);
  let s = 0;
  for (let k = c.length - 1; k >= 0; k--) s = s * z + c[k];
  return s;
}
