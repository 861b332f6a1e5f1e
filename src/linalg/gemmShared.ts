/**
 * What the main thread and the gemm worker threads share: one WebAssembly memory over a SharedArrayBuffer,
 * laid out as
 *
 *   [ control block (4 KB) | scratch of slot 0 | scratch of slot 1 | … | A | B | C ]
 *
 * - control block (Int32 words): the job number, its kind (a matrix product, or a block reflector applied to
 *   a matrix: blockReflector.ts), the job's parameters, the last job whose operands are in place, and per worker
 *   its slot in the job (−1 = not taking part), the last job it has seen ("done") and whether it has started
 *   ("ready");
 * - scratch of slot s: the packing buffers and output block of the thread computing share s (gemmPacked.ts);
 * - A, B, C: copies of the operands of the product being computed; C with its rows and columns rounded up to
 *   whole MR×NR tiles, so that the kernel updates it in place (for a block reflector: V, T, C and the two
 *   intermediate b × cols matrices W).
 * Both sides run `runShare` on this memory; the WebAssembly kernel is compiled for a shared memory.
 */
import { gemmKernelSharedWasmBase64 } from "./gemmKernelWasm";
import { BlockKernel, gemmPacked, KC, MC, MR, MultiplyPackedBlock, NC, NR, roundUp } from "./gemmPacked";

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
export const KIND = OPERANDS + 1; // PRODUCT or REFLECTOR
export const PRODUCT = 0;
export const REFLECTOR = 1;
// transposeT, rows, cols, b, head, V offset, T offset, C offset, ldc, W offset, W₂ offset, ldw, shares (13 words)
export const REFLECTOR_PARAMS = KIND + 1;
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
 * Computes share `slot` of the job described in the control block. For a block reflector see reflectorShare;
 * for a product, C += α op(A) op(B) with A, B, C in the shared memory (offsets in float64 units; C updated in
 * place). Every thread packs all of one operand and its part of the other, so the job is cut along the longer
 * side of C:
 * - n ≤ m: the row blocks of MC rows slot, slot + shares, … (each thread packs all of op(B));
 * - n > m (the MLP's X Wᵀ and Gᵀ X): one range of columns per thread (each packs all of op(A), its columns of op(B)).
 * Either way every entry of C gets the same operations in the same order as on one thread.
 */
export function runShare(multiplyPackedBlock: MultiplyPackedBlock, memory: WebAssembly.Memory, slot: number): void {
  const control = new Int32Array(memory.buffer, 0, CONTROL_BYTES / 4);
  const heap = new Float64Array(memory.buffer);
  if (control[KIND] === REFLECTOR) {
    reflectorShare(slotKernel(multiplyPackedBlock, heap, slot), heap, control, slot);
    return;
  }
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

/**
 * Share `slot` of a block reflector applied from the left, C ← (I − V op(T) Vᵀ) C (blockReflector.ts): the
 * columns j0 … j1−1 of C (reflectorColumns), each independent of the others, through the same three products as on
 * one thread, W = Vᵀ C, W₂ = op(T) W, C ← C − V W₂, so one job (and one copy of C in and out) serves all three.
 * With head = h > 0 (the Q of a blocked QR formed block by block: qr.ts formQBlocked) the first h columns of C
 * are known to be [I; 0], so those columns of W are V's first h rows transposed, and the others Vᵀ C over rows
 * h … of V and C only.
 */
function reflectorShare(kernel: BlockKernel, heap: Float64Array, control: Int32Array, slot: number): void {
  const r = REFLECTOR_PARAMS;
  const [transposeT, rows, cols, b, head, vOff, tOff, cOff, ldc, wOff, w2Off, ldw, shares] = Array.from(control.subarray(r, r + 13));
  const [j0, j1] = reflectorColumns(rows, cols, b, head, slot, shares);
  if (j1 <= j0) return;
  const at = (offset: number, ld: number) => ({ data: heap, offset, ld });
  for (let l = 0; l < roundUp(b, MR); l++) {
    // W and W₂ start at zero (the products add into them), also the rows the kernel's whole tiles reach
    heap.fill(0, wOff + l * ldw + j0, wOff + l * ldw + j1);
    heap.fill(0, w2Off + l * ldw + j0, w2Off + l * ldw + j1);
  }
  for (let l = 0; l < b; l++) for (let c = Math.max(j0, l); c < Math.min(j1, head); c++) heap[wOff + l * ldw + c] = heap[vOff + c * b + l];
  const g0 = Math.max(j0, head);
  if (j1 > g0) gemmPacked(kernel, true, false, b, j1 - g0, rows - head, 1, at(vOff + head * b, b), at(cOff + head * ldc + g0, ldc), at(wOff + g0, ldw));
  gemmPacked(kernel, transposeT === 1, false, b, j1 - j0, b, 1, at(tOff, b), at(wOff + j0, ldw), at(w2Off + j0, ldw));
  gemmPacked(kernel, false, false, rows, j1 - j0, b, -1, at(vOff, b), at(w2Off + j0, ldw), at(cOff + j0, ldc));
}

/**
 * The columns j0 … j1−1 of share `slot` of a block reflector job: ranges of about equal work, whose widths are
 * multiples of NR except the last. Per column of V, a column of C costs b multiply-adds for W₂ and rows for the
 * update of C, and rows − head more for its column of W unless it is one of the `head` columns (copied).
 */
export function reflectorColumns(rows: number, cols: number, b: number, head: number, slot: number, shares: number): [number, number] {
  const cost = (c: number) => c * (2 * rows + b - head) - Math.min(c, head) * (rows - head); // work of columns 0 … c−1
  const boundary = (s: number) => {
    if (s <= 0) return 0;
    if (s >= shares) return cols;
    let c = 0;
    while (c < cols && cost(c + NR) <= (cost(cols) * s) / shares) c += NR;
    return c;
  };
  return [boundary(slot), boundary(slot + 1)];
}
