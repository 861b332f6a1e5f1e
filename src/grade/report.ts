/**
 * What the grader writes: gradebook.csv (one row per submission), one feedback page per submission, and a
 * summary page for the lecturer (pass rate per exercise as an offline plotly bar chart, the most common hints).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { escapeHtml, figureBundle, plotlyScript } from "../plot/bundle";
import { barFigure } from "../plot/builders";
import { total, type Gradebook, type SubmissionResult } from "./grade";

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** gradebook.csv: id, file, one 1/0 column per exercise, total, status. */
export function gradebookCsv(book: Gradebook): string {
  const rows = [["id", "file", ...book.exercises, "total", "status"]];
  for (const s of book.submissions) {
    rows.push([s.id, s.file, ...book.exercises.map((e) => (s.outcomes[e]?.passed ? "1" : "0")), String(total(s, book.exercises)), s.status]);
  }
  return rows.map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}

/** The feedback page's file name for each submission (ids made unique). */
export function feedbackNames(book: Gradebook): string[] {
  const seen = new Map<string, number>();
  return book.submissions.map((s) => {
    const n = (seen.get(s.id) ?? 0) + 1;
    seen.set(s.id, n);
    return `${s.id}${n > 1 ? `-${n}` : ""}.html`;
  });
}

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
.pass{color:#1a7f37}.fail{color:#b42318}.none{color:#888}pre{background:#f6f6f6;padding:8px;overflow-x:auto;white-space:pre-wrap}`;

function page(title: string, body: string, head = ""): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style>${head}</head>\n<body>\n${body}\n</body></html>\n`;
}

/** Removes terminal colour codes from kernel tracebacks. */
function plain(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

const STATUS_TEXT: Record<SubmissionResult["status"], string> = {
  ok: "every cell ran",
  error: "the run stopped at an error",
  timeout: "the run stopped: a cell took too long",
  crashed: "the kernel crashed",
  invalid: "not a notebook the grader can run",
};

/** One student's feedback: each exercise with its result and hint, and where the run stopped. */
export function feedbackHtml(s: SubmissionResult, exercises: string[]): string {
  const rows = exercises.map((e) => {
    const o = s.outcomes[e];
    const cls = o ? (o.passed ? "pass" : "fail") : "none";
    const mark = o ? (o.passed ? "✓ passed" : "✗ not yet") : "– not run";
    const message = o ? o.message : s.status === "ok" ? "this check was not called in the notebook" : "the run stopped before this check";
    return `<tr class="${cls}"><td>${escapeHtml(e)}</td><td>${mark}</td><td>${escapeHtml(message)}</td></tr>`;
  });
  const stop = s.failure
    ? `<h2>Where the run stopped</h2>\n<p>Cell ${s.failure.cell} (code cell ${s.failure.codeCell}): <code>${escapeHtml(s.failure.firstLine)}</code></p>\n<pre>${escapeHtml(plain(s.failure.message).slice(0, 4000))}</pre>`
    : "";
  const body =
    `<h1>Feedback for ${escapeHtml(s.id)}</h1>\n` +
    `<p>File <code>${escapeHtml(s.file)}</code>. Status: <strong class="status">${s.status}</strong> (${STATUS_TEXT[s.status]}${s.detail ? `: ${escapeHtml(s.detail)}` : ""}).</p>\n` +
    `<p class="total"><strong>${total(s, exercises)} of ${exercises.length}</strong> exercises pass.</p>\n` +
    `<table><thead><tr><th>exercise</th><th>result</th><th>the check said</th></tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>\n${stop}`;
  return page(`Feedback: ${s.id}`, body);
}

/** The (exercise, hint) pairs of failed checks, most common first. */
export function commonHints(book: Gradebook, limit = 10): { exercise: string; hint: string; count: number }[] {
  const counts = new Map<string, { exercise: string; hint: string; count: number }>();
  for (const s of book.submissions) {
    for (const e of book.exercises) {
      const o = s.outcomes[e];
      if (!o || o.passed) continue;
      const key = `${e}\u0000${o.message}`;
      const entry = counts.get(key) ?? { exercise: e, hint: o.message, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.exercise.localeCompare(b.exercise)).slice(0, limit);
}

/** The fraction of submissions passing each exercise. */
export function passRates(book: Gradebook): number[] {
  const n = book.submissions.length;
  return book.exercises.map((e) => (n === 0 ? 0 : book.submissions.filter((s) => s.outcomes[e]?.passed).length / n));
}

/** The lecturer's summary: statuses, pass rate per exercise (bar chart, plotly.js inlined), most common hints. */
export function summaryHtml(book: Gradebook, names: string[]): string {
  const rates = passRates(book);
  const figure = barFigure({ x: book.exercises, y: rates, name: "pass rate" }, { title: "Pass rate per exercise", yLabel: "fraction of submissions", yRange: [0, 1] });
  const chart = book.exercises.length > 0 ? String(figureBundle(figure, "pass-rate-chart").data["text/html"]) : "<p>No exercises.</p>";
  const statuses = (["ok", "error", "timeout", "crashed", "invalid"] as const)
    .map((st) => `<tr><td>${st}</td><td>${book.submissions.filter((s) => s.status === st).length}</td></tr>`).join("");
  const hints = commonHints(book).map((h) => `<tr><td>${h.count}</td><td>${escapeHtml(h.exercise)}</td><td>${escapeHtml(h.hint)}</td></tr>`).join("\n");
  const students = book.submissions.map((s, i) =>
    `<tr><td><a href="feedback/${encodeURI(names[i])}">${escapeHtml(s.id)}</a></td><td>${total(s, book.exercises)} / ${book.exercises.length}</td><td>${s.status}</td></tr>`).join("\n");
  const body =
    `<h1>Grading summary</h1>\n<p>${book.submissions.length} submissions, ${book.exercises.length} exercises.</p>\n` +
    `<table id="statuses"><thead><tr><th>status</th><th>submissions</th></tr></thead><tbody>${statuses}</tbody></table>\n` +
    `<h2>Pass rate per exercise</h2>\n${chart}\n` +
    `<table id="rates"><thead><tr><th>exercise</th><th>pass rate</th></tr></thead><tbody>` +
    book.exercises.map((e, i) => `<tr><td>${escapeHtml(e)}</td><td>${(100 * rates[i]).toFixed(0)} %</td></tr>`).join("") + `</tbody></table>\n` +
    `<h2>Most common hints</h2>\n<table id="hints"><thead><tr><th>count</th><th>exercise</th><th>hint</th></tr></thead><tbody>\n${hints}\n</tbody></table>\n` +
    `<h2>Submissions</h2>\n<table id="submissions"><thead><tr><th>id</th><th>total</th><th>status</th></tr></thead><tbody>\n${students}\n</tbody></table>`;
  return page("Grading summary", body, `<script>${plotlyScript()}</script>`);
}

/** Writes gradebook.csv, feedback/<id>.html and summary.html into `outDir`; returns their paths. */
export function writeReports(book: Gradebook, outDir: string): { csv: string; summary: string; feedback: string[] } {
  mkdirSync(join(outDir, "feedback"), { recursive: true });
  const csv = join(outDir, "gradebook.csv");
  writeFileSync(csv, gradebookCsv(book));
  const names = feedbackNames(book);
  const feedback = book.submissions.map((s, i) => {
    const path = join(outDir, "feedback", names[i]);
    writeFileSync(path, feedbackHtml(s, book.exercises));
    return path;
  });
  const summary = join(outDir, "summary.html");
  writeFileSync(summary, summaryHtml(book, names));
  return { csv, summary, feedback };
}
