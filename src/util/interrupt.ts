/**
 * Stopping long loops with the notebook's interrupt button (■).
 *
 * Jupyter interrupts a kernel by sending it SIGINT. tslab stops a *synchronous* cell at once, but a loop that
 * `await`s (as training does, to let progress displays redraw) is only abandoned by the kernel and would keep
 * running in the background. So long loops take an `InterruptToken` and check `token.interrupted` between
 * steps; the first SIGINT after the token was made flips it.
 */
let interruptCount = 0;
let listening = false;

/** True inside the tslab kernel, which defines the global `__tslab__` for the code of its cells. */
function inTslabKernel(): boolean {
  return (globalThis as { __tslab__?: unknown }).__tslab__ !== undefined;
}

function listen(): void {
  if (listening) return;
  listening = true;
  if (inTslabKernel()) {
    // tslab runs a cell with Node's `breakOnSigint`, which swaps the SIGINT listeners out while the cell's
    // synchronous part runs; a listener added during that window leaves the process with the default SIGINT
    // action afterwards (the kernel would die on the next interrupt; seen with Node 20). So register on the
    // next turn of the event loop, outside the cell's run.
    setImmediate(() => process.on("SIGINT", () => interruptCount++));
  } else {
    // A script or a test: the first Ctrl-C asks long loops to stop; a second one quits as usual.
    process.on("SIGINT", () => {
      interruptCount++;
      if (interruptCount > 1) process.exit(130);
      process.stderr.write("\ninterrupt requested: long loops stop at their next step (Ctrl-C again to quit)\n");
    });
  }
}

/** Becomes `interrupted` when SIGINT arrives after its creation. */
export interface InterruptToken {
  readonly interrupted: boolean;
}

/** A token for one long computation: check `token.interrupted` between steps and stop cleanly when true. */
export function interruptToken(): InterruptToken {
  listen();
  const start = interruptCount;
  return {
    get interrupted() {
      return interruptCount > start;
    },
  };
}

/** Lets the event loop run (display updates go out, SIGINT handlers fire) and resumes on the next turn. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Thrown by long computations stopped with the interrupt button; carries what was done so far. */
export class InterruptedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InterruptedError";
  }
}
