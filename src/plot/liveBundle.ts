/**
 * The HTML of live figures: the loader output that puts the library's browser bundle (dist/pdl-browser.js,
 * built by `npm run build` from src/browser.ts) into the page once per notebook, and each live figure's output.
 * Like the plotly.js loader (plot/bundle.ts): a figure whose script runs before the bundle is there queues
 * itself on `window.__pdlLiveQueue`, which the loader drains. The figure's source and data travel as escaped
 * JSON (`jsonForScript`), compiled by the page; the box shows an explanation until the page draws into it.
 */
import type { LiveSpec } from "./liveSource";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { escapeHtml, jsonForScript, type DisplayBundle } from "./bundle";
import { localized } from "../util/language";

/** Where `npm run build` writes the browser bundle: dist/pdl-browser.js (beside dist/plot/, or from src/plot/ in tests). */
export function browserBundlePath(): string {
  const beside = join(__dirname, "..", "pdl-browser.js");
  return existsSync(beside) ? beside : join(__dirname, "..", "..", "dist", "pdl-browser.js");
}

let bundleSource: string | undefined;

/** The browser bundle's source, made safe to inline in a `<script>` element. */
export function browserBundleScript(): string {
  if (bundleSource === undefined) {
    const file = browserBundlePath();
    if (!existsSync(file)) {
      throw new Error(`liveFigure: the library's browser bundle ${file} is missing; run \`npm run build\` and restart the kernel`);
    }
    bundleSource = readFileSync(file, "utf8").replace(/<(!--|script|\/script)/gi, "\\x3C$1");
  }
  return bundleSource;
}

/** What a live figure's box says until the page draws into it (the page's runtime removes it). */
export function liveNotDrawnMessage(): string {
  return localized({
    en:
      "Live figure not drawn: its script did not run here (an untrusted notebook, or a viewer without JavaScript such " +
      "as GitHub), or the page lacks the library's browser part. Trust the notebook (JupyterLab: Ctrl+Shift+C, " +
      "“Trust Notebook”) or re-run this cell; after reloading a page whose outputs were cleared, run " +
      "loadLiveFigures() in a cell.",
    ja:
      "ライブ図は描かれていません: ここではスクリプトが実行されていません（信頼されていないノートブック、または GitHub など " +
      "JavaScript を実行しない表示）。あるいはページにライブラリのブラウザ部分がありません。ノートブックを信頼する" +
      "（JupyterLab: Ctrl+Shift+C、“Trust Notebook”）か、このセルを再実行してください。出力を消したページを再読み込み" +
      "した後は、セルで loadLiveFigures() を実行してください。",
  });
}

/** What the loader's status line says when its script did not run (the script replaces it). */
export function liveLoaderNotRunMessage(): string {
  return localized({
    en: "The library's browser part is not loaded: this output's script did not run, so the live figures below cannot draw.",
    ja: "ライブラリのブラウザ部分が読み込まれていません: この出力のスクリプトが実行されなかったため、下のライブ図は描けません。",
  });
}

/** The marker class of the loader output (the static site replaces it by one shared script file). */
export const LIVE_LOADER_CLASS = "pdl-live-loader";

/**
 * The loader output: defines `window.pdlBrowser` from the bundle (kept as a function, `__pdlBundleFactory`, whose
 * source a Web Worker can reuse) and mounts every live figure queued before it ran.
 */
export function liveLoaderBundle(id = "pdl-live-loader-" + randomBytes(6).toString("hex")): DisplayBundle {
  const loaded = localized({ en: "the library's browser part is loaded for live figures", ja: "ライブ図のためのライブラリのブラウザ部分を読み込みました" });
  const html =
    `<div id="${escapeHtml(id)}" class="${LIVE_LOADER_CLASS}" style="font-size:11px;color:#a33;">${escapeHtml(liveLoaderNotRunMessage())}</div>\n` +
    `<script type="text/javascript">\n` +
    `if (!window.pdlBrowser) {\n` +
    `window.__pdlBundleFactory = function () {\n${browserBundleScript()}\nreturn pdlBrowser;\n};\n` +
    `window.pdlBrowser = window.__pdlBundleFactory();\n` +
    `}\n` +
    `</script>\n` +
    `<script type="text/javascript">\n` +
    `(function () {\n` +
    `  var status = document.getElementById(${jsonForScript(id)});\n` +
    `  if (!window.pdlBrowser) { if (status) status.textContent = "the library's browser part failed to load (see the browser console)"; return; }\n` +
    `  var queue = window.__pdlLiveQueue || [];\n` +
    `  window.__pdlLiveQueue = [];\n` +
    `  queue.forEach(function (mount) { try { mount(); } catch (e) { console.error(e); } });\n` +
    `  if (status) { status.textContent = ${jsonForScript(loaded)}; status.style.color = "#888"; }\n` +
    `})();\n` +
    `</script>`;
  return { data: { "text/html": html, "text/plain": "the library's browser part sent to the page (live figures)" }, metadata: {} };
}

/** A live figure's output: the box (with the explanation until drawn) and a script that mounts it. */
export function liveFigureBundle(spec: LiveSpec, summary: string, id = "pdl-live-" + randomBytes(6).toString("hex")): DisplayBundle {
  const html =
    `<div id="${escapeHtml(id)}" class="pdl-live" style="width:100%;">` +
    `<div class="pdl-live-missing" style="padding:10px 12px;border:1px dashed #c0504d;color:#a33;font:13px/1.4 sans-serif;">` +
    `${escapeHtml(liveNotDrawnMessage())}</div></div>\n` +
    `<script type="text/javascript">\n` +
    `(function () {\n` +
    `  var spec = ${jsonForScript(spec)};\n` +
    `  function mount() { window.pdlBrowser.mountLiveFigure(${jsonForScript(id)}, spec, window.pdlBrowser); }\n` +
    `  if (window.pdlBrowser) mount(); else (window.__pdlLiveQueue = window.__pdlLiveQueue || []).push(mount);\n` +
    `})();\n` +
    `</script>`;
  return { data: { "text/html": html, "text/plain": summary }, metadata: {} };
}
