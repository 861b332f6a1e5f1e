/**
 * Random-matrix samplers: the ensembles of Day 2 (ランダム行列, matrix-valued random variables).
 *
 * - Ginibre: W ∈ ℝ^{n×m}, W_ij ~ N(0, σ²) i.i.d.
 * - Haar orthogonal: W uniform on O(n) (its law is invariant under W ↦ UW and W ↦ WU for fixed U ∈ O(n)).
 *   Sampled as the Q of a QR decomposition of a square Ginibre matrix, with the sign correction of
 *   Mezzadri (2007): Q ← Q · diag(sign R_ii). Without it (`naiveQrOrthogonal`) the law depends on the QR
 *   algorithm's sign convention and is NOT Haar.
 * - Wishart / Gram: WᵀW for a Ginibre W; with σ² = 1/n its eigenvalues follow the Marčenko–Pastur law as n, m → ∞
 *   with m/n fixed.
 *
 * Every sampler takes the generator (or a seed) explicitly: `ginibre(100, 100, 1 / Math.sqrt(100), rng)`.
 */
import { RandomSource, toGenerator } from "./generator";
import { fromFloat64, Matrix, MatrixInput, asMatrix } from "../linalg/matrix";
import { matmulTN } from "../linalg/ops";
import { qr } from "../linalg/qr";
import { requireFinite, requireInteger } from "../util/errors";

/** An n×m Ginibre matrix: entries W_ij ~ N(0, σ²), independent. */
export function ginibre(n: number, m: number, sigma: number, rng: RandomSource): Matrix {
  requireInteger("n", n);
  requireInteger("m", m);
  requireFinite("sigma", sigma);
  if (sigma < 0) throw new RangeError(`sigma must be ≥ 0 (the entries' standard deviation), got ${sigma}`);
  const g = toGenerator(rng);
  return fromFloat64(g.normalArray(n * m, 0, sigma), n, m);
}

/**
 * A Haar-distributed (uniform) orthogonal n×n matrix: Q · diag(sign R_ii) for the QR decomposition of an
 * n×n Ginibre matrix (Mezzadri 2007, "How to generate random matrices from the classical compact groups").
 */
export function haarOrthogonal(n: number, rng: RandomSource): Matrix {
  requireInteger("n", n);
  const { Q, R } = qr(ginibre(n, n, 1, rng));
  const q = Q.data;
  for (let j = 0; j < n; j++) {
    if (R.data[j * n + j] < 0) for (let i = 0; i < n; i++) q[i * n + j] = -q[i * n + j];
  }
  return Q;
}

/**
 * The Q of a plain Householder QR of an n×n Ginibre matrix, WITHOUT the sign correction. It is orthogonal but
 * NOT Haar distributed (kept for the lecture's comparison). Statistics with known Haar laws show it: Q₁₁ (for Haar,
 * the first coordinate of a uniform point on S^{n−1}; here Q₁₁ = −|G₁₁|/‖Ge₁‖ is always ≤ 0) and tr Q (for Haar,
 * mean 0 and variance 1; here shifted to a negative mean). The eigenvalue angles are no such test: even for Haar
 * O(n) they are not uniform on the circle at finite n (a matrix with det = −1 has eigenvalues exactly ±1, and the
 * angles of conjugate pairs are not flat either; n = 6, |angle| in 12 bins on [0, π]: the two end bins hold ≈ 1.8×
 * their uniform share).
 */
export function naiveQrOrthogonal(n: number, rng: RandomSource): Matrix {
  requireInteger("n", n);
  return qr(ginibre(n, n, 1, rng)).Q;
}

/** The Gram matrix WᵀW (m×m for W n×m), exactly symmetric: (WᵀW)_ij = Σ_k W_ki W_kj. */
export function gram(W: MatrixInput): Matrix {
  const G = matmulTN(asMatrix(W, "W"), asMatrix(W, "W"));
  const m = G.shape[0];
  const g = G.data;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < i; j++) {
      const avg = 0.5 * (g[i * m + j] + g[j * m + i]);
      g[i * m + j] = avg;
      g[j * m + i] = avg;
    }
  return G;
}

/**
 * A Wishart matrix WᵀW (m×m) with W an n×m Ginibre matrix of variance σ²: E[WᵀW] = nσ² I_m.
 * With σ = 1/√n its eigenvalues follow Marčenko–Pastur with ratio m/n in the limit.
 */
export function wishart(n: number, m: number, sigma: number, rng: RandomSource): Matrix {
  return gram(ginibre(n, m, sigma, rng));
}
