/**
 * The headless notebook runner behind `npm run notebooks` and the notebook tests: runs each notebook in a
 * fresh kernel, cell by cell, timing every cell, and stops at the first error with the notebook, the cell
 * number and the kernel's error (the TypeScript diagnostic, or the exception with its frames, both naming
 * the line in the cell). An error that a timer or an un-awaited promise raises after its cell finished fails
 * the notebook too. It can write the executed notebook (with outputs) to a folder.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { KernelClient, type ExecuteResult, type KernelMessage } from "./kernel";

/** A notebook cell as stored in .ipynb (nbformat 4). */
export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: any[];
  execution_count?: number | null;
  id?: string;
}

/** A notebook as stored in .ipynb (nbformat 4). */
export interface NotebookJson {
  cells: NotebookCell[];
  metadata: Record<string, any>;
  nbformat: number;
  nbformat_minor: number;
}

/** The timing and status of one executed code cell. */
export interface CellReport {
  /** 1-based position among all cells of the notebook (markdown included), as shown in the editor. */
  cell: number;
  /** 1-based count among code cells. */
  codeCell: number;
  seconds: number;
  firstLine: string;
}

/** Where and why a notebook failed. */
export interface NotebookFailure {
  cell: number;
  codeCell: number;
  firstLine: string;
  /** The TypeScript diagnostic, or the exception message with its stack. */
  message: string;
  /** "late-error": an error no cell caught (a timer callback, an un-awaited promise), reported by the kernel. */
  kind: "diagnostic" | "exception" | "timeout" | "late-error";
  /** The kernel's error (name, message, traceback) when it sent one. */
  error?: { ename: string; evalue: string; traceback: string[] };
}

export interface NotebookRunReport {
  path: string;
  ok: boolean;
  cells: CellReport[];
  seconds: number;
  failure?: NotebookFailure;
  /** Where the executed copy was written, if asked. */
  written?: string;
}

export interface RunOptions {
  /** Write the executed notebook (with outputs) into this folder (refused when it would overwrite the notebook). */
  outputDir?: string;
  /**
   * Keep the notebook's path relative to this folder inside `outputDir` (so that notebooks of the same name in
   * different folders do not collide); default: only the file name.
   */
  outputRelativeTo?: string;
  /** How long to wait after the last cell for errors of timers and promises it left behind (default 300 ms). */
  lateErrorWaitMs?: number;
  /** Per-cell limit in seconds (default 120); a cell over it is interrupted and reported. */
  cellTimeoutSeconds?: number;
  /** Called after each cell (for printing progress). */
  onCell?: (report: CellReport) => void;
  /** Kernel launcher script (default: the project's kernelspec launcher). */
  launcher?: string;
  /** Extra environment variables for the kernel process (e.g. `{ NODE_OPTIONS: "--max-old-space-size=1024" }`). */
  kernelEnv?: Record<string, string>;
  /**
   * Called after the cells ran (also when one failed), before the kernel shuts down: the grader asks the
   * kernel for its record of checks here. The kernel may have exited (`kernel.exited`).
   */
  afterRun?: (kernel: KernelClient, report: NotebookRunReport) => Promise<void>;
}

/** Reads and checks a notebook file; throws a clear error for a missing file or invalid content. */
export function readNotebook(path: string): NotebookJson {
  if (!existsSync(path)) throw new Error(`notebook not found: ${path}`);
  if (statSync(path).isDirectory()) throw new Error(`expected a notebook file, got the folder ${path}`);
  const text = readFileSync(path, "utf8");
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path} is not a valid notebook: not valid JSON (${(e as Error).message})`);
  }
  if (json === null || typeof json !== "object" || !Array.isArray(json.cells)) {
    throw new Error(`${path} is not a valid notebook: expected a JSON object with a "cells" array (nbformat 4)`);
  }
  if (json.nbformat !== 4) throw new Error(`${path}: only nbformat 4 notebooks are supported, got nbformat ${json.nbformat}`);
  json.cells.forEach((cell: any, i: number) => {
    const where = `${path}: cell ${i + 1}`;
    if (cell === null || typeof cell !== "object") throw new Error(`${where} is not a cell object, got ${JSON.stringify(cell)}`);
    if (!["code", "markdown", "raw"].includes(cell.cell_type)) {
      throw new Error(`${where}: cell_type must be "code", "markdown" or "raw", got ${JSON.stringify(cell.cell_type)}`);
    }
    const source = cell.source;
    const ok = typeof source === "string" || (Array.isArray(source) && source.every((line: unknown) => typeof line === "string"));
    if (!ok) throw new Error(`${where}: source must be a string or a list of strings, got ${describeValue(source)}`);
  });
  const spec = json.metadata?.kernelspec;
  const language = spec?.language ?? json.metadata?.language_info?.name;
  if (language !== undefined && String(language).toLowerCase() !== "typescript") {
    throw new Error(
      `${path} is a ${language} notebook (kernel "${spec?.name ?? "?"}"); this runner runs TypeScript notebooks with the pdl-typescript kernel only`,
    );
  }
  return json as NotebookJson;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list holding ${value.map((v) => (v === null ? "null" : typeof v)).filter((t, i, all) => all.indexOf(t) === i).join(", ")}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Where the executed copy of `notebookPath` goes in `outputDir`; throws before anything runs when `outputDir`
 * is a file, or when the copy would overwrite the notebook itself (the committed, clean notebook).
 */
export function executedCopyPath(notebookPath: string, outputDir: string, outputRelativeTo?: string): string {
  const source = resolve(notebookPath);
  const dir = resolve(outputDir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new Error(`--out must be a folder, but ${outputDir} is a file`);
  let name = basename(source);
  if (outputRelativeTo !== undefined) {
    const rel = relative(resolve(outputRelativeTo), source);
    if (rel && !rel.startsWith("..") && !isAbsolute(rel)) name = rel;
  }
  const out = join(dir, name);
  if (resolve(out) === source || resolve(dirname(out)) === dirname(source) || dir === dirname(source)) {
    throw new Error(`--out ${outputDir} would overwrite ${notebookPath} (its own folder); choose a folder outside the notebooks`);
  }
  return out;
}

/** A cell's source as one string. */
export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source ?? "";
}

function firstLineOf(source: string): string {
  const line = source.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.length > 70 ? line.slice(0, 69) + "…" : line;
}

/** Splits text into nbformat's list-of-lines form. */
function toLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === "" ? [] : lines;
}

/** Turns the iopub messages of one cell into nbformat outputs, applying display updates across the notebook. */
class OutputCollector {
  private byDisplayId = new Map<string, any[]>();

  collect(messages: KernelMessage[], executionCount: number): any[] {
    const outputs: any[] = [];
    for (const msg of messages) {
      const c = msg.content;
      switch (msg.msgType) {
        case "stream": {
          const last = outputs[outputs.length - 1];
          if (last?.output_type === "stream" && last.name === c.name) last.text = toLines(last.text.join("") + c.text);
          else outputs.push({ output_type: "stream", name: c.name, text: toLines(c.text) });
          break;
        }
        case "display_data":
        case "execute_result": {
          const output: any = msg.msgType === "display_data"
            ? { output_type: "display_data", data: c.data, metadata: c.metadata ?? {} }
            : { output_type: "execute_result", data: c.data, metadata: c.metadata ?? {}, execution_count: executionCount };
          const id = c.transient?.display_id;
          if (id) {
            const list = this.byDisplayId.get(id) ?? [];
            list.push(output);
            this.byDisplayId.set(id, list);
          }
          outputs.push(output);
          break;
        }
        case "update_display_data":
          for (const output of this.byDisplayId.get(c.transient?.display_id) ?? []) {
            output.data = c.data;
            output.metadata = c.metadata ?? {};
          }
          break;
        case "error":
          outputs.push({ output_type: "error", ename: c.ename ?? "Error", evalue: c.evalue ?? "", traceback: c.traceback ?? [] });
          break;
        case "clear_output":
          outputs.length = 0;
          break;
      }
    }
    return outputs;
  }
}

/** The error text of a failed cell: the kernel's error (its traceback names the cell's line), and what it wrote to stderr. */
function failureMessage(result: ExecuteResult): { message: string; kind: NotebookFailure["kind"] } {
  const error = result.error;
  const stderr = result.stderr.trim();
  const errorText = error ? (error.traceback.length > 0 ? error.traceback.join("\n") : `${error.ename}: ${error.evalue}`) : "";
  const text = [errorText, stderr && errorText ? `stderr:\n${stderr}` : stderr].filter(Boolean).join("\n");
  const kind = error?.ename === "TypeScriptError" ? "diagnostic" : "exception";
  return { message: text || "(the kernel reported an error without a message)", kind };
}

/** Runs one notebook in a fresh kernel started in the notebook's folder. */
export async function runNotebook(path: string, options: RunOptions = {}): Promise<NotebookRunReport> {
  const notebookPath = resolve(path);
  const notebook = readNotebook(notebookPath);
  // Refuse a bad --out before spending minutes on the notebook.
  const out = options.outputDir ? executedCopyPath(notebookPath, options.outputDir, options.outputRelativeTo) : undefined;
  const started = Date.now();
  const report: NotebookRunReport = { path, ok: true, cells: [], seconds: 0 };
  const kernel = await KernelClient.start(dirname(notebookPath), { launcher: options.launcher, env: options.kernelEnv });
  const collector = new OutputCollector();
  let codeCell = 0;
  const fail = (i: number, cellNumber: number, firstLine: string, result: ExecuteResult) => {
    const failure: NotebookFailure =
      result.status === "timeout"
        ? {
          cell: i + 1, codeCell: cellNumber, firstLine, kind: "timeout",
          message: `the cell did not finish within ${options.cellTimeoutSeconds ?? 120} s and was interrupted\n${result.stderr}`.trim(),
        }
        : result.status === "ok" && result.lateErrors.length > 0
          ? { cell: i + 1, codeCell: cellNumber, firstLine, kind: "late-error", message: result.lateErrors.join("\n").trim() }
          : { cell: i + 1, codeCell: cellNumber, firstLine, ...failureMessage(result) };
    if (result.error) failure.error = result.error;
    report.ok = false;
    report.failure = failure;
  };
  try {
    let lastCell = -1;
    for (let i = 0; i < notebook.cells.length; i++) {
      const cell = notebook.cells[i];
      if (cell.cell_type !== "code") continue;
      codeCell++;
      const source = cellSource(cell);
      const firstLine = firstLineOf(source);
      if (source.trim() === "") {
        cell.outputs = [];
        cell.execution_count = null;
        continue;
      }
      const result = await kernel.execute(source, { timeoutSeconds: options.cellTimeoutSeconds });
      const count = result.executionCount ?? codeCell;
      cell.outputs = collector.collect(result.messages, count);
      cell.execution_count = count;
      lastCell = i;
      const cellReport: CellReport = { cell: i + 1, codeCell, seconds: result.seconds, firstLine };
      report.cells.push(cellReport);
      options.onCell?.(cellReport);
      if (result.status !== "ok" || result.lateErrors.length > 0) {
        fail(i, codeCell, firstLine, result);
        break;
      }
    }
    if (report.ok && lastCell >= 0) {
      // Errors of timers and promises the last cell left behind: give them a moment, then ask the kernel.
      await new Promise((r) => setTimeout(r, options.lateErrorWaitMs ?? 300));
      const probe = await kernel.execute("", { storeHistory: false, timeoutSeconds: 30 });
      if (probe.lateErrors.length > 0) {
        const last = notebook.cells[lastCell];
        const lastOutputs = (last.outputs ??= []);
        lastOutputs.push({ output_type: "stream", name: "stderr", text: toLines(probe.lateErrors.join("")) });
        const lastReport = report.cells[report.cells.length - 1];
        fail(lastCell, lastReport.codeCell, lastReport.firstLine, { ...probe, status: "ok" });
      }
    }
    if (options.afterRun) await options.afterRun(kernel, report);
  } finally {
    await kernel.shutdown();
  }
  report.seconds = (Date.now() - started) / 1000;
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    if (existsSync(out) && statSync(out).isDirectory()) throw new Error(`cannot write ${out}: it is a folder`);
    writeFileSync(out, JSON.stringify(notebook, null, 1) + "\n");
    report.written = out;
  }
  return report;
}

/** A failure as the text a person reads: where, the cell's first line, and the message. */
export function formatFailure(report: NotebookRunReport): string {
  const f = report.failure;
  if (!f) return `${report.path}: ok`;
  const what = { diagnostic: "TypeScript error", timeout: "timeout", exception: "exception", "late-error": "error after a cell finished" }[f.kind];
  return `${report.path}: ${what} in cell ${f.cell} (code cell ${f.codeCell}): ${f.firstLine}\n${f.message.replace(/^/gm, "    ")}`;
}
