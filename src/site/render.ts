/**
 * An executed notebook as HTML for the static site: markdown (with `$…$` and `$$…$$` math rendered by KaTeX at
 * build time, links to other notebooks pointing at their pages), code cells as code, and their outputs: plotly
 * figures as interactive figures (page.ts), our HTML outputs (progress bars) as they are, text as text. The
 * plotly.js loader output is dropped: pages load the shared plotly.js instead.
 */
import { Marked, type Tokens } from "marked";
import markedKatex from "marked-katex-extension";
import type { NotebookJson } from "../notebook/index";
import { cellSource } from "../notebook/index";
import { escapeHtml, PLOTLY_MIMETYPE } from "../plot/bundle";
import type { Figure } from "../plot/figure";
import { figureHtml } from "./page";
import { LIVE_LOADER_CLASS } from "../plot/liveBundle";

/** What a rendered notebook holds, for the index and for the site's test. */
export interface RenderedNotebook {
  title: string;
  /** The learning goals (or the "In this notebook" paragraph) as HTML. */
  goals: string;
  body: string;
  figures: number;
  math: number;
}

/** A markdown renderer with KaTeX math; `counter.math` counts the formulas it rendered. */
function markdown(counter: { math: number }): Marked {
  const md = new Marked();
  md.use(markedKatex({ throwOnError: false, nonStandard: true }));
  md.use({
    walkTokens(token) {
      if (token.type === "inlineKatex" || token.type === "blockKatex") counter.math++;
      if (token.type === "link") {
        const link = token as Tokens.Link;
        link.href = link.href.replace(/\.ipynb(#|$)/, ".html$1");
      }
    },
  });
  return md;
}

/** Renders markdown text (with math) to HTML; adds the number of formulas to `counter.math`. */
export function renderMarkdown(text: string, counter: { math: number }): string {
  return markdown(counter).parse(text, { async: false }) as string;
}

function joinText(value: unknown): string {
  return Array.isArray(value) ? value.join("") : String(value ?? "");
}

/**
 * The title (first `# ` heading) and the learning goals (the paragraph and list after "Learning goals" or "In this
 * notebook"; in the Japanese edition 「学習目標」 or 「このノートブックでは」).
 */
export function titleAndGoals(nb: NotebookJson): { title: string; goals: string } {
  const first = nb.cells.find((c) => c.cell_type === "markdown");
  const text = first ? cellSource(first) : "";
  const title = (text.match(/^#\s+(.+)$/m)?.[1] ?? "notebook").trim();
  const blocks = text.split(/\n\s*\n/);
  const start = blocks.findIndex((b) => /\*\*(learning goals|in this notebook|学習目標|このノートブックでは)/i.test(b));
  const goals = start >= 0 ? blocks[start] : (blocks[1] ?? "");
  return { title, goals };
}

/** One output of a code cell as HTML (the loader output gives ""). */
function renderOutput(output: any, nextId: () => string, counts: { figures: number }): string {
  if (output.output_type === "stream") {
    return `<pre class="pdl-stream${output.name === "stderr" ? " pdl-stderr" : ""}">${escapeHtml(joinText(output.text))}</pre>`;
  }
  if (output.output_type === "error") {
    return `<pre class="pdl-stderr">${escapeHtml(`${output.ename}: ${output.evalue}`)}</pre>`;
  }
  const data = output.data ?? {};
  if (data[PLOTLY_MIMETYPE]) {
    counts.figures++;
    return figureHtml(data[PLOTLY_MIMETYPE] as Figure, nextId());
  }
  const html = data["text/html"] !== undefined ? joinText(data["text/html"]) : undefined;
  // The loaders of plotly.js and of the library's browser part are dropped: pages load the shared files instead.
  if (html !== undefined) return html.includes("pdl-plotly-loader") || html.includes(LIVE_LOADER_CLASS) ? "" : html;
  if (data["image/png"]) return `<img alt="" src="data:image/png;base64,${joinText(data["image/png"]).trim()}">`;
  if (data["image/svg+xml"]) return joinText(data["image/svg+xml"]);
  if (data["text/plain"] !== undefined) return `<pre class="pdl-text">${escapeHtml(joinText(data["text/plain"]))}</pre>`;
  return "";
}

/** Renders an executed notebook; `slug` makes the figure ids unique on the page. */
export function renderNotebook(nb: NotebookJson, slug: string): RenderedNotebook {
  const counter = { math: 0 };
  const counts = { figures: 0 };
  let figureId = 0;
  const nextId = () => `${slug}-fig-${++figureId}`;
  const parts: string[] = [];
  for (const cell of nb.cells) {
    const source = cellSource(cell);
    if (cell.cell_type === "markdown") {
      parts.push(`<section class="pdl-markdown">\n${renderMarkdown(source, counter)}</section>`);
    } else if (cell.cell_type === "code") {
      if (source.trim()) parts.push(`<pre class="pdl-code"><code class="language-typescript">${escapeHtml(source)}</code></pre>`);
      const outputs = (cell.outputs ?? []).map((o) => renderOutput(o, nextId, counts)).filter((h) => h !== "");
      if (outputs.length) parts.push(`<div class="pdl-output">\n${outputs.join("\n")}\n</div>`);
    }
  }
  const { title, goals } = titleAndGoals(nb);
  const goalsCounter = { math: 0 };
  return { title, goals: renderMarkdown(goals, goalsCounter), body: parts.join("\n"), figures: counts.figures, math: counter.math };
}
