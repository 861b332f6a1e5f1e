/**
 * Live figures in a real page (headless Chromium), outputs inserted the way JupyterLab inserts trusted HTML (the
 * markup, then each script re-created so it runs) or untrusted HTML (scripts dropped):
 * - untrusted: the box explains why nothing is drawn;
 * - trusted, figure before the library: it waits, then draws when the loaders come; `</script>` and
 *   `<img onerror>` in labels and data stay text; the page recomputes the same figure as the kernel for the same
 *   values and seed (with the kernel's language), and each move redraws;
 * - `worker: true`: the function runs in a Web Worker made from the same bundle.
 */
import { describe, expect, it } from "vitest";
import * as browserPart from "../../src/browser";
import "../../src/index"; // connects liveFigure to the browser part
import { loaderBundle } from "../../src/plot/bundle";
import { prepareLiveFigure } from "../../src/plot/live";
import { liveFigureBundle, liveLoaderBundle, liveNotDrawnMessage } from "../../src/plot/liveBundle";
import { setLanguage } from "../../src/util/language";
import { chromiumPath, requireTool } from "../helpers/tools";
import { insertOutput, launchChromium, pageErrors } from "../helpers/browser";
import { exerciseLiveFigures } from "../helpers/live";


/** A function as tslab compiles a cell: library names through `pdl_1`, an earlier cell's through `exports`. */
function cellFunction(source: string): any {
  return new Function("pdl_1", "exports", `return (${source});`)(browserPart, {});
}

const evil = `</script><img src=x onerror="document.title='pwned'"><!--`;

describe("live figures in Chromium", () => {
  it("explain themselves untrusted; trusted they draw, keep labels inert and recompute the kernel's figure", async () => {
    if (!requireTool("Chromium", chromiumPath, "apt-get install chromium")) return;
    const previous = setLanguage("ja");
    const fn = cellFunction(
      "(v, rng) => (0, pdl_1.histogramFigure)(rng.normalArray(200, 0, v.s), { bins: 20, range: [-4, 4], title: exports.label + v.s })",
    );
    const live = prepareLiveFigure({ s: { min: 0.5, max: 2, step: 0.5, value: 1, label: evil } }, fn, { seed: 3, constants: { label: evil } });
    setLanguage(previous);
    expect(live.spec.language).toBe("ja");
    const figureHtml = String(liveFigureBundle(live.spec, "s", "live-a").data["text/html"]);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors = pageErrors(page);
      page.on("dialog", (d) => void d.dismiss());
      await page.setContent("<!doctype html><html><head><title>t</title></head><body></body></html>");

      // Untrusted (scripts stripped): the explanation, visible.
      await page.evaluate(insertOutput, [figureHtml.replace('id="live-a"', 'id="live-untrusted"'), false] as const);
      const untrusted = await page.evaluate(() => {
        const note = document.querySelector("#live-untrusted .pdl-live-missing") as HTMLElement | null;
        return { text: note?.textContent ?? null, height: note?.offsetHeight ?? 0 };
      });
      expect(untrusted.text).toBe(liveNotDrawnMessage());
      expect(untrusted.height).toBeGreaterThan(0);

      // Trusted, before the loaders: queued; the loaders (plotly.js, the library) then draw it.
      await page.evaluate(insertOutput, [figureHtml, true] as const);
      expect(await page.evaluate(() => document.querySelector("#live-a[data-mounted]") === null)).toBe(true);
      await page.evaluate(insertOutput, [String(loaderBundle("loader-p").data["text/html"]), true] as const);
      await page.evaluate(insertOutput, [String(liveLoaderBundle("loader-l").data["text/html"]), true] as const);
      const report = await exerciseLiveFigures(page);
      expect(report.ready).toBe(1); // the untrusted copy stays unmounted and explained
      expect(report.redrawn).toBe(report.moves);
      expect(report.failures).toEqual([]);

      const shown = await page.evaluate(() => ({
        label: document.querySelector("#live-a label span")?.textContent,
        images: document.querySelectorAll("img").length,
        title: document.title,
        data: ((document.querySelector("#live-a .pdl-live-plot") as any).data as any[]).map((t) => ({ x: Array.from(t.x), y: Array.from(t.y) })),
        plotTitle: (document.querySelector("#live-a .pdl-live-plot") as any).layout.title.text,
      }));
      expect(shown.label).toBe(evil);
      expect(shown.images).toBe(0);
      expect(shown.title).toBe("t");
      // Moved across the range and back to s = 1, seed 3 after "new sample" was clicked: the kernel's figure for
      // those values (run in the kernel with the same names) is what the page drew.
      const kernel = live.run({ s: 1 }, 4);
      expect(shown.data).toEqual(kernel.data.map((t) => ({ x: Array.from(t.x), y: Array.from(t.y) })));
      expect(shown.plotTitle).toBe(`${evil}1`);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it("with worker: true, computes in a Web Worker and redraws every move", async () => {
    if (!requireTool("Chromium", chromiumPath, "apt-get install chromium")) return;
    const fn = cellFunction("(v, rng) => (0, pdl_1.histogramFigure)((0, pdl_1.eigvalsh)((0, pdl_1.wishart)(100, v.m, 0.1, rng)))");
    const live = prepareLiveFigure({ m: { min: 10, max: 100, step: 10 } }, fn, { worker: true });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors = pageErrors(page);
      await page.setContent("<!doctype html><html><body></body></html>");
      await page.evaluate(insertOutput, [String(loaderBundle("loader-p").data["text/html"]), true] as const);
      await page.evaluate(insertOutput, [String(liveLoaderBundle("loader-l").data["text/html"]), true] as const);
      await page.evaluate(insertOutput, [String(liveFigureBundle(live.spec, "s", "live-w").data["text/html"]), true] as const);
      const report = await exerciseLiveFigures(page);
      expect(report.ready).toBe(1);
      expect(report.moves).toBe(12); // 10 positions, back to the first, "new sample"
      expect(page.workers()).toHaveLength(1);
      expect(report.redrawn).toBe(report.moves);
      expect(report.failures).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
