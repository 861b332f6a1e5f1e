/**
 * `npm run site`: builds the static site from every notebook (each executed in a fresh kernel) into a temporary
 * folder and opens every page in headless Chromium, offline: every figure drawn (plotly's SVG in each figure
 * box, as many as the build counted), every formula rendered by KaTeX with its fonts, no KaTeX error, the
 * previous/next links point at pages that exist, and plotly.js is one shared file, not inlined.
 */
import { afterAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { buildSite, type SitePage } from "../src/site/build";
import { ASSETS } from "../src/site/page";
import { chromiumPath, repoRoot, requireTool } from "./helpers/tools";
import { launchChromium } from "./helpers/browser";
import { exerciseLiveFigures } from "./helpers/live";

const outDir = join(repoRoot, "tests", ".tmp", "site");
/** The first line of plotly.min.js, which an inlined copy would carry. */
const plotlyHeader = readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8").split("\n").slice(0, 2).join("\n");
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("npm run site", () => {
  it("builds index + one page per notebook; in Chromium every figure draws and every formula renders, offline", async () => {
    if (!requireTool("Chromium", chromiumPath, "apt-get install chromium")) return;
    const started = Date.now();
    const pages: SitePage[] = await buildSite({ notebooksDir: join(repoRoot, "notebooks"), outDir });
    console.log(`site built in ${((Date.now() - started) / 1000).toFixed(0)} s: ${pages.length} pages`);
    const manifest = JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8"));
    expect(manifest.pages).toEqual(pages);
    expect(existsSync(join(outDir, ASSETS.plotly))).toBe(true);
    // The Japanese edition (notebooks/ja/, as far as it is translated) has its own index and previous/next chain.
    const english = pages.filter((p) => !p.page.startsWith("ja/"));
    const japanese = pages.filter((p) => p.page.startsWith("ja/"));
    const indexes = [{ page: "index.html", title: "index", figures: 0, math: manifest.index.math, notebook: "" }];
    if (japanese.length > 0) indexes.push({ page: "ja/index.html", title: "index (ja)", figures: 0, math: manifest.jaIndex.math, notebook: "" });
    const all = [...indexes, ...pages];
    /** Whether a page should have a previous / next link: the first and last page of each edition lack one. */
    const chain = (page: string) => {
      if (page.endsWith("index.html")) return { prev: false, next: true };
      const list = page.startsWith("ja/") ? japanese : english;
      const i = list.findIndex((p) => p.page === page);
      return { prev: i > 0, next: i < list.length - 1 };
    };

    // The index lists every notebook of its edition with its learning goals, and links to the other edition.
    const index = readFileSync(join(outDir, "index.html"), "utf8");
    for (const p of english) expect(index).toContain(`href="${p.page}"`);
    expect(index.match(/Learning goals/g)?.length).toBeGreaterThanOrEqual(english.length - 1);
    if (japanese.length > 0) {
      const jaIndex = readFileSync(join(outDir, "ja", "index.html"), "utf8");
      for (const p of japanese) expect(jaIndex).toContain(`href="${p.page.slice(3)}"`);
      expect(jaIndex.match(/学習目標/g)?.length).toBeGreaterThanOrEqual(japanese.length - 1);
      expect(index).toContain('href="ja/index.html"');
      expect(jaIndex).toContain('href="../index.html"');
    }
    expect(pages.reduce((s, p) => s + p.figures, 0)).toBeGreaterThan(0);
    expect(pages.reduce((s, p) => s + p.math, 0)).toBeGreaterThan(0);

    const browser = await launchChromium();
    let liveFigures = 0;
    try {
      for (const p of all) {
        const file = join(outDir, p.page);
        // plotly.js is shared: every page loads the one file, none carries it inline.
        const html = readFileSync(file, "utf8");
        expect(html.match(/<script src="[^"]*plotly\.min\.js"><\/script>/g), `${p.page} loads the shared plotly.js once`).toHaveLength(1);
        expect(html.includes(plotlyHeader), `${p.page} inlines plotly.js`).toBe(false);
        if (chain(p.page).prev) expect(html).toMatch(/rel="prev" href="([^"]+)"/);
        if (chain(p.page).next) expect(html).toMatch(/rel="next" href="([^"]+)"/);
        for (const m of html.matchAll(/(?:rel="(?:prev|next)"|hreflang="(?:en|ja)") href="([^"]+)"/g)) {
          expect(existsSync(resolve(dirname(file), m[1])), `${p.page}: link ${m[1]}`).toBe(true);
        }

        const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(String(e)));
        await page.route(/^https?:/, (route) => {
          errors.push(`network request blocked: ${route.request().url()}`);
          return route.abort();
        });
        await page.goto(`file://${file}`);
        await page.evaluate(() => document.fonts.ready);
        const state = await page.evaluate(() => ({
          boxes: document.querySelectorAll(".pdl-site-figure").length,
          drawn: Array.from(document.querySelectorAll(".pdl-site-figure")).filter((d) => d.querySelector("svg.main-svg")).length,
          missing: document.querySelectorAll(".pdl-plot-missing").length,
          math: document.querySelectorAll(".katex").length,
          mathErrors: document.querySelectorAll(".katex-error").length,
          katexFont: document.fonts.check("16px KaTeX_Main"),
          katexStyled: Array.from(document.querySelectorAll(".katex")).every((k) => getComputedStyle(k).fontFamily.includes("KaTeX")),
        }));
        // Live figures: the shared assets/pdl-browser.js runs them; every slider moved across its range redraws.
        const live = await exerciseLiveFigures(page, 12);
        await page.close();
        expect(live.ready, `${p.page}: live figures drawn`).toBe(live.figures);
        expect(live.redrawn, `${p.page}: live figure moves redrawn`).toBe(live.moves);
        expect(live.failures, `${p.page}: live figure failures`).toEqual([]);
        if (live.figures > 0) {
          liveFigures += live.figures;
          expect(html.match(/<script src="[^"]*pdl-browser\.js"><\/script>/g), `${p.page} loads the shared bundle once`).toHaveLength(1);
          expect(html.includes("__pdlBundleFactory"), `${p.page} inlines the bundle`).toBe(false);
        }
        expect(state.boxes, `${p.page}: figure boxes`).toBe(p.figures);
        expect(state.drawn, `${p.page}: figures drawn`).toBe(p.figures);
        expect(state.missing, `${p.page}: a figure shows the not-drawn text`).toBe(0);
        expect(state.math, `${p.page}: formulas rendered`).toBe(p.math);
        expect(state.mathErrors, `${p.page}: KaTeX errors`).toBe(0);
        if (p.math > 0) {
          expect(state.katexStyled, `${p.page}: KaTeX's stylesheet applies`).toBe(true);
          expect(state.katexFont, `${p.page}: KaTeX's fonts loaded`).toBe(true);
        }
        expect(errors, `${p.page}: page errors`).toEqual([]);
      }
    } finally {
      await browser.close();
    }
    expect(liveFigures, "live figures on the site").toBeGreaterThanOrEqual(4);
  }, 900_000);
});
