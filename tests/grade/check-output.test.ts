/**
 * In the kernel, a check sends its result as a display output with the machine-readable mimetype beside the
 * text, and check.summary() prints "k of n exercises pass" for the session.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runNotebook } from "../../src/notebook/runner";

const code = (id: string, source: string) => ({ cell_type: "code", id, metadata: {}, outputs: [], execution_count: null, source });

describe("check results in the kernel", () => {
  it("are display outputs with application/vnd.pdl.check+json and text/plain; check.summary counts them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pdl-check-output-"));
    try {
      symlinkSync(resolve(__dirname, "..", "..", "node_modules"), join(dir, "node_modules"), "dir");
      const nb = {
        nbformat: 4, nbformat_minor: 5,
        metadata: { kernelspec: { name: "pdl-typescript", language: "typescript", display_name: "TypeScript" } },
        cells: [
          code("a", 'import { check } from "pdl";\ncheck.mean((xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length);'),
          code("b", "check.mpEdges((l: number) => [0, 4]);"),
          code("c", "check.summary();"),
        ],
      };
      writeFileSync(join(dir, "nb.ipynb"), JSON.stringify(nb));
      const report = await runNotebook(join(dir, "nb.ipynb"), { outputDir: join(dir, "out"), kernelEnv: { PDL_NOTEBOOK: "nb.ipynb" } });
      expect(report.ok).toBe(true);
      const executed = JSON.parse(readFileSync(report.written!, "utf8"));
      const [first] = executed.cells[0].outputs;
      expect(first.output_type).toBe("display_data");
      expect(first.data["text/plain"]).toBe("✓ mean: correct on 3 arrays");
      expect(first.data["application/vnd.pdl.check+json"]).toEqual({ exercise: "mean", notebook: "nb.ipynb", passed: true, message: "correct on 3 arrays" });
      const second = executed.cells[1].outputs[0].data["application/vnd.pdl.check+json"];
      expect(second.exercise).toBe("mpEdges");
      expect(second.passed).toBe(false);
      // printed once (the returned object shows as nothing when it is the cell's last value)
      const outputs = executed.cells[2].outputs.map((o: any) => (o.text ?? o.data?.["text/plain"] ?? []) as string | string[]);
      expect(outputs.map((t: string | string[]) => (Array.isArray(t) ? t.join("") : t)).join("")).toBe("1 of 2 exercises pass (not yet: mpEdges)\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
