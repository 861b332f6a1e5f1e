/**
 * A gemm worker thread (started by gemmThreads.ts): waits for a job in the shared memory, then for its
 * operands, computes its share of the product, marks the job as seen, and waits again. It never touches
 * anything but the shared memory.
 */
import { workerData } from "node:worker_threads";
import { CONTROL_BYTES, DONE, JOB, OPERANDS, READY, SLOT, SPIN_MS, runShare, sharedKernelFunction } from "./gemmShared";

const { memory, index } = workerData as { memory: WebAssembly.Memory; index: number };
const kernel = sharedKernelFunction(memory);
const control = new Int32Array(memory.buffer, 0, CONTROL_BYTES / 4);

if (kernel) {
  let seen = Atomics.load(control, JOB);
  Atomics.store(control, DONE + index, seen);
  Atomics.store(control, READY + index, 1);
  for (;;) {
    Atomics.wait(control, JOB, seen); // returns at once when the job number is already past `seen`
    seen = Atomics.load(control, JOB);
    const slot = Atomics.load(control, SLOT + index);
    if (slot >= 0) {
      // The main thread starts a job (wakes the workers) before it copies the operands in: wait for them,
      // polling (the copy takes a fraction of a millisecond), then sleeping.
      const spinUntil = performance.now() + SPIN_MS;
      for (let ops = Atomics.load(control, OPERANDS); ops !== seen; ops = Atomics.load(control, OPERANDS)) {
        if (performance.now() > spinUntil) Atomics.wait(control, OPERANDS, ops, 10);
      }
      runShare(kernel, memory, slot);
    }
    Atomics.store(control, DONE + index, seen);
    Atomics.notify(control, DONE + index);
  }
}
