/**
 * Every worked answer (a collapsed `<details>` block in a markdown cell) of both editions ends with a finished
 * sentence. Four English answers once stopped mid-sentence ("…so the test risk at λ = 0 is already") and no test
 * noticed; this one reads the last character before `</details>`.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function notebooks(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? notebooks(join(dir, e.name)) : e.name.endsWith(".ipynb") ? [join(dir, e.name)] : [],
  );
}

/** What a finished answer may end with: a full stop (. 。), ! ?, a closing bracket or quote, or a formula/code/table end. */
const finished = /[.。!?！？)）」』$`|*]$/;

/** The text of each `<details>` block of a markdown cell, without its summary line. */
export function answers(markdown: string): string[] {
  return [...markdown.matchAll(/<details>([\s\S]*?)<\/details>/g)].map((m) => m[1].replace(/<summary>[\s\S]*?<\/summary>/, "").trim());
}

describe("worked answers end with a finished sentence", () => {
  it("recognises a cut answer", () => {
    expect(answers("<details><summary>A</summary>\n\nDone.\n</details>")).toEqual(["Done."]);
    expect(answers("<details><summary>A</summary>\n\nso the risk is already\n</details>")[0]).not.toMatch(finished);
  });

  for (const path of notebooks("notebooks").sort()) {
    it(path, () => {
      const cells = JSON.parse(readFileSync(path, "utf8")).cells as { cell_type: string; id: string; source: string | string[] }[];
      for (const cell of cells.filter((c) => c.cell_type === "markdown")) {
        const text = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
        for (const answer of answers(text)) {
          expect(answer, `${path}, cell ${cell.id}: the answer ends "…${answer.slice(-60)}"`).toMatch(finished);
        }
      }
    });
  }
});
