/**
 * What the main thread and the gemm worker threads share: one WebAssembly memory over a SharedArrayBuffer,
 * laid out as
 *
 *   [ control block (4 KB) | scratch of slot 0 | scratch of slot 1 | … | A | B | C ]
 *
 * - control block (Int32 words): the job number, the job's parameters, the last job whose operands are in
 *   place, and per worker its slot in the job (−1 = not taking part), the last job it has seen ("done") and
 *   whether it has started ("ready");
 * - scratch of slot s: the packing buffers and output block of the thread computing share s (gemmPacked.ts);
 * - A, B, C: copies of the operands of the product being computed; C with its rows and columns rounded up to
 *   whole MR×NR tiles, so that the kernel updates it in place.
 * Both sides run `runShare` on this memory; the WebAssembly kernel is compiled for a shared memory.
 */
import { gemmKernelSharedWasmBase64 } from "./gemmKernelWasm";
import { BlockKernel, gemmPacked, KC, MC, MR, MultiplyPackedBlock, NC, NR } from "./gemmPacked";

/** Most threads (slots) the layout has room for. */
export const MAX_THREADS = 64;
/** Bytes per page of WebAssembly memory, and the most pages the shared kernel accepts (1 GiB). */
export const PAGE = 65536;
export const MAX_PAGES = 16384;

// Control block: Int32 word indices.
export const JOB = 0; // the job number, incremented (atomically) to start a job
export const PARAMS = 1; // transA, transB, m, n, k, A offset, lda, B offset, ldb, C offset, ldc, shares (12 words)
export const ALPHA_BYTE = 64; // α as a float64
export const SLOT = 32; // SLOT + w: the share of worker w in the current job, −1 when it sits out
export const DONE = SLOT + MAX_THREADS; // DONE + w: the last job worker w has seen (finished, if it took part)
export const READY = DONE + MAX_THREADS; // READY + w: 1 once worker w waits for jobs
export const OPERANDS = READY + MAX_THREADS; // the last job whose operands A, B, C are in place
export const CONTROL_BYTES = 4096;

/**
 * Milliseconds a thread polls (busy) before it sleeps: the main thread for the workers to finish their shares,
 * a worker for the operands of a job that has started.
 */
export const SPIN_MS = 1;

const SCRATCH_A = 0; // byte offsets inside one slot's scratch
const SCRATCH_B = MC * KC * 8;
const SCRATCH_OUT = SCRATCH_B + KC * NC * 8;
export const SCRATCH_BYTES = SCRATCH_OUT + MC * NC * 8;

/** Byte offset of the operands A, B, C of a job with `shares` threads (after the scratch of its slots). */
export function dataByte(shares: number): number {
  return CONTROL_BYTES + shares * SCRATCH_BYTES;
}

/** Instantiates the shared-memory kernel on `memory`; null without WebAssembly SIMD or threads. */
export function sharedKernelFunction(memory: WebAssembly.Memory): MultiplyPackedBlock | null {
  try {
    const bytes = Uint8Array.from(atob(gemmKernelSharedWasmBase64), (ch) => ch.charCodeAt(0));
    if (!WebAssembly.validate(bytes)) return null;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    return instance.exports.multiplyPackedBlock as MultiplyPackedBlock;
  } catch {
    return null;
  }
}

/** The block kernel of share `slot`, working in that slot's scratch of `heap` (a view of the whole memory). */
function slotKernel(multiplyPackedBlock: MultiplyPackedBlock, heap: Float64Array, slot: number): BlockKernel {
  const base = CONTROL_BYTES + slot * SCRATCH_BYTES;
  return {
    heap,
    packedA: heap.subarray((base + SCRATCH_A) / 8, (base + SCRATCH_A) / 8 + MC * KC),
    packedB: heap.subarray((base + SCRATCH_B) / 8, (base + SCRATCH_B) / 8 + KC * NC),
    outStart: (base + SCRATCH_OUT) / 8,
    multiply(kc, mc, nc, alpha, bStart, outStart, ldOut) {
      multiplyPackedBlock(kc, base + SCRATCH_A, base + SCRATCH_B + 8 * bStart, Math.ceil(mc / MR), Math.ceil(nc / NR), 8 * outStart, 8 * ldOut, alpha);
    },
  };
}

/**
 * Computes share `slot` of the job described in the control block, C += α op(A) op(B) with A, B, C in the
 * shared memory (offsets in float64 units; C updated in place). Every thread packs all of one operand and its
 * part of the other, so the job is cut along the longer side of C:
 * - n ≤ m: the row blocks of MC rows slot, slot + shares, … (each thread packs all of op(B));
 * - n > m (the MLP's X Wᵀ and Gᵀ X): one range of columns per thread (each packs all of op(A), its columns of op(B)).
 * Either way every entry of C gets the same operations in the same order as on one thread.
 */
export function runShare(multiplyPackedBlock: MultiplyPackedBlock, memory: WebAssembly.Memory, slot: number): void {
  const control = new Int32Array(memory.buffer, 0, CONTROL_BYTES / 4);
  const heap = new Float64Array(memory.buffer);
  const p = PARAMS;
  const [transA, transB, m, n, k, aOff, lda, bOff, ldb, cOff, ldc, shares] = Array.from(control.subarray(p, p + 12));
  const alpha = heap[ALPHA_BYTE / 8];
  const kernel = slotKernel(multiplyPackedBlock, heap, slot);
  const A = { data: heap, offset: aOff, ld: lda };
  if (n <= m) {
    gemmPacked(kernel, transA === 1, transB === 1, m, n, k, alpha, A, { data: heap, offset: bOff, ld: ldb }, { data: heap, offset: cOff, ld: ldc }, slot, shares);
    return;
  }
  const [j0, j1] = columnRange(n, slot, shares);
  if (j1 <= j0) return;
  // Columns j0 … j1−1 of op(B): B[p, j0 + j] is b[bOff + p·ldb + j0 + j], or b[bOff + (j0 + j)·ldb + p] when transposed.
  const B = { data: heap, offset: transB === 1 ? bOff + j0 * ldb : bOff + j0, ld: ldb };
  gemmPacked(kernel, transA === 1, transB === 1, m, j1 - j0, k, alpha, A, B, { data: heap, offset: cOff + j0, ld: ldc });
}

/**
 * The columns j0 … j1−1 of share `slot` of `shares`: equal ranges whose widths are multiples of NR (so that the
 * kernel's whole tiles never reach into the next range), the last one ending at n.
 */
export function columnRange(n: number, slot: number, shares: number): [number, number] {
  const width = Math.ceil(n / shares / NR) * NR;
  return [Math.min(n, slot * width), Math.min(n, (slot + 1) * width)];
}
