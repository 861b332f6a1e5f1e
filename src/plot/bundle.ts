/**
 * Turning a figure into what Jupyter displays: a "bundle" of the same figure in several mimetypes, so that
 * every front end finds one it can render offline:
 *
 * - `application/vnd.plotly.v1+json`: the figure JSON itself (JupyterLab with the plotly extension, VS Code);
 * - `text/html`: a div and a script that draws it with plotly.js, which a "loader" output (once per notebook)
 *   inlines from the plotly.js-dist-min npm package (JupyterLab without the extension, classic Notebook,
 *   `jupyter nbconvert --to html`);
 * - `text/plain`: a one-line summary (terminals, logs).
 *
 * Everything here is pure (no kernel needed), so it is unit-tested directly.
 */
import { checkFigureStructure } from "./checks";
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { Figure } from "./figure";
import { describe } from "../util/errors";
import { localized } from "../util/language";

/** The payload of one Jupyter display message. */
export interface DisplayBundle {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export const PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json";

/**
 * JSON that is safe inside an HTML `<script>` element: `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`
 * (so data containing `</script>` or `<!--` cannot end the script), and the line separators U+2028/U+2029
 * are escaped too. `JSON.parse`/JS read the result as the same value.
 */
export function jsonForScript(value: unknown): string {
  if (value === undefined || typeof value === "function") throw new TypeError(`jsonForScript: value must be JSON data, got ${describe(value)}`);
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const NUMERIC_KEYS = ["x", "y", "z", "values", "r", "theta", "lat", "lon", "a", "b"];

/**
 * Checks that `fig` looks like a plotly figure and that its numeric data is finite; throws a clear error
 * otherwise. NaN/±Infinity in data would silently vanish from the picture (JSON has no NaN): use `null`
 * for an intentional gap.
 */
export function validateFigure(fig: unknown, where = "show"): asserts fig is Figure {
  if (fig === null || typeof fig !== "object" || Array.isArray(fig)) {
    throw new TypeError(`${where}: expected a figure { data: [...], layout: {...} }, got ${describe(fig)}`);
  }
  const f = fig as Partial<Figure>;
  if (!Array.isArray(f.data)) {
    throw new TypeError(
      `${where}: expected a figure with a \`data\` array of traces, got ${describe(f.data)} for fig.data ` +
        `(did you pass a trace instead of a figure? wrap it: { data: [trace], layout: {} })`,
    );
  }
  if (f.layout !== undefined && (f.layout === null || typeof f.layout !== "object")) {
    throw new TypeError(`${where}: fig.layout must be an object, got ${describe(f.layout)}`);
  }
  checkFigureStructure(f, where); // frames, BigInt, cycles (plot/checks.ts)
  const check = (traces: unknown[], context: string) => {
    traces.forEach((trace, t) => {
      if (trace === null || typeof trace !== "object") {
        throw new TypeError(`${where}: ${context}data[${t}] must be a trace object, got ${describe(trace)}`);
      }
      for (const key of NUMERIC_KEYS) checkFinite((trace as Record<string, unknown>)[key], `${context}data[${t}].${key}`, where);
    });
  };
  check(f.data, "");
  (f.frames ?? []).forEach((frame, i) => check(frame.data ?? [], `frames[${i}].`));
}

function checkFinite(values: unknown, path: string, where: string): void {
  if (values == null || typeof values === "string") return;
  if (typeof values === "number") {
    if (!Number.isFinite(values)) throw new RangeError(`${where}: ${path} is ${values}; plotly cannot draw it`);
    return;
  }
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) return;
  const list = values as ArrayLike<unknown>;
  let bad = 0;
  let first = -1;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      checkFinite(v, `${path}[${i}]`, where);
    } else if (typeof v === "number" && !Number.isFinite(v)) {
      bad++;
      if (first < 0) first = i;
    }
  }
  if (bad > 0) {
    throw new RangeError(
      `${where}: ${path} has ${bad} non-finite value${bad > 1 ? "s" : ""} (first at index ${first}: ${String(list[first])}); ` +
        `plotly would silently drop ${bad > 1 ? "them" : "it"}. Replace with null for a deliberate gap, or fix the computation.`,
    );
  }
}

/** Typed arrays become plain arrays, so the figure is plain JSON. */
export function toPlainJson(fig: Figure): Figure {
  return JSON.parse(JSON.stringify(fig, (_key, value) => (ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value)));
}

/** A short text form of a figure: `Figure: 2 traces (scatter, histogram), title "Loss"`. */
export function figureSummary(fig: Figure): string {
  validateFigure(fig, "figureSummary");
  const kinds = fig.data.map((t) => String(t.type ?? "scatter"));
  const title = fig.layout?.title;
  const titleText = typeof title === "string" ? title : typeof title?.text === "string" ? title.text : "";
  const frames = fig.frames?.length ? `, ${fig.frames.length} frames` : "";
  return `Figure: ${fig.data.length} trace${fig.data.length === 1 ? "" : "s"} (${kinds.join(", ")})${frames}${titleText ? `, title ${JSON.stringify(titleText)}` : ""}`;
}

/** A fresh element id for one drawn figure. */
export function newFigureId(): string {
  return "pdl-fig-" + randomBytes(6).toString("hex");
}

/**
 * What a figure's box says until plotly.js draws into it (the drawing code removes it). A viewer that does not run
 * the figure's script (an untrusted notebook, GitHub, a page that lost the plotly.js loader) shows this instead
 * of an empty box.
 */
export const NOT_DRAWN_MESSAGE =
  "Figure not drawn: plotly.js is not loaded in this page. " +
  "Run loadPlotly() in a cell (it sends plotly.js again; waiting figures then draw) or re-run this cell. " +
  "A notebook opened with saved outputs must be trusted first (JupyterLab: Ctrl+Shift+C, “Trust Notebook”), " +
  "or install JupyterLab's plotly extension (pip install plotly; npm start sets it up).";

/** {@link NOT_DRAWN_MESSAGE} in the language selected by `setLanguage`. */
export function notDrawnMessage(): string {
  return localized({
    en: NOT_DRAWN_MESSAGE,
    ja:
      "図が描かれていません: このページには plotly.js が読み込まれていません。" +
      "セルで loadPlotly() を実行する（plotly.js を送り直し、待っている図が描かれます）か、このセルを再実行してください。" +
      "出力を保存したノートブックを開いたときは、まず信頼してください（JupyterLab: Ctrl+Shift+C、“Trust Notebook”）。" +
      "または JupyterLab の plotly 拡張を入れてください（pip install plotly。npm start が用意します）。",
  });
}

/** The styled element holding {@link notDrawnMessage}, inside a figure's box. */
function notDrawnElement(): string {
  return (
    `<div class="pdl-plot-missing" style="padding:10px 12px;border:1px dashed #c0504d;color:#a33;` +
    `font:13px/1.4 sans-serif;">${escapeHtml(notDrawnMessage())}</div>`
  );
}

/**
 * The display bundle of a figure. The HTML box first shows {@link NOT_DRAWN_MESSAGE}; its script removes the
 * message and draws at once if plotly.js is on the page, else queues the draw on `window.__plotlyQueue`, which
 * the loader output drains once plotly.js has run. If plotly.js itself fails, the box says so.
 */
export function figureBundle(fig: Figure, id = newFigureId()): DisplayBundle {
  validateFigure(fig);
  const plain = toPlainJson(fig);
  const height = typeof plain.layout?.height === "number" ? plain.layout.height : 450;
  const html =
    `<div id="${escapeHtml(id)}" class="pdl-plot" style="width:100%;min-height:${height}px;">${notDrawnElement()}</div>\n` +
    `<script type="text/javascript">\n` +
    `(function () {\n` +
    `  var fig = ${jsonForScript(plain)};\n` +
    `  function draw() {\n` +
    `    var el = document.getElementById(${jsonForScript(id)});\n` +
    `    if (!el) return;\n` +
    `    var missing = el.querySelector(".pdl-plot-missing");\n` +
    `    function fail(e) {\n` +
    `      if (missing) { missing.textContent = ${jsonForScript(localized({ en: "Figure not drawn: plotly.js raised ", ja: "図が描かれていません: plotly.js のエラー " }))} + e; el.appendChild(missing); }\n` +
    `      console.error(e);\n` +
    `    }\n` +
    `    if (missing) el.removeChild(missing);\n` +
    `    try { Promise.resolve(window.Plotly.newPlot(el, fig)).then(null, fail); } catch (e) { fail(e); }\n` +
    `  }\n` +
    `  if (window.Plotly) draw(); else (window.__plotlyQueue = window.__plotlyQueue || []).push(draw);\n` +
    `})();\n` +
    `</script>`;
  return {
    data: { [PLOTLY_MIMETYPE]: plain, "text/html": html, "text/plain": figureSummary(plain) },
    metadata: {},
  };
}

let plotlySource: string | undefined;

/** plotly.min.js from the plotly.js-dist-min package, made safe to inline in a `<script>` element. */
export function plotlyScript(): string {
  if (plotlySource === undefined) {
    const file = require.resolve("plotly.js-dist-min/plotly.min.js");
    // `<!--`, `<script` and `</script` would change how the HTML parser reads a script element; in the minified
    // source they occur only inside string literals, where `\x3C` is the same character.
    plotlySource = readFileSync(file, "utf8").replace(/<(!--|script|\/script)/gi, "\\x3C$1");
  }
  return plotlySource;
}

/** The version of the inlined plotly.js. */
export function plotlyVersion(): string {
  return (require("plotly.js-dist-min/package.json") as { version: string }).version;
}

/** What the loader's status line says when its script did not run (the script replaces it). */
export const LOADER_NOT_RUN_MESSAGE =
  "plotly.js is not loaded: this output's script did not run (an untrusted notebook, or a viewer without " +
  "JavaScript), so the figures below cannot draw. Trust the notebook, or run loadPlotly() in a cell.";

/** {@link LOADER_NOT_RUN_MESSAGE} in the language selected by `setLanguage`. */
export function loaderNotRunMessage(): string {
  return localized({
    en: LOADER_NOT_RUN_MESSAGE,
    ja:
      "plotly.js が読み込まれていません: この出力のスクリプトが実行されなかったため（信頼されていないノートブック、" +
      "または JavaScript のない表示）、下の図は描けません。ノートブックを信頼するか、セルで loadPlotly() を実行してください。",
  });
}

/**
 * The loader output: inlines plotly.js (≈ 4.8 MB, no CDN) and draws every figure queued before it ran. Its
 * status line is written by its own script, so it says "loaded" only where plotly.js really runs. Sent once per
 * kernel session before the first figure, and again by every `loadPlotly()` call.
 */
export function loaderBundle(id = "pdl-plotly-loader-" + randomBytes(6).toString("hex")): DisplayBundle {
  const version = plotlyVersion();
  const loaded = localized({ en: `plotly.js ${version} loaded offline for this notebook`, ja: `plotly.js ${version} をこのノートブックにオフラインで読み込みました` });
  const waiting = localized({ en: " waiting figure(s) drawn", ja: " 個の待っていた図を描きました" });
  const failed = localized({ en: "plotly.js failed to load in this page (see the browser console).", ja: "このページで plotly.js の読み込みに失敗しました（ブラウザのコンソールを見てください）。" });
  const html =
    `<div id="${escapeHtml(id)}" class="pdl-plotly-loader" style="font-size:11px;color:#a33;">${escapeHtml(loaderNotRunMessage())}</div>\n` +
    // plotly.js in a script element of its own, so that the status below is written even if it throws.
    `<script type="text/javascript">\n` +
    `if (!window.Plotly) {\n${plotlyScript()}\n}\n` +
    `</script>\n` +
    `<script type="text/javascript">\n` +
    `(function () {\n` +
    `  var status = document.getElementById(${jsonForScript(id)});\n` +
    `  if (!window.Plotly) {\n` +
    `    if (status) status.textContent = ${jsonForScript(failed)};\n` +
    `    return;\n` +
    `  }\n` +
    `  var queue = window.__plotlyQueue || [];\n` +
    `  window.__plotlyQueue = [];\n` +
    `  queue.forEach(function (draw) { try { draw(); } catch (e) { console.error(e); } });\n` +
    `  if (status) {\n` +
    `    status.textContent = ${jsonForScript(loaded)} + (queue.length ? "; " + queue.length + ${jsonForScript(waiting)} : "");\n` +
    `    status.style.color = "#888";\n` +
    `  }\n` +
    `})();\n` +
    `</script>`;
  const sent = localized({ en: `plotly.js ${version} sent to the page (offline)`, ja: `plotly.js ${version} をページに送りました（オフライン）` });
  return { data: { "text/html": html, "text/plain": sent }, metadata: {} };
}
