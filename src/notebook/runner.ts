/**
 * The headless notebook runner behind `npm run notebooks` and the notebook tests: runs each notebook in a
 * fresh kernel, cell by cell, timing every cell, and stops at the first error with the notebook, the cell
 * number and the TypeScript diagnostic or the exception with its stack. It can write the executed notebook
 * (with outputs) to a folder.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { KernelClient, type KernelMessage } from "./kernel";

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
  kind: "diagnostic" | "exception" | "timeout";
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
  /** Write the executed notebook (with outputs) into this folder. */
  outputDir?: string;
  /** Per-cell limit in seconds (default 120); a cell over it is interrupted and reported. */
  cellTimeoutSeconds?: number;
  /** Called after each cell (for printing progress). */
  onCell?: (report: CellReport) => void;
  /** Kernel launcher script (default: the project's kernelspec launcher). */
  launcher?: string;
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
  return json as NotebookJson;
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

/** The error text of a failed cell: tslab writes diagnostics and exceptions to stderr, not to the reply. */
function failureMessage(stderr: string, messages: KernelMessage[]): { message: string; kind: NotebookFailure["kind"] } {
  const error = messages.find((m) => m.msgType === "error");
  // Drop the kernel's own stack frames (tslab's executor, node:vm): they say nothing about the cell.
  const cleaned = stderr
    .split("\n")
    .filter((line) => !/^\s+at .*(node:vm|tslab[\\/]dist|sigintHandlersWrap|node:internal)/.test(line))
    .join("\n");
  const text = [cleaned.trim(), error ? `${error.content.ename}: ${error.content.evalue}\n${(error.content.traceback ?? []).join("\n")}` : ""]
    .filter(Boolean)
    .join("\n");
  // tslab prints TypeScript diagnostics as "<line>:<col> - <message>".
  const kind = /^\d+:\d+ - /m.test(stderr) && !/\n\s+at /.test(stderr) ? "diagnostic" : "exception";
  return { message: text || "(the kernel reported an error without a message)", kind };
}

/** Runs one notebook in a fresh kernel started in the notebook's folder. */
export async function runNotebook(path: string, options: RunOptions = {}): Promise<NotebookRunReport> {
  const notebookPath = resolve(path);
  const notebook = readNotebook(notebookPath);
  const started = Date.now();
  const report: NotebookRunReport = { path, ok: true, cells: [], seconds: 0 };
  const kernel = await KernelClient.start(dirname(notebookPath), { launcher: options.launcher });
  const collector = new OutputCollector();
  let codeCell = 0;
  try {
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
      cell.outputs = collector.collect(result.messages, codeCell);
      cell.execution_count = codeCell;
      const cellReport: CellReport = { cell: i + 1, codeCell, seconds: result.seconds, firstLine };
      report.cells.push(cellReport);
      options.onCell?.(cellReport);
      if (result.status !== "ok") {
        const { message, kind } = result.status === "timeout"
          ? { message: `the cell did not finish within ${options.cellTimeoutSeconds ?? 120} s and was interrupted\n${result.stderr}`.trim(), kind: "timeout" as const }
          : failureMessage(result.stderr, result.messages);
        report.ok = false;
        report.failure = { cell: i + 1, codeCell, firstLine, message, kind };
        break;
      }
    }
  } finally {
    await kernel.shutdown();
  }
  report.seconds = (Date.now() - started) / 1000;
  if (options.outputDir) {
    mkdirSync(options.outputDir, { recursive: true });
    const out = join(options.outputDir, basename(notebookPath));
    writeFileSync(out, JSON.stringify(notebook, null, 1) + "\n");
    report.written = out;
  }
  return report;
}

/** A failure as the text a person reads: where, the cell's first line, and the message. */
export function formatFailure(report: NotebookRunReport): string {
  const f = report.failure;
  if (!f) return `${report.path}: ok`;
  const what = f.kind === "diagnostic" ? "TypeScript error" : f.kind === "timeout" ? "timeout" : "exception";
  return `${report.path}: ${what} in cell ${f.cell} (code cell ${f.codeCell}): ${f.firstLine}\n${f.message.replace(/^/gm, "    ")}`;
}
