/**
 * The grader: runs each submitted notebook in a fresh kernel of this repository's library and collects the
 * outcomes of the exercise checks that ran during that execution.
 *
 * Each submission is copied alone into a new temporary folder whose `node_modules` points at this repository's
 * (so `import … from "pdl"` loads this repository's built library, never files handed in), and run by the
 * headless runner with a per-cell time limit and a memory limit for the kernel process. After the last cell (or
 * the cell where the run stopped) the grader executes a cell of its own that prints the library's record of
 * real check outcomes between two copies of a random nonce; only that output counts. Outputs saved in the file,
 * a `check` the student redefined, or printed text that looks like a result count for nothing. When the kernel
 * died before that, the outcomes the library appended to a log file of the grader's (PDL_CHECK_LOG) count.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { cellSource, readNotebook, runNotebook, type NotebookFailure } from "../notebook/runner";
import type { KernelClient } from "../notebook/kernel";
import type { CheckResult, InstructorCase } from "../exercises/check";
import { check } from "../exercises/checks";

/**
 * ok: every cell ran; error: a cell threw or did not compile (the run stopped there); timeout: a cell went over
 * the time limit; crashed: the kernel process died (memory limit, process.exit(), a crash); invalid: not a
 * notebook of this course (not JSON, not nbformat 4, another language, no code).
 */
export type SubmissionStatus = "ok" | "error" | "timeout" | "crashed" | "invalid";

/** The latest outcome of one exercise in one submission. */
export interface ExerciseOutcome {
  passed: boolean;
  /** The confirmation, or the hint the student saw. */
  message: string;
}

export interface SubmissionResult {
  /** The submission's file, relative to the graded folder. */
  file: string;
  /** The student id: `metadata.pdl.student_id` or `metadata.student_id` of the notebook, else the file name. */
  id: string;
  status: SubmissionStatus;
  /** Why the status is not ok, in a sentence. */
  detail: string;
  /** Outcome per exercise id (the latest check call of that exercise during the grader's run). */
  outcomes: Record<string, ExerciseOutcome>;
  /** Where the run stopped (the cell, its first line, the error). */
  failure?: NotebookFailure;
  /** Where the outcomes came from: the grader's own final cell, the log file (kernel died), or nowhere. */
  recordFrom: "final-cell" | "log" | "none";
  seconds: number;
}

export interface Gradebook {
  /** The exercise ids, one gradebook column each. */
  exercises: string[];
  submissions: SubmissionResult[];
}

export interface GradeOptions {
  /** Per-cell time limit in seconds (default 60). */
  cellTimeoutSeconds?: number;
  /** Heap limit of each kernel process in MB (default 1024), as NODE_OPTIONS=--max-old-space-size. */
  memoryMb?: number;
  /** Submissions graded at the same time (default 2). */
  concurrency?: number;
  /** The exercises to grade (default: the checks called in the submissions, in order of first appearance). */
  exercises?: string[];
  /** Folder the `file` fields are relative to (default: each file's name). */
  relativeTo?: string;
  /**
   * Instructor cases per exercise (not distributed): an exercise counts only if its check passed AND its answer
   * matches every case. Only for exercises whose answer is a function of JSON arguments returning number(s).
   */
  instructorCases?: Record<string, InstructorCase[]>;
  /** Called after each submission: how many are done, of how many, and the seconds since grading began. */
  onProgress?: (done: number, total: number, result: SubmissionResult, elapsedSeconds: number) => void;
}

/** The repository whose library the grader runs (dist/grade → two folders up). */
function repositoryRoot(): string {
  return resolve(__dirname, "..", "..");
}

/** The ids of the checks the library offers (`check.answer` and `check.summary` are not exercises). */
export function knownExercises(): string[] {
  return Object.keys(check).filter((name) => name !== "answer" && name !== "summary");
}

const CHECK_CALL = /\bcheck\s*\.\s*([A-Za-z_$][\w$]*)\s*\(/g;

/** The exercises a notebook's code cells call, in order (only ids the library knows). */
export function exercisesCalled(cells: { cell_type: string; source: string | string[] }[]): string[] {
  const known = new Set(knownExercises());
  const found: string[] = [];
  for (const cell of cells) {
    if (cell.cell_type !== "code") continue;
    for (const m of cellSource(cell as any).matchAll(CHECK_CALL)) {
      if (known.has(m[1]) && !found.includes(m[1])) found.push(m[1]);
    }
  }
  return found;
}

/** A student id from the notebook's metadata, if it is a plain short name. */
function idFromMetadata(metadata: any): string | undefined {
  const raw = metadata?.pdl?.student_id ?? metadata?.student_id;
  if (typeof raw !== "string" && typeof raw !== "number") return undefined;
  const id = String(raw).trim();
  return /^[\w.@-]{1,64}$/.test(id) ? id : undefined;
}

function idFromFile(file: string): string {
  return basename(file).replace(/\.ipynb$/i, "").replace(/[^\w.@-]+/g, "_") || "submission";
}

/** The latest outcome per exercise. */
function latestOutcomes(record: CheckResult[]): Record<string, ExerciseOutcome> {
  const out: Record<string, ExerciseOutcome> = {};
  for (const r of record) {
    if (r && typeof r.exercise === "string") out[r.exercise] = { passed: r.passed === true, message: String(r.message ?? "") };
  }
  return out;
}

function readLog(path: string): CheckResult[] {
  if (!existsSync(path)) return [];
  const results: CheckResult[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      results.push(JSON.parse(line));
    } catch {
      // a line cut short by the crash
    }
  }
  return results;
}

/** Grades one submission (never throws: every problem becomes a status). */
export async function gradeSubmission(file: string, options: GradeOptions = {}): Promise<SubmissionResult> {
  const started = Date.now();
  const shown = options.relativeTo ? file.slice(resolve(options.relativeTo).length + 1) : basename(file);
  const result: SubmissionResult = {
    file: shown, id: idFromFile(file), status: "ok", detail: "", outcomes: {}, recordFrom: "none", seconds: 0,
  };
  const folder = mkdtempSync(join(tmpdir(), "pdl-grade-"));
  try {
    // A copy of the submission alone in a fresh folder, with this repository's packages.
    const copy = join(folder, "submission.ipynb");
    writeFileSync(copy, readFileSync(file));
    symlinkSync(join(repositoryRoot(), "node_modules"), join(folder, "node_modules"), "dir");
    let notebook;
    try {
      notebook = readNotebook(copy);
    } catch (e) {
      result.status = "invalid";
      result.detail = (e as Error).message.replace(copy, shown);
      return result;
    }
    result.id = idFromMetadata(notebook.metadata) ?? result.id;
    if (!notebook.cells.some((c) => c.cell_type === "code" && cellSource(c).trim() !== "")) {
      result.status = "invalid";
      result.detail = "the notebook has no code";
      return result;
    }
    const logPath = join(folder, "check-log.jsonl");
    const nonce = randomBytes(16).toString("hex");
    let exited = false;
    let record: CheckResult[] | undefined;
    let extra: CheckResult[] = [];
    const cellTimeoutSeconds = options.cellTimeoutSeconds ?? 60;
    const afterRun = async (kernel: KernelClient) => {
      if (kernel.exited) {
        exited = true;
        return;
      }
      const cases = JSON.stringify(options.instructorCases ?? {});
      const code =
        `(() => { const pdl = require(${JSON.stringify(join(repositoryRoot(), "dist", "index.js"))}); ` +
        `const r = { record: pdl.checkRecord(), extra: pdl.runInstructorCases(${cases}) }; ` +
        `process.stdout.write(${JSON.stringify(nonce)} + JSON.stringify(r) + ${JSON.stringify(nonce)} + "\\n"); })();`;
      try {
        const reply = await kernel.execute(code, { timeoutSeconds: Math.max(30, cellTimeoutSeconds), storeHistory: false });
        const text = reply.messages.filter((m) => m.msgType === "stream" && m.content.name === "stdout").map((m) => String(m.content.text)).join("");
        const at = text.indexOf(nonce);
        const end = text.indexOf(nonce, at + nonce.length);
        if (at >= 0 && end > at) {
          const answer = JSON.parse(text.slice(at + nonce.length, end));
          record = answer.record;
          extra = answer.extra;
        }
      } catch {
        // the kernel died or did not answer: the log file is used below
      }
      exited = kernel.exited;
    };
    const memory = options.memoryMb ?? 1024;
    const nodeOptions = `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=${memory}`.trim();
    let report;
    const run = () => runNotebook(copy, {
      cellTimeoutSeconds,
      lateErrorWaitMs: 100,
      kernelEnv: { NODE_OPTIONS: nodeOptions, PDL_CHECK_LOG: logPath, PDL_NOTEBOOK: shown },
      afterRun,
    });
    try {
      try {
        report = await run();
      } catch (e) {
        // A kernel that did not start ran none of the student's code: the grader's problem, so try once more.
        if (!/during startup|did not answer within/.test((e as Error).message)) throw e;
        report = await run();
      }
    } catch (e) {
      exited = true;
      result.status = "crashed";
      const lines = (e as Error).message.split("\n").map((l) => l.trim()).filter(Boolean);
      result.detail = `the kernel stopped: ${lines.slice(0, 3).join(" ").slice(0, 400)}`;
    }
    if (record) {
      result.recordFrom = "final-cell";
    } else {
      record = readLog(logPath);
      result.recordFrom = record.length > 0 ? "log" : "none";
    }
    result.outcomes = latestOutcomes(record);
    // Instructor cases: a passed check still fails when its answer misses a case (and says which).
    for (const x of extra) {
      const o = result.outcomes[x.exercise];
      if (o?.passed && !x.passed) result.outcomes[x.exercise] = { passed: false, message: x.message };
    }
    if (options.instructorCases && result.recordFrom === "log") {
      // the kernel died: the instructor cases could not run, so those exercises do not count
      for (const name of Object.keys(options.instructorCases)) {
        const o = result.outcomes[name];
        if (o?.passed) result.outcomes[name] = { passed: false, message: "the kernel died before the instructor cases ran" };
      }
    }
    if (report && !report.ok && report.failure) {
      const f = report.failure;
      result.failure = f;
      const died = exited || /\[the kernel died\]|\[kernel exited/.test(f.message);
      result.status = f.kind === "timeout" ? "timeout" : died ? "crashed" : "error";
      result.detail =
        result.status === "timeout" ? `cell ${f.cell} did not finish within ${cellTimeoutSeconds} s`
          : result.status === "crashed" ? `the kernel died in cell ${f.cell} (memory limit ${memory} MB, process.exit() or a crash)`
            : `${f.kind === "diagnostic" ? "a TypeScript error" : "an exception"} in cell ${f.cell} stopped the run`;
    } else if (report && exited) {
      result.status = "crashed";
      result.detail = "the kernel died after the last cell";
    }
    return result;
  } catch (e) {
    result.status = "crashed";
    result.detail = `the grader could not run it: ${(e as Error).message.split("\n")[0]}`;
    return result;
  } finally {
    result.seconds = (Date.now() - started) / 1000;
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Grades every file, `concurrency` at a time, in the order given. */
export async function gradeSubmissions(files: string[], options: GradeOptions = {}): Promise<Gradebook> {
  const started = Date.now();
  const results: SubmissionResult[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      results[i] = await gradeSubmission(files[i], options);
      done++;
      options.onProgress?.(done, files.length, results[i], (Date.now() - started) / 1000);
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 2, files.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { exercises: options.exercises ?? exerciseColumns(files, results), submissions: results };
}

/** The gradebook's columns: the known checks the submissions call (first appearance), then any other ones run. */
function exerciseColumns(files: string[], results: SubmissionResult[]): string[] {
  const columns: string[] = [];
  files.forEach((file, i) => {
    if (results[i].status === "invalid") return;
    try {
      for (const name of exercisesCalled(readNotebook(file).cells)) if (!columns.includes(name)) columns.push(name);
    } catch {
      // unreadable: contributes no column
    }
  });
  const known = new Set(knownExercises());
  for (const r of results) for (const name of Object.keys(r.outcomes)) if (known.has(name) && !columns.includes(name)) columns.push(name);
  return columns;
}

/** Points of a submission: the exercises among `exercises` whose latest check passed. */
export function total(result: SubmissionResult, exercises: string[]): number {
  return exercises.filter((e) => result.outcomes[e]?.passed).length;
}
