/**
 * Block reflectors (the compact WY form of Schreiber & Van Loan), which let the decompositions apply many
 * Householder reflections at once through the fast matrix product.
 *
 * A product of b reflections H_j = I − τ_j v_j v_jᵀ (j = 0 … b−1, each v_j with v_j[j] = 1 and zeros above) is
 *
 *   H₀ H₁ ⋯ H_{b−1} = I − V T Vᵀ,
 *
 * V = [v₀ … v_{b−1}] (unit lower trapezoidal, rows × b) and T upper triangular b×b, built column by column:
 * T_jj = τ_j and T[0:j, j] = −τ_j · T[0:j, 0:j] · (V[:, 0:j]ᵀ v_j) (LAPACK's dlarft).
 * Applying I − V T Vᵀ to an r×c block C costs three matrix products: W = VᵀC, W ← T W, C ← C − V W, i.e.
 * about 4·r·c·b flops at matrix-product speed, where b single reflections would stream through C b times.
 */
import { gemmKernel, gemmStrided, packedProduct } from "./gemm";
import { NR } from "./gemmPacked";
import { blockReflectorThreaded } from "./gemmThreads";

/** V (rows×b, unit lower trapezoidal) and T (b×b upper triangular), contiguous row-major. */
export interface BlockReflector {
  v: Float64Array;
  t: Float64Array;
  rows: number;
  b: number;
}

/**
 * Copies b reflectors out of the matrix they are stored in. Reflector j has its implicit 1 at data[base +
 * j·diagStep] and its next entries at data[base + j·diagStep + i·step], i = 1 … rows − j − 1 (step = ld for
 * reflectors stored down a column, 1 for reflectors stored along a row; diagStep = ld + 1 for both).
 */
export function blockReflector(
  data: Float64Array,
  base: number,
  diagStep: number,
  step: number,
  rows: number,
  tau: Float64Array,
  tau0: number,
  b: number,
): BlockReflector {
  const v = new Float64Array(rows * b);
  for (let j = 0; j < b; j++) {
    v[j * b + j] = 1;
    const start = base + j * diagStep;
    for (let i = j + 1; i < rows; i++) v[i * b + j] = data[start + (i - j) * step];
  }
  // G = VᵀV (b×b), then T column by column from its upper part.
  const g = new Float64Array(b * b);
  const V = { data: v, offset: 0, ld: b };
  gemmStrided(true, false, b, b, rows, 1, V, V, 0, { data: g, offset: 0, ld: b });
  const t = new Float64Array(b * b);
  for (let j = 0; j < b; j++) {
    const tj = tau[tau0 + j];
    t[j * b + j] = tj;
    for (let i = 0; i < j; i++) {
      let s = 0;
      for (let l = i; l < j; l++) s += t[i * b + l] * g[l * b + j];
      t[i * b + j] = -tj * s;
    }
  }
  return { v, t, rows, b };
}

/**
 * Whether I − V op(T) Vᵀ (V rows × b) may be applied to a rows × cols block on the threads (blockReflectorThreaded):
 * each of its products (W = VᵀC over rows head …, W₂ = op(T) W, C − V W₂) must take the packed path that it takes
 * on one thread, so that every number comes out the same; and the head of [I; 0] columns (formQBlocked) must
 * end on a tile boundary.
 */
export function reflectorOnThreads(rows: number, cols: number, b: number, head: number): boolean {
  if (gemmKernel() !== "wasm" || head % NR !== 0) return false;
  const wProduct = cols === head || packedProduct(b, cols - head, rows - head);
  return wProduct && packedProduct(b, cols, b) && packedProduct(rows, cols, b);
}

/**
 * C ← (I − V T Vᵀ) C, or C ← (I − V Tᵀ Vᵀ) C = (H₀ ⋯ H_{b−1})ᵀ C when `transposeT`, for the rows×cols block C
 * (rows = the reflector's rows).
 */
export function applyBlockReflectorLeft(r: BlockReflector, transposeT: boolean, cols: number, C: { data: Float64Array; offset: number; ld: number }): void {
  const { v, t, rows, b } = r;
  if (cols === 0 || rows === 0) return;
  // Big enough: one job on all threads, each taking columns of C through all three products (same numbers)
  if (reflectorOnThreads(rows, cols, b, 0) && blockReflectorThreaded(transposeT, rows, cols, b, 0, v, t, C)) return;
  const V = { data: v, offset: 0, ld: b };
  const w = new Float64Array(b * cols);
  const w2 = new Float64Array(b * cols);
  gemmStrided(true, false, b, cols, rows, 1, V, C, 0, { data: w, offset: 0, ld: cols }); // W = VᵀC
  gemmStrided(transposeT, false, b, cols, b, 1, { data: t, offset: 0, ld: b }, { data: w, offset: 0, ld: cols }, 0, {
    data: w2,
    offset: 0,
    ld: cols,
  }); // W ← T W (or Tᵀ W)
  gemmStrided(false, false, rows, cols, b, -1, V, { data: w2, offset: 0, ld: cols }, 1, C); // C ← C − V W
}

/**
 * C ← C (I − V T Vᵀ), or C (I − V Tᵀ Vᵀ) when `transposeT`, for the rows×cols block C (cols = the reflector's
 * rows): the same three products from the right, W = C V, W ← W T, C ← C − W Vᵀ.
 */
export function applyBlockReflectorRight(r: BlockReflector, transposeT: boolean, rowsC: number, C: { data: Float64Array; offset: number; ld: number }): void {
  const { v, t, rows, b } = r;
  if (rowsC === 0 || rows === 0) return;
  const V = { data: v, offset: 0, ld: b };
  const w = new Float64Array(rowsC * b);
  const w2 = new Float64Array(rowsC * b);
  gemmStrided(false, false, rowsC, b, rows, 1, C, V, 0, { data: w, offset: 0, ld: b }); // W = C V
  gemmStrided(false, transposeT, rowsC, b, b, 1, { data: w, offset: 0, ld: b }, { data: t, offset: 0, ld: b }, 0, {
    data: w2,
    offset: 0,
    ld: b,
  }); // W ← W T (or W Tᵀ)
  gemmStrided(false, true, rowsC, rows, b, -1, { data: w2, offset: 0, ld: b }, V, 1, C); // C ← C − W Vᵀ
}
