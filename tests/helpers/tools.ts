/**
 * External tools some tests need (Jupyter's nbconvert, Chromium). Where one is missing the test is skipped
 * with a loud warning on a developer's machine, and fails under CI (CI=true), where .ci/run installs them.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export const repoRoot = resolve(__dirname, "..", "..");

function which(command: string): string | undefined {
  try {
    return execFileSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The `jupyter` command, when nbconvert is installed. */
export const jupyter: string | undefined = (() => {
  const path = which("jupyter");
  if (!path) return undefined;
  try {
    execFileSync(path, ["nbconvert", "--version"], { stdio: "ignore" });
    return path;
  } catch {
    return undefined;
  }
})();

/** A Chromium executable for playwright-core. */
export const chromiumPath: string | undefined =
  [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => p && existsSync(p));

/** The part of vitest's test context that skips the running test (`it("…", (ctx) => …)`). */
export interface SkippableContext {
  skip(note?: string): void;
}

/**
 * Says loudly that a test cannot run and, given the test's context, marks it SKIPPED in vitest's report (not
 * passed); fails under CI (CI=true), where .ci/run installs every tool. Without a context it only returns false.
 */
export function requireTool(name: string, present: unknown, install: string, ctx?: SkippableContext): boolean {
  if (present) return true;
  const message = `⚠ ${name} not found: this test is SKIPPED. Install it with: ${install}`;
  if (process.env.CI) throw new Error(`${name} is required under CI but was not found (${install})`);
  console.warn(`\n${message}\n`);
  ctx?.skip(message); // throws vitest's skip signal: the test ends here, reported as skipped
  return false;
}

/** Environment for Jupyter commands: the repository's kernelspec on JUPYTER_PATH. */
export function jupyterEnv(): NodeJS.ProcessEnv {
  const path = resolve(repoRoot, "jupyter");
  return { ...process.env, JUPYTER_PATH: process.env.JUPYTER_PATH ? `${path}:${process.env.JUPYTER_PATH}` : path };
}
