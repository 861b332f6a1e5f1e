import { describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { repoRoot as root } from "../helpers/tools";

describe("the WebAssembly gemm kernel", () => {
  test("src/linalg/gemmKernelWasm.ts and matvecKernelWasm.ts are the compiled .wat files (npm run build:wasm was run after the last edit)", () => {
    const r = spawnSync(process.execPath, ["scripts/build-wasm.mjs", "--check"], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
