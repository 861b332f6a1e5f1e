/**
 * The kernel under Jupyter's own tools: the kernel conformance suite (jupyter_kernel_test, configured in
 * conformance.py) and Jupyter's client (`jupyter nbconvert --execute`) through an output flood and an error.
 * Skipped with a warning when the tools are missing, failed under CI (.ci/run installs them).
 */
import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jupyter, jupyterEnv, repoRoot, requireTool } from "../helpers/tools";

const fixtures = join(repoRoot, "tests", "fixtures");

/** A python3 that has jupyter_kernel_test (Debian's python3-jupyter-kernel-test installs into /usr/bin/python3). */
const pythonWithKernelTest = ["python3", "/usr/bin/python3"].find((python) => {
  const r = spawnSync(python, ["-c", "import jupyter_kernel_test"], { stdio: "ignore" });
  return r.status === 0;
});

describe("Jupyter's kernel conformance suite (jupyter_kernel_test)", () => {
  it("passes every test it runs (clear_output and pager are skipped: the kernel offers neither)", (ctx) => {
    if (!requireTool("jupyter_kernel_test", pythonWithKernelTest, "apt-get install python3-jupyter-kernel-test (or pip install jupyter_kernel_test)", ctx)) return;
    const run = spawnSync(pythonWithKernelTest!, ["-m", "unittest", "-v", "tests/kernel/conformance.py"], {
      cwd: repoRoot,
      env: jupyterEnv(),
      encoding: "utf8",
      timeout: 240_000,
    });
    const log = `${run.stdout}${run.stderr}`;
    const results = [...log.matchAll(/^(test_\w+) .*\.\.\. (ok|skipped.*|FAIL|ERROR)$/gm)].map((m) => [m[1], m[2].split(" ")[0]]);
    const passed = results.filter(([, r]) => r === "ok").map(([t]) => t);
    const skipped = results.filter(([, r]) => r === "skipped").map(([t]) => t);
    console.log(`jupyter_kernel_test: ${passed.length} passed, ${skipped.length} skipped (${skipped.join(", ")})`);
    expect(run.status, log.slice(-4000)).toBe(0);
    expect(skipped.sort()).toEqual(["test_clear_output", "test_pager"]);
    expect(passed).toEqual(expect.arrayContaining(["test_kernel_info", "test_error", "test_execute_result", "test_history", "test_display_data"]));
  }, 300_000);
});

describe("Jupyter's own client (nbconvert --execute)", () => {
  it("receives all 100 000 lines of a flood and the last of 10 000 display updates, and every cell finishes", (ctx) => {
    if (!requireTool("jupyter nbconvert", jupyter, "apt-get install jupyter-nbconvert python3-nbclient", ctx)) return;
    const out = mkdtempSync(join(tmpdir(), "pdl-nbconvert-flood-"));
    execFileSync(jupyter!, ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=120", "--output-dir", out, join(fixtures, "flood.ipynb")], {
      cwd: fixtures,
      env: jupyterEnv(),
      stdio: "pipe",
    });
    const [, lines, display, after] = JSON.parse(readFileSync(join(out, "flood.ipynb"), "utf8")).cells;
    const printed = lines.outputs.filter((o: any) => o.name === "stdout").map((o: any) => [o.text].flat().join("")).join("").split("\n").filter(Boolean);
    expect(printed).toHaveLength(100_000);
    expect(printed.every((line: string, i: number) => line === `line ${i}`)).toBe(true);
    expect([display.outputs[0].data["text/plain"]].flat().join("")).toBe("update 9999");
    expect(after.outputs[0]).toMatchObject({ output_type: "execute_result", execution_count: 3 });
    console.log("nbconvert --execute: 100 000 lines and the final display update arrived");
  }, 300_000);

  it("shows an exception and a type error as error outputs naming the cell's line", (ctx) => {
    if (!requireTool("jupyter nbconvert", jupyter, "apt-get install jupyter-nbconvert python3-nbclient", ctx)) return;
    const out = mkdtempSync(join(tmpdir(), "pdl-nbconvert-error-"));
    const failures: Record<string, any> = {};
    for (const name of ["exception", "type-error"]) {
      const run = spawnSync(jupyter!, ["nbconvert", "--to", "notebook", "--execute", "--allow-errors", "--output-dir", out, join(fixtures, `${name}.ipynb`)], {
        cwd: fixtures,
        env: jupyterEnv(),
        encoding: "utf8",
      });
      expect(run.status, run.stderr).toBe(0);
      const outputs = JSON.parse(readFileSync(join(out, `${name}.ipynb`), "utf8")).cells.flatMap((c: any) => c.outputs ?? []);
      failures[name] = outputs.find((o: any) => o.output_type === "error");
    }
    expect(failures.exception).toMatchObject({ ename: "RangeError", evalue: "divide: b must not be 0" });
    expect(failures.exception.traceback.join("\n")).toMatch(/at divide \(Cell In\[2\], line 2\)[\s\S]*at Cell In\[2\], line 5/);
    expect(failures["type-error"]).toMatchObject({ ename: "TypeScriptError" });
    expect(failures["type-error"].traceback.join("\n")).toMatch(/Cell In\[2\], line 1, column 7: Type 'string' is not assignable to type 'number'/);
    // …and in nbconvert's HTML export, as error outputs.
    for (const [name, where] of [["exception", "at divide (Cell In[2], line 2)"], ["type-error", "Cell In[2], line 1, column 7"]]) {
      execFileSync(jupyter!, ["nbconvert", "--to", "html", join(out, `${name}.ipynb`)], { env: jupyterEnv(), stdio: "pipe" });
      const html = readFileSync(join(out, `${name}.html`), "utf8");
      const errorBlock = html.match(/<div class="[^"]*jp-OutputArea-output[^"]*"[^>]*data-mime-type="application\/vnd\.jupyter\.stderr"[^>]*>[\s\S]*?<\/div>/g) ?? [];
      expect(errorBlock.join("\n"), `${name}.html has no error output`).toContain(where);
    }
  }, 120_000);
});
