/**
 * Infinite-width kernels of a deep network (NTK parametrisation, output f = h_L, widths → ∞):
 *   Σ¹(x, x′) = σ_w² xᵀx′/n_0 + σ_b²,
 *   Σˡ(x, x′) = σ_w² E[φ(u)φ(v)] + σ_b²,  Σ̇ˡ(x, x′) = σ_w² E[φ′(u)φ′(v)],  (u, v) ~ N(0, Σ^{l−1} on {x, x′}),
 *   Θ¹ = Σ¹,  Θˡ = Θ^{l−1} Σ̇ˡ + Σˡ.
 * NNGP kernel = Σᴸ (the covariance of the Gaussian process f at initialisation), NTK = Θᴸ (Jacot et al. 2018).
 * Closed forms of the Gaussian expectations, with c = Σ₁₂/√(Σ₁₁Σ₂₂), θ = arccos c:
 * - ReLU (arc-cosine kernel, Cho & Saul 2009): E[φφ] = √(Σ₁₁Σ₂₂)(sin θ + (π − θ) cos θ)/(2π), E[φ′φ′] = (π − θ)/(2π);
 * - erf (Williams 1997): E[φφ] = (2/π) arcsin(2Σ₁₂/√((1+2Σ₁₁)(1+2Σ₂₂))), E[φ′φ′] = (4/π)/√((1+2Σ₁₁)(1+2Σ₂₂) − 4Σ₁₂²).
 */
import { asMatrix, fromFloat64, Matrix, MatrixInput } from "../linalg/matrix";
import { describe, requireFinite, requireInteger } from "../util/errors";

/** The NNGP and NTK Gram matrices on the rows of X. */
export interface InfiniteWidthKernels {
  nngp: Matrix;
  ntk: Matrix;
}

/** Options: depth L = number of weight layers (f = h_L), σ_w, σ_b and "relu" or "erf". */
export interface InfiniteWidthOptions {
  depth: number;
  activation: "relu" | "erf";
  sigmaW?: number;
  sigmaB?: number;
}

function expectations(act: "relu" | "erf", s11: number, s22: number, s12: number): [number, number] {
  if (act === "relu") {
    const norm = Math.sqrt(s11 * s22);
    if (norm === 0) return [0, 0.5 * 0.5];
    const c = Math.max(-1, Math.min(1, s12 / norm));
    const th = Math.acos(c);
    return [(norm * (Math.sin(th) + (Math.PI - th) * c)) / (2 * Math.PI), (Math.PI - th) / (2 * Math.PI)];
  }
  const d = (1 + 2 * s11) * (1 + 2 * s22);
  return [(2 / Math.PI) * Math.asin((2 * s12) / Math.sqrt(d)), 4 / Math.PI / Math.sqrt(d - 4 * s12 * s12)];
}

/** Σᴸ (NNGP) and Θᴸ (NTK) of an infinitely wide ReLU or erf network on the rows of X. */
export function infiniteWidthKernels(X: MatrixInput, opts: InfiniteWidthOptions): InfiniteWidthKernels {
  const M = asMatrix(X, "X");
  const [N, n0] = M.shape;
  requireInteger("depth", opts.depth, 1);
  if (opts.activation !== "relu" && opts.activation !== "erf") {
    throw new RangeError(`activation must be "relu" or "erf" (the closed forms known here), got ${describe(opts.activation)}`);
  }
  const sw2 = (opts.sigmaW ?? 1) ** 2;
  const sb2 = (opts.sigmaB ?? 0) ** 2;
  requireFinite("sigmaW", sw2);
  requireFinite("sigmaB", sb2);
  const S = new Float64Array(N * N);
  for (let i = 0; i < N; i++)
    for (let j = 0; j <= i; j++) {
      let dot = 0;
      for (let k = 0; k < n0; k++) dot += M.data[i * n0 + k] * M.data[j * n0 + k];
      S[i * N + j] = S[j * N + i] = (sw2 * dot) / n0 + sb2;
    }
  const T = S.slice();
  for (let l = 2; l <= opts.depth; l++) {
    const Snew = new Float64Array(N * N);
    for (let i = 0; i < N; i++)
      for (let j = 0; j <= i; j++) {
        const [e, ed] = expectations(opts.activation, S[i * N + i], S[j * N + j], S[i * N + j]);
        const s = sw2 * e + sb2;
        const sdot = sw2 * ed;
        Snew[i * N + j] = Snew[j * N + i] = s;
        T[i * N + j] = T[j * N + i] = T[i * N + j] * sdot + s;
      }
    S.set(Snew);
  }
  return { nngp: fromFloat64(S, N, N), ntk: fromFloat64(T, N, N) };
}
