/**
 * Traces and layouts carry plotly's field names (from @types/plotly.js), so an editor or tslab's Tab completes
 * them inside `{ … }` of a trace or a layout. This test asks TypeScript's language service for the completions
 * a student gets at the cursor `|` in `const t: Trace = { hov| }`.
 */
import ts from "typescript";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function completionsAt(code: string): string[] {
  const file = join(__dirname, "completion-probe.ts");
  const cursor = code.indexOf("|");
  const text = code.replace("|", "");
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, skipLibCheck: true };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [file],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => {
      const content = name === file ? text : ts.sys.readFile(name);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => process.cwd(),
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (name) => name === file || ts.sys.fileExists(name),
    readFile: (name) => (name === file ? text : ts.sys.readFile(name)),
  };
  const service = ts.createLanguageService(host);
  return service.getCompletionsAtPosition(file, cursor, {})?.entries.map((e) => e.name) ?? [];
}

const figureModule = JSON.stringify(join(__dirname, "..", "..", "src", "plot", "figure"));

describe("plotly field names complete in traces and layouts", () => {
  it("completes a trace's fields (hovertemplate, mode, marker)", () => {
    const names = completionsAt(`import type { Trace } from ${figureModule};\nconst t: Trace = { | };`);
    expect(names).toEqual(expect.arrayContaining(["hovertemplate", "mode", "marker", "line", "type"]));
  });

  it("completes a layout's fields (xaxis, sliders, barmode)", () => {
    const names = completionsAt(`import type { Layout } from ${figureModule};\nconst l: Layout = { | };`);
    expect(names).toEqual(expect.arrayContaining(["xaxis", "sliders", "barmode", "title"]));
  });
});
