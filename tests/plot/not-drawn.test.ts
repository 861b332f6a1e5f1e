/**
 * A figure never fails silently, checked in headless Chromium: a figure whose page has no plotly.js shows the
 * explanation in its box; a loader sent afterwards (what `loadPlotly()` does) draws it and removes the
 * explanation; a loader whose scripts were stripped (an untrusted notebook) says that plotly.js is not loaded.
 * Outputs are inserted the way JupyterLab inserts trusted HTML: the markup, then each script re-created so it runs.
 */
import { describe, expect, it } from "vitest";
import { insertOutput } from "../helpers/browser";
import { figureBundle, loaderBundle, lineFigure, NOT_DRAWN_MESSAGE, LOADER_NOT_RUN_MESSAGE } from "../../src/plot/index";
import { chromiumPath, requireTool } from "../helpers/tools";
import { launchChromium } from "../helpers/browser";


describe("figures that cannot draw say so", () => {
  it("explains in the box, draws when the loader comes, and an untrusted loader says plotly.js is not loaded", async () => {
    if (!requireTool("Chromium", chromiumPath, "apt-get install chromium")) return;
    const figureHtml = String(figureBundle(lineFigure({ y: [1, 4, 9] }), "fig-a").data["text/html"]);
    const loaderHtml = String(loaderBundle("loader-a").data["text/html"]);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.setContent("<!doctype html><html><body></body></html>");
      const state = () =>
        page.evaluate(() => ({
          explanation: document.querySelector("#fig-a .pdl-plot-missing")?.textContent ?? null,
          visible: (document.querySelector("#fig-a .pdl-plot-missing") as HTMLElement | null)?.offsetHeight ?? 0,
          drawn: document.querySelector("#fig-a svg.main-svg") !== null,
          status: Array.from(document.querySelectorAll(".pdl-plotly-loader")).map((d) => d.textContent),
        }));

      // (b) a page without plotly.js (the loader output is gone): the box explains instead of staying empty.
      await page.evaluate(insertOutput, [figureHtml, true] as const);
      let s = await state();
      expect(s.explanation).toBe(NOT_DRAWN_MESSAGE);
      expect(s.visible).toBeGreaterThan(0);
      expect(s.drawn).toBe(false);

      // (a) an untrusted copy of the loader (scripts stripped) does not claim success.
      await page.evaluate(insertOutput, [loaderHtml.replace('id="loader-a"', 'id="loader-stripped"'), false] as const);
      s = await state();
      expect(s.status).toEqual([LOADER_NOT_RUN_MESSAGE]);
      expect(s.drawn).toBe(false);

      // loadPlotly(): a fresh loader draws the waiting figure and removes its explanation.
      await page.evaluate(insertOutput, [loaderHtml, true] as const);
      await page.waitForFunction(() => document.querySelector("#fig-a svg.main-svg") !== null, null, { timeout: 20_000 });
      s = await state();
      expect(s.explanation).toBeNull();
      expect(s.status[1]).toMatch(/^plotly\.js [\d.]+ loaded offline for this notebook; 1 waiting figure\(s\) drawn$/);

      // A figure shown after the loader draws at once.
      await page.evaluate(insertOutput, [figureHtml.replace(/fig-a/g, "fig-b"), true] as const);
      await page.waitForFunction(() => document.querySelector("#fig-b svg.main-svg") !== null, null, { timeout: 20_000 });
      expect(await page.evaluate(() => document.querySelector("#fig-b .pdl-plot-missing"))).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
