/**
 * Every notebook under notebooks/, executed top to bottom in a fresh kernel:
 * 1. by our runner (fails with the cell number and the diagnostic or exception);
 * 2. by Jupyter's own client (`jupyter nbconvert --execute`), when Jupyter is installed;
 * 3. exported to HTML and opened in headless Chromium, which must draw every plot, offline.
 * Plus the convention for committed notebooks: the project's kernelspec, and no outputs.
 * The Japanese edition (notebooks/ja/) is executed the same three ways, each notebook within the time budget of
 * its English twin; its prose claims are the English twin's (tests/claims/ has no ja/ folder: tests/edition.test.ts
 * keeps the numbers of the two editions' prose equal). A twin not translated yet is simply not here; the edition
 * test lists the missing ones.
 */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { findNotebooks, formatFailure, readNotebook, runNotebook } from "../src/notebook/index";
import { chromiumPath, jupyter, jupyterEnv, repoRoot, requireTool } from "./helpers/tools";
import { renderInBrowser } from "./helpers/browser";
import { exerciseLivePage } from "./helpers/live";
import type { Claim, ExecutedNotebook } from "./helpers/executed";

const notebooks = findNotebooks(join(repoRoot, "notebooks"));
const launcher = join(repoRoot, "jupyter", "kernels", "pdl-typescript", "launch.js");
const outDir = mkdtempSync(join(tmpdir(), "pdl-notebooks-"));

/** The notebook's path relative to its edition: notebooks/ja/day1/x.ipynb and notebooks/day1/x.ipynb → day1/x.ipynb. */
function editionPath(path: string): string {
  return relative(join(repoRoot, "notebooks"), path).replace(/^ja\//, "");
}

/** Seconds a notebook may take (the MNIST notebooks have a larger budget); a Japanese twin has its English one's. */
function budgetSeconds(path: string): number {
  return /mnist|train/i.test(basename(editionPath(path))) ? 90 : 30;
}

describe("committed notebooks follow the convention", () => {
  it("there are notebooks", () => {
    expect(notebooks.length).toBeGreaterThan(0);
  });
  for (const path of notebooks) {
    const name = relative(repoRoot, path);
    it(`${name}: project kernelspec, outputs cleared`, () => {
      const nb = readNotebook(path);
      expect(nb.metadata.kernelspec?.name, `${name} must use the pdl-typescript kernel`).toBe("pdl-typescript");
      nb.cells.forEach((cell, i) => {
        if (cell.cell_type !== "code") return;
        expect(cell.outputs ?? [], `${name} cell ${i + 1} has outputs; commit notebooks with outputs cleared`).toEqual([]);
        expect(cell.execution_count ?? null, `${name} cell ${i + 1} has an execution count`).toBeNull();
      });
    });
  }
});

describe.each(notebooks.map((p) => [relative(repoRoot, p), p]))("%s", (name, path) => {
  let executed: string | undefined;

  it("runs top to bottom in a fresh kernel (our runner), within its time budget", async () => {
    const report = await runNotebook(path, { launcher, outputDir: outDir, cellTimeoutSeconds: 120 });
    expect(report.ok, formatFailure(report)).toBe(true);
    const slowest = [...report.cells].sort((a, b) => b.seconds - a.seconds)[0];
    console.log(`${name}: ${report.cells.length} code cells in ${report.seconds.toFixed(1)} s (slowest: cell ${slowest?.cell}, ${slowest?.seconds.toFixed(2)} s)`);
    expect(report.seconds, `${name} took ${report.seconds.toFixed(1)} s`).toBeLessThan(budgetSeconds(path));
    executed = report.written;
  }, 200_000);

  const claimsFile = join(repoRoot, "tests", "claims", relative(join(repoRoot, "notebooks"), path).replace(/\.ipynb$/, ".ts")); // none for ja/
  it.runIf(existsSync(claimsFile))("what its prose claims holds in the executed outputs (tests/claims)", async () => {
    expect(executed, "the runner test must pass first").toBeDefined();
    const { claims } = (await import(claimsFile)) as { claims: Claim[] };
    expect(claims.length, `${claimsFile} lists no claims`).toBeGreaterThan(0);
    const nb = JSON.parse(readFileSync(executed!, "utf8")) as ExecutedNotebook;
    const failed: string[] = [];
    for (const claim of claims) {
      try {
        claim.check(nb);
      } catch (e) {
        failed.push(`✗ ${claim.name}: ${(e as Error).message}`);
      }
    }
    console.log(`${name}: ${claims.length - failed.length} of ${claims.length} claims hold`);
    expect(failed, failed.join("\n")).toEqual([]);
  });

  it("runs under Jupyter's own client (jupyter nbconvert --execute)", (ctx) => {
    if (!requireTool("jupyter nbconvert", jupyter, "apt-get install jupyter-nbconvert python3-nbclient (or pip install nbconvert)", ctx)) return;
    const out = mkdtempSync(join(tmpdir(), "pdl-nbconvert-"));
    try {
      execFileSync(jupyter!, ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=180", "--output-dir", out, path], {
        env: jupyterEnv(),
        cwd: join(path, ".."),
        stdio: "pipe",
      });
    } catch (e) {
      const err = e as { stderr?: Buffer };
      throw new Error(`nbconvert --execute failed for ${name}:\n${err.stderr?.toString().slice(-3000)}`);
    }
    expect(existsSync(join(out, basename(path)))).toBe(true);
  }, 300_000);

  it("draws every plot in a real browser from the exported HTML, offline", async (ctx) => {
    if (!requireTool("jupyter nbconvert", jupyter, "apt-get install jupyter-nbconvert", ctx)) return;
    if (!requireTool("Chromium", chromiumPath, "apt-get install chromium", ctx)) return;
    expect(executed, "the runner test must pass first").toBeDefined();
    // One HTML file per notebook path (an English notebook and its Japanese twin share a file name).
    const html = join(outDir, relative(join(repoRoot, "notebooks"), path).replace(/[\\/]/g, "--").replace(/\.ipynb$/, ".html"));
    execFileSync(jupyter!, ["nbconvert", "--to", "html", "--output", html, executed!], { env: jupyterEnv(), stdio: "pipe" });
    const figures = JSON.parse(readFileSync(executed!, "utf8")).cells
      .flatMap((c: any) => c.outputs ?? [])
      .filter((o: any) => String(o.data?.["text/html"] ?? "").includes('class="pdl-plot"')).length;
    const page = await renderInBrowser(html);
    expect(page.errors).toEqual([]);
    expect(page.figureDivs).toBe(figures);
    expect(page.drawn, `${page.drawn} of ${page.figureDivs} plots drawn`).toBe(page.figureDivs);
    // Live figures (liveFigure): every slider moved across its range, each move recomputed in the page and redrawn.
    const liveBoxes = (readFileSync(executed!, "utf8").match(/class=\\"pdl-live\\"/g) ?? []).length;
    if (liveBoxes > 0) {
      const live = await exerciseLivePage(html);
      console.log(`${name}: ${live.figures} live figure(s), ${live.redrawn} of ${live.moves} slider moves redrawn in Chromium`);
      expect(live.errors).toEqual([]);
      expect(live.failures).toEqual([]);
      expect([live.figures, live.ready], "live figures on the page, drawn").toEqual([liveBoxes, liveBoxes]);
      expect(live.redrawn, `${live.redrawn} of ${live.moves} moves redrawn`).toBe(live.moves);
    }
  }, 240_000);
});
