/**
 * `npm run docs` (TypeDoc) builds the API reference without a warning (typedoc.json sets treatWarningsAsErrors):
 * every type a public signature mentions is documented too (or listed as intentionally internal), and no doc
 * comment holds a broken link. Validation only (`--emit none`): the HTML itself is not written here.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("the API reference (npm run docs)", () => {
  it("builds from the doc comments with no warning", () => {
    const typedoc = join("node_modules", "typedoc", "bin", "typedoc");
    let output = "";
    try {
      output = execFileSync(process.execPath, [typedoc, "--emit", "none"], { encoding: "utf8", stdio: "pipe" });
    } catch (e) {
      const failed = e as { stdout?: string; stderr?: string };
      expect.fail(`typedoc reported:\n${failed.stdout ?? ""}${failed.stderr ?? ""}`);
    }
    expect(output).not.toMatch(/warning|error/i);
  }, 120_000);
});
