/** Claims of day1/03's prose and titles, read from the executed notebook's printed numbers. */
import { expect } from "vitest";
import { cellById, outputText, printedNumber, type Claim, type ExecutedNotebook } from "../../helpers/executed";
import { readableClaims } from "../../helpers/readable";

/** The printed "k: count" pairs of the line that starts with `start`, as counts per class. */
function predictedCounts(nb: ExecutedNotebook, start: string): { total: number; counts: number[] } {
  const line = outputText(cellById(nb, "e443d42b")).split("\n").find((l) => l.startsWith(start));
  expect(line, `no printed line starting with "${start}"`).toBeDefined();
  const counts = new Array(10).fill(0);
  for (const m of line!.split("predicted")[1].matchAll(/(\d): (\d+)/g)) counts[Number(m[1])] = Number(m[2]);
  return { total: counts.reduce((s, c) => s + c, 0), counts };
}

const accuracy = (nb: ExecutedNotebook, run: string) =>
  printedNumber(cellById(nb, "269037a2"), new RegExp(`${run.replace(/[+]/g, "\\+")}\\s+accuracy ([\\d.]+) %`));

export const claims: Claim[] = [
  {
    name: "mixup's λ: mean ≈ ½ and the outer tenths near the arcsine law's 0.410",
    check: (nb) => {
      const cell = cellById(nb, "947e5470");
      expect(Math.abs(printedNumber(cell, /mean λ = ([\d.]+)/) - 0.5)).toBeLessThan(0.02);
      expect(printedNumber(cell, /exact ([\d.]+)\)$/m)).toBeCloseTo(0.41, 3);
      expect(Math.abs(printedNumber(cell, /or > 0.9: ([\d.]+)/) - 0.41)).toBeLessThan(0.03);
    },
  },
  {
    name: "219 test 6s, 211 recognised; rotated, none is a 6 and 1-NN reads more 7s (103) than 9s (78)",
    check: (nb) => {
      const plain = predictedCounts(nb, "219 test 6s, as they are");
      expect(plain.total).toBe(219);
      expect(plain.counts[6]).toBe(211);
      const rotated = predictedCounts(nb, "the same 6s rotated");
      expect(rotated.total).toBe(219);
      expect(rotated.counts[6]).toBe(0);
      expect(rotated.counts[7]).toBe(103);
      expect(rotated.counts[9]).toBe(78);
      expect(rotated.counts[7]).toBeGreaterThan(rotated.counts[9]);
    },
  },
  {
    name: "mirrored digits: a 2 most often read as a 6 (66 of 203), a 3 as 8 (60) or 5 (54), a 5 as 3 (60 of 153), a 7 still 7 in 68 of 209",
    check: (nb) => {
      const twos = predictedCounts(nb, "203 test 2s mirrored");
      expect(twos.total).toBe(203);
      expect(twos.counts[6]).toBe(66);
      expect(Math.max(...twos.counts)).toBe(66);
      const threes = predictedCounts(nb, "196 test 3s mirrored");
      expect([threes.counts[8], threes.counts[5]]).toEqual([60, 54]);
      expect(Math.max(...threes.counts)).toBe(60);
      const fives = predictedCounts(nb, "153 test 5s mirrored");
      expect(fives.counts[3]).toBe(60);
      expect(Math.max(...fives.counts)).toBe(60);
      const sevens = predictedCounts(nb, "209 test 7s mirrored");
      expect(sevens.counts[7]).toBe(68);
      expect(sevens.counts[7] / sevens.total).toBeLessThan(0.5);
    },
  },
  {
    name: "translation: shifting costs plain 1-NN (91.7 → 63.7 %), shifted copies recover most (88.3 %), unshifted not hurt (92.0 %)",
    check: (nb) => {
      const plain = accuracy(nb, "plain train, plain test");
      const shifted = accuracy(nb, "plain train, shifted test");
      const augShifted = accuracy(nb, "+ 2 shifted copies, shifted test");
      const augPlain = accuracy(nb, "+ 2 shifted copies, plain test");
      expect([plain, shifted, augShifted, augPlain]).toEqual([91.7, 63.7, 88.3, 92.0]);
      expect(plain - shifted).toBeGreaterThan(15);
      expect(augShifted - shifted).toBeGreaterThan(0.75 * (plain - shifted));
      expect(augPlain).toBeGreaterThanOrEqual(plain);
    },
  },
  {
    name: "the rotated-6 figure's title does not claim the picture is a 9",
    check: (nb) => {
      const src = [].concat(cellById(nb, "99044a3e").source as any).join("");
      expect(src).not.toMatch(/picture says 9/);
    },
  },
  ...readableClaims,
];
