/**
 * The static site's page template and its shared assets, in one place: every page is `pageHtml(…)`, every figure
 * on a page is `figureHtml(…)`, and `copyAssets` puts the one shared plotly.js and KaTeX's stylesheet and fonts
 * into `site/assets/`. Pages load plotly.js from that file (offline, not inlined into each page); math is rendered
 * to HTML when the site is built, so the pages need only KaTeX's CSS.
 */
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Figure } from "../plot/figure";
import { escapeHtml, jsonForScript, plotlyVersion, toPlainJson } from "../plot/bundle";
import { browserBundlePath } from "../plot/liveBundle";

/** Paths of the shared assets, relative to the site's root folder. */
export const ASSETS = {
  plotly: "assets/plotly.min.js",
  /** The library's browser part (dist/pdl-browser.js), loaded by pages with live figures (liveFigure). */
  pdlBrowser: "assets/pdl-browser.js",
  katexCss: "assets/katex/katex.min.css",
  styles: "assets/site.css",
} as const;

/** What a figure's box says until plotly.js draws into it (removed by the drawing code). */
export const SITE_NOT_DRAWN_MESSAGE = "Figure not drawn: this page needs JavaScript and assets/plotly.min.js to draw its figures.";

/** Copies plotly.min.js, KaTeX's CSS with its fonts, and the site's stylesheet into `<siteDir>/assets/`. */
export function copyAssets(siteDir: string): void {
  const plotly = join(siteDir, ASSETS.plotly);
  mkdirSync(dirname(plotly), { recursive: true });
  copyFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), plotly);
  copyFileSync(browserBundlePath(), join(siteDir, ASSETS.pdlBrowser));
  const katexDist = dirname(require.resolve("katex/dist/katex.min.css"));
  mkdirSync(join(siteDir, "assets", "katex"), { recursive: true });
  copyFileSync(join(katexDist, "katex.min.css"), join(siteDir, ASSETS.katexCss));
  cpSync(join(katexDist, "fonts"), join(siteDir, "assets", "katex", "fonts"), { recursive: true });
  writeFileSync(join(siteDir, ASSETS.styles), STYLES);
}

/**
 * One interactive figure: a box holding {@link SITE_NOT_DRAWN_MESSAGE} and a script that replaces it with the
 * plotly drawing (plotly.js is loaded once per page, in the head, from the shared asset).
 */
export function figureHtml(fig: Figure, id: string): string {
  const plain = toPlainJson(fig);
  const height = typeof plain.layout?.height === "number" ? plain.layout.height : 450;
  return (
    `<div id="${escapeHtml(id)}" class="pdl-site-figure" style="width:100%;min-height:${height}px;">` +
    `<div class="pdl-plot-missing">${escapeHtml(SITE_NOT_DRAWN_MESSAGE)}</div></div>\n` +
    `<script>\n(function () {\n` +
    `  var el = document.getElementById(${jsonForScript(id)});\n` +
    `  if (!window.Plotly || !el) return;\n` +
    `  el.innerHTML = "";\n` +
    `  window.Plotly.newPlot(el, ${jsonForScript(plain)}, {}, { responsive: true });\n` +
    `})();\n</script>`
  );
}

/** A link in the previous/next navigation. */
export interface NavLink {
  href: string;
  title: string;
}

export interface PageOptions {
  title: string;
  /** The page's HTML content (inside <main>). */
  body: string;
  /** "" for a page in the site's root, "../" for one a folder down: prefixes the asset paths. */
  root: string;
  previous?: NavLink;
  next?: NavLink;
  /** Link back to the index (omitted on the index itself). */
  index?: string;
  /** The page's language: "en" (default) or "ja" (the Japanese edition, notebooks/ja/). */
  lang?: "en" | "ja";
  /** The same page in the other edition (English ↔ 日本語), when there is one. */
  otherEdition?: NavLink;
}

/** A whole HTML page: the shared assets in the head, the navigation above and below the content. */
export function pageHtml(options: PageOptions): string {
  const { title, body, root, previous, next, index, otherEdition } = options;
  const lang = options.lang ?? "en";
  const allNotebooks = lang === "ja" ? "ノートブック一覧" : "all notebooks";
  const other = otherEdition ? `<a hreflang="${lang === "ja" ? "en" : "ja"}" href="${escapeHtml(otherEdition.href)}">${escapeHtml(otherEdition.title)}</a>` : "";
  const nav = () =>
    `<nav class="pdl-nav">` +
    `<span>${previous ? `<a rel="prev" href="${escapeHtml(previous.href)}">← ${escapeHtml(previous.title)}</a>` : ""}</span>` +
    `<span>${index ? `<a href="${escapeHtml(index)}">${allNotebooks}</a>` : ""}${index && other ? " · " : ""}${other}</span>` +
    `<span>${next ? `<a rel="next" href="${escapeHtml(next.href)}">${escapeHtml(next.title)} →</a>` : ""}</span>` +
    `</nav>`;
  return [
    "<!doctype html>",
    `<html lang="${lang}">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(title)}</title>`,
    `<link rel="stylesheet" href="${root}${ASSETS.katexCss}">`,
    `<link rel="stylesheet" href="${root}${ASSETS.styles}">`,
    `<script src="${root}${ASSETS.plotly}"></script>`,
    // Live figures run their function with the library's browser part: one shared file, only where needed.
    ...(body.includes(`class="pdl-live"`) ? [`<script src="${root}${ASSETS.pdlBrowser}"></script>`] : []),
    `<meta name="generator" content="pdl npm run site (plotly.js ${escapeHtml(plotlyVersion())})">`,
    "</head>",
    "<body>",
    nav(),
    `<main>\n${body}\n</main>`,
    nav(),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

const STYLES = `
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK JP", sans-serif; margin: 0; color: #1d1d1f; }
main { max-width: 960px; margin: 0 auto; padding: 0 16px 32px; }
.pdl-nav { display: flex; justify-content: space-between; gap: 12px; max-width: 960px; margin: 0 auto; padding: 12px 16px; font-size: 14px; }
.pdl-nav a { text-decoration: none; }
pre { background: #f6f8fa; padding: 10px 12px; overflow-x: auto; font-size: 13px; line-height: 1.4; border-radius: 4px; }
pre.pdl-code { border-left: 3px solid #1f77b4; }
pre.pdl-stream, pre.pdl-text { background: #fff; border: 1px solid #eee; }
pre.pdl-stderr { background: #fff5f5; border: 1px solid #f3c0c0; }
.pdl-output { margin: 4px 0 16px; overflow-x: auto; }
.pdl-plot-missing { padding: 10px 12px; border: 1px dashed #c0504d; color: #a33; font-size: 13px; }
.katex-display { overflow-x: auto; overflow-y: hidden; }
table { border-collapse: collapse; } th, td { border: 1px solid #ddd; padding: 4px 8px; }
.pdl-index li { margin-bottom: 12px; }
`;
