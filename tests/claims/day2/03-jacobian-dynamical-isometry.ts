/** Claims of day2/03's prose, read from the executed notebook's printed numbers. */
import { expect } from "vitest";
import { cellById, outputText, printedNumber, type Claim } from "../../helpers/executed";
import { shortCellsClaim } from "../../helpers/readable";

/** "a ± b" pairs of one printed table row, in order. */
function pairs(row: string): { mean: number; std: number }[] {
  return [...row.matchAll(/([-\d.e+]+) ± ([-\d.e+]+)/g)].map((m) => ({ mean: Number(m[1]), std: Number(m[2]) }));
}

/** The line of a cell's output that starts with `label` (after spaces). */
function row(text: string, label: string): string {
  const line = text.split("\n").find((l) => l.trimStart().startsWith(label));
  expect(line, `no printed row starts with "${label}"`).toBeDefined();
  return line!;
}

export const claims: Claim[] = [
  {
    name: "the fixed-point start keeps q_l = q* = 1 and the predicted mean s² = σ_w²; q_0 = q* gives q_1 ≈ 2.30 and less",
    check: (nb) => {
      const text = outputText(cellById(nb, "d9f17257"));
      const naive = row(text, "input variance q_0 = q*").match(/q_1…q_4 = (.*)/)![1].split(",").map(Number);
      expect(naive[0]).toBeCloseTo(2.304, 3);
      const start = row(text, "q_0 = fixedPointInputVariance").match(/q_1…q_4 = (.*)/)![1].split(",").map(Number);
      start.forEach((q) => expect(q).toBeCloseTo(1, 3));
      const sw2 = printedNumber(cellById(nb, "d9f17257"), /σ_w² = ([\d.]+)/);
      const fromStart = printedNumber(cellById(nb, "d9f17257"), /fixed-point start: ([\d.]+)/);
      const fromQStar = printedNumber(cellById(nb, "d9f17257"), /q_0 = q\*: ([\d.]+)/);
      expect(fromStart).toBeCloseTo(sw2, 3);
      expect(fromQStar).toBeCloseTo(1.277, 3);
    },
  },
  {
    name: "at criticality mean s² is σ_w² (1 for linear, 2 for ReLU); tanh's decays to the predicted ≈ 0.023; samples agree",
    check: (nb) => {
      const text = outputText(cellById(nb, "9d6fd452"));
      const linear = pairs(row(text, "linear"));
      expect(linear[1].mean).toBeCloseTo(1, 2); // orthogonal linear: exactly 1
      expect(Number(row(text, "linear").split("|")[1].split(",").pop())).toBeCloseTo(1, 2);
      expect(Number(row(text, "ReLU").split("|")[1].split(",").pop())).toBeCloseTo(2, 2);
      const tanhRow = row(text, "tanh");
      const tanhPred = Number(tanhRow.split("|")[1].split(",").pop());
      expect(tanhPred).toBeCloseTo(0.0232, 3);
      // Every measured mean s² (5 networks) is within 3 standard errors (+ 5 %) of its prediction, except the one
      // the prose names: Gaussian tanh, below the large-width prediction at n = 64 (but within a factor 2).
      const within = (m: { mean: number; std: number }, pred: number) => Math.abs(m.mean - pred) <= (3 * m.std) / Math.sqrt(5) + 0.05 * pred + 1e-9;
      for (const label of ["linear", "ReLU", "tanh", "hard-tanh"]) {
        const r = row(text, label);
        const pred = Number(r.split("|")[1].split(",").pop());
        const [g, o] = pairs(r);
        expect(within(o, pred), `${label} orthogonal: ${o.mean} ± ${o.std} vs ${pred}`).toBe(true);
        if (label !== "tanh") expect(within(g, pred), `${label} Gaussian: ${g.mean} ± ${g.std} vs ${pred}`).toBe(true);
      }
      const gTanh = pairs(tanhRow)[0];
      expect(within(gTanh, tanhPred)).toBe(false);
      expect(gTanh.mean).toBeLessThan(tanhPred);
      expect(gTanh.mean).toBeGreaterThan(tanhPred / 2);
    },
  },
  {
    name: "relative spread at L = 32: Gaussian ≈ √32 for every activation, orthogonal tanh / hard-tanh well below",
    check: (nb) => {
      const text = outputText(cellById(nb, "9d6fd452"));
      for (const label of ["linear", "ReLU", "tanh", "hard-tanh"]) {
        const g = pairs(row(text, label))[2];
        expect(g.mean).toBeGreaterThan(4);
        expect(g.mean).toBeLessThan(7);
      }
      for (const label of ["tanh", "hard-tanh"]) {
        const [, , g, o] = pairs(row(text, label));
        expect(o.mean + 3 * o.std).toBeLessThan(g.mean - 3 * g.std);
      }
      expect(pairs(row(text, "linear"))[3].mean).toBeLessThan(1e-12);
    },
  },
  {
    name: "tanh at L = 32: the Gaussian quartiles span ≈ 9 orders of magnitude, the orthogonal ones less than one",
    check: (nb) => {
      const text = outputText(cellById(nb, "ed9376e9"));
      const q = (w: string) => row(text, `tanh, ${w}`).match(/quartiles of s (.*)/)![1].split(",").map(Number);
      const [g1, , g3] = q("gaussian");
      const [o1, o2, o3] = q("orthogonal");
      expect(Math.log10(g3 / g1)).toBeGreaterThan(8);
      expect(Math.log10(o3 / o1)).toBeLessThan(1);
      expect(o2).toBeLessThan(0.2);
      expect(g1).toBeLessThan(1e-10); // near the rounding level: printed, not pinned
      expect(o1).toBeCloseTo(0.047, 3);
    },
  },
  {
    name: "along the critical line the orthogonal spread falls 4.48 → 0.072 while the Gaussian one stays 5.3–5.9",
    check: (nb) => {
      const text = outputText(cellById(nb, "3a9e5b12"));
      const rows = text.split("\n").filter((l) => /^\s+[\d.]+\s+[\d.]+ \|/.test(l)).map(pairs);
      expect(rows).toHaveLength(5);
      const orth = rows.map((r) => r[3].mean);
      for (let i = 1; i < orth.length; i++) expect(orth[i]).toBeLessThan(orth[i - 1]);
      expect(orth[0]).toBeCloseTo(4.48, 2);
      expect(orth[4]).toBeCloseTo(0.072, 3);
      rows.forEach((r) => {
        expect(r[2].mean).toBeGreaterThanOrEqual(5.3);
        expect(r[2].mean).toBeLessThanOrEqual(5.95);
      });
      expect(printedNumber(cellById(nb, "3a9e5b12"), /√32 = ([\d.]+)/)).toBeCloseTo(5.66, 2);
    },
  },
  {
    name: "orthogonal initialisation trains faster in 5 of 5 seeds: final loss 1.77 ± 0.028 vs 2.02 ± 0.044",
    check: (nb) => {
      const cell = cellById(nb, "783b34ae");
      expect(printedNumber(cell, /orthogonal lower in (\d+) of 5 seeds/)).toBe(5);
      const [g, o] = pairs(row(outputText(cell), "final loss"));
      expect(g.mean).toBeCloseTo(2.02, 2);
      expect(o.mean).toBeCloseTo(1.77, 2);
      expect(g.mean - o.mean).toBeGreaterThan(2 * (g.std + o.std));
    },
  },
  shortCellsClaim,
];
