/**
 * The matrix product on several cores: worker threads (node:worker_threads) compute interleaved row blocks of
 * C, or ranges of its columns when C is wider than tall (gemmShared.ts `runShare`), over one shared WebAssembly
 * memory, the main thread computes its own share meanwhile. A block reflector I − V T Vᵀ applied to a matrix
 * (three dependent products) is one job too, split by columns (`blockReflectorThreaded`): one copy of C in and
 * out, one wait, instead of three.
 *
 * - Same numbers for any thread count: every entry of C gets the same operations in the same order
 *   (gemmPacked.ts), whichever thread computes it; only the assignment of row blocks or column ranges changes.
 * - Lazy: no thread is started before the first product of at least THRESHOLD multiply-adds; until the
 *   workers report ready, products run on the main thread alone (same numbers).
 * - The workers are `unref`ed (they never keep the process alive) and only ever touch the shared memory.
 * - Waiting: the main thread polls for the workers for SPIN_MS before it sleeps (the shares end at about the
 *   same time, and waking a sleeping thread takes a noticeable part of a share of the MLP's products).
 * - Interrupt: the main thread waits for the workers in slices of 10 ms, so an interrupt (SIGINT in a
 *   notebook) stops it within one slice; a worker still busy with an abandoned job is waited for by the
 *   next product, which copies its operands afresh.
 * - The shared memory never grows (another thread might not see the new size at once); a product too big for
 *   it replaces it, and the workers, by ones twice as big.
 * - Fallback: without SharedArrayBuffer, worker_threads or shared WebAssembly memory, everything runs on the
 *   main thread.
 * The number of threads: `setGemmThreads(n)` (1 turns threading off), or the environment variable
 * PDL_THREADS; default the machine's cores (os.availableParallelism()).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { availableParallelism, cpus } from "node:os";
import type { Worker } from "node:worker_threads";
import { copyBlock, MC, MR, NR, roundUp, Strided } from "./gemmPacked";
import { ALPHA_BYTE, CONTROL_BYTES, dataByte, DONE, JOB, KIND, MAX_PAGES, MAX_THREADS, OPERANDS, PAGE, PARAMS, PRODUCT, READY, REFLECTOR, REFLECTOR_PARAMS, SLOT, SPIN_MS, runShare, sharedKernelFunction } from "./gemmShared";

/** Products with fewer multiply-adds (m·n·k) than this run on one thread: starting the workers costs more. */
export const THRESHOLD = 128 * 128 * 128;

interface Pool {
  memory: WebAssembly.Memory;
  kernel: NonNullable<ReturnType<typeof sharedKernelFunction>>;
  workers: Worker[];
}

let threads = defaultThreads();
let pool: Pool | null | undefined; // undefined: not tried yet; null: unavailable here

function defaultThreads(): number {
  const env = Number(process.env.PDL_THREADS);
  if (Number.isInteger(env) && env >= 1) return Math.min(env, MAX_THREADS);
  const cores = typeof availableParallelism === "function" ? availableParallelism() : cpus().length;
  return Math.max(1, Math.min(cores, MAX_THREADS));
}

/**
 * Sets the number of threads of the matrix product (1 = the main thread only; default: the machine's cores,
 * or PDL_THREADS). Results do not depend on it. Returns the setting.
 */
export function setGemmThreads(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw new RangeError(`setGemmThreads: n must be an integer from 1 to ${MAX_THREADS}, got ${String(n)}`);
  }
  threads = n;
  return threads;
}

/** The thread count setting of the matrix product. */
export function gemmThreads(): number {
  return threads;
}

/** How many threads would compute a big product right now: 1 + the workers started and ready. */
export function gemmThreadsReady(): number {
  if (!pool) return 1;
  const control = new Int32Array(pool.memory.buffer, 0, CONTROL_BYTES / 4);
  let ready = 1;
  for (let w = 0; w < pool.workers.length && ready < threads; w++) if (Atomics.load(control, READY + w) === 1) ready++;
  return ready;
}

/** The worker script: next to this file once built (dist/), or in dist/ when this file runs from src/ (tests). */
function workerScript(): string | null {
  for (const path of [join(__dirname, "gemmWorker.js"), join(__dirname, "..", "..", "dist", "linalg", "gemmWorker.js")]) {
    if (existsSync(path)) return path;
  }
  return null;
}

/** A shared memory of at least `bytes` bytes (it never grows: see gemmThreaded) and the kernel on it; no workers yet. */
function makePool(bytes: number): Pool | null {
  try {
    if (typeof SharedArrayBuffer !== "function" || typeof Atomics !== "object" || !workerScript()) return null;
    const pages = Math.min(MAX_PAGES, Math.ceil(bytes / PAGE));
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    const kernel = sharedKernelFunction(memory);
    return kernel ? { memory, kernel, workers: [] } : null;
  } catch {
    return null;
  }
}

/** Starts workers until there are `count` (they load in the background; `gemmThreadsReady` tells when). */
function startWorkers(p: Pool, count: number): void {
  const script = workerScript();
  if (!script) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker: WorkerClass } = require("node:worker_threads") as typeof import("node:worker_threads");
  while (p.workers.length < count) {
    const worker = new WorkerClass(script, { workerData: { memory: p.memory, index: p.workers.length } });
    worker.unref();
    worker.on("error", () => undefined); // a failed worker never reports ready, so it is never waited for
    p.workers.push(worker);
  }
}

/**
 * Waits until every ready worker has seen the last job: polling for SPIN_MS (a share of a product usually ends
 * within it), then sleeping in slices of 10 ms, so that an interrupt gets through.
 */
function waitIdle(p: Pool, control: Int32Array): void {
  const job = Atomics.load(control, JOB);
  // A job abandoned while its operands were being copied (an interrupt) is let go: its C is never read.
  if (Atomics.exchange(control, OPERANDS, job) !== job) Atomics.notify(control, OPERANDS);
  const spinUntil = performance.now() + SPIN_MS;
  for (let w = 0; w < p.workers.length; w++) {
    if (Atomics.load(control, READY + w) !== 1) continue;
    for (;;) {
      const done = Atomics.load(control, DONE + w);
      if (done === job) break;
      if (performance.now() > spinUntil) Atomics.wait(control, DONE + w, done, 10);
    }
  }
}

/** A job ready to start: the pool, its control words and memory, and the workers taking part (shares 1, 2, …). */
interface Job {
  p: Pool;
  control: Int32Array;
  heap: Float64Array;
  participants: number[];
  shares: number;
}

/**
 * Prepares a job that can be cut into at most `parts` shares and needs `bytes(shares)` bytes of shared memory,
 * once the workers are idle; null when it should run on one thread (threads off or unavailable, no worker ready,
 * or too big: then the next job gets a bigger memory).
 */
function prepareJob(parts: number, bytes: (shares: number) => number): Job | null {
  if (threads <= 1) return null;
  if (pool === undefined) pool = makePool(dataByte(threads) + 8 * 3 * 512 * 512);
  if (!pool) return null;
  const p = pool;
  startWorkers(p, threads - 1);
  const control = new Int32Array(p.memory.buffer, 0, CONTROL_BYTES / 4);
  waitIdle(p, control);
  const participants: number[] = [];
  for (let w = 0; w < p.workers.length && participants.length < Math.min(threads, parts) - 1; w++) {
    if (Atomics.load(control, READY + w) === 1) participants.push(w);
  }
  if (participants.length === 0) return null;
  const shares = participants.length + 1;
  const needed = bytes(shares);
  if (needed > MAX_PAGES * PAGE) return null;
  if (needed > p.memory.buffer.byteLength) {
    // Too small. A shared memory that grows is not seen at once by the other threads (a worker may still hold
    // the shorter buffer), so start over: a new memory twice as big, new workers (this job on one thread).
    for (const worker of p.workers) void worker.terminate();
    pool = makePool(Math.max(needed, 2 * p.memory.buffer.byteLength));
    if (pool) startWorkers(pool, threads - 1);
    return null;
  }
  return { p, control, heap: new Float64Array(p.memory.buffer), participants, shares };
}

/**
 * Starts a prepared job of `kind` whose parameters are written: the workers wake up (which takes a while for a
 * sleeping thread) while the main thread copies the operands in. Returns the job number.
 */
function launch(job: Job, kind: number): number {
  const { p, control, participants } = job;
  control[KIND] = kind;
  for (let w = 0; w < p.workers.length; w++) control[SLOT + w] = participants.indexOf(w) >= 0 ? participants.indexOf(w) + 1 : -1;
  const id = Atomics.add(control, JOB, 1) + 1;
  Atomics.notify(control, JOB);
  return id;
}

/** The operands of job `id` are in place: the workers compute their shares, the main thread share 0, then it waits for them. */
function run(job: Job, id: number): void {
  const { p, control } = job;
  Atomics.store(control, OPERANDS, id);
  Atomics.notify(control, OPERANDS);
  runShare(p.kernel, p.memory, 0);
  waitIdle(p, control);
}

/**
 * C += α op(A) op(B) on several threads (C already scaled by β; `cIsZero` when β was 0, so C need not be
 * copied in); false when it should run on one thread (small product, threads off or unavailable, workers
 * not ready yet), in which case nothing was done.
 */
export function gemmThreaded(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  A: Strided,
  B: Strided,
  C: Strided,
  cIsZero: boolean,
): boolean {
  // The threads share out blocks of MC rows of C: a product with a single such block (the skinny VᵀC of the
  // block reflectors) gains nothing from them and would only pay for the copies into the shared memory.
  const rowBlocks = Math.ceil(m / MC);
  if (m * n * k < THRESHOLD || rowBlocks < 2) return false;
  // C is copied with whole MR×NR tiles (rows and columns rounded up), which the kernel updates in place.
  const cRows = roundUp(m, MR);
  const ldc = roundUp(n, NR);
  const job = prepareJob(n > m ? Math.ceil(n / NR) : rowBlocks, (shares) => dataByte(shares) + 8 * (m * k + k * n + cRows * ldc));
  if (!job) return false;
  const { control, heap, shares } = job;
  // Where the compact copies go: A and B as stored (rowsA × colsA, likewise B), C (m×n) with row length ldc.
  const aOff = dataByte(shares) / 8;
  const bOff = aOff + m * k;
  const cOff = bOff + k * n;
  const lda = transA ? m : k;
  const ldb = transB ? k : n;
  control.set([transA ? 1 : 0, transB ? 1 : 0, m, n, k, aOff, lda, bOff, ldb, cOff, ldc, shares], PARAMS);
  heap[ALPHA_BYTE / 8] = alpha;
  const id = launch(job, PRODUCT);
  copyBlock(transA ? k : m, lda, A.data, A.offset, A.ld, heap, aOff, lda);
  copyBlock(transB ? n : k, ldb, B.data, B.offset, B.ld, heap, bOff, ldb);
  if (cIsZero) heap.fill(0, cOff, cOff + cRows * ldc);
  else copyBlock(m, n, C.data, C.offset, C.ld, heap, cOff, ldc);
  run(job, id);
  copyBlock(m, n, heap, cOff, ldc, C.data, C.offset, C.ld);
  return true;
}

/**
 * C ← (I − V op(T) Vᵀ) C for the rows × cols block C, on several threads, each taking a range of C's columns
 * through all three products (gemmShared.ts reflectorShare): V is rows × b, T b × b (row-major, contiguous);
 * `head` > 0 says that C's first `head` columns are [I; 0] (qr.ts formQBlocked). False when it should run on
 * one thread; the caller has checked that each product takes the packed path on one thread too (same numbers).
 */
export function blockReflectorThreaded(transposeT: boolean, rows: number, cols: number, b: number, head: number, v: Float64Array, t: Float64Array, C: Strided): boolean {
  if (4 * rows * cols * b < 2 * THRESHOLD || cols < 2 * NR) return false;
  const [cRows, ldc, wRows, ldw] = [roundUp(rows, MR), roundUp(cols, NR), roundUp(b, MR), roundUp(cols, NR)];
  const job = prepareJob(Math.ceil(cols / NR), (shares) => dataByte(shares) + 8 * (rows * b + b * b + cRows * ldc + 2 * wRows * ldw));
  if (!job) return false;
  const { control, heap, shares } = job;
  const vOff = dataByte(shares) / 8;
  const tOff = vOff + rows * b;
  const cOff = tOff + b * b;
  const wOff = cOff + cRows * ldc;
  const w2Off = wOff + wRows * ldw;
  control.set([transposeT ? 1 : 0, rows, cols, b, head, vOff, tOff, cOff, ldc, wOff, w2Off, ldw, shares], REFLECTOR_PARAMS);
  const id = launch(job, REFLECTOR);
  heap.set(v.subarray(0, rows * b), vOff);
  heap.set(t.subarray(0, b * b), tOff);
  copyBlock(rows, cols, C.data, C.offset, C.ld, heap, cOff, ldc);
  run(job, id);
  copyBlock(rows, cols, heap, cOff, ldc, C.data, C.offset, C.ld);
  return true;
}
