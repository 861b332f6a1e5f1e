/**
 * Issue 14: a test that needs an absent tool is reported as SKIPPED by vitest (it used to return early and count
 * as passed), and fails under CI=true.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot, requireTool } from "../helpers/tools";

function runFixture(env: NodeJS.ProcessEnv) {
  const vitest = join(repoRoot, "node_modules", "vitest", "vitest.mjs");
  const r = spawnSync(process.execPath, [vitest, "run", "--config", "tests/fixtures/tool-skip.vitest.config.mts", "--reporter=json"], {
    cwd: repoRoot,
    env,
    encoding: "utf8",
  });
  const json = JSON.parse(r.stdout.slice(r.stdout.indexOf("{")));
  return { status: r.status, result: json as { numPassedTests: number; numPendingTests: number; numFailedTests: number; testResults: { assertionResults: { status: string }[] }[] } };
}

describe("requireTool", () => {
  it("marks the test skipped (not passed) when the tool is absent", () => {
    const env = { ...process.env };
    delete env.CI;
    const { status, result } = runFixture(env);
    expect(result.numPassedTests).toBe(0);
    expect(result.numFailedTests).toBe(0);
    expect(result.testResults[0].assertionResults.map((a) => a.status)).toEqual(["skipped"]);
    expect(status).toBe(0);
  }, 60_000);

  it("fails the test under CI=true", () => {
    const { status, result } = runFixture({ ...process.env, CI: "true" });
    expect(result.numFailedTests).toBe(1);
    expect(status).not.toBe(0);
  }, 60_000);

  it("returns true when the tool is there", () => {
    expect(requireTool("node", process.execPath, "-", { skip: () => expect.unreachable() })).toBe(true);
  });
});
