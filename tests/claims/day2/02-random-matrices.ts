/** Claims of day2/02's prose, read from the executed notebook's printed numbers and figures. */
import { expect } from "vitest";
import { cellById, figuresOf, outputText, printedNumber, printedNumbers, type Claim } from "../../helpers/executed";
import { shortCellsClaim } from "../../helpers/readable";

export const claims: Claim[] = [
  {
    name: "naive QR: each Q is biased (tr Q mean ≈ −2.6, Q₁₁ ≤ 0 always); sign-corrected: tr Q mean 0, variance 1, Q₁₁ ≤ 0 half the time",
    check: (nb) => {
      const cell = cellById(nb, "768028ad");
      const [naiveMean, haarMean] = printedNumbers(cell, /tr Q mean ([-\d.]+) ±/g);
      const [naiveSe, haarSe] = printedNumbers(cell, /tr Q mean [-\d.]+ ± ([\d.]+)/g);
      const [, haarVar] = printedNumbers(cell, /variance ([\d.]+);/g);
      const [naiveNeg, haarNeg] = printedNumbers(cell, /Q₁₁ ≤ 0 in ([\d.]+) %/g);
      expect(naiveMean).toBeCloseTo(-2.6, 1);
      expect(Math.abs(naiveMean)).toBeGreaterThan(20 * naiveSe);
      expect(naiveNeg).toBe(100);
      expect(Math.abs(haarMean)).toBeLessThan(3 * haarSe);
      expect(Math.abs(haarVar - 1)).toBeLessThan(0.1);
      expect(Math.abs(haarNeg - 50)).toBeLessThan(3);
    },
  },
  {
    name: "the SVD identities hold to rounding, and every singular value of O is 1",
    check: (nb) => {
      const cell = cellById(nb, "4a2fd768");
      expect(printedNumber(cell, /‖W − U D Vᵀ‖_F \/ ‖W‖_F\s+= ([\d.e+-]+)/)).toBeLessThan(1e-13);
      expect(printedNumber(cell, /max_i \|λ_i² − eig_i\(WᵀW\)\|\s+= ([\d.e+-]+)/)).toBeLessThan(1e-12);
      expect(outputText(cell)).toMatch(/of O: all in \[1\.000000000000, 1\.000000000000\]/);
      const errW = printedNumber(cellById(nb, "7d16144b"), /‖WᵀW − I‖_F = ([\d.]+)/);
      expect(Math.abs(errW / Math.sqrt(41) - 1)).toBeLessThan(0.2);
    },
  },
  {
    name: "quarter circle: KS distance 0.0076, comparable to 1/n = 0.005; coin-flip entries follow it too",
    check: (nb) => {
      const ks = printedNumber(cellById(nb, "889d7932"), /KS distance to the quarter circle: ([\d.]+)/);
      expect(ks).toBeCloseTo(0.0076, 4);
      expect(ks).toBeLessThan(3 * 0.005);
      expect(printedNumber(cellById(nb, "390cdc4d"), /KS distance to the quarter circle: ([\d.]+)/)).toBeLessThan(0.03);
    },
  },
  {
    name: "Marčenko–Pastur: every frame of the slider agrees with the law (KS distance < 0.05)",
    check: (nb) => {
      const fig = figuresOf(cellById(nb, "ed7cee53"))[0] as any;
      const titles: string[] = fig.frames.map((f: any) => f.layout.title.text);
      expect(titles).toHaveLength(8);
      for (const t of titles) expect(Number(t.match(/KS distance ([\d.]+)/)![1])).toBeLessThan(0.05);
      expect(fig.layout.yaxis.range).toEqual([0, 2.5]);
    },
  },
  shortCellsClaim,
];
