/**
 * The general matrix product on raw row-major Float64Arrays, the kernel under every `matmul`:
 *
 *   C ← α · op(A) · op(B) + β · C,   op(A) is m×k, op(B) is k×n, C is m×n,
 *
 * where op(A) = A (stored m×k) or Aᵀ (A stored k×m) when `transA`, and likewise for B.
 * Backprop needs AᵀB and ABᵀ as often as AB, so the transposes are read in place, never materialized.
 *
 * How it is made fast (the GotoBLAS / BLIS scheme, in plain TypeScript):
 * - Cache blocking: k is cut into slices of KC and n into slices of NC; each KC×NC block of op(B) is copied
 *   ("packed") into a contiguous buffer once, and op(A) is cut into blocks of MC rows, each packed once; the
 *   packed A block (MC×KC, 128 KB) stays in the L2 cache and one packed micro-panel of B (KC×NR, 8 KB) in L1.
 * - Packing reorders the numbers so that the innermost loop reads both buffers strictly sequentially:
 *   A in micro-panels of MR rows (MR numbers per step p), B in micro-panels of NR columns. Transposed operands
 *   only change how the packing reads them, which is why AᵀB and ABᵀ run at the speed of AB.
 * - Register blocking: the micro-kernel keeps an MR×NR = 4×4 tile of C in 16 local variables and updates it
 *   with the outer product of one column of the A panel and one row of the B panel per step:
 *   16 multiply-adds for 8 loads.
 * - The same micro-kernel in WebAssembly SIMD (gemm-kernel.wat, two doubles per instruction) runs the packed
 *   blocks when the JavaScript engine supports it (Node ≥ 16): 20 against 5 GFLOP/s at n = 512 (npm run bench).
 *   The TypeScript one stays as the readable reference and the fallback (`setGemmKernel("typescript")`).
 * Small products skip the packing and use plain loops.
 */
import { gemmKernelWasmBase64 } from "./gemmKernelWasm";
import { checkGemmArguments } from "./gemmArguments";

const MR = 4;
const NR = 4;
const KC = 256;
const MC = 64;
const NC = 2048; // columns of op(B) packed at once (KC×NC numbers = 4 MB at most)

// The TypeScript kernel's packing buffers (the WebAssembly kernel packs into its own memory).
const packedA = new Float64Array(MC * KC);
let packedB = new Float64Array(KC * NR);
const edgeTile = new Float64Array(MR * NR);

/** The WebAssembly kernel and views of its memory: packed A, packed B and the output block, at fixed offsets. */
interface WasmKernel {
  multiplyPackedBlock(kc: number, a: number, b: number, panelsA: number, panelsB: number, out: number): void;
  packedA: Float64Array;
  packedB: Float64Array;
  out: Float64Array;
}
const WASM_A = 0; // byte offsets in the kernel's memory (6.4 MB)
const WASM_B = WASM_A + MC * KC * 8;
const WASM_OUT = WASM_B + KC * NC * 8;

function loadWasmKernel(): WasmKernel | null {
  try {
    const bytes = Uint8Array.from(atob(gemmKernelWasmBase64), (ch) => ch.charCodeAt(0));
    if (!WebAssembly.validate(bytes)) return null; // no SIMD in this engine
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    const memory = instance.exports.memory as WebAssembly.Memory;
    return {
      multiplyPackedBlock: instance.exports.multiplyPackedBlock as WasmKernel["multiplyPackedBlock"],
      packedA: new Float64Array(memory.buffer, WASM_A, MC * KC),
      packedB: new Float64Array(memory.buffer, WASM_B, KC * NC),
      out: new Float64Array(memory.buffer, WASM_OUT, MC * NC),
    };
  } catch {
    return null;
  }
}

const wasmKernel = loadWasmKernel();
let useWasm = wasmKernel !== null;

/**
 * Chooses the micro-kernel of the packed products: "wasm" (WebAssembly SIMD, the default when available) or
 * "typescript" (micro4x4 below). Returns the kernel in use; for benchmarks and for reading the TypeScript one at work.
 */
export function setGemmKernel(kernel: "wasm" | "typescript"): "wasm" | "typescript" {
  if (kernel !== "wasm" && kernel !== "typescript") throw new TypeError(`kernel must be "wasm" or "typescript", got ${String(kernel)}`);
  useWasm = kernel === "wasm" && wasmKernel !== null;
  return useWasm ? "wasm" : "typescript";
}

/** The micro-kernel in use: "wasm" or "typescript". */
export function gemmKernel(): "wasm" | "typescript" {
  return useWasm ? "wasm" : "typescript";
}

/** C ← β·C (β = 0 overwrites, so NaNs in the old C do not leak). */
function scaleC(c: Float64Array, size: number, beta: number): void {
  if (beta === 1) return;
  if (beta === 0) c.fill(0, 0, size);
  else for (let i = 0; i < size; i++) c[i] *= beta;
}

/** Plain triple loop for small products: C += α op(A) op(B). */
function gemmSmall(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
): void {
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      // No skip of zero entries: 0·NaN must stay NaN, as in the packed path (results never depend on size).
      const aip = alpha * (transA ? a[p * m + i] : a[i * k + p]);
      if (transB) for (let j = 0; j < n; j++) c[ci + j] += aip * b[j * k + p];
      else {
        const bp = p * n;
        for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
      }
    }
  }
}

/**
 * Packs rows i0 … i0+mc−1, columns p0 … p0+kc−1 of op(A) into `out` as micro-panels of MR rows:
 * panel r holds, for p = 0 … kc−1, the MR numbers op(A)[i0 + r·MR + i, p0 + p] (zeros past the last row).
 */
function packA(out: Float64Array, transA: boolean, a: Float64Array, m: number, k: number, i0: number, mc: number, p0: number, kc: number): void {
  let o = 0;
  for (let r = 0; r < mc; r += MR) {
    const rows = Math.min(MR, mc - r);
    if (!transA) {
      // op(A) = A, stored m×k: row i starts at i·k.
      const base = (i0 + r) * k + p0;
      if (rows === MR) {
        const b1 = base + k;
        const b2 = b1 + k;
        const b3 = b2 + k;
        for (let p = 0; p < kc; p++) {
          out[o] = a[base + p];
          out[o + 1] = a[b1 + p];
          out[o + 2] = a[b2 + p];
          out[o + 3] = a[b3 + p];
          o += MR;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let i = 0; i < MR; i++) out[o + i] = i < rows ? a[base + i * k + p] : 0;
          o += MR;
        }
      }
    } else {
      // op(A) = Aᵀ, A stored k×m: op(A)[i, p] = a[p·m + i], MR consecutive numbers per p.
      for (let p = 0; p < kc; p++) {
        const src = (p0 + p) * m + i0 + r;
        for (let i = 0; i < MR; i++) out[o + i] = i < rows ? a[src + i] : 0;
        o += MR;
      }
    }
  }
}

/**
 * Packs rows p0 … p0+kc−1, columns j0 … j0+nc−1 of op(B) (n columns in all) into `out` as micro-panels
 * of NR columns: panel s holds, for p = 0 … kc−1, the NR numbers op(B)[p0 + p, j0 + s·NR + j] (zeros past
 * the last column).
 */
function packB(out: Float64Array, transB: boolean, b: Float64Array, n: number, k: number, p0: number, kc: number, j0: number, nc: number): void {
  let o = 0;
  for (let s = j0; s < j0 + nc; s += NR) {
    const cols = Math.min(NR, j0 + nc - s);
    if (!transB) {
      // op(B) = B, stored k×n.
      for (let p = 0; p < kc; p++) {
        const src = (p0 + p) * n + s;
        if (cols === NR) {
          out[o] = b[src];
          out[o + 1] = b[src + 1];
          out[o + 2] = b[src + 2];
          out[o + 3] = b[src + 3];
        } else for (let j = 0; j < NR; j++) out[o + j] = j < cols ? b[src + j] : 0;
        o += NR;
      }
    } else {
      // op(B) = Bᵀ, B stored n×k: op(B)[p, j] = b[j·k + p].
      const base = s * k + p0;
      if (cols === NR) {
        const b1 = base + k;
        const b2 = b1 + k;
        const b3 = b2 + k;
        for (let p = 0; p < kc; p++) {
          out[o] = b[base + p];
          out[o + 1] = b[b1 + p];
          out[o + 2] = b[b2 + p];
          out[o + 3] = b[b3 + p];
          o += NR;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let j = 0; j < NR; j++) out[o + j] = j < cols ? b[base + j * k + p] : 0;
          o += NR;
        }
      }
    }
  }
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

/**
 * C ← α · op(A) · op(B) + β · C on row-major arrays (op(A) m×k, op(B) k×n, C m×n; A stored k×m when
 * `transA`, B stored n×k when `transB`). With β = 0 the old contents of C are ignored.
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  b: Float64Array,
  beta: number,
  c: Float64Array,
): void {
  checkGemmArguments(transA, transB, m, n, k, alpha, a, b, beta, c);
  scaleC(c, m * n, beta);
  if (m === 0 || n === 0 || k === 0 || alpha === 0) return;
  if (m < MR || n < NR || m * n * k < 16384) {
    gemmSmall(transA, transB, m, n, k, alpha, a, b, c);
    return;
  }
  const nPadded = Math.ceil(Math.min(n, NC) / NR) * NR;
  const wasm = useWasm ? wasmKernel : null;
  if (!wasm && packedB.length < KC * nPadded) packedB = new Float64Array(KC * nPadded);
  // The WebAssembly kernel reads the packed panels from its own memory: pack straight into it.
  const bufA = wasm ? wasm.packedA : packedA;
  const bufB = wasm ? wasm.packedB : packedB;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      packB(bufB, transB, b, n, k, p0, kc, j0, nc);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        packA(bufA, transA, a, m, k, i0, mc, p0, kc);
        if (wasm) multiplyBlockWasm(wasm, c, n, i0, mc, j0, nc, kc, alpha);
        else multiplyBlock(packedA, packedB, c, n, i0, mc, j0, nc, kc, alpha);
      }
    }
  }
}

/** The packed block product in WebAssembly into its output block, then C[i0…, j0…] += α · (that block). */
function multiplyBlockWasm(
  wasm: WasmKernel,
  c: Float64Array,
  n: number,
  i0: number,
  mc: number,
  j0: number,
  nc: number,
  kc: number,
  alpha: number,
): void {
  const panelsA = Math.ceil(mc / MR);
  const panelsB = Math.ceil(nc / NR);
  wasm.multiplyPackedBlock(kc, WASM_A, WASM_B, panelsA, panelsB, WASM_OUT);
  const out = wasm.out;
  const ld = panelsB * NR;
  for (let r = 0; r < mc; r++) {
    const cr = (i0 + r) * n + j0;
    const or = r * ld;
    for (let s = 0; s < nc; s++) c[cr + s] += alpha * out[or + s];
  }
}

/** C[i0 … i0+mc−1, j0 … j0+nc−1] += α · (packed A block)(packed B block), one 4×4 micro-tile at a time. */
function multiplyBlock(
  ap: Float64Array,
  bp: Float64Array,
  c: Float64Array,
  n: number,
  i0: number,
  mc: number,
  j0: number,
  nc: number,
  kc: number,
  alpha: number,
): void {
  for (let jj = 0; jj < nc; jj += NR) {
    const j = j0 + jj;
    const cols = Math.min(NR, j0 + nc - j);
    const bi = jj * kc; // B panel jj/NR starts at (jj/NR)·kc·NR
    for (let i = 0; i < mc; i += MR) {
      const rows = Math.min(MR, mc - i);
      const ai = i * kc; // A panel i/MR starts at (i/MR)·kc·MR
      if (rows === MR && cols === NR) {
        micro4x4(kc, ap, ai, bp, bi, c, (i0 + i) * n + j, n, alpha);
      } else {
        // Edge tile: compute the full 4×4 into a scratch tile, then add the part that exists.
        edgeTile.fill(0);
        micro4x4(kc, ap, ai, bp, bi, edgeTile, 0, NR, alpha);
        for (let r = 0; r < rows; r++) {
          const cr = (i0 + i + r) * n + j;
          for (let s = 0; s < cols; s++) c[cr + s] += edgeTile[r * NR + s];
        }
      }
    }
  }
}
