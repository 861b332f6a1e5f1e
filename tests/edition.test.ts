/**
 * The Japanese edition (notebooks/ja/) in step with the English one (notebooks/): every English notebook has a
 * Japanese twin at the same relative path, and each pair has the same cells, the same code (token for token,
 * comments and string text aside), the same formulas and the same numbers (rules: tests/helpers/edition.ts).
 * A missing twin fails its own test, so the list of failures is the list of notebooks still to translate.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { findNotebooks } from "../src/notebook/index";
import { codeTokens, editionDifferences, firstCodeDifference, formulas, markdownDifferences, proseNumbers, type NotebookJson } from "./helpers/edition";
import { repoRoot } from "./helpers/tools";

const notebooksDir = join(repoRoot, "notebooks");
const jaDir = join(notebooksDir, "ja");
const english = findNotebooks(notebooksDir).filter((p) => !p.startsWith(jaDir + "/"));
const japanese = existsSync(jaDir) ? findNotebooks(jaDir) : [];
const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as NotebookJson;

describe("the Japanese edition has a twin of every English notebook, in step", () => {
  it("there are English notebooks", () => {
    expect(english.length).toBeGreaterThan(0);
  });
  for (const path of english) {
    const rel = relative(notebooksDir, path);
    const twin = join(jaDir, rel);
    it(`${rel}: notebooks/ja/${rel} exists`, () => {
      expect(existsSync(twin), `notebooks/ja/${rel} is missing: the Japanese twin of notebooks/${rel}`).toBe(true);
    });
    it.runIf(existsSync(twin))(`${rel}: notebooks/ja/${rel} has the same cells, code, formulas and numbers`, () => {
      const problems = editionDifferences(read(path), read(twin));
      expect(problems, `notebooks/ja/${rel} drifted from notebooks/${rel}:\n${problems.join("\n")}`).toEqual([]);
    });
  }
  it("every notebook under notebooks/ja/ has an English original", () => {
    const orphans = japanese.map((p) => relative(jaDir, p)).filter((rel) => !existsSync(join(notebooksDir, rel)));
    expect(orphans, `Japanese notebooks without an English original: ${orphans.join(", ")}`).toEqual([]);
  });
});

describe("the comparator", () => {
  it("reads code as TypeScript tokens, comments skipped, string text replaced, ${…} kept", () => {
    const tokens = codeTokens('const t = `a ${x + 1} b`; // note\nshow("title", /re"g/g)').map((t) => t.text);
    expect(tokens).toEqual(["const", "t", "=", "<template head>${", "x", "+", "1", "}<template tail>", ";", "show", "(", "<string>", ",", "/re\"g/g", ")"]);
  });

  it("accepts translated comments, strings and template text", () => {
    const en = 'setLanguage("en"); // English\nconst fig = lineFigure(x, y, { title: `loss at step ${step}` });';
    const ja = 'setLanguage("ja"); // 日本語\nconst fig = lineFigure(x, y, { title: `ステップ ${step} の損失` });';
    expect(firstCodeDifference(en, ja)).toBeUndefined();
  });

  it("fails on a changed number, identifier, operator, ${…} expression or a missing token, naming the token", () => {
    expect(firstCodeDifference("const n = 5;", "const n = 6;")).toBe("token 4 differs: English `5` (line 1), Japanese `6` (line 1)");
    expect(firstCodeDifference("f(x)", "g(x)")).toMatch(/English `f`.*Japanese `g`/);
    expect(firstCodeDifference("a + b", "a - b")).toMatch(/`\+`.*`-`/);
    expect(firstCodeDifference("`a ${x} b`", "`a ${y} b`")).toMatch(/English `x`.*Japanese `y`/);
    expect(firstCodeDifference("f(1)\ng(2)", "f(1)\n")).toMatch(/English `g` \(line 2\), Japanese the end of the cell/);
    // A string turned into a template literal is a different token.
    expect(firstCodeDifference('f("a b")', "f(`a b`)")).toMatch(/<string>.*<template>/);
  });

  it("fails on a code word that differs in both editions (an option value left behind), not on a translated label", () => {
    const en = 'randomFeedForward({ activation: "identity", xLabel: "density" });';
    expect(firstCodeDifference(en, 'randomFeedForward({ activation: "linear", xLabel: "density" });')).toBe(
      'token 6 differs: English `"identity"` (line 1), Japanese `"linear"` (line 1) (a code word, not text to translate)',
    );
    expect(firstCodeDifference(en, 'randomFeedForward({ activation: "identity", xLabel: "密度" });')).toBeUndefined();
    expect(firstCodeDifference('setLanguage("en");', 'setLanguage("ja");')).toBeUndefined();
    expect(firstCodeDifference('f("en");', 'f("ja");')).toMatch(/code word/);
  });

  it("lists formulas in order, ignoring $ inside code", () => {
    expect(formulas("Risk $R(f)$ and\n$$\\hat R = \\frac1N$$ then \\(x\\) and `${a}` $y$")).toEqual(["$R(f)$", "$$\\hat R = \\frac1N$$", "\\(x\\)", "$y$"]);
    expect(markdownDifferences("the risk $R(f)$ at $N$", "リスク $R(f)$、$N$ のとき")).toEqual([]);
    expect(markdownDifferences("the risk $R(f)$", "リスク $R(g)$")[0]).toMatch(/formula 1 differs: English \$R\(f\)\$, Japanese \$R\(g\)\$/);
    expect(markdownDifferences("$a$ and $b$", "$b$ と $a$")[0]).toMatch(/formula 1 differs/);
    expect(markdownDifferences("$a$ and $b$", "$a$")[0]).toMatch(/English has 2 formulas, Japanese 1/);
  });

  it("reads numbers outside formulas by value, thousands separators and list markers aside", () => {
    expect([...proseNumbers("8 000 digits, 10,000 more, 0.50 and 02; $x_3$ not; `mlp([784, 10])`")].sort()).toEqual(["0.5", "10", "10000", "2", "784", "8000"]);
    expect([...proseNumbers("1. first\n2) second\n   3. third: 4 items")]).toEqual(["4"]);
    expect([...proseNumbers("mean −2.6, not 2.6; day1-02")].sort()).toEqual(["-2.6", "1", "2", "2.6"]);
    expect([...proseNumbers("精度は ９６ % です")]).toEqual(["96"]);
  });

  it("fails on a changed, dropped or added number", () => {
    expect(markdownDifferences("accuracy ≈ 96.5 % on 2 000 digits", "2 000 個の数字で精度は約 96.5 % です")).toEqual([]);
    expect(markdownDifferences("accuracy ≈ 96.5 %", "精度は約 97.5 % です")).toEqual([
      "numbers of the English prose missing in the Japanese: 96.5",
      "numbers in the Japanese prose that the English does not have: 97.5",
    ]);
    expect(markdownDifferences("over 5 seeds", "シードで")).toEqual(["numbers of the English prose missing in the Japanese: 5"]);
    expect(markdownDifferences("mean −2.6", "平均 2.6")).toHaveLength(2);
  });

  const nb = (cells: [string, string, string][], language = "ja"): NotebookJson => ({
    metadata: { kernelspec: { name: "pdl-typescript" } },
    cells: [
      { id: "first", cell_type: "code", source: `setLanguage("${language}");` },
      ...cells.map(([id, cell_type, source]) => ({ id, cell_type, source })),
    ],
  });

  it("compares whole notebooks: in step", () => {
    const en = nb([["a", "markdown", "Take $n = 3$ layers, 100 units."], ["b", "code", "const n = 3; // layers"]], "en");
    const ja = nb([["a", "markdown", "$n = 3$ 層、100 ユニットとします。"], ["b", "code", "const n = 3; // 層"]]);
    expect(editionDifferences(en, ja)).toEqual([]);
  });

  it("compares whole notebooks: fails on cell count, order, ids, types and names the cell", () => {
    const en = nb([["a", "markdown", "text"], ["b", "code", "f()"]], "en");
    expect(editionDifferences(en, nb([["a", "markdown", "テキスト"]]))[0]).toMatch(/English has 3 cells, Japanese 2; first difference at cell 3: English b:code, Japanese \(none\)/);
    expect(editionDifferences(en, nb([["b", "code", "f()"], ["a", "markdown", "テキスト"]]))[0]).toMatch(/first difference at cell 2: English a:markdown, Japanese b:code/);
    expect(editionDifferences(en, nb([["a", "markdown", "テキスト"], ["c", "code", "f()"]]))[0]).toMatch(/English b:code, Japanese c:code/);
    expect(editionDifferences(en, nb([["a", "code", "テキスト"], ["b", "code", "f()"]]))[0]).toMatch(/English a:markdown, Japanese a:code/);
    expect(editionDifferences(en, nb([["a", "markdown", "テキスト"], ["b", "code", "g()"]]))).toEqual([
      "cell 3 (id b, code): token 1 differs: English `f` (line 1), Japanese `g` (line 1)",
    ]);
    expect(editionDifferences(en, nb([["a", "markdown", "テキスト"], ["b", "code", "f()"]], "en"))).toEqual([
      'the first code cell does not select the language with setLanguage("ja")',
    ]);
  });
});
