/**
 * Comparing a notebook with its twin of the other edition (notebooks/<path> and notebooks/ja/<path>), so that the
 * Japanese edition cannot drift from the English one. The rules (tests/edition.test.ts applies them):
 *
 * - the same cells in the same order: cell count, ids and types equal;
 * - code cells equal token for token as TypeScript's scanner reads them, except comments (skipped) and the text
 *   of string literals and of the literal parts of template literals (a title or a printed sentence may be
 *   translated); the `${…}` expressions of a template literal are code and must be equal; a string that is a code
 *   word (ASCII, no space: an option value such as "identity") in both editions must be the same word, except the
 *   argument of `setLanguage`;
 * - markdown cells: the list of formulas (`$$…$$`, `$…$`, `\[…\]`, `\(…\)`, in order, TeX compared verbatim) is
 *   equal, and the numbers written outside formulas are equal as sets.
 *
 * What counts as a number (outside formulas, including inline code and links, which stay in Latin letters):
 * a run of ASCII (or full-width) digits with an optional decimal part, where a space (plain, no-break, thin or
 * narrow) or a comma or underscore directly followed by exactly three digits is a thousands separator
 * (`10 000`, `10,000`, `10_000` and `10000` are the same number). Numbers are compared by value (`0.50` = `0.5`,
 * `02` = `2`), with the sign when a minus sign (− or -) stands directly before the digits after a space or
 * bracket (`−2.6` differs from `2.6`). Not counted: the numbers of ordered-list markers at the start of a line
 * (`1. `, `2) `), which a translation may merge or split, and digits inside words written with non-ASCII
 * superscripts/subscripts (σ², n₀), which are not digits. Counting words are words: the prose writes 「二つ」, and
 * the number 3 as "3" in both editions. Sets, not lists: a translation may reorder a sentence or say a number
 * once where the English said it twice, but cannot change, drop or add one.
 */
import ts from "typescript";

/** A notebook cell as stored in an .ipynb file. */
export interface NotebookCell {
  cell_type: string;
  id?: string;
  source: string | string[];
}

/** The part of an .ipynb file the comparison reads. */
export interface NotebookJson {
  cells: NotebookCell[];
  metadata?: { kernelspec?: { name?: string } };
}

/** One token of a code cell: its text (string literal text replaced by a placeholder) and its line (1-based). */
export interface CodeToken {
  text: string;
  line: number;
  /** For a string literal whose text is a code word (ASCII letters, digits and `_.:/#+-`, no space): that text. */
  word?: string;
}

/**
 * A code word: an option value or a name such as "identity", "orthogonal", "markers". When the string is a code
 * word in BOTH editions, it must be the same word (a translated label becomes Japanese, so it is not a code word
 * any more); only the argument of `setLanguage` differs ("en" / "ja").
 */
const codeWord = /^[A-Za-z0-9_.:\/#+\-]+$/;

function sourceText(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** Tokens after which a `/` divides; elsewhere it starts a regular expression literal. */
const endsExpression = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.SuperKeyword,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
]);

/**
 * The tokens of a TypeScript cell as TypeScript's scanner reads them, comments and whitespace skipped, the text
 * of string literals and of template-literal parts replaced by `<string>` / `<template…>` placeholders.
 * Jupyter magics do not occur in this project's cells (tslab has none), so the whole cell is TypeScript.
 */
export function codeTokens(source: string): CodeToken[] {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, /* skipTrivia */ true, ts.LanguageVariant.Standard, source);
  const tokens: CodeToken[] = [];
  // For each open `{` or `${`: true when it opened a template substitution (its `}` continues the template).
  const braces: boolean[] = [];
  let previous: ts.SyntaxKind | undefined;
  const lineStarts = [0, ...[...source.matchAll(/\n/g)].map((m) => m.index! + 1)];
  const line = (pos: number) => lineStarts.filter((start) => start <= pos).length;
  for (;;) {
    let kind = scanner.scan();
    if (kind === ts.SyntaxKind.EndOfFileToken) break;
    if (kind === ts.SyntaxKind.CloseBraceToken && braces.length > 0 && braces[braces.length - 1]) {
      braces.pop();
      kind = scanner.reScanTemplateToken(false);
    } else if (kind === ts.SyntaxKind.CloseBraceToken) {
      braces.pop();
    } else if (kind === ts.SyntaxKind.OpenBraceToken) {
      braces.push(false);
    } else if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && (previous === undefined || !endsExpression.has(previous))) {
      kind = scanner.reScanSlashToken();
    }
    if (kind === ts.SyntaxKind.TemplateHead || kind === ts.SyntaxKind.TemplateMiddle) braces.push(true);
    let text: string;
    let word: string | undefined;
    switch (kind) {
      case ts.SyntaxKind.StringLiteral:
        text = "<string>";
        if (codeWord.test(scanner.getTokenValue())) word = scanner.getTokenValue();
        break;
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        text = "<template>";
        break;
      case ts.SyntaxKind.TemplateHead:
        text = "<template head>${";
        break;
      case ts.SyntaxKind.TemplateMiddle:
        text = "}<template middle>${";
        break;
      case ts.SyntaxKind.TemplateTail:
        text = "}<template tail>";
        break;
      default:
        text = scanner.getTokenText();
    }
    tokens.push(word === undefined ? { text, line: line(scanner.getTokenStart()) } : { text, line: line(scanner.getTokenStart()), word });
    previous = kind;
  }
  return tokens;
}

/** The first difference between the token lists of two code cells, or undefined when they agree. */
export function firstCodeDifference(english: string, japanese: string): string | undefined {
  const a = codeTokens(english);
  const b = codeTokens(japanese);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    const show = (t: CodeToken | undefined) => (t ? `\`${t.word === undefined ? t.text : JSON.stringify(t.word)}\` (line ${t.line})` : "the end of the cell");
    const languageArgument = i >= 2 && a[i - 2].text === "setLanguage" && a[i - 1].text === "(";
    if (x?.text === y?.text && x?.word !== undefined && y?.word !== undefined && x.word !== y.word && !languageArgument) {
      return `token ${i + 1} differs: English ${show(x)}, Japanese ${show(y)} (a code word, not text to translate)`;
    }
    if (x?.text === y?.text) continue;
    return `token ${i + 1} differs: English ${show(x)}, Japanese ${show(y)}`;
  }
  return undefined;
}

/** Markdown with fenced code blocks and inline code spans cut out (they hold `$` that is not math). */
function splitCode(markdown: string): { prose: string; code: string[] } {
  const code: string[] = [];
  let prose = markdown.replace(/^( {0,3})(```+|~~~+)[^\n]*\n[\s\S]*?^\1\2[ \t]*$/gm, (m) => {
    code.push(m);
    return " ";
  });
  prose = prose.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (m) => {
    code.push(m);
    return " ";
  });
  return { prose, code };
}

/** The formulas of a markdown cell in order, delimiters included: `$$…$$`, `\[…\]`, `$…$`, `\(…\)`. */
export function formulas(markdown: string): string[] {
  return extractFormulas(splitCode(markdown).prose).formulas;
}

function extractFormulas(prose: string): { formulas: string[]; rest: string } {
  const found: string[] = [];
  const rest = prose.replace(/\$\$[\s\S]+?\$\$|\\\[[\s\S]+?\\\]|\\\([\s\S]+?\\\)|(?<![\\$])\$(?!\$)(?:\\\$|[^$])+?\$/g, (m) => {
    found.push(m);
    return " ";
  });
  return { formulas: found, rest };
}

const fullWidthDigits = /[０-９]/g;

/**
 * The numbers written outside the formulas of a markdown cell, as canonical strings of their values
 * (the rule is in this module's doc comment).
 */
export function proseNumbers(markdown: string): Set<string> {
  const { prose, code } = splitCode(markdown);
  const text = [extractFormulas(prose).rest, ...code]
    .join("\n")
    .replace(fullWidthDigits, (d) => String(d.charCodeAt(0) - 0xff10))
    .replace(/^[ \t]*\d+[.)](?=[ \t])/gm, " ");
  const numbers = new Set<string>();
  const pattern = /(?:(?<=^|[\s(\[{（「])([−-]))?(\d{1,3}(?:(?:[ \u00a0\u2009\u202f_]|,(?=\d))\d{3})+(?!\d)|\d+)(\.\d+)?/g;
  for (const m of text.matchAll(pattern)) {
    const digits = m[2]!.replace(/[ \u00a0\u2009\u202f_,]/g, "") + (m[3] ?? "");
    const value = Number(digits);
    const sign = m[1] && value !== 0 ? "-" : "";
    numbers.add(sign + String(value));
  }
  return numbers;
}

/** The differences of two markdown cells (formulas, numbers), as sentences; empty when they agree. */
export function markdownDifferences(english: string, japanese: string): string[] {
  const problems: string[] = [];
  const fa = formulas(english);
  const fb = formulas(japanese);
  for (let i = 0; i < Math.max(fa.length, fb.length); i++) {
    if (fa[i] === fb[i]) continue;
    problems.push(`formula ${i + 1} differs: English ${fa[i] ?? "(none)"}, Japanese ${fb[i] ?? "(none)"} (English has ${fa.length} formulas, Japanese ${fb.length})`);
    break;
  }
  const na = proseNumbers(english);
  const nb = proseNumbers(japanese);
  const missing = [...na].filter((n) => !nb.has(n));
  const added = [...nb].filter((n) => !na.has(n));
  if (missing.length > 0) problems.push(`numbers of the English prose missing in the Japanese: ${missing.join(", ")}`);
  if (added.length > 0) problems.push(`numbers in the Japanese prose that the English does not have: ${added.join(", ")}`);
  return problems;
}

/**
 * Every way the Japanese notebook `japanese` differs from its English twin `english`, each a sentence naming the
 * cell (by id and position) and the first difference; empty when the editions are in step.
 */
export function editionDifferences(english: NotebookJson, japanese: NotebookJson): string[] {
  const problems: string[] = [];
  if (english.metadata?.kernelspec?.name !== japanese.metadata?.kernelspec?.name) {
    problems.push(`kernelspec differs: English ${english.metadata?.kernelspec?.name}, Japanese ${japanese.metadata?.kernelspec?.name}`);
  }
  const ids = (nb: NotebookJson) => nb.cells.map((c) => `${c.id ?? "(no id)"}:${c.cell_type}`);
  if (english.cells.length !== japanese.cells.length || ids(english).join() !== ids(japanese).join()) {
    const a = ids(english);
    const b = ids(japanese);
    const i = a.findIndex((x, k) => x !== b[k]);
    const at = i < 0 ? a.length : i;
    problems.push(
      `cells differ: English has ${a.length} cells, Japanese ${b.length}; first difference at cell ${at + 1}: ` +
        `English ${a[at] ?? "(none)"}, Japanese ${b[at] ?? "(none)"} (id:type)`,
    );
    return problems;
  }
  english.cells.forEach((cell, i) => {
    const twin = japanese.cells[i]!;
    const where = `cell ${i + 1} (id ${cell.id ?? "none"}, ${cell.cell_type})`;
    if (cell.cell_type === "code") {
      const difference = firstCodeDifference(sourceText(cell), sourceText(twin));
      if (difference) problems.push(`${where}: ${difference}`);
    } else if (cell.cell_type === "markdown") {
      for (const d of markdownDifferences(sourceText(cell), sourceText(twin))) problems.push(`${where}: ${d}`);
    }
  });
  const firstCode = (nb: NotebookJson) => sourceText(nb.cells.find((c) => c.cell_type === "code") ?? { cell_type: "code", source: "" });
  if (!/setLanguage\(\s*"ja"\s*\)/.test(firstCode(japanese))) problems.push(`the first code cell does not select the language with setLanguage("ja")`);
  return problems;
}
