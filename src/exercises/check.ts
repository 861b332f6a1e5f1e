/**
 * Self-checking exercises. A check runs the student's answer against the reference on a few inputs and prints
 * ✓ with a short confirmation, or ✗ with a hint that points at the mistake, never the solution. It returns
 * whether the answer passed, so a notebook cell can also `assert` on it.
 *
 * ```ts
 * check.softmax((z) => …your code…);   // ✓ softmax: matches on 5 random inputs
 * ```
 */

import { appendFileSync } from "node:fs";
import { localized } from "../util/language";

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

/** The machine-readable form of one check's result (what the grader collects). */
export interface CheckResult {
  /** The exercise id: the check's name, as in `check.<name>`. */
  exercise: string;
  /** The notebook the kernel runs, when the kernel knows it (Jupyter's JPY_SESSION_NAME, or PDL_NOTEBOOK). */
  notebook: string | null;
  passed: boolean;
  /** The confirmation, or the hint the student saw. */
  message: string;
}

/** The mimetype of a check result beside its text in a notebook output. */
export const CHECK_MIMETYPE = "application/vnd.pdl.check+json";

/**
 * Shows a check result somewhere richer than a printed line; returns false to fall back to the printer.
 * The package root installs one that sends the text with the CheckResult as `CHECK_MIMETYPE` inside the kernel
 * (exercises/ does not import plot/).
 */
export type CheckResultSink = (result: CheckResult, text: string) => boolean;
let resultSink: CheckResultSink | undefined;

/** Installs the sink for check results (the package root does); returns the previous one. */
export function setCheckResultSink(next: CheckResultSink | undefined): CheckResultSink | undefined {
  const previous = resultSink;
  resultSink = next;
  return previous;
}

function currentNotebook(): string | null {
  const env = typeof process !== "undefined" ? process.env : {};
  return env.JPY_SESSION_NAME || env.PDL_NOTEBOOK || null;
}

/**
 * Every outcome of a real `check.<name>` call in this process, in order. Module-private: only the wrappers of
 * the `check` object add to it (see `recordedCheck`), so a cell that redefines `check`, or prints something
 * that looks like a result, adds nothing. The grader reads it with `checkRecord()` after the last cell.
 */
const record: CheckResult[] = [];

/**
 * The grader's log file (environment variable PDL_CHECK_LOG, read once when the library loads and then removed
 * from the environment): each recorded outcome is also appended there as a JSON line, so that the results of a
 * run whose kernel later crashed are not lost.
 */
const logFile = takeLogFile();
function takeLogFile(): string | undefined {
  if (typeof process === "undefined") return undefined;
  const path = process.env.PDL_CHECK_LOG;
  delete process.env.PDL_CHECK_LOG;
  return path || undefined;
}

/** A copy of the outcomes of the checks run in this process so far (oldest first). */
export function checkRecord(): CheckResult[] {
  return record.map((r) => ({ ...r }));
}

/** Forgets the recorded outcomes (tests). */
export function clearCheckRecord(): void {
  record.length = 0;
}

/**
 * Wraps a check so that its outcome is recorded under `exercise` (the `check` object wraps every check
 * with this). A call that does not return a CheckOutcome records nothing.
 */
export function recordedCheck<F extends (...args: any[]) => CheckOutcome>(exercise: string, fn: F): F {
  const wrapped = (...args: any[]) => {
    if (typeof args[0] === "function") lastAnswers.set(exercise, args[0]);
    const outcome = fn(...args);
    if (outcome instanceof CheckOutcome) {
      const result: CheckResult = { exercise, notebook: currentNotebook(), passed: outcome.passed, message: outcome.message };
      record.push(result);
      if (logFile) {
        try {
          appendFileSync(logFile, JSON.stringify(result) + "\n");
        } catch {
          // the grader's log is a fallback only
        }
      }
    }
    return outcome;
  };
  return wrapped as F;
}

/** The function last passed to each check (module-private; the grader's instructor cases call it). */
const lastAnswers = new Map<string, (...args: any[]) => unknown>();

/** One extra test input of an exercise whose answer is a function: its arguments and the expected number(s). */
export interface InstructorCase {
  args: unknown[];
  expected: number | number[];
  /** Largest accepted relative error (default 1e-9). */
  tolerance?: number;
}

/**
 * Runs instructor cases (not distributed to students) on the answers last passed to the checks; one result per
 * exercise that has cases: passed when every case matches; an exercise whose check was never called fails.
 */
export function runInstructorCases(cases: Record<string, InstructorCase[]>): CheckResult[] {
  if (cases === null || typeof cases !== "object" || Array.isArray(cases)) {
    throw new TypeError(`runInstructorCases: cases must be an object { exercise: [{ args, expected }, …] }, got ${String(cases)}`);
  }
  const results: CheckResult[] = [];
  for (const [exercise, list] of Object.entries(cases)) {
    const answer = lastAnswers.get(exercise);
    let message = `correct on ${list.length} instructor case(s)`;
    let passed = answer !== undefined;
    if (!answer) message = "the check of this exercise was not called";
    else {
      for (let i = 0; i < list.length && passed; i++) {
        const c = list[i];
        const shown = `${exercise}(${c.args.map((a) => JSON.stringify(a)).join(", ")})`;
        try {
          const got = answer(...c.args);
          const expected = Array.isArray(c.expected) ? c.expected : [c.expected];
          const actual = Array.isArray(got) || ArrayBuffer.isView(got) ? (got as ArrayLike<number>) : [got as number];
          if (relativeError(actual, expected, shown) > (c.tolerance ?? 1e-9)) {
            passed = false;
            message = `instructor case ${i + 1} of ${list.length}: ${shown} returned ${JSON.stringify(Array.from(actual))}, expected ${JSON.stringify(c.expected)}`;
          }
        } catch (e) {
          passed = false;
          message = `instructor case ${i + 1} of ${list.length}: ${shown} ${e instanceof Hint ? e.message : `threw ${(e as Error)?.message ?? String(e)}`}`;
        }
      }
    }
    results.push({ exercise, notebook: currentNotebook(), passed, message });
  }
  return results;
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
    const name = (e as Error)?.name;
    const detail = (e as Error)?.message ?? String(e);
    const message = e instanceof Hint
      ? e.message
      : localized({ en: `your code threw ${name ?? "an error"}: ${detail}`, ja: `あなたのコードが ${name ?? "エラー"} を投げました: ${detail}` });
    outcome = new CheckOutcome(false, title, message);
  }
  const text = outcome.toString();
  const result: CheckResult = { exercise: title, notebook: currentNotebook(), passed: outcome.passed, message: outcome.message };
  if (!resultSink?.(result, text)) printer(text);
  return outcome;
}

/** What `check.summary()` returns: the counts, and the line it printed (shown as nothing as a cell's last value). */
export class CheckSummary {
  constructor(
    readonly passed: number,
    readonly checked: number,
    readonly line: string,
  ) {}

  toString(): string {
    return this.line;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "";
  }
}

/**
 * "k of n exercises pass": the checks run in this kernel session, each counted by its latest result. Prints
 * the line and returns it with the counts.
 */
export function checkSummary(): CheckSummary {
  const latest = new Map<string, CheckResult>();
  for (const r of record) latest.set(r.exercise, r);
  const all = [...latest.values()];
  const passed = all.filter((r) => r.passed).length;
  const failing = all.filter((r) => !r.passed).map((r) => r.exercise);
  const line = all.length === 0
    ? localized({
      en: "no exercise checked yet in this kernel session: run the check cells first",
      ja: "このカーネルのセッションではまだ演習が一つもチェックされていません: 先にチェックのセルを実行してください",
    })
    : localized({
      en: `${passed} of ${all.length} exercises pass${failing.length > 0 ? ` (not yet: ${failing.join(", ")})` : ""}`,
      ja: `${all.length} 問中 ${passed} 問が正解${failing.length > 0 ? `（未完了: ${failing.join(", ")}）` : ""}`,
    });
  printer(line);
  return new CheckSummary(passed, all.length, line);
}

/** Throws a Hint unless `fn` is a function (students sometimes pass the result instead of the function). */
export function requireFunction(value: unknown, what: string): asserts value is (...args: any[]) => any {
  if (typeof value !== "function") {
    const got = value === null ? "null" : typeof value;
    throw new Hint(localized({
      en: `pass ${what} as a function, e.g. (x) => …; got ${got}`,
      ja: `${what} は関数として渡してください（例: (x) => …）。渡されたのは ${got} です`,
    }));
  }
}

/** Max |a_i − b_i| / max(1, |b_i|) over two arrays of the same length (a Hint if the lengths differ). */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): number {
  if (actual == null || typeof actual.length !== "number") {
    throw new Hint(localized({ en: `${what} should be an array of numbers, got ${typeof actual}`, ja: `${what} は数の配列であるべきですが、${typeof actual} でした` }));
  }
  if (expected == null || typeof expected.length !== "number") throw new TypeError(`relativeError: expected must be an array of numbers, got ${typeof expected}`);
  if (actual.length !== expected.length) {
    throw new Hint(localized({
      en: `${what} has ${actual.length} entries, expected ${expected.length}`,
      ja: `${what} の要素数は ${actual.length} ですが、${expected.length} であるべきです`,
    }));
  }
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    if (typeof a !== "number" || Number.isNaN(a)) throw new Hint(notANumber(`${what}[${i}]`, a));
    worst = Math.max(worst, Math.abs(a - expected[i]) / Math.max(1, Math.abs(expected[i])));
  }
  return worst;
}

/** The hint for an entry that is not a number (NaN included). */
function notANumber(entry: string, value: unknown): string {
  return localized({ en: `${entry} is ${String(value)}, not a number`, ja: `${entry} が ${String(value)} で、数ではありません` });
}

/** |a − b| ≤ tol · max(1, |b|): equal up to a relative (or, near 0, absolute) tolerance. */
export function near(a: number, b: number, tol = 1e-9): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

/** Every entry of `a` is `near` the same entry of `b`, and the lengths agree. */
export function allNear(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-9): boolean {
  return a.length === b.length && Array.from(a).every((v, i) => near(v, b[i], tol));
}

/** A number as a hint shows it: an integer exactly, any other number to 4 significant digits. */
export function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}

/** A vector as a hint shows it, `[1, 0.333, …]`: integers exactly, other entries to 3 significant digits. */
export function fmtVector(v: ArrayLike<number>): string {
  return `[${Array.from(v).map((x) => (Number.isInteger(x) ? String(x) : x.toPrecision(3))).join(", ")}]`;
}

/** A matrix as the exercises pass it: an array of rows. */
export type Mat = number[][];

/** The product A B of two matrices given as arrays of rows (for the reference answers). */
export function matMul(A: Mat, B: Mat): Mat {
  return A.map((row) => B[0].map((_, j) => row.reduce((s, a, k) => s + a * B[k][j], 0)));
}

/** A returned value must be one number (NaN included as a mistake): a Hint naming `what` otherwise. */
export function numberAnswer(got: unknown, what: string): number {
  if (typeof got !== "number" || Number.isNaN(got)) {
    throw new Hint(localized({ en: `${what} returned ${String(got)}; return a number`, ja: `${what} の戻り値が ${String(got)} でした。数を返してください` }));
  }
  return got;
}

/** A returned vector must be an array of `length` numbers: a Hint naming `what` and the first bad entry otherwise. */
export function vectorAnswer(got: unknown, length: number, what: string): number[] {
  if (got == null || typeof got === "string" || typeof (got as ArrayLike<number>).length !== "number") {
    throw new Hint(localized({
      en: `${what} returned ${String(got)}; return an array of ${length} numbers`,
      ja: `${what} の戻り値が ${String(got)} でした。${length} 個の数の配列を返してください`,
    }));
  }
  const values = Array.from(got as ArrayLike<number>);
  if (values.length !== length) {
    throw new Hint(localized({
      en: `${what} returned ${values.length} numbers; expected ${length}`,
      ja: `${what} が返した数は ${values.length} 個ですが、${length} 個であるべきです`,
    }));
  }
  values.forEach((v, i) => {
    if (typeof v !== "number" || Number.isNaN(v)) throw new Hint(notANumber(`${what}[${i}]`, v));
  });
  return values;
}
