/**
 * `npm run site`: executes every notebook in a fresh kernel (the headless runner of src/notebook) and writes the
 * static site: `index.html` (the notebook map with each notebook's learning goals), one page per notebook with
 * previous/next navigation, the shared assets (page.ts), and `manifest.json` (per page: title, figures, formulas),
 * which the site's test checks the pages against.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { findNotebooks, formatFailure, runNotebook, type NotebookJson } from "../notebook/index";
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
      const nb = JSON.parse(readFileSync(report.written, "utf8")) as NotebookJson;
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
  rendered.forEach((p, i) => {
    const root = "../".repeat(p.page.split("/").length - 1);
    const previous = rendered[i - 1];
    const next = rendered[i + 1];
    const html = pageHtml({
      title: plainTitle(p.title),
      body: p.body,
      root,
      index: `${root}index.html`,
      previous: previous && { href: relativeTo(p.page, previous.page), title: plainTitle(previous.title) },
      next: next && { href: relativeTo(p.page, next.page), title: plainTitle(next.title) },
    });
    const file = join(options.outDir, p.page);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, html);
  });

  const indexCounter = { math: 0 };
  const items = rendered
    .map((p) => `<li><a href="${escapeHtml(p.page)}">${renderMarkdown(p.title, indexCounter).replace(/^<p>|<\/p>\s*$/g, "")}</a>\n${p.goals}</li>`)
    .join("\n");
  const index = pageHtml({
    title: "Programming and Deep Learning: the notebooks",
    root: "",
    next: rendered[0] && { href: rendered[0].page, title: plainTitle(rendered[0].title) },
    body:
      `<h1>Programming and Deep Learning</h1>\n` +
      `<p>The lecture notebooks, executed (${new Date().toISOString().slice(0, 10)}). Every figure is interactive and drawn offline; ` +
      `to run and change the code, open the notebooks in JupyterLab (<code>npm start</code>).</p>\n` +
      `<ol class="pdl-index">\n${items}\n</ol>`,
  });
  writeFileSync(join(options.outDir, "index.html"), index);
  const pages: SitePage[] = rendered.map(({ page, notebook, title, figures, math }) => ({ page, notebook, title, figures, math }));
  writeFileSync(
    join(options.outDir, "manifest.json"),
    JSON.stringify({ index: { page: "index.html", figures: 0, math: countMath(items) }, pages }, null, 1),
  );
  log(`site written to ${options.outDir}: index.html and ${pages.length} pages`);
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
