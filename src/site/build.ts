/**
 * `npm run site`: executes every notebook in a fresh kernel (the headless runner of src/notebook) and writes the
 * static site: `index.html` (the notebook map with each notebook's learning goals), one page per notebook with
 * previous/next navigation, the shared assets (page.ts), and `manifest.json` (per page: title, figures, formulas),
 * which the site's test checks the pages against. The Japanese edition (notebooks/ja/) gets its own map,
 * `ja/index.html`, and its own previous/next chain; every page links to its twin in the other edition.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { findNotebooks, formatFailure, readNotebook, runNotebook } from "../notebook/index";
import { escapeHtml } from "../plot/bundle";
import { copyAssets, pageHtml } from "./page";
import { renderMarkdown, renderNotebook } from "./render";

export interface SitePage {
  /** The page's path relative to the site folder, with "/" separators. */
  page: string;
  notebook: string;
  title: string;
  figures: number;
  math: number;
}

export interface SiteOptions {
  /** The notebooks folder (default: notebooks/ of the repository). */
  notebooksDir: string;
  /** Where the site goes (emptied first). */
  outDir: string;
  /** Called with a line of progress. */
  log?: (line: string) => void;
}

/** The title as plain text (for <title> and links): markdown emphasis and math delimiters dropped. */
function plainTitle(title: string): string {
  return title.replace(/[*`$]/g, "").replace(/\\in\b/g, "∈").replace(/\\mathbb\s*/g, "").replace(/\s+/g, " ").trim();
}

/** Builds the site; throws with the runner's report if a notebook fails. */
export async function buildSite(options: SiteOptions): Promise<SitePage[]> {
  const log = options.log ?? (() => {});
  const notebooks = findNotebooks(options.notebooksDir);
  if (notebooks.length === 0) throw new Error(`buildSite: no notebooks found under ${options.notebooksDir}`);
  const executedDir = mkdtempSync(join(tmpdir(), "pdl-site-"));
  const rendered: Array<SitePage & { goals: string; body: string }> = [];
  try {
    for (const path of notebooks) {
      const name = relative(options.notebooksDir, path).split(sep).join("/");
      const report = await runNotebook(path, { outputDir: join(executedDir, dirname(name)) });
      if (!report.ok || !report.written) throw new Error(`npm run site: ${name} failed:\n${formatFailure(report)}`);
      log(`${name}: executed in ${report.seconds.toFixed(1)} s`);
      const nb = readNotebook(report.written);
      const page = name.replace(/\.ipynb$/, ".html");
      const r = renderNotebook(nb, basename(page, ".html").replace(/[^A-Za-z0-9_-]/g, "-"));
      rendered.push({ page, notebook: name, title: r.title, figures: r.figures, math: r.math, goals: r.goals, body: r.body });
    }
  } finally {
    rmSync(executedDir, { recursive: true, force: true });
  }

  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  copyAssets(options.outDir);
  const relativeTo = (from: string, to: string) => relative(dirname(from), to).split(sep).join("/") || basename(to);
  const editions = {
    en: rendered.filter((p) => !p.page.startsWith("ja/")),
    ja: rendered.filter((p) => p.page.startsWith("ja/")),
  };
  const indexPage = { en: "index.html", ja: "ja/index.html" } as const;
  const twinOf = (p: SitePage, lang: "en" | "ja") =>
    lang === "en" ? editions.ja.find((q) => q.page === `ja/${p.page}`) : editions.en.find((q) => `ja/${q.page}` === p.page);
  const otherEdition = (from: string, lang: "en" | "ja", twin: SitePage | undefined) => {
    const other = lang === "en" ? "ja" : "en";
    if (other === "ja" && editions.ja.length === 0) return undefined;
    return { href: relativeTo(from, twin ? twin.page : indexPage[other]), title: other === "ja" ? "日本語" : "English" };
  };
  for (const lang of ["en", "ja"] as const) {
    const list = editions[lang];
    list.forEach((p, i) => {
      const root = "../".repeat(p.page.split("/").length - 1);
      const previous = list[i - 1];
      const next = list[i + 1];
      const html = pageHtml({
        title: plainTitle(p.title),
        body: p.body,
        root,
        lang,
        index: relativeTo(p.page, indexPage[lang]),
        otherEdition: otherEdition(p.page, lang, twinOf(p, lang)),
        previous: previous && { href: relativeTo(p.page, previous.page), title: plainTitle(previous.title) },
        next: next && { href: relativeTo(p.page, next.page), title: plainTitle(next.title) },
      });
      const file = join(options.outDir, p.page);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, html);
    });
  }

  const indexes: Record<string, { page: string; figures: number; math: number }> = {};
  for (const lang of ["en", "ja"] as const) {
    const list = editions[lang];
    if (lang === "ja" && list.length === 0) continue;
    const at = indexPage[lang];
    const indexCounter = { math: 0 };
    const items = list
      .map((p) => `<li><a href="${escapeHtml(relativeTo(at, p.page))}">${renderMarkdown(p.title, indexCounter).replace(/^<p>|<\/p>\s*$/g, "")}</a>\n${p.goals}</li>`)
      .join("\n");
    const date = new Date().toISOString().slice(0, 10);
    const intro =
      lang === "en"
        ? `<h1>Programming and Deep Learning</h1>\n` +
          `<p>The lecture notebooks, executed (${date}). Every figure is interactive and drawn offline; ` +
          `to run and change the code, open the notebooks in JupyterLab (<code>npm start</code>).` +
          (editions.ja.length > 0 ? ` 日本語版: <a hreflang="ja" href="ja/index.html">ja/index.html</a>.` : "") +
          `</p>\n`
        : `<h1>プログラミングと深層学習</h1>\n` +
          `<p>講義のノートブックを実行したものです（${date}）。図はすべてオフラインで描かれ、操作できます。` +
          `コードを実行したり変えたりするには、JupyterLab でノートブックを開いてください（<code>npm start</code>）。` +
          `English edition: <a hreflang="en" href="../index.html">index.html</a>.</p>\n`;
    const html = pageHtml({
      title: lang === "en" ? "Programming and Deep Learning: the notebooks" : "プログラミングと深層学習: ノートブック",
      root: "../".repeat(at.split("/").length - 1),
      lang,
      next: list[0] && { href: relativeTo(at, list[0].page), title: plainTitle(list[0].title) },
      body: intro + `<ol class="pdl-index">\n${items}\n</ol>`,
    });
    mkdirSync(dirname(join(options.outDir, at)), { recursive: true });
    writeFileSync(join(options.outDir, at), html);
    indexes[lang] = { page: at, figures: 0, math: countMath(items) };
  }
  const pages: SitePage[] = rendered.map(({ page, notebook, title, figures, math }) => ({ page, notebook, title, figures, math }));
  writeFileSync(
    join(options.outDir, "manifest.json"),
    JSON.stringify({ index: indexes.en, ...(indexes.ja ? { jaIndex: indexes.ja } : {}), pages }, null, 1),
  );
  log(`site written to ${options.outDir}: index.html${indexes.ja ? ", ja/index.html" : ""} and ${pages.length} pages`);
  return pages;
}

/** Formulas in rendered HTML (KaTeX's outermost elements). */
function countMath(html: string): number {
  return (html.match(/<span class="katex">/g) ?? []).length;
}

/** The command line: `node dist/site/build.js [--out DIR]`. */
export async function main(argv: string[]): Promise<number> {
  const root = resolve(__dirname, "..", "..");
  const outIndex = argv.indexOf("--out");
  const outDir = resolve(outIndex >= 0 && argv[outIndex + 1] ? argv[outIndex + 1] : join(root, "site"));
  try {
    await buildSite({ notebooksDir: join(root, "notebooks"), outDir, log: (line) => console.log(line) });
    console.log(`open ${join(outDir, "index.html")}`);
    return 0;
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
