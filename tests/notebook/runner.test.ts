import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runNotebook, readNotebook, formatFailure, executedCopyPath, KernelClient } from "../../src/notebook/index";

const fixtures = resolve(__dirname, "..", "fixtures");
const repoRootDir = resolve(__dirname, "..", "..");
const launcher = join(repoRootDir, "jupyter", "kernels", "pdl-typescript", "launch.js");

describe("runNotebook", () => {
  it("reports a TypeScript error with the cell number and the diagnostic, and stops there", async () => {
    const report = await runNotebook(join(fixtures, "type-error.ipynb"), { launcher });
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({ cell: 4, codeCell: 2, kind: "diagnostic", firstLine: 'const b: number = "not a number";' });
    expect(report.failure!.message).toMatch(/Cell In\[2\], line 1, column 7: Type 'string' is not assignable to type 'number'\. \(TS2322\)/);
    expect(report.failure!.error?.ename).toBe("TypeScriptError");
    expect(report.cells.map((c) => c.cell)).toEqual([2, 4]); // the last cell never ran
    expect(formatFailure(report)).toMatch(/TypeScript error in cell 4 \(code cell 2\)/);
  });

  it("reports a thrown exception with its message and stack, without the kernel's own frames", async () => {
    const report = await runNotebook(join(fixtures, "exception.ipynb"), { launcher });
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({ cell: 2, codeCell: 2, kind: "exception" });
    expect(report.failure!.message).toMatch(/RangeError: divide: b must not be 0/);
    // The frames name the cell and the line in its TypeScript source, not the compiled code.
    expect(report.failure!.message).toMatch(/at divide \(Cell In\[2\], line 2\)\n +if \(b === 0\) throw/);
    expect(report.failure!.message).toMatch(/at Cell In\[2\], line 5\n +divide\(1, 0\);/);
    expect(report.failure!.message).not.toMatch(/tslab[\\/]dist|evalmachine|node:/);
    expect(report.failure!.error).toMatchObject({ ename: "RangeError", evalue: "divide: b must not be 0" });
  });

  it("writes the executed notebook with display outputs, progress updates applied, and survives a caught error", async () => {
    const out = mkdtempSync(join(tmpdir(), "pdl-runner-"));
    const report = await runNotebook(join(fixtures, "outputs.ipynb"), { launcher, outputDir: out });
    expect(report.ok, formatFailure(report)).toBe(true);
    const executed = JSON.parse(readFileSync(report.written!, "utf8"));
    const [plot, progress, guarded] = executed.cells;
    const kinds = plot.outputs.map((o: any) => Object.keys(o.data ?? {}).sort().join(","));
    expect(kinds).toEqual(["text/html,text/plain", "application/vnd.plotly.v1+json,text/html,text/plain"]);
    expect(plot.outputs[1].data["application/vnd.plotly.v1+json"].layout.title.text).toBe("squares");
    // The progress bar is one output, updated in place to its final state.
    const bars = progress.outputs.filter((o: any) => o.output_type === "display_data");
    expect(bars).toHaveLength(1);
    expect(bars[0].data["text/plain"]).toMatch(/steps .* 5\/5 100%/);
    expect(guarded.outputs.map((o: any) => o.output_type).join(",")).toBe("stream,execute_result");
    expect(guarded.outputs[0].text.join("")).toMatch(/caught: show: expected a figure with a `data` array/);
    // The cell's last value is its Out[n], with the same text tslab used to print.
    expect(guarded.outputs[1]).toMatchObject({ execution_count: guarded.execution_count, data: { "text/plain": expect.stringMatching(/kernel still alive/) } });
  });

  it("gives clear errors for a missing notebook and for one that is not JSON", async () => {
    await expect(runNotebook(join(fixtures, "nope.ipynb"))).rejects.toThrow(/notebook not found: .*nope\.ipynb/);
    expect(() => readNotebook(join(fixtures, "not-json.ipynb"))).toThrow(/not-json\.ipynb is not a valid notebook: not valid JSON/);
    expect(() => readNotebook(fixtures)).toThrow(/expected a notebook file, got the folder/);
  });
});

describe("the runner refuses, with a clear message and before running anything", () => {
  const scratch = mkdtempSync(join(tmpdir(), "pdl-refuse-"));
  const notebookWith = (name: string, cells: unknown[], metadata: unknown = {}) => {
    const path = join(scratch, name);
    writeFileSync(path, JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 5 }));
    return path;
  };

  it("a cell whose source is a number or null", () => {
    expect(() => readNotebook(join(fixtures, "number-source.ipynb"))).toThrow(/number-source\.ipynb: cell 2: source must be a string or a list of strings, got number 5/);
    const nullSource = notebookWith("null.ipynb", [{ cell_type: "code", source: null, metadata: {}, outputs: [] }]);
    expect(() => readNotebook(nullSource)).toThrow(/cell 1: source must be a string or a list of strings, got null/);
    const mixed = notebookWith("mixed.ipynb", [{ cell_type: "code", source: ["a\n", 3], metadata: {}, outputs: [] }]);
    expect(() => readNotebook(mixed)).toThrow(/cell 1: source must be a string or a list of strings, got a list holding string, number/);
  });

  it("a notebook written for another language's kernel", async () => {
    await expect(runNotebook(join(fixtures, "python.ipynb"), { launcher })).rejects.toThrow(
      /python\.ipynb is a python notebook \(kernel "python3"\); this runner runs TypeScript notebooks/,
    );
  });

  it("--out that is a file, or the notebook's own folder", async () => {
    const file = join(scratch, "a-file");
    writeFileSync(file, "");
    await expect(runNotebook(join(fixtures, "type-error.ipynb"), { launcher, outputDir: file })).rejects.toThrow(/--out must be a folder, but .*a-file is a file/);
    await expect(runNotebook(join(fixtures, "type-error.ipynb"), { launcher, outputDir: fixtures })).rejects.toThrow(/would overwrite .*type-error\.ipynb/);
    expect(() => executedCopyPath(join(fixtures, "flood.ipynb"), join(repoRootDir, "out"), repoRootDir)).not.toThrow();
    expect(() => executedCopyPath(join(fixtures, "flood.ipynb"), repoRootDir, repoRootDir)).toThrow(/would overwrite/);
  });

  it("keeps the path relative to the given folder, so notebooks of the same name do not collide", () => {
    const out = join(scratch, "out");
    expect(executedCopyPath(join(repoRootDir, "notebooks", "day1", "a.ipynb"), out, repoRootDir)).toBe(join(out, "notebooks", "day1", "a.ipynb"));
    expect(executedCopyPath(join(repoRootDir, "notebooks", "day2", "a.ipynb"), out, repoRootDir)).toBe(join(out, "notebooks", "day2", "a.ipynb"));
  });

  it.runIf(existsSync(join(repoRootDir, "dist", "notebook", "cli.js")))("npm run notebooks: --out inside the notebook folder", () => {
    const cli = spawnSync(process.execPath, [join(repoRootDir, "dist", "notebook", "cli.js"), fixtures, "--out", join(fixtures, "executed")], { encoding: "utf8" });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toMatch(/is inside the notebook folder/);
    expect(existsSync(join(fixtures, "executed"))).toBe(false);
  });
});

describe("interrupting the kernel", () => {
  it("stops a synchronous loop, and a library loop that awaits progress ticks, and the kernel keeps working", async () => {
    const kernel = await KernelClient.start(fixtures, { launcher });
    try {
      // Interrupt once the cell runs (its first output arrived), however slow the machine is.
      const interruptWhenRunning = () => {
        let sent = false;
        return (msg: { msgType: string }) => {
          if (sent || (msg.msgType !== "stream" && msg.msgType !== "display_data")) return;
          sent = true;
          setTimeout(() => kernel.interrupt(), 300);
        };
      };
      const sync = kernel.execute('console.log("looping");\nlet i = 0; while (true) { i++; }', { onMessage: interruptWhenRunning() });
      const stoppedSync = await sync;
      expect(stoppedSync.status).toBe("error");
      expect(stoppedSync.error?.ename).toBe("InterruptedError");
      // The next request is sent at once: only requests already waiting when a cell fails are aborted.

      const asyncLoop = kernel.execute(
        'import { progressBar } from "pdl";\n' +
          // An interrupted cell's declarations are not kept by tslab, so count on globalThis.
          "const g = globalThis as any; g.steps = 0;\n" +
          "const bar = progressBar(1e9, \"forever\", { interval: 20 });\n" +
          "try { for (;;) { for (let k = 0; k < 1e4; k++) g.steps++; await bar.tick(); } } catch (e) { console.log(\"stopped: \" + e.name); }",
        { onMessage: interruptWhenRunning() },
      );
      const stopped = await asyncLoop;
      expect(stopped.status).toBe("error"); // the abandoned cell is reported as failed
      expect(stopped.error?.ename).toBe("InterruptedError");
      // The awaited loop saw the interrupt through its token and stopped: `steps` no longer grows.
      await new Promise((r) => setTimeout(r, 300));
      const first = await kernel.execute("console.log((globalThis as any).steps)");
      await new Promise((r) => setTimeout(r, 300));
      const second = await kernel.execute("console.log((globalThis as any).steps)");
      const value = (r: typeof first) => r.messages.filter((m) => m.msgType === "stream").map((m) => m.content.text).join("").trim();
      expect(value(first)).toBe(value(second));
      expect(Number(value(first))).toBeGreaterThan(0);
      const after = await kernel.execute("1 + 1");
      expect(after.status).toBe("ok");
    } finally {
      await kernel.shutdown();
    }
  });
});

describe("fit in a notebook", () => {
  it("shows live progress by default: one progress bar updated to its end and loss/accuracy curves redrawn in place", async () => {
    const out = mkdtempSync(join(tmpdir(), "pdl-fit-"));
    const report = await runNotebook(join(fixtures, "fit-live.ipynb"), { launcher, outputDir: out });
    expect(report.ok, formatFailure(report)).toBe(true);
    const outputs = JSON.parse(readFileSync(report.written!, "utf8")).cells[1].outputs;
    const displays = outputs.filter((o: any) => o.output_type === "display_data");
    const bars = displays.filter((o: any) => /xor .* \d+\/\d+/.test(o.data["text/plain"] ?? ""));
    expect(bars).toHaveLength(1);
    expect(bars[0].data["text/plain"]).toMatch(/ 20\/20 100%/);
    const curves = displays.filter((o: any) => o.data["application/vnd.plotly.v1+json"]);
    expect(curves).toHaveLength(1);
    const names = curves[0].data["application/vnd.plotly.v1+json"].data.map((t: any) => t.name);
    expect(names).toEqual(expect.arrayContaining(["train loss", "train accuracy"]));
    const trainLoss = curves[0].data["application/vnd.plotly.v1+json"].data.find((t: any) => t.name === "train loss");
    expect(trainLoss.y).toHaveLength(20); // the final redraw holds every epoch
  });
});
