/**
 * The start-here notebook run live in the classic Jupyter Notebook 6 (the fallback of `npm start`), driven by
 * headless Chromium: the kernel is found through the repository's kernelspec, every cell runs, and every
 * plot is drawn on the live page (the HTML fallback with the inlined plotly.js; classic Notebook ignores the
 * plotly mimetype), and its live figure recomputes at every slider move.
 */
import { describe, expect, it } from "vitest";
import { spawn, execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createServer } from "node:net";
import { chromiumPath, jupyterEnv, repoRoot, requireTool } from "./helpers/tools";
import { launchChromium } from "./helpers/browser";
import { exerciseLiveFigures } from "./helpers/live";

const classicNotebook = (() => {
  try {
    execFileSync("jupyter", ["notebook", "--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

describe("classic Notebook 6, live", () => {
  it("runs 00-start-here.ipynb and draws all its plots", async (ctx) => {
    if (!requireTool("jupyter notebook (classic)", classicNotebook, "apt-get install jupyter-notebook", ctx)) return;
    if (!requireTool("Chromium", chromiumPath, "apt-get install chromium", ctx)) return;
    // A copy inside the repository (so `import … from "pdl"` resolves) that the server may autosave freely.
    const folder = join(repoRoot, "tests", ".tmp", "classic");
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(repoRoot, "notebooks", "00-start-here.ipynb"), join(folder, "start.ipynb"));
    const port = await freePort();
    const token = Math.random().toString(36).slice(2);
    const server = spawn("jupyter", ["notebook", "--no-browser", "--allow-root", `--port=${port}`, "--ip=127.0.0.1", `--NotebookApp.token=${token}`, `--notebook-dir=${folder}`], {
      env: jupyterEnv(),
      stdio: "ignore",
    });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      for (let attempt = 0; ; attempt++) {
        try {
          await page.goto(`http://127.0.0.1:${port}/notebooks/start.ipynb?token=${token}`);
          break;
        } catch (e) {
          if (attempt > 40) throw e;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      await page.waitForFunction(() => {
        const J = (window as any).Jupyter;
        return J?.notebook?.kernel?.is_connected?.();
      }, null, { timeout: 60_000 });
      expect(await page.evaluate(() => (window as any).Jupyter.notebook.kernel.name)).toBe("pdl-typescript");
      await page.evaluate(() => (window as any).Jupyter.notebook.execute_all_cells());
      await page.waitForFunction(() => {
        const cells = (window as any).Jupyter.notebook.get_cells();
        return cells.every((c: any) => c.cell_type !== "code" || (c.input_prompt_number !== "*" && c.input_prompt_number !== undefined && c.input_prompt_number !== null) || c.get_text().trim() === "");
      }, null, { timeout: 90_000 });
      let result = { divs: 0, drawn: 0 };
      for (let i = 0; i < 50; i++) {
        result = await page.evaluate(() => ({
          divs: document.querySelectorAll("div.pdl-plot").length,
          drawn: Array.from(document.querySelectorAll("div.pdl-plot")).filter((d) => d.querySelector("svg.main-svg")).length,
        }));
        if (result.divs > 0 && result.drawn === result.divs) break;
        await page.waitForTimeout(200);
      }
      const errorOutputs = await page.evaluate(() => document.querySelectorAll(".output_stderr, .output_error").length);
      expect(errorOutputs, "a cell showed an error (or wrote to stderr) in the classic Notebook").toBe(0);
      expect(result.divs).toBe(3); // the three show() calls of 00-start-here
      expect(result.drawn).toBe(result.divs);
      // Its live figure (liveFigure) runs in the classic Notebook's page: every slider move redraws.
      const live = await exerciseLiveFigures(page, 10);
      expect([live.figures, live.ready]).toEqual([1, 1]);
      expect(live.redrawn, `${live.redrawn} of ${live.moves} live-figure moves redrawn`).toBe(live.moves);
      expect(live.failures).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      server.kill("SIGTERM");
      rmSync(folder, { recursive: true, force: true });
    }
  }, 180_000);
});
