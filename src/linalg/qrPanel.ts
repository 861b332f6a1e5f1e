/**
 * The recursive panel factorisation of the blocked QR (Elmroth & Gustavson; LAPACK's dgeqrt3), which does
 * most of a panel's work in the fast matrix product too.
 *
 * The panel P is rows×w (w = the block width). Its QR is H₀ H₁ ⋯ H_{w−1} R with H_j = I − τ_j v_j v_jᵀ, and
 * the product of the reflections in compact WY form is
 *
 *   H₀ ⋯ H_{w−1} = I − V T Vᵀ,   V = [v₀ … v_{w−1}] unit lower trapezoidal, T upper triangular.
 *
 * Split the columns in a left part (w₁ columns) and a right part (w₂ = w − w₁):
 *   1. factor the left part (recursively): I − V₁ T₁ V₁ᵀ;
 *   2. apply its transpose to the right part: P₂ ← (I − V₁ T₁ᵀ V₁ᵀ) P₂ (three matrix products);
 *   3. factor the lower rows of the right part (recursively): I − V₂ T₂ V₂ᵀ;
 *   4. join the two: (I − V₁T₁V₁ᵀ)(I − V₂T₂V₂ᵀ) = I − [V₁ V₂] T [V₁ V₂]ᵀ with
 *
 *        T = ⎡ T₁   −T₁ (V₁ᵀV₂) T₂ ⎤
 *            ⎣ 0          T₂       ⎦.
 *
 * Narrow parts (≤ LEAF columns) are factored one reflection at a time (`householderQRStrided`, whose row
 * updates run in WebAssembly SIMD when the panel lives in the kernel's memory), and their T is built column by
 * column (LAPACK's dlarft): T_jj = τ_j, T[0:j, j] = −τ_j T[0:j, 0:j] V[:, 0:j]ᵀ v_j.
 * The result is that of the unblocked factorisation up to rounding.
 */
import { gemmStrided } from "./gemm";
import { makeHouseholder } from "./householder";
import { MatvecWorkspace } from "./matvec";

/** Panels at most this wide are factored one reflection at a time. */
const LEAF = 48;

/** A block of a row-major array: entry (i, j) is data[offset + i·ld + j]. */
interface Block {
  data: Float64Array;
  offset: number;
  ld: number;
}

/**
 * Factors the contiguous row-major rows×w panel `p` in place (R on and above the diagonal, the v_j below it, as
 * `householderQR` does), writes τ_j to tau[tau0 + j], the explicit V (ones on the diagonal, zeros above) to
 * `v` (rows×w) and T (w×w, zeros below the diagonal) to `t`. Needs rows ≥ w. With a `kernel`, `p` must be
 * its memory (the panel at position 0) and the row updates run in WebAssembly.
 */
export function factorPanel(
  p: Float64Array,
  rows: number,
  w: number,
  tau: Float64Array,
  tau0: number,
  v: Float64Array,
  t: Float64Array,
  kernel: RowKernel | null = null,
): void {
  v.fill(0, 0, rows * w);
  t.fill(0, 0, w * w);
  const half = Math.ceil(w / 2);
  const work = new Float64Array(2 * half * (w - half)); // W and T·W of step 2 (and of step 4)
  factorColumns(p, rows, w, 0, w, tau, tau0, v, t, work, kernel);
}

/** Factors columns c0 … c0+cw−1 of the panel, rows c0 … rows−1 (the rows above were finished by the left parts). */
function factorColumns(
  p: Float64Array,
  rows: number,
  w: number,
  c0: number,
  cw: number,
  tau: Float64Array,
  tau0: number,
  v: Float64Array,
  t: Float64Array,
  work: Float64Array,
  kernel: RowKernel | null,
): void {
  const h = rows - c0; // rows of this part
  if (cw <= LEAF) {
    householderQRStrided(p, c0 * w + c0, w, h, cw, tau, tau0 + c0, kernel);
    // V's columns c0 … c0+cw−1: zeros above the diagonal (already), 1 on it, the v_j below it.
    for (let i = c0; i < rows; i++) {
      const row = i * w;
      const last = Math.min(cw, i - c0); // columns c0 … c0+last−1 have row i below their diagonal
      for (let j = 0; j < last; j++) v[row + c0 + j] = p[row + c0 + j];
      if (i - c0 < cw) v[row + i] = 1;
    }
    leafT(v, w, rows, c0, cw, tau, tau0, t);
    return;
  }
  const w1 = Math.ceil(cw / 2);
  const w2 = cw - w1;
  const c1 = c0 + w1;
  // 1. the left part
  factorColumns(p, rows, w, c0, w1, tau, tau0, v, t, work, kernel);
  // 2. P₂ ← (I − V₁ T₁ᵀ V₁ᵀ) P₂ = P₂ − V₁ (T₁ᵀ (V₁ᵀ P₂)), P₂ = rows c0…, columns c1 … c0+cw−1
  const V1: Block = { data: v, offset: c0 * w + c0, ld: w };
  const T1: Block = { data: t, offset: c0 * w + c0, ld: w };
  const P2: Block = { data: p, offset: c0 * w + c1, ld: w };
  const W: Block = { data: work, offset: 0, ld: w2 };
  const TW: Block = { data: work, offset: w1 * w2, ld: w2 };
  gemmStrided(true, false, w1, w2, h, 1, V1, P2, 0, W); // W = V₁ᵀ P₂
  gemmStrided(true, false, w1, w2, w1, 1, T1, W, 0, TW); // T₁ᵀ W
  gemmStrided(false, false, h, w2, w1, -1, V1, TW, 1, P2); // P₂ ← P₂ − V₁ T₁ᵀ W
  // 3. the right part
  factorColumns(p, rows, w, c1, w2, tau, tau0, v, t, work, kernel);
  // 4. T₁₂ = −T₁ (V₁ᵀ V₂) T₂; V₂ is zero above row c1, so V₁ᵀV₂ sums over rows c1 … rows−1 only.
  const V1low: Block = { data: v, offset: c1 * w + c0, ld: w };
  const V2: Block = { data: v, offset: c1 * w + c1, ld: w };
  const T2: Block = { data: t, offset: c1 * w + c1, ld: w };
  gemmStrided(true, false, w1, w2, rows - c1, 1, V1low, V2, 0, W); // X = V₁ᵀ V₂
  gemmStrided(false, false, w1, w2, w1, 1, T1, W, 0, TW); // T₁ X
  gemmStrided(false, false, w1, w2, w2, -1, TW, T2, 0, { data: t, offset: c0 * w + c1, ld: w }); // T₁₂ = −T₁ X T₂
}

/**
 * T of the reflectors in columns c0 … c0+cw−1 of V (rows×w, row-major), column by column (dlarft) from the
 * Gram matrix G = VᵀV of those columns: T_jj = τ_j, T[i, j] = −τ_j Σ_{i ≤ l < j} T[i, l] G[l, j] (indices
 * relative to c0).
 */
function leafT(v: Float64Array, w: number, rows: number, c0: number, cw: number, tau: Float64Array, tau0: number, t: Float64Array): void {
  const g = new Float64Array(cw * cw);
  const V: Block = { data: v, offset: c0 * w + c0, ld: w };
  gemmStrided(true, false, cw, cw, rows - c0, 1, V, V, 0, { data: g, offset: 0, ld: cw });
  for (let j = 0; j < cw; j++) {
    const tj = tau[tau0 + c0 + j];
    t[(c0 + j) * w + c0 + j] = tj;
    for (let i = 0; i < j; i++) {
      let s = 0;
      for (let l = i; l < j; l++) s += t[(c0 + i) * w + c0 + l] * g[l * cw + j];
      t[(c0 + i) * w + c0 + j] = -tj * s;
    }
  }
}

/**
 * `householderQR` on the m×n block of a bigger row-major array whose entry (i, j) is a[off + i·ld + j]; the τ_j
 * go to tau[tau0 + j]. `householderQR` (qr.ts) calls it on a whole matrix, `factorPanel` on narrow column blocks.
 * One pass per step: while updating the rows, the pass also accumulates y = B′ᵀx′ for the next column x′, and
 * the next z follows from it without another pass, since u′ = (x′ − β e₁)/(x′₀ − β).
 */
export function householderQRStrided(
  a: Float64Array,
  off: number,
  ld: number,
  m: number,
  n: number,
  tau: Float64Array,
  tau0: number,
  kernel: RowKernel | null = null,
): void {
  const k = Math.min(m, n);
  // z, y and the next y: in the kernel's memory when the row updates run in WebAssembly (z with room after it)
  const zAt = kernel ? kernel.scratch : 0;
  let yAt = zAt + 2 * n + 1;
  let yNextAt = yAt + n;
  const memory = kernel ? kernel.ws.heap : new Float64Array(4 * n + 1);
  const z = memory.subarray(zAt, zAt + n);
  let y = memory.subarray(yAt, yAt + n); // y = Bᵀx, indexed by column − (j + 1)
  let yNext = memory.subarray(yNextAt, yNextAt + n);
  y.fill(0);
  if (k > 0 && n > 1) {
    for (let i = 0; i < m; i++) {
      const xi = a[off + i * ld];
      if (xi === 0) continue;
      const row = off + i * ld + 1;
      for (let c = 0; c < n - 1; c++) y[c] += xi * a[row + c];
    }
  }
  for (let j = 0; j < k; j++) {
    const c0 = j + 1;
    const w = n - c0;
    const d = off + j * ld + j; // the diagonal entry (j, j)
    const x0 = a[d];
    const t = makeHouseholder(a, d, ld, m - j);
    tau[tau0 + j] = t;
    if (w === 0) break;
    const beta = a[d];
    if (t === 0) z.fill(0, 0, w);
    else {
      const f = t / (x0 - beta);
      for (let c = 0; c < w; c++) z[c] = f * (y[c] - beta * a[d + 1 + c]);
    }
    for (let c = 0; c < w; c++) a[d + 1 + c] -= z[c];
    yNext.fill(0, 0, w);
    if (kernel) kernel.ws.reflectRows(off + (j + 1) * ld + j, ld, m - j - 1, w, zAt, yNextAt);
    else updateRows(a, off, ld, m, j, w, z, yNext);
    [y, yNext] = [yNext, y];
    [yAt, yNextAt] = [yNextAt, yAt];
  }
}

/**
 * The rows below step j's diagonal, with u_i their entry in column j: x_i ← x_i − u_i z₀ for their entry in
 * column j + 1, and for c = 1 … w−1 a_ic ← a_ic − u_i z_c and y_{c−1} += x_i a_ic (y = B′ᵀx′ for the next step).
 */
function updateRows(a: Float64Array, off: number, ld: number, m: number, j: number, w: number, z: Float64Array, yNext: Float64Array): void {
  const c0 = j + 1;
  // Rows four at a time: each load of z_c and yNext_c serves all four.
  let i = j + 1;
  for (; i + 3 < m; i += 4) {
    const rowA = off + i * ld + c0;
    const rowB = rowA + ld;
    const rowC = rowB + ld;
    const rowD = rowC + ld;
    const ua = a[rowA - 1];
    const ub = a[rowB - 1];
    const uc = a[rowC - 1];
    const ud = a[rowD - 1];
    const z0 = z[0];
    const xa = a[rowA] - ua * z0;
    const xb = a[rowB] - ub * z0;
    const xc = a[rowC] - uc * z0;
    const xd = a[rowD] - ud * z0;
    a[rowA] = xa;
    a[rowB] = xb;
    a[rowC] = xc;
    a[rowD] = xd;
    for (let c = 1; c < w; c++) {
      const zc = z[c];
      const ta = a[rowA + c] - ua * zc;
      const tb = a[rowB + c] - ub * zc;
      const tc = a[rowC + c] - uc * zc;
      const td = a[rowD + c] - ud * zc;
      a[rowA + c] = ta;
      a[rowB + c] = tb;
      a[rowC + c] = tc;
      a[rowD + c] = td;
      yNext[c - 1] += xa * ta + xb * tb + (xc * tc + xd * td);
    }
  }
  for (; i < m; i++) {
    const row = off + i * ld + c0;
    const ui = a[row - 1];
    const xi = a[row] - ui * z[0];
    a[row] = xi;
    for (let c = 1; c < w; c++) {
      const x = a[row + c] - ui * z[c];
      a[row + c] = x;
      yNext[c - 1] += xi * x;
    }
  }
}

/** The WebAssembly row update (matvec-kernel.wat) and where in its memory z and the y vectors may go (4n + 1 numbers). */
export interface RowKernel {
  ws: MatvecWorkspace;
  scratch: number;
}
