/**
 * Self-checking exercises. A check runs the student's answer against the reference on a few inputs and prints
 * ✓ with a short confirmation, or ✗ with a hint that points at the mistake, never the solution. It returns
 * whether the answer passed, so a notebook cell can also `assert` on it.
 *
 * ```ts
 * check.softmax((z) => …your code…);   // ✓ softmax: matches on 5 random inputs
 * ```
 */

/** Thrown inside a check to fail it with a hint for the student. */
export class Hint extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Hint";
  }
}

/**
 * The outcome of a check. The check already printed it, so when a cell ends with the check call (tslab
 * prints a cell's last value) it shows as nothing instead of a second copy.
 */
export class CheckOutcome {
  constructor(
    readonly passed: boolean,
    readonly title: string,
    readonly message: string,
  ) {}

  toString(): string {
    return `${this.passed ? "✓" : "✗"} ${this.title}: ${this.message}`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "";
  }
}

/** Where check results are printed (tests replace it to stay quiet). */
let printer: (line: string) => void = (line) => console.log(line);

/** Replaces the printer (tests); returns the previous one. */
export function setCheckPrinter(next: (line: string) => void): (line: string) => void {
  const previous = printer;
  printer = next;
  return previous;
}

/**
 * Runs `test`; it returns a confirmation message when the answer is right and throws a `Hint` when it is
 * wrong. Any other exception thrown by the student's code is reported with its message.
 */
export function runCheck(title: string, test: () => string): CheckOutcome {
  let outcome: CheckOutcome;
  try {
    outcome = new CheckOutcome(true, title, test());
  } catch (e) {
    const message = e instanceof Hint ? e.message : `your code threw ${(e as Error)?.name ?? "an error"}: ${(e as Error)?.message ?? String(e)}`;
    outcome = new CheckOutcome(false, title, message);
  }
  printer(outcome.toString());
  return outcome;
}

/** Throws a Hint unless `fn` is a function (students sometimes pass the result instead of the function). */
export function requireFunction(value: unknown, what: string): asserts value is (...args: any[]) => any {
  if (typeof value !== "function") {
    throw new Hint(`pass ${what} as a function, e.g. (x) => …; got ${value === null ? "null" : typeof value}`);
  }
}

/** Max |a_i − b_i| / max(1, |b_i|) over two arrays of the same length (a Hint if the lengths differ). */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): number {
  if (actual == null || typeof actual.length !== "number") throw new Hint(`${what} should be an array of numbers, got ${typeof actual}`);
  if (expected == null || typeof expected.length !== "number") throw new TypeError(`relativeError: expected must be an array of numbers, got ${typeof expected}`);
  if (actual.length !== expected.length) throw new Hint(`${what} has ${actual.length} entries, expected ${expected.length}`);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    if (typeof a !== "number" || Number.isNaN(a)) throw new Hint(`${what}[${i}] is ${String(a)}, not a number`);
    worst = Math.max(worst, Math.abs(a - expected[i]) / Math.max(1, Math.abs(expected[i])));
  }
  return worst;
}
