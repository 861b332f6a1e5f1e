/**
 * The glossary of 00-start-here (English ↔ 日本語 ↔ symbol, the same table in both editions) matches the
 * notebooks: every English term of the table occurs in the English notebooks and every Japanese term in the
 * Japanese ones, so the glossary names things the way the lectures do.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { findNotebooks } from "../src/notebook/index";
import { repoRoot } from "./helpers/tools";

const GLOSSARY_ID = "5e0a9c3d";
const notebooks = join(repoRoot, "notebooks");
const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as { cells: { id?: string; source: string | string[] }[] };
const text = (cell: { source: string | string[] }) => [cell.source].flat().join("");

/** The prose and code of every lecture of an edition (00-start-here, which holds the glossary, left out). */
function editionText(dir: string, exclude: string): string {
  return findNotebooks(dir)
    .filter((p) => !p.endsWith("00-start-here.ipynb") && !(exclude && p.startsWith(exclude)))
    .map((p) => read(p).cells.map(text).join("\n"))
    .join("\n")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

/** A term occurs as written, or without its parenthetical part: "expected (true) risk", "汎化ギャップ（汎化誤差）". */
function occurs(term: string, text: string): boolean {
  const t = term.toLowerCase();
  return text.includes(t) || text.includes(t.replace(/\s*[（(].*?[）)]\s*/g, " ").replace(/\s+/g, " ").trim());
}

/** The table rows of the glossary cell: [English, 日本語]; each split into its terms at ",", "、", "/", ":" and "+". */
function glossaryRows(path: string): { english: string[]; japanese: string[] }[] {
  const cell = read(path).cells.find((c) => c.id === GLOSSARY_ID);
  if (!cell) throw new Error(`${path} has no glossary cell (id ${GLOSSARY_ID})`);
  const split = (s: string) => s.split(/[,、/:+]/).map((t) => t.trim()).filter(Boolean);
  return text(cell)
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| English") && !line.startsWith("| **") && !line.startsWith("| ---"))
    .map((line) => line.split("|").map((c) => c.trim()))
    .map((cols) => ({ english: split(cols[1]!), japanese: split(cols[2]!) }));
}

describe("the glossary of 00-start-here", () => {
  const en = join(notebooks, "00-start-here.ipynb");
  const ja = join(notebooks, "ja", "00-start-here.ipynb");

  it("has the same table in both editions", () => {
    expect(existsSync(ja)).toBe(true);
    expect(glossaryRows(ja)).toEqual(glossaryRows(en));
    expect(glossaryRows(en).length).toBeGreaterThan(50);
  });

  it("every English term occurs in the English lectures, every Japanese term in the Japanese ones", () => {
    const english = editionText(notebooks, join(notebooks, "ja"));
    const japanese = existsSync(join(notebooks, "ja")) ? editionText(join(notebooks, "ja"), "") : "";
    const missing: string[] = [];
    for (const row of glossaryRows(en)) {
      for (const term of row.english) if (!occurs(term, english)) missing.push(`English "${term}"`);
      for (const term of row.japanese) if (!occurs(term, japanese)) missing.push(`日本語 "${term}"`);
    }
    expect(missing, `glossary terms no lecture uses: ${missing.join(", ")}`).toEqual([]);
  });
});
