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

function listen(): void {
  if (listening) return;
  listening = true;
  process.on("SIGINT", () => {
    interruptCount++;
  });
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
