/**
 * Claims every lecture notebook makes about its form (shared by the files in tests/claims/): code cells a
 * student can read (≤ 25 lines, ≤ 100 characters a line, which the HTML export shows without cutting), the
 * series' notation box near the top, and worked answers of "think" exercises collapsed (<details>), never in
 * plain sight.
 */
import { expect } from "vitest";
import { sourceOf, type Claim } from "./executed";

/** Code cells a student can read: at most 25 lines of at most 100 characters (the HTML export cuts longer ones). */
export const shortCellsClaim: Claim = {
  name: "every code cell has at most 25 lines of at most 100 characters",
  check: (nb) => {
    nb.cells.filter((c) => c.cell_type === "code").forEach((cell) => {
      const lines = sourceOf(cell).split("\n");
      expect(lines.length, `cell ${cell.id} has ${lines.length} lines`).toBeLessThanOrEqual(25);
      lines.forEach((l) => expect([...l].length, `cell ${cell.id}: "${l.slice(0, 40)}…"`).toBeLessThanOrEqual(100));
    });
  },
};

export const readableClaims: Claim[] = [
  shortCellsClaim,
  {
    name: "the notation box sits near the top, and every worked answer is collapsed",
    check: (nb) => {
      const top = nb.cells.slice(0, 3).map(sourceOf).join("\n");
      expect(top).toMatch(/\*\*Notation \(the whole series\)\.\*\*/);
      const answers = nb.cells.filter((c) => /Worked answer/.test(sourceOf(c)));
      expect(answers.length).toBeGreaterThan(0);
      answers.forEach((c) => expect(sourceOf(c).trimStart().startsWith("<details>"), `cell ${c.id}`).toBe(true));
    },
  },
];
