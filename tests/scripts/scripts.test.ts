import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repoRoot } from "../helpers/tools";

describe("npm run kernel:install", () => {
  it("writes a user kernelspec with absolute paths to this Node and this repository's launcher, and removes it", () => {
    const data = mkdtempSync(join(tmpdir(), "pdl-jupyter-data-"));
    const env = { ...process.env, JUPYTER_DATA_DIR: data };
    const install = spawnSync(process.execPath, [join(repoRoot, "scripts", "install-kernel.mjs")], { env, encoding: "utf8" });
    expect(install.status, install.stderr).toBe(0);
    const specFile = join(data, "kernels", "pdl-typescript", "kernel.json");
    const spec = JSON.parse(readFileSync(specFile, "utf8"));
    expect(spec.display_name).toBe("TypeScript (pdl lectures, tslab)");
    expect(spec.argv[0]).toBe(process.execPath);
    expect(spec.argv[1]).toBe(join(repoRoot, "jupyter", "kernels", "pdl-typescript", "launch.js"));
    expect(existsSync(spec.argv[1])).toBe(true);
    expect(spec.argv[2]).toBe("{connection_file}");
    const remove = spawnSync(process.execPath, [join(repoRoot, "scripts", "install-kernel.mjs"), "--uninstall"], { env, encoding: "utf8" });
    expect(remove.status).toBe(0);
    expect(existsSync(dirname(specFile))).toBe(false);
  });
});

describe("the repository kernelspec", () => {
  it("launches the project's own tslab and says what it is", () => {
    const spec = JSON.parse(readFileSync(join(repoRoot, "jupyter", "kernels", "pdl-typescript", "kernel.json"), "utf8"));
    expect(spec.argv).toEqual(["node", "{resource_dir}/launch.js", "{connection_file}"]);
    expect(spec.display_name).toMatch(/TypeScript/);
    expect(spec.interrupt_mode).toBe("signal");
    const launcher = readFileSync(join(repoRoot, "jupyter", "kernels", "pdl-typescript", "launch.js"), "utf8");
    // the project's own tslab (its compiler and executor), never another copy found elsewhere
    expect(launcher).toMatch(/path\.join\(root, "node_modules", "tslab"\)/);
    expect(launcher).toMatch(/"dist", "executor\.js"/);
  });

  it("the launcher fails clearly without a connection file", () => {
    const r = spawnSync(process.execPath, [join(repoRoot, "jupyter", "kernels", "pdl-typescript", "launch.js")], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: node launch\.js <connection_file>/);
  });
});
