/**
 * Claims of notebooks/day2/04-free-probability.ipynb, checked on its executed outputs.
 */
import { expect } from "vitest";
import { cellById, outputText, printedNumber, printedNumbers, type Claim } from "../../helpers/executed";

/** Rows "L  k  exact  mean ± sd  (± se)" of the moments-over-sets table. */
function setRows(text: string): { L: number; k: number; mean: number; sd: number; se: number }[] {
  const re = /^(\d+)\s+(\d)\s+[\d.]+\s+([\d.]+) ± ([\d.]+)\s+\(± ([\d.]+)\)/gm;
  return [...text.matchAll(re)].map((m) => ({ L: +m[1], k: +m[2], mean: +m[3], sd: +m[4], se: +m[5] }));
}

export const claims: Claim[] = [
  {
    name: "§2 freeness: the centred tr(ABAB) is exactly 1 for commuting pairs and falls like 1/n for Haar-rotated ones",
    check: (nb) => {
      const table = outputText(cellById(nb, "68c31369"));
      const rows = [...table.matchAll(/^(\d+)\s+(-?[\d.]+) ± ([\d.]+)\s+([\d.]+)\s+([\d.]+)$/gm)];
      expect(rows.length).toBe(5);
      for (const r of rows) expect(Number(r[5])).toBeCloseTo(1, 3); // commuting
      expect(Number(rows[4][4])).toBeLessThan(0.03); // free rms at the largest n
      expect(Number(rows[4][4])).toBeLessThan(Number(rows[0][4]) / 4);
      const slope = printedNumber(nb, /fitted slope of log rms\(tr ABAB\) vs log n: (-?[\d.]+)/);
      expect(slope).toBeLessThan(-0.7);
      expect(slope).toBeGreaterThan(-1.3);
    },
  },
  {
    name: "§3 the Haar-rotated sum follows the free, not the classical, 4th moment",
    check: (nb) => {
      const text = outputText(cellById(nb, "9946d502"));
      const [mc, free, classical] = text.match(/^4\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/m)!.slice(1).map(Number);
      expect(Math.abs(mc - free)).toBeLessThan(Math.abs(mc - classical));
    },
  },
  {
    name: "§4 the ⊞ by hand (a dozen lines) agrees with freeAdditiveConvolution",
    check: (nb) => {
      expect(printedNumber(nb, /largest \|by hand − library\|: ([\d.e+-]+)/)).toBeLessThan(1e-4);
    },
  },
  {
    name: "§5 less than one eigenvalue's worth of Fuss–Catalan mass lies beyond the sample's largest eigenvalue",
    check: (nb) => {
      const top = printedNumber(nb, /largest eigenvalue of the free product ([\d.]+)/);
      expect(top).toBeLessThan(6.75);
      expect(printedNumber(nb, /= ([\d.]+) of \d+ eigenvalues/)).toBeLessThan(1);
    },
  },
  {
    name: "§7 moments over 8 sets: depth 2 within a few %, every mean within 2.5 standard errors of the prediction",
    check: (nb) => {
      const rows = setRows(outputText(cellById(nb, "0e7d4e41")));
      expect(rows.length).toBe(9);
      for (const r of rows) expect(Math.abs(r.mean - 1)).toBeLessThan(2.5 * r.se + 1e-3);
      for (const r of rows.filter((r) => r.L === 2)) expect(r.sd).toBeLessThan(0.1);
      const deep = rows.find((r) => r.L === 8 && r.k === 3)!;
      expect(deep.sd).toBeGreaterThan(rows.find((r) => r.L === 2 && r.k === 3)!.sd);
    },
  },
  {
    name: "§7 m₂ by hand from S-transforms (normalised variances add) equals jacobianMomentPrediction",
    check: (nb) => {
      const cell = cellById(nb, "d4e6f8a0");
      const hand = printedNumbers(cell, /by hand m₁ = [\d.]+, m₂ = ([\d.]+)/g);
      const lib = printedNumbers(cell, /jacobianMomentPrediction m₁ = [\d.]+, m₂ = ([\d.]+)/g);
      expect(hand.length).toBe(3);
      hand.forEach((v, i) => expect(v).toBeCloseTo(lib[i], 4));
    },
  },
  {
    name: "§8 Collins–Hayase test: true D(W) and independent D̃ give the same moments, both at the ⊠ prediction",
    check: (nb) => {
      const text = outputText(cellById(nb, "a8b0c2d4"));
      for (const k of [1, 2]) {
        const m = text.match(new RegExp(`^m${k}\\s+([\\d.]+)\\s+([\\d.]+) ± ([\\d.]+)\\s+([\\d.]+) ± ([\\d.]+)`, "m"))!;
        const [pred, a, sa, b, sb] = m.slice(1).map(Number);
        expect(Math.abs(a - b)).toBeLessThan(2 * Math.hypot(sa, sb));
        expect(Math.abs(a - pred)).toBeLessThan(2 * sa);
        expect(Math.abs(b - pred)).toBeLessThan(2 * sb);
      }
    },
  },
  {
    name: "§9 erratum 2: with q₀ = (q* − σ_b²)/σ_w² the first layer starts at the fixed point, q₁ = q*",
    check: (nb) => {
      const q1 = printedNumber(nb, /q₁ = σ_w² q₀ \+ σ_b² = ([\d.]+)/);
      const qs = printedNumber(nb, /q\* = ([\d.]+)$/m);
      expect(q1).toBeCloseTo(qs, 5);
    },
  },
  {
    name: "§10 universality: tanh and sin with equal m₁, v of φ′² give equal m₂ and m₃ within 2 %; larger v widens",
    check: (nb) => {
      const cell = cellById(nb, "e3f5a7b9");
      const m2 = printedNumbers(cell, /m₂ = ([\d.]+)/g);
      const m3 = printedNumbers(cell, /m₃ = ([\d.]+)/g);
      expect(m2[0]).toBeCloseTo(m2[1], 3);
      expect(Math.abs(m3[0] / m3[1] - 1)).toBeLessThan(0.02);
      expect(m2[2] - 1).toBeGreaterThan(2 * (m2[0] - 1) * 0.8);
    },
  },
];
