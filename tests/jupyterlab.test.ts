/**
 * Every lecture notebook in a real JupyterLab 4, end to end. JupyterLab (pinned in jupyter/requirements.txt) is
 * started by `npm start` itself from a venv in .cache/jupyterlab-venv (git-ignored; npm start builds it on the
 * first run, from the wheels in .cache/pip-wheels), with temporary Jupyter folders and a random port. Headless
 * Chromium opens each notebook in JupyterLab's UI, runs all cells (JupyterLab's "Run All Cells" command), waits
 * until the kernel is idle, and checks: no error output, every figure output drawn (outputs holding an SVG root
 * of plotly against the figure outputs in the notebook model), progress displays updated in place to their end.
 * Also: the interrupt button stops a long cell, and a notebook with saved outputs opened untrusted shows the
 * "Figure not drawn" explanation in every figure's box.
 *
 * Two set-ups, each with the same checks over every notebook: without the plotly extension (the HTML fallback
 * with the inlined plotly.js draws) and with it (`jupyterlab-plotly`, which the `plotly` pip package brings).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, realpathSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Browser, Page } from "playwright-core";
import { findNotebooks, runNotebook } from "../src/notebook/index";
import { NOT_DRAWN_MESSAGE, LOADER_NOT_RUN_MESSAGE } from "../src/plot/index";
import { chromiumPath, repoRoot, requireTool } from "./helpers/tools";
import { launchChromium } from "./helpers/browser";
import { exerciseLiveFigures } from "./helpers/live";
import { isolatedJupyterDirs, pathWith, pipFromWheelFolder, startNpmStart, type RunningServer } from "./helpers/jupyter-server";

const notebooksDir = join(repoRoot, "notebooks");
/**
 * Every English lecture, and of the Japanese edition only its start-here notebook: the twins run the same code
 * token for token (tests/edition.test.ts) and are executed by tests/notebooks.test.ts three ways; running all of
 * them through JupyterLab's UI as well would double this file's minutes for no new path.
 */
const allNotebooks = findNotebooks(notebooksDir)
  .map((p) => relative(notebooksDir, p))
  .filter((p) => !p.startsWith("ja/") || p === "ja/00-start-here.ipynb");
const launcher = join(repoRoot, "jupyter", "kernels", "pdl-typescript", "launch.js");

const python3 = (() => {
  try {
    return realpathSync(execFileSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).trim());
  } catch {
    return undefined;
  }
})();
const npm = (() => {
  try {
    return realpathSync(execFileSync("sh", ["-c", "command -v npm"], { encoding: "utf8" }).trim());
  } catch {
    return undefined;
  }
})();
const canRun = () =>
  requireTool("Chromium", chromiumPath, "apt-get install chromium") &&
  requireTool("python3 with venv", python3 && execFileSync(python3, ["-c", "import venv, ensurepip; print(1)"], { encoding: "utf8" }).trim() === "1", "apt-get install python3 python3-venv");

/** A notebook whose one cell runs a long progress loop, to press the interrupt button on. */
const longCellNotebook = {
  cells: [
    {
      cell_type: "code",
      id: "long-loop",
      metadata: {},
      execution_count: null,
      outputs: [],
      source: [
        'import { progressBar } from "pdl";\n',
        'const bar = progressBar(100000, "long loop");\n',
        "for (let i = 0; i < 100000; i++) {\n",
        "  const start = Date.now();\n",
        "  while (Date.now() - start < 5) {}\n",
        "  await bar.tick();\n",
        "}\n",
        'console.log("finished");',
      ],
    },
  ],
  metadata: { kernelspec: { name: "pdl-typescript", display_name: "TypeScript (pdl lectures, tslab)", language: "typescript" } },
  nbformat: 4,
  nbformat_minor: 5,
};

/** Two cells that fail: an exception thrown in a function, and a type error (issue 22: proper error outputs). */
const errorsNotebook = {
  cells: [
    {
      cell_type: "code", execution_count: null, id: "throws", metadata: {}, outputs: [],
      source: ["function fail(x: number): number {\n", '  throw new RangeError("x is " + x);\n', "}\n", "fail(3);"],
    },
    { cell_type: "code", execution_count: null, id: "type-error", metadata: {}, outputs: [], source: ["const n: number = \"two\";"] },
  ],
  metadata: longCellNotebook.metadata,
  nbformat: 4,
  nbformat_minor: 5,
};

interface Lab {
  server: RunningServer;
  folder: string;
  withExtension: boolean;
  cleanup: () => Promise<void>;
}

/**
 * `npm start` on a copy of notebooks/ inside the repository (so `import … from "pdl"` resolves; JupyterLab may
 * autosave the copy freely). Notebook windowing is off so every output is in the page; the app object is exposed
 * to the page so the test can ask for the notebook model and run JupyterLab's commands.
 */
async function startLab(name: string, withExtension: boolean): Promise<Lab> {
  const folder = join(repoRoot, "tests", ".tmp", `lab-${name}`);
  rmSync(folder, { recursive: true, force: true });
  cpSync(notebooksDir, folder, { recursive: true });
  writeFileSync(join(folder, "long-cell.ipynb"), JSON.stringify(longCellNotebook, null, 1));
  writeFileSync(join(folder, "errors.ipynb"), JSON.stringify(errorsNotebook, null, 1));
  const dirs = isolatedJupyterDirs();
  const settings = join(dirs.env.JUPYTER_CONFIG_DIR, "lab", "user-settings", "@jupyterlab");
  mkdirSync(join(settings, "notebook-extension"), { recursive: true });
  writeFileSync(join(settings, "notebook-extension", "tracker.jupyterlab-settings"), JSON.stringify({ windowingMode: "none" }));
  mkdirSync(join(settings, "apputils-extension"), { recursive: true });
  writeFileSync(join(settings, "apputils-extension", "notification.jupyterlab-settings"), JSON.stringify({ fetchNews: "false", checkForUpdates: false }));
  if (!withExtension) {
    // The plugin id of the extension's renderer: disabling the package name "jupyterlab-plotly" (what
    // `jupyter labextension disable jupyterlab-plotly` writes) is listed as disabled but still renders (Lab 4.6).
    mkdirSync(join(dirs.env.JUPYTER_CONFIG_DIR, "labconfig"), { recursive: true });
    writeFileSync(join(dirs.env.JUPYTER_CONFIG_DIR, "labconfig", "page_config.json"), JSON.stringify({ disabledExtensions: { "@jupyterlab/plotly-extension:factory": true } }));
  }
  const bin = pathWith({ node: process.execPath, npm: npm!, python3: python3!, sh: "/bin/sh" });
  const env = {
    PATH: bin,
    HOME: process.env.HOME ?? "/tmp",
    PDL_VENV_DIR: join(repoRoot, ".cache", "jupyterlab-venv"),
    ...pipFromWheelFolder(python3!),
    ...dirs.env,
  };
  const server = await startNpmStart(env, 600_000, [`--notebook-dir=${folder}`, "--LabApp.expose_app_in_browser=True"]);
  return {
    server,
    folder,
    withExtension,
    cleanup: async () => {
      await server.stop();
      dirs.remove();
      rmSync(bin, { recursive: true, force: true });
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** In the page: the DOM node of the notebook that is open (other tabs may hold other notebooks). */
declare function currentPanel(): HTMLElement;
function definePanelHelper(page: Page): Promise<void> {
  return page.evaluate(() => {
    (window as any).currentPanel = () => (window as any).jupyterapp.shell.currentWidget.node as HTMLElement;
  });
}

/** Opens a notebook in JupyterLab's UI and waits until its kernel is idle. */
async function openNotebook(page: Page, lab: Lab, path: string): Promise<void> {
  // `reset`: a fresh workspace, so notebooks opened by earlier tests are not restored beside this one.
  await page.goto(`http://127.0.0.1:${lab.server.port}/lab/tree/${path}?reset&token=${lab.server.token}`);
  await page.waitForFunction(
    (p) => {
      const app = (window as any).jupyterapp;
      const panel = app?.shell?.currentWidget;
      const kernel = panel?.sessionContext?.session?.kernel;
      return panel?.context?.path === p && panel.context.isReady && kernel?.status === "idle" && kernel.connectionStatus === "connected";
    },
    path,
    { timeout: 120_000, polling: 250 },
  );
  await definePanelHelper(page);
}

interface RunState {
  codeCells: number;
  executed: number;
  busy: boolean;
  errors: string[];
  figureOutputs: number;
  drawnOutputs: number;
  explanations: number;
  progress: string[];
}

/** What the open notebook shows now: the model's outputs and what the page drew. */
async function runState(page: Page): Promise<RunState> {
  return page.evaluate((plotlyMime) => {
    const panel = (window as any).jupyterapp.shell.currentWidget;
    const cells = panel.content.widgets.filter((c: any) => c.model.type === "code");
    const outputs = cells.flatMap((c: any) => c.model.outputs.toJSON());
    const errors = outputs
      .filter((o: any) => o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr"))
      .map((o: any) => (o.output_type === "error" ? `${o.ename}: ${o.evalue}` : String(o.text)).slice(0, 500));
    const progress = outputs
      .map((o: any) => String(o.data?.["text/plain"] ?? ""))
      .filter((t: string) => /\d+\/\d+ +\d+%/.test(t));
    const outputNodes = Array.from(panel.node.querySelectorAll(".jp-OutputArea-output"));
    return {
      codeCells: cells.length,
      executed: cells.filter((c: any) => c.model.executionCount !== null).length,
      busy: panel.sessionContext.session.kernel.status !== "idle",
      errors,
      figureOutputs: outputs.filter((o: any) => o.data && o.data[plotlyMime] !== undefined).length,
      // (live figures draw into their own box, not a figure output: they are checked by moving their sliders)
      drawnOutputs: outputNodes.filter((n: any) => n.querySelector("svg.main-svg") && !n.querySelector(".pdl-live")).length,
      explanations: panel.node.querySelectorAll(".pdl-plot-missing").length,
      progress,
    };
  }, "application/vnd.plotly.v1+json");
}

/** Runs all cells with JupyterLab's command and waits until every code cell ran (or one failed) and the kernel is idle. */
async function runAll(page: Page, timeoutMs: number): Promise<RunState> {
  await page.evaluate(() => (window as any).jupyterapp.commands.execute("notebook:run-all-cells"));
  const deadline = Date.now() + timeoutMs;
  let state = await runState(page);
  let idleSince = 0;
  for (;;) {
    state = await runState(page);
    const settled = !state.busy && (state.executed === state.codeCells || state.errors.length > 0);
    if (settled) {
      if (!idleSince) idleSince = Date.now();
      if (Date.now() - idleSince > 1000) break; // idle for a second: the queue is empty
    } else {
      idleSince = 0;
    }
    if (Date.now() > deadline) throw new Error(`cells still running after ${timeoutMs} ms: ${JSON.stringify(state)}`);
    await page.waitForTimeout(250);
  }
  // Figures draw asynchronously after their output arrives.
  for (let i = 0; i < 100 && state.drawnOutputs < state.figureOutputs; i++) {
    await page.waitForTimeout(200);
    state = await runState(page);
  }
  return state;
}

/** The checks for one lecture notebook. */
async function checkLecture(page: Page, lab: Lab, path: string): Promise<void> {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await openNotebook(page, lab, path);
  const budget = /mnist|train/i.test(path) ? 240_000 : 120_000;
  const started = Date.now();
  const state = await runAll(page, budget);
  console.log(`JupyterLab ${lab.withExtension ? "with" : "without"} the plotly extension, ${path}: ${state.codeCells} cells, ${state.figureOutputs} figures, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  expect(state.errors, `${path}: error output in JupyterLab`).toEqual([]);
  expect(state.executed, `${path}: not every code cell ran`).toBe(state.codeCells);
  expect(state.drawnOutputs, `${path}: figures drawn vs figure outputs`).toBe(state.figureOutputs);
  expect(state.explanations, `${path}: a figure shows the not-drawn explanation`).toBe(0);
  for (const text of state.progress) {
    const [, done, total] = text.match(/(\d+)\/(\d+) +\d+%/)!;
    expect(Number(done), `${path}: a progress display was not updated to its end: ${text}`).toBe(Number(total));
  }
  // Live figures (liveFigure) in JupyterLab's own output area: every slider moved across its range redraws.
  const live = await exerciseLiveFigures(page, 10);
  if (live.figures > 0) console.log(`  ${path}: ${live.figures} live figure(s), ${live.redrawn} of ${live.moves} slider moves redrawn`);
  expect(live.ready, `${path}: live figures drawn`).toBe(live.figures);
  expect(live.redrawn, `${path}: live figure moves redrawn`).toBe(live.moves);
  expect(live.failures, `${path}: live figure failures`).toEqual([]);
  const labels = state.progress.map((t) => t.split(/ +\d+\/\d+/)[0]);
  expect(new Set(labels).size, `${path}: a progress bar left more than one output (not updated in place): ${labels}`).toBe(labels.length);
  expect(errors, `${path}: JavaScript errors on the page`).toEqual([]);
}

/**
 * The two set-ups the lectures run in: each runs every lecture with the same checks, then checks that its own
 * renderer (and not the other one) drew every figure. `name` names the copy of notebooks/ (tests/.tmp/lab-<name>).
 */
const setups = [
  {
    title: "JupyterLab 4 without the plotly extension (the HTML fallback)",
    name: "plain",
    withExtension: false,
    drawn: "every figure drawn",
    expectRenderer: async (page: Page) => {
      // The HTML fallback, not the extension, drew: every figure output is a pdl-plot box with plotly's SVG.
      const fallback = await page.evaluate(() => Array.from(currentPanel().querySelectorAll("div.pdl-plot")).filter((d) => d.querySelector("svg.main-svg")).length);
      expect(fallback).toBe((await runState(page)).figureOutputs);
    },
  },
  {
    title: "JupyterLab 4 with the plotly extension (jupyterlab-plotly)",
    name: "extension",
    withExtension: true,
    drawn: "every figure drawn by the extension",
    expectRenderer: async (page: Page) => {
      // The extension, not the HTML fallback, drew: no pdl-plot boxes in the page.
      expect(await page.evaluate(() => currentPanel().querySelectorAll("div.pdl-plot").length)).toBe(0);
    },
  },
];

for (const setup of setups) {
  describe.sequential(setup.title, () => {
    let lab: Lab | undefined;
    let browser: Browser | undefined;
    beforeAll(async () => {
      if (!canRun()) return;
      lab = await startLab(setup.name, setup.withExtension);
      browser = await launchChromium();
    }, 660_000);
    afterAll(async () => {
      await browser?.close();
      await lab?.cleanup();
    });

    for (const path of allNotebooks) {
      it(`${path}: runs in JupyterLab's UI, ${setup.drawn}, no error`, async () => {
        if (!lab || !browser) return;
        const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
        try {
          await checkLecture(page, lab, path);
          await setup.expectRenderer(page);
        } finally {
          await page.close();
        }
      }, 300_000);
    }

    // Kernel errors, the interrupt button and untrusted outputs do not depend on the renderer: checked once.
    if (setup.withExtension) return;

    it("an exception and a type error show as error outputs naming the cell's line", async () => {
      if (!lab || !browser) return;
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      try {
        await openNotebook(page, lab, "errors.ipynb");
        const runCell = async (index: number) => {
          await page.evaluate(async (i) => {
            const app = (window as any).jupyterapp;
            app.shell.currentWidget.content.activeCellIndex = i;
            await app.commands.execute("notebook:run-cell");
          }, index);
          await page.waitForFunction(
            (i) => (window as any).jupyterapp.shell.currentWidget.content.widgets[i].model.outputs.length > 0,
            index, { timeout: 60_000 });
        };
        await runCell(0);
        await runCell(1);
        const outputs = await page.evaluate(() => (window as any).jupyterapp.shell.currentWidget.content.widgets
          .map((c: any) => c.model.outputs.toJSON()));
        expect(outputs[0]).toHaveLength(1);
        expect(outputs[0][0]).toMatchObject({ output_type: "error", ename: "RangeError", evalue: "x is 3" });
        expect(outputs[0][0].traceback.join("\n")).toMatch(/Cell In\[\d+\], line 2/);
        expect(outputs[0][0].traceback.join("\n")).not.toMatch(/evalmachine|node:internal/);
        expect(outputs[1][0]).toMatchObject({ output_type: "error", ename: "TypeScriptError" });
        expect(outputs[1][0].traceback.join("\n")).toMatch(/Cell In\[\d+\], line 1, column 7/);
        // JupyterLab draws them as error outputs (its stderr-styled rendering of a traceback).
        const rendered = await page.evaluate(() => currentPanel().querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length);
        expect(rendered).toBe(2);
      } finally {
        await page.close();
      }
    }, 180_000);

    it("the interrupt button stops a long cell", async () => {
      if (!lab || !browser) return;
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      try {
        await openNotebook(page, lab, "long-cell.ipynb");
        // Not awaited: the command's promise settles only when the cell ends.
        await page.evaluate(() => {
          void (window as any).jupyterapp.commands.execute("notebook:run-all-cells");
        });
        await page.waitForFunction(
          () => /long loop [^"]* [1-9]\d*\/100000/.test(JSON.stringify((window as any).jupyterapp.shell.currentWidget.content.widgets[0].model.outputs.toJSON())),
          null,
          { timeout: 60_000 },
        );
        const pressed = Date.now();
        await page.locator('[data-jp-item-name="interrupt"]').first().click();
        await page.waitForFunction(() => (window as any).jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === "idle", null, { timeout: 30_000 });
        const seconds = (Date.now() - pressed) / 1000;
        const outputs = (): Promise<string> =>
          page.evaluate(() => JSON.stringify((window as any).jupyterapp.shell.currentWidget.content.widgets[0].model.outputs.toJSON()));
        const atStop = await outputs();
        expect(atStop).toMatch(/long loop [^"]* \d+\/100000 [^"]*\(interrupted\)/); // the bar, redrawn in place
        expect(atStop).toMatch(/Interrupted/); // tslab's message on stderr
        expect(atStop).not.toMatch(/finished/);
        await page.waitForTimeout(2000);
        expect(await outputs(), "the loop kept running after the interrupt").toBe(atStop);
        console.log(`interrupt button: the long cell stopped ${seconds.toFixed(1)} s after the click`);
      } finally {
        await page.close();
      }
    }, 180_000);

    it("a notebook with saved outputs, opened untrusted, explains in every figure's box why it is empty", async () => {
      if (!lab || !browser) return;
      // Executed by our runner (a "copy handed out by the lecturer"); this server never signed it, so it is untrusted.
      const folder = lab.folder;
      const run = () => runNotebook(join(notebooksDir, "00-start-here.ipynb"), { launcher, outputDir: join(folder, "executed") });
      // The runner picks free ports for the kernel before the kernel binds them; on a busy machine another process
      // can take one in between (EADDRINUSE at kernel start): one retry, for that case only.
      let report = await run().catch((e: Error) => (/EADDRINUSE/.test(String(e)) ? run() : Promise.reject(e)));
      if (!report.ok && /EADDRINUSE/.test(report.failure?.message ?? "")) report = await run();
      expect(report.ok).toBe(true);
      copyFileSync(report.written!, join(lab.folder, "saved-outputs.ipynb"));
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      try {
        await openNotebook(page, lab, "saved-outputs.ipynb");
        await page.waitForFunction(() => document.querySelectorAll(".jp-OutputArea-output").length > 0, null, { timeout: 30_000 });
        await page.waitForTimeout(1000);
        const state = await runState(page);
        const texts: string[] = await page.evaluate(() => Array.from(currentPanel().querySelectorAll(".pdl-plot-missing")).map((e) => (e as HTMLElement).innerText));
        const loader: string[] = await page.evaluate(() => Array.from(currentPanel().querySelectorAll(".pdl-plotly-loader")).map((e) => (e as HTMLElement).innerText));
        expect(state.figureOutputs).toBeGreaterThan(0);
        expect(state.drawnOutputs).toBe(0);
        expect(texts).toEqual(Array(state.figureOutputs).fill(NOT_DRAWN_MESSAGE));
        expect(loader).toEqual([LOADER_NOT_RUN_MESSAGE]);
      } finally {
        await page.close();
      }
    }, 180_000);
  });
}
