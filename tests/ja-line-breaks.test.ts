/**
 * In the Japanese edition, a line break inside a paragraph between two Japanese characters is drawn by the browser
 * as a space (Markdown keeps the newline as white space, and Japanese has no spaces between words): 「ノート ブック」.
 * So a paragraph's lines may break only where a space is wanted (before or after Latin text or math). This test
 * finds breaks between Japanese characters (allowing **bold**, *emphasis* or `code` marks at the break).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const japanese = "[\\u3000-\\u30ff\\u3400-\\u9fff\\uff00-\\uffef]";
const endsJapanese = new RegExp(`${japanese}(?:\\*\\*|\\*|\`)?$`);
const startsJapanese = new RegExp(`^(?:\\*\\*|\\*)?${japanese}`);
/** A line that starts a new block or list item: a break before it is not inside a paragraph. */
const startsBlock = /^\s*(?:[-*+]\s|\d+[.)]\s|#|\||<|>\s*$)/;

/** The breaks between Japanese characters inside a paragraph of `markdown`: "line n: …end|start…". */
export function japaneseLineBreaks(markdown: string): string[] {
  const lines = markdown.split("\n");
  const found: string[] = [];
  let fenced = false;
  let displayMath = false;
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1];
    if (previous.trim().startsWith("```")) fenced = !fenced;
    if (previous.trim() === "$$") displayMath = !displayMath;
    if (fenced || displayMath) continue;
    const quoted = previous.startsWith(">") && lines[i].startsWith("> ");
    const line = quoted ? lines[i].slice(2) : lines[i];
    if (!previous.trim() || !line.trim() || startsBlock.test(line) || previous.endsWith("  ")) continue;
    if (endsJapanese.test(previous.trimEnd()) && startsJapanese.test(line.trimStart())) {
      found.push(`line ${i + 1}: …${previous.trimEnd().slice(-12)}|${line.trimStart().slice(0, 12)}…`);
    }
  }
  return found;
}

function notebooks(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? notebooks(join(dir, e.name)) : e.name.endsWith(".ipynb") ? [join(dir, e.name)] : [],
  );
}

describe("Japanese paragraphs break lines only where a space is wanted", () => {
  it("finds a break between Japanese characters, not one before math, a list item or a new paragraph", () => {
    expect(japaneseLineBreaks("ノート\nブック")).toEqual(["line 2: …ノート|ブック…"]);
    expect(japaneseLineBreaks("> 記法は\n> **和** です")).toHaveLength(1);
    expect(japaneseLineBreaks("値は\n$x$ です\n\n次の段落\n- 項目\n```\nコード\nです\n```")).toEqual([]);
  });

  it("README.ja.md", () => {
    expect(japaneseLineBreaks(readFileSync("README.ja.md", "utf8"))).toEqual([]);
  });

  for (const path of notebooks(join("notebooks", "ja")).sort()) {
    it(path, () => {
      const cells = JSON.parse(readFileSync(path, "utf8")).cells as { cell_type: string; id: string; source: string | string[] }[];
      for (const cell of cells.filter((c) => c.cell_type === "markdown")) {
        const text = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
        expect(japaneseLineBreaks(text), `${path}, cell ${cell.id}`).toEqual([]);
      }
    });
  }
});
