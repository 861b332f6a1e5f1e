/**
 * The kernel (jupyter/kernels/pdl-typescript) through our own client and runner: nothing lost in an output
 * flood, errors of timers and promises reported, "Run All" stopping at the first error while a request sent
 * after the error reply runs, values as execute_result. Jupyter's own conformance suite and client are in
 * conformance.test.ts.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KernelClient, formatFailure, runNotebook } from "../../src/notebook/index";
import { repoRoot } from "../helpers/tools";

const fixtures = join(repoRoot, "tests", "fixtures");
const launcher = join(repoRoot, "jupyter", "kernels", "pdl-typescript", "launch.js");

/** Every line of the cell's stdout, in order. */
function stdoutLines(outputs: any[]): string[] {
  return outputs
    .filter((o) => o.output_type === "stream" && o.name === "stdout")
    .map((o) => o.text.join(""))
    .join("")
    .split("\n")
    .filter((l: string) => l !== "");
}

describe("an output flood", () => {
  it("100 000 printed lines all arrive in order, 10 000 display updates arrive in order up to the last, and each cell finishes", async () => {
    const out = mkdtempSync(join(tmpdir(), "pdl-flood-"));
    const updates: string[] = [];
    // The display updates, as the kernel sent them (the runner keeps only the final state of a display).
    const kernel = await KernelClient.start(fixtures, { launcher });
    try {
      const shown = await kernel.execute(
        'import * as tslab from "tslab";\nconst shown = tslab.newDisplay();\nfor (let i = 0; i < 10000; i++) shown.text("update " + i);',
        { timeoutSeconds: 60, onMessage: (m) => { if (/display_data$/.test(m.msgType)) updates.push(m.content.data["text/plain"]); } },
      );
      expect(shown.status).toBe("ok");
    } finally {
      await kernel.shutdown();
    }
    // Updates of one display within 50 ms of each other are merged (jupyter/kernels/pdl-typescript/lib/server.js):
    // what arrives is in order and ends with the last update.
    const numbers = updates.map((text) => Number(/^update (\d+)$/.exec(text)![1]));
    expect(numbers[0]).toBe(0);
    expect(numbers[numbers.length - 1]).toBe(9999);
    expect(numbers.every((n, i) => i === 0 || n > numbers[i - 1])).toBe(true);

    const report = await runNotebook(join(fixtures, "flood.ipynb"), { launcher, outputDir: out, cellTimeoutSeconds: 60 });
    expect(report.ok, formatFailure(report)).toBe(true);
    const [, lines, display, after] = JSON.parse(readFileSync(report.written!, "utf8")).cells;
    const printed = stdoutLines(lines.outputs);
    expect(printed).toHaveLength(100_000);
    expect(printed.every((line, i) => line === `line ${i}`)).toBe(true);
    expect(display.outputs).toMatchObject([{ output_type: "display_data", data: { "text/plain": "update 9999" } }]);
    expect(after.outputs).toMatchObject([{ output_type: "execute_result", data: { "text/plain": "the kernel went idle after the flood" } }]);
    console.log(
      `flood: 100 000 lines arrived in order; 10 000 display updates sent as ${updates.length} messages ending at the last (cells: ${report.cells.map((c) => c.seconds.toFixed(1)).join(" s, ")} s)`,
    );
  }, 180_000);
});

describe("output during a synchronous computation", () => {
  it("what a cell prints before a long synchronous loop arrives while the loop still runs", async () => {
    const kernel = await KernelClient.start(fixtures, { launcher });
    try {
      let printedAt = 0;
      const result = await kernel.execute('console.log("started");\nconst t0 = Date.now();\nwhile (Date.now() - t0 < 3000) {}\n"done"', {
        onMessage: (m) => { if (m.msgType === "stream" && !printedAt) printedAt = Date.now(); },
      });
      const finishedAt = Date.now();
      expect(result.status).toBe("ok");
      expect(printedAt).toBeGreaterThan(0);
      expect(finishedAt - printedAt, "the line arrived only when the cell ended").toBeGreaterThan(1500);
    } finally {
      await kernel.shutdown();
    }
  });
});

describe("errors after their cell finished", () => {
  it("an exception in a timer fails the notebook, shown on the cell's stderr with the cell's line", async () => {
    const out = mkdtempSync(join(tmpdir(), "pdl-late-"));
    const report = await runNotebook(join(fixtures, "late-timer.ipynb"), { launcher, outputDir: out });
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({ cell: 1, kind: "late-error" });
    expect(report.failure!.message).toMatch(/Error after Cell In\[1\] finished, from an exception in a callback/);
    expect(report.failure!.message).toMatch(/RangeError: thrown in a timer\n +at Timeout\._onTimeout \(Cell In\[1\], line 2\)/);
    expect(formatFailure(report)).toMatch(/error after a cell finished in cell 1/);
    const cell = JSON.parse(readFileSync(report.written!, "utf8")).cells[0];
    expect(cell.outputs.filter((o: any) => o.name === "stderr").map((o: any) => o.text.join("")).join("")).toMatch(/thrown in a timer/);
  });

  it("an un-awaited promise that rejects fails the notebook and shows in the next cell", async () => {
    const out = mkdtempSync(join(tmpdir(), "pdl-late-"));
    const report = await runNotebook(join(fixtures, "late-rejection.ipynb"), { launcher, outputDir: out });
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({ cell: 2, kind: "late-error" });
    expect(report.failure!.message).toMatch(/from a rejected promise that nothing awaited/);
    expect(report.failure!.message).toMatch(/Error: training diverged at step 3\n +at train \(Cell In\[1\], line 3\)/);
    const next = JSON.parse(readFileSync(report.written!, "utf8")).cells[1];
    expect(next.outputs.map((o: any) => o.text?.join("")).join("")).toMatch(/training diverged at step 3[\s\S]*next cell|next cell[\s\S]*training diverged/);
  });
});

describe("after an error", () => {
  it("requests queued before the error reply are aborted; one sent right after the reply runs", async () => {
    const kernel = await KernelClient.start(fixtures, { launcher });
    try {
      // Three requests sent at once, as "Run All" does: the first fails, the two waiting behind it are aborted.
      const results = await Promise.all([
        kernel.execute('throw new Error("stop here")'),
        kernel.execute('console.log("queued 1")'),
        kernel.execute('console.log("queued 2")'),
      ]);
      expect(results.map((r) => r.status)).toEqual(["error", "aborted", "aborted"]);
      expect(results[0].error).toMatchObject({ ename: "Error", evalue: "stop here" });
      expect(results[0].error!.traceback.join("\n")).toMatch(/at Cell In\[1\], line 1/);
      expect(results.slice(1).every((r) => r.messages.length === 0)).toBe(true);
      // Sent the moment the error reply arrived (tslab aborted everything for 200 ms): it runs.
      const failed = kernel.execute("const n: number = 1;\nthrow new RangeError(\"again\")");
      const next = await failed.then(() => kernel.execute("6 * 7"));
      expect(next.status).toBe("ok");
      expect(next.messages).toMatchObject([{ msgType: "execute_result", content: { data: { "text/plain": "42" }, execution_count: next.executionCount } }]);
      expect((await failed).error!.traceback.join("\n")).toMatch(/at Cell In\[\d+\], line 2\n +throw new RangeError/);
    } finally {
      await kernel.shutdown();
    }
  });
});

describe("values", () => {
  it("are execute_result with the text console.log prints, plus the rich form a value offers", async () => {
    const kernel = await KernelClient.start(fixtures, { launcher });
    try {
      const plain = await kernel.execute("const o = { a: 1, b: [1, 2] };\no");
      expect(plain.messages).toMatchObject([{ msgType: "execute_result", content: { execution_count: 1, data: { "text/plain": "{ a: 1, b: [ 1, 2 ] }" } } }]);
      const rich = await kernel.execute(
        "class Money {\n  constructor(readonly cents: number) {}\n" +
          '  toString() { return `${(this.cents / 100).toFixed(2)} €`; }\n' +
          '  [Symbol.for("nodejs.util.inspect.custom")]() { return this.toString(); }\n' +
          '  [Symbol.for("jupyter.mimebundle")]() { return { data: { "text/html": `<b>${this}</b>` } }; }\n}\nnew Money(1234)',
      );
      expect(rich.messages).toMatchObject([{ msgType: "execute_result", content: { data: { "text/plain": "12.34 €", "text/html": "<b>12.34 €</b>" } } }]);
      const nothing = await kernel.execute("let u = undefined;\nu");
      expect(nothing.messages).toEqual([]);
    } finally {
      await kernel.shutdown();
    }
  });
});

describe("what 00-start-here says about errors and values", () => {
  const notebook = JSON.parse(readFileSync(join(repoRoot, "notebooks", "00-start-here.ipynb"), "utf8"));
  const source = (id: string) => [notebook.cells.find((c: any) => c.id === id).source].flat().join("");

  it("the try-it type error, an exception's frames in the cell and in src/, and Out[n]", async () => {
    const kernel = await KernelClient.start(join(repoRoot, "notebooks"), { launcher });
    try {
      const first = await kernel.execute(source("9a5225b8"));
      expect(first.messages).toMatchObject([{ msgType: "execute_result", content: { execution_count: 1, data: { "text/plain": "[ 0, 1, 4, 9, 16 ]" } } }]);
      const tryIt = source("c9f91df6").replace("2 * s", '"2" + s');
      const typeError = await kernel.execute(tryIt);
      expect(typeError.status).toBe("error");
      expect(typeError.error!.traceback[0].split("\n")[0]).toBe(
        "Cell In[2], line 1, column 7: Type 'string[]' is not assignable to type 'number[]'. (TS2322)",
      );
      const shapes = await kernel.execute('import { matmul } from "pdl";\nconst product =\n  matmul([[1, 2]], [[1, 2]]);');
      const traceback = shapes.error!.traceback.join("\n");
      expect(traceback).toMatch(/^RangeError: matmul\(A, B\)/);
      expect(traceback).toMatch(/\n +at matmul \(src\/linalg\/ops\.ts:\d+:\d+\)\n/);
      expect(traceback).toMatch(/\n +at Cell In\[3\], line 3\n +matmul\(\[\[1, 2\]\], \[\[1, 2\]\]\);$/);
      expect(traceback).not.toMatch(/dist\/|node:|evalmachine/);
    } finally {
      await kernel.shutdown();
    }
  });
});
