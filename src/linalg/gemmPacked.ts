/**
 * The packed, cache-blocked matrix product (the GotoBLAS / BLIS scheme) on strided row-major storage:
 *
 *   C ← C + α · op(A) · op(B),   op(A) is m×k, op(B) is k×n, C is m×n,
 *
 * where every operand is a block of a bigger row-major array: entry (i, j) of C is c[cOff + i·ldc + j]
 * ("leading dimension" ldc ≥ n), and likewise for A (lda) and B (ldb), read transposed in place when asked.
 * The blocked decompositions update sub-blocks of a matrix in place this way, without copies.
 *
 * - Cache blocking: k is cut into slices of KC and n into slices of NC; each KC×NC block of op(B) is copied
 *   ("packed") into a contiguous buffer once, and op(A) is cut into blocks of MC rows, each packed once; the
 *   packed A block (MC×KC, 128 KB) stays in the L2 cache and one packed micro-panel of B (KC×NR, 8 KB) in L1.
 *   When n is small, the buffer of KC×NC numbers holds several KC-slices of op(B), so that a block of C is
 *   updated by all of them (all of k, in the MLP's products) between one copy in and one copy out.
 * - Packing reorders the numbers so that the innermost loop reads both buffers strictly sequentially:
 *   A in micro-panels of MR rows (MR numbers per step p), B in micro-panels of NR columns. Transposed operands
 *   only change how the packing reads them, which is why AᵀB and ABᵀ run at the speed of AB.
 * - Register blocking: the micro-kernel keeps an MR×NR = 4×4 tile of C in 16 local variables and updates it
 *   with the outer product of one column of the A panel and one row of the B panel per step.
 *
 * This file has no state: the packing buffers and the micro-kernel come in a `BlockKernel` (TypeScript below,
 * or WebAssembly SIMD in gemm.ts), so that worker threads can run the same code on their own buffers.
 */

export const MR = 4;
export const NR = 4;
export const KC = 256;
export const MC = 64;
export const NC = 2048; // columns of op(B) packed at once (the packed buffer holds KC×NC numbers = 4 MB)

/** A block of a row-major array: entry (i, j) is data[offset + i·ld + j]. */
export interface Strided {
  data: Float64Array;
  offset: number;
  ld: number;
}

/**
 * The memory of one thread's block products: the packing buffers and the output block are parts of one
 * Float64Array `heap` (for the WebAssembly kernels, the module's memory), and `multiply` addresses them by index.
 */
export interface BlockKernel {
  /** The whole memory; a C that lives in it (with room for whole MR×NR tiles) is updated in place. */
  heap: Float64Array;
  /** MC·KC numbers of heap: one packed block of op(A). */
  packedA: Float64Array;
  /** KC·NC numbers of heap: packed slices of op(B), one after another. */
  packedB: Float64Array;
  /** Index in heap of the output block (MC·NC numbers), where a block of a C outside heap is accumulated. */
  outStart: number;
  /**
   * out[i·ldOut + j] += α · Σ_{p<kc} op(A)[i, p] op(B)[p, j] for the whole tiles covering i < mc, j < nc, where
   * out is heap from index `outStart`, op(A) is packedA and op(B) is packedB from index `bStart`.
   */
  multiply(kc: number, mc: number, nc: number, alpha: number, bStart: number, outStart: number, ldOut: number): void;
}

/** The WebAssembly kernel (gemm-kernel.wat): out ← out + α · (packed A)(packed B), at byte addresses of its memory. */
export type MultiplyPackedBlock = (kc: number, a: number, b: number, panelsA: number, panelsB: number, out: number, rowBytes: number, alpha: number) => void;

/** n rounded up to a multiple of r. */
export function roundUp(n: number, r: number): number {
  return Math.ceil(n / r) * r;
}

/**
 * Packs rows i0 … i0+mc−1, columns p0 … p0+kc−1 of op(A) into `out` as micro-panels of MR rows:
 * panel r holds, for p = 0 … kc−1, the MR numbers op(A)[i0 + r·MR + i, p0 + p] (zeros past the last row).
 * op(A)[i, p] is a[off + i·ld + p], or a[off + p·ld + i] when `trans`.
 */
export function packA(out: Float64Array, trans: boolean, A: Strided, i0: number, mc: number, p0: number, kc: number): void {
  const { data: a, offset, ld } = A;
  let o = 0;
  for (let r = 0; r < mc; r += MR) {
    const rows = Math.min(MR, mc - r);
    if (!trans) {
      const base = offset + (i0 + r) * ld + p0;
      if (rows === MR) {
        const b1 = base + ld;
        const b2 = b1 + ld;
        const b3 = b2 + ld;
        for (let p = 0; p < kc; p++) {
          out[o] = a[base + p];
          out[o + 1] = a[b1 + p];
          out[o + 2] = a[b2 + p];
          out[o + 3] = a[b3 + p];
          o += MR;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let i = 0; i < MR; i++) out[o + i] = i < rows ? a[base + i * ld + p] : 0;
          o += MR;
        }
      }
    } else if (rows === MR) {
      for (let p = 0; p < kc; p++) {
        const src = offset + (p0 + p) * ld + i0 + r;
        out[o] = a[src];
        out[o + 1] = a[src + 1];
        out[o + 2] = a[src + 2];
        out[o + 3] = a[src + 3];
        o += MR;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const src = offset + (p0 + p) * ld + i0 + r;
        for (let i = 0; i < MR; i++) out[o + i] = i < rows ? a[src + i] : 0;
        o += MR;
      }
    }
  }
}

/**
 * Packs rows p0 … p0+kc−1, columns j0 … j0+nc−1 of op(B) into `out` from index `start` as micro-panels of NR columns:
 * panel s holds, for p = 0 … kc−1, the NR numbers op(B)[p0 + p, j0 + s·NR + j] (zeros past the last column).
 * op(B)[p, j] is b[off + p·ld + j], or b[off + j·ld + p] when `trans`.
 */
export function packB(out: Float64Array, start: number, trans: boolean, B: Strided, p0: number, kc: number, j0: number, nc: number): void {
  const { data: b, offset, ld } = B;
  let o = start;
  for (let s = j0; s < j0 + nc; s += NR) {
    const cols = Math.min(NR, j0 + nc - s);
    if (!trans) {
      for (let p = 0; p < kc; p++) {
        const src = offset + (p0 + p) * ld + s;
        if (cols === NR) {
          out[o] = b[src];
          out[o + 1] = b[src + 1];
          out[o + 2] = b[src + 2];
          out[o + 3] = b[src + 3];
        } else for (let j = 0; j < NR; j++) out[o + j] = j < cols ? b[src + j] : 0;
        o += NR;
      }
    } else {
      const base = offset + s * ld + p0;
      if (cols === NR) {
        const b1 = base + ld;
        const b2 = b1 + ld;
        const b3 = b2 + ld;
        for (let p = 0; p < kc; p++) {
          out[o] = b[base + p];
          out[o + 1] = b[b1 + p];
          out[o + 2] = b[b2 + p];
          out[o + 3] = b[b3 + p];
          o += NR;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let j = 0; j < NR; j++) out[o + j] = j < cols ? b[base + j * ld + p] : 0;
          o += NR;
        }
      }
    }
  }
}

/**
 * The blocked product C += α · op(A) · op(B) through `kernel`. Only the row blocks of MC rows whose index is
 * `first`, `first + step`, … are computed: thread t of T passes (t, T) when a product is cut by rows
 * (gemmShared.ts). Every entry of C gets the same operations in the same order whoever computes it, so the
 * result does not depend on the number of threads.
 *
 * Loop order: columns of C in slices of NC; for each, as many KC-slices of op(B) as the packed buffer holds
 * (all of k when nc·k ≤ KC·NC) are packed once; then every row block of C is copied into the output block,
 * updated by all those slices (C ← C + α·A₁B₁, then + α·A₂B₂, …, in the order of k), and copied back. A C that
 * lives in the kernel's memory (the threads' shared copy) is updated in place instead; it must then have room
 * for whole MR×NR tiles past its last row and column (the kernel writes whole tiles).
 */
export function gemmPacked(
  kernel: BlockKernel,
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  A: Strided,
  B: Strided,
  C: Strided,
  first = 0,
  step = 1,
): void {
  const { heap, outStart } = kernel;
  const inPlace = C.data === heap;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    const ncPadded = roundUp(nc, NR); // the row length of a packed slice of op(B) and of the output block
    const sliceRows = Math.max(1, Math.floor(NC / ncPadded)) * KC; // rows of op(B) packed at once
    for (let q0 = 0; q0 < k; q0 += sliceRows) {
      const q1 = Math.min(k, q0 + sliceRows);
      for (let p0 = q0; p0 < q1; p0 += KC) packB(kernel.packedB, (p0 - q0) * ncPadded, transB, B, p0, Math.min(KC, q1 - p0), j0, nc);
      for (let i0 = first * MC; i0 < m; i0 += step * MC) {
        const mc = Math.min(MC, m - i0);
        const cStart = C.offset + i0 * C.ld + j0;
        if (!inPlace) copyBlock(mc, nc, C.data, cStart, C.ld, heap, outStart, ncPadded);
        for (let p0 = q0; p0 < q1; p0 += KC) {
          const kc = Math.min(KC, q1 - p0);
          packA(kernel.packedA, transA, A, i0, mc, p0, kc);
          if (inPlace) kernel.multiply(kc, mc, nc, alpha, (p0 - q0) * ncPadded, cStart, C.ld);
          else kernel.multiply(kc, mc, nc, alpha, (p0 - q0) * ncPadded, outStart, ncPadded);
        }
        if (!inPlace) copyBlock(mc, nc, heap, outStart, ncPadded, C.data, cStart, C.ld);
      }
    }
  }
}

/** to[toStart + i·toLd + j] = from[fromStart + i·fromLd + j] for i < rows, j < cols (one copy when both are contiguous). */
export function copyBlock(rows: number, cols: number, from: Float64Array, fromStart: number, fromLd: number, to: Float64Array, toStart: number, toLd: number): void {
  if (fromLd === cols && toLd === cols) {
    to.set(from.subarray(fromStart, fromStart + rows * cols), toStart);
    return;
  }
  for (let i = 0; i < rows; i++) {
    const f = fromStart + i * fromLd;
    const t = toStart + i * toLd;
    // A long row is copied by the engine (memcpy, several times faster than a loop); a short one by a loop.
    if (cols >= 64) to.set(from.subarray(f, f + cols), t);
    else for (let j = 0; j < cols; j++) to[t + j] = from[f + j];
  }
}

/** The TypeScript block kernel: the readable reference, and the fallback without WebAssembly SIMD. */
export function typescriptKernel(): BlockKernel {
  const bStart = MC * KC;
  const outStart = bStart + KC * NC;
  const heap = new Float64Array(outStart + MC * NC);
  return {
    heap,
    packedA: heap.subarray(0, bStart),
    packedB: heap.subarray(bStart, outStart),
    outStart,
    multiply(kc, mc, nc, alpha, bFrom, out, ldOut) {
      for (let jj = 0; jj < nc; jj += NR) {
        const bi = bStart + bFrom + jj * kc; // B panel jj/NR starts at (jj/NR)·kc·NR
        for (let i = 0; i < mc; i += MR) {
          micro4x4(kc, heap, i * kc, heap, bi, heap, out + i * ldOut + jj, ldOut, alpha); // A panel i/MR at (i/MR)·kc·MR
        }
      }
    },
  };
}

/**
 * The micro-kernel: C[co … co+3 rows (stride ldc), 4 columns] += α · Σ_p a_p b_pᵀ, where a_p (4 numbers) and
 * b_p (4 numbers) are read sequentially from the packed panels. The 4×4 sum lives in 16 local variables.
 */
function micro4x4(
  kc: number,
  ap: Float64Array,
  ai: number,
  bp: Float64Array,
  bi: number,
  c: Float64Array,
  co: number,
  ldc: number,
  alpha: number,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < kc; p++) {
    const a0 = ap[ai], a1 = ap[ai + 1], a2 = ap[ai + 2], a3 = ap[ai + 3];
    const b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    ai += MR;
    bi += NR;
  }
  let r = co;
  c[r] += alpha * c00; c[r + 1] += alpha * c01; c[r + 2] += alpha * c02; c[r + 3] += alpha * c03;
  r += ldc;
  c[r] += alpha * c10; c[r + 1] += alpha * c11; c[r + 2] += alpha * c12; c[r + 3] += alpha * c13;
  r += ldc;
  c[r] += alpha * c20; c[r + 1] += alpha * c21; c[r + 2] += alpha * c22; c[r + 3] += alpha * c23;
  r += ldc;
  c[r] += alpha * c30; c[r + 1] += alpha * c31; c[r + 2] += alpha * c32; c[r + 3] += alpha * c33;
}
