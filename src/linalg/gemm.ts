/**
 * The general matrix product on raw row-major Float64Arrays, the kernel under every `matmul`:
 *
 *   C ← α · op(A) · op(B) + β · C,   op(A) is m×k, op(B) is k×n, C is m×n,
 *
 * where op(A) = A (stored m×k) or Aᵀ (A stored k×m) when `transA`, and likewise for B.
 * Backprop needs AᵀB and ABᵀ as often as AB, so the transposes are read in place, never materialized.
 *
 * Small products use plain loops; the others the packed, cache-blocked product of gemmPacked.ts, whose
 * micro-kernel runs in WebAssembly SIMD (gemm-kernel.wat, two doubles per instruction) when the JavaScript
 * engine supports it (Node ≥ 16): about 25 against 5 GFLOP/s at n = 512 (npm run bench). The TypeScript
 * micro-kernel stays as the readable reference and the fallback (`setGemmKernel("typescript")`).
 * Big products run on several threads (gemmThreads.ts; `setGemmThreads`), with the same results.
 * `gemmStrided` is the same product on blocks of bigger arrays (leading dimensions), for the blocked
 * decompositions.
 */
import { gemmKernelWasmBase64 } from "./gemmKernelWasm";
import { checkGemmArguments } from "./gemmArguments";
import { gemmThreaded } from "./gemmThreads";
import { BlockKernel, gemmPacked, KC, MC, MR, MultiplyPackedBlock, NC, NR, Strided, typescriptKernel } from "./gemmPacked";

export type { Strided } from "./gemmPacked";

const WASM_A = 0; // byte offsets in the WebAssembly kernel's memory (6.4 MB): packed A, packed B, output block
const WASM_B = WASM_A + MC * KC * 8;
const WASM_OUT = WASM_B + KC * NC * 8;

/**
 * The WebAssembly block kernel: gemmPacked packs straight into the module's memory, and `multiplyPackedBlock`
 * adds α × the product of the packed blocks into the output block there.
 */
function loadWasmKernel(): BlockKernel | null {
  try {
    const bytes = Uint8Array.from(atob(gemmKernelWasmBase64), (ch) => ch.charCodeAt(0));
    if (!WebAssembly.validate(bytes)) return null; // no SIMD in this engine
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    const memory = instance.exports.memory as WebAssembly.Memory;
    const multiplyPackedBlock = instance.exports.multiplyPackedBlock as MultiplyPackedBlock;
    const heap = new Float64Array(memory.buffer);
    return {
      heap,
      packedA: heap.subarray(WASM_A / 8, WASM_A / 8 + MC * KC),
      packedB: heap.subarray(WASM_B / 8, WASM_B / 8 + KC * NC),
      outStart: WASM_OUT / 8,
      multiply(kc, mc, nc, alpha, bStart, outStart, ldOut) {
        multiplyPackedBlock(kc, WASM_A, WASM_B + 8 * bStart, Math.ceil(mc / MR), Math.ceil(nc / NR), 8 * outStart, 8 * ldOut, alpha);
      },
    };
  } catch {
    return null;
  }
}

const wasmKernel = loadWasmKernel();
let tsKernel: BlockKernel | null = null; // made on first use (its packing buffers take 4 MB)
let useWasm = wasmKernel !== null;

/**
 * Chooses the micro-kernel of the packed products: "wasm" (WebAssembly SIMD, the default when available) or
 * "typescript" (gemmPacked.ts). Returns the kernel in use; for benchmarks and for reading the TypeScript one at work.
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

/** The block kernel of this thread. */
export function blockKernel(): BlockKernel {
  if (useWasm && wasmKernel) return wasmKernel;
  return (tsKernel ??= typescriptKernel());
}

/** C ← β·C on the m×n block (β = 0 overwrites, so NaNs in the old C do not leak). */
function scaleC(C: Strided, m: number, n: number, beta: number): void {
  if (beta === 1) return;
  const { data: c, offset, ld } = C;
  for (let i = 0; i < m; i++) {
    const row = offset + i * ld;
    if (beta === 0) c.fill(0, row, row + n);
    else for (let j = 0; j < n; j++) c[row + j] *= beta;
  }
}

/** Plain triple loop for small products: C += α op(A) op(B). */
function gemmSmall(transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number, A: Strided, B: Strided, C: Strided): void {
  const { data: a, offset: ao, ld: lda } = A;
  const { data: b, offset: bo, ld: ldb } = B;
  const { data: c, offset: co, ld: ldc } = C;
  for (let i = 0; i < m; i++) {
    const ci = co + i * ldc;
    for (let p = 0; p < k; p++) {
      const aip = alpha * (transA ? a[ao + p * lda + i] : a[ao + i * lda + p]);
      if (transB) for (let j = 0; j < n; j++) c[ci + j] += aip * b[bo + j * ldb + p];
      else {
        const bp = bo + p * ldb;
        for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
      }
    }
  }
}

/**
 * Whether an m×n×k product runs packed (gemmPacked.ts, in WebAssembly when `gemmKernel()` is "wasm"), the same
 * on one thread or several; smaller ones run the plain loops of gemmSmall, whose sums round differently.
 */
export function packedProduct(m: number, n: number, k: number): boolean {
  return m >= MR && n >= NR && m * n * k >= 16384;
}

/**
 * C ← α · op(A) · op(B) + β · C on blocks of row-major arrays: op(A)[i, p] is A.data[A.offset + i·A.ld + p]
 * (or A.data[A.offset + p·A.ld + i] when `transA`), likewise for B, and C[i, j] is C.data[C.offset + i·C.ld + j].
 * With β = 0 the old contents of C are ignored.
 */
export function gemmStrided(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  A: Strided,
  B: Strided,
  beta: number,
  C: Strided,
): void {
  scaleC(C, m, n, beta);
  if (m === 0 || n === 0 || k === 0 || alpha === 0) return;
  if (!packedProduct(m, n, k)) gemmSmall(transA, transB, m, n, k, alpha, A, B, C);
  else if (!(useWasm && gemmThreaded(transA, transB, m, n, k, alpha, A, B, C, beta === 0))) {
    gemmPacked(blockKernel(), transA, transB, m, n, k, alpha, A, B, C);
  }
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
  const A = { data: a, offset: 0, ld: transA ? m : k };
  const B = { data: b, offset: 0, ld: transB ? k : n };
  gemmStrided(transA, transB, m, n, k, alpha, A, B, beta, { data: c, offset: 0, ld: n });
}
