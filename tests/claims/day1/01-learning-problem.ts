/** Claims of day1/01's prose, read from the executed notebook's printed numbers. */
import { expect } from "vitest";
import { cellById, figuresOf, outputText, printedNumber, type Claim, type ExecutedNotebook } from "../../helpers/executed";
import { readableClaims } from "../../helpers/readable";

interface Row {
  label: string;
  approximation: number;
  estimation: number;
  optimisation: number;
  total: number;
}

/** The printed decomposition lines "N = 15    approximation a + estimation e + optimisation o = total". */
function decompositionRows(nb: ExecutedNotebook): Row[] {
  const text = outputText(cellById(nb, "e3335803"));
  const pattern = /^(\S+ = \S+)\s+approximation (-?[\d.]+) \+ estimation (-?[\d.]+) \+ optimisation (-?[\d.]+) = (-?[\d.]+)$/gm;
  return [...text.matchAll(pattern)].map((m) => ({
    label: m[1],
    approximation: Number(m[2]),
    estimation: Number(m[3]),
    optimisation: Number(m[4]),
    total: Number(m[5]),
  }));
}

const rowsWith = (nb: ExecutedNotebook, prefix: string) => decompositionRows(nb).filter((r) => r.label.startsWith(prefix));
const row = (nb: ExecutedNotebook, label: string) => {
  const r = decompositionRows(nb).find((x) => x.label === label);
  expect(r, `no printed decomposition for ${label}`).toBeDefined();
  return r!;
};

export const claims: Claim[] = [
  {
    name: "degree 15 on 20 points: empirical risk below σ², true risk far above it",
    check: (nb) => {
      const cell = cellById(nb, "bd4963e4");
      const sigma2 = printedNumber(cell, /Bayes risk σ² = ([\d.]+)/);
      expect(printedNumber(cell, /degree 15: empirical risk ([\d.]+)/)).toBeLessThan(sigma2);
      expect(printedNumber(cell, /degree 15: empirical risk [\d.]+\s+true risk ([\d.]+)/)).toBeGreaterThan(100 * sigma2);
      expect(printedNumber(cell, /degree  3: empirical risk [\d.]+\s+true risk ([\d.]+)/)).toBeLessThan(2 * sigma2);
    },
  },
  {
    name: "risk vs degree: the dashed (empirical) curves only go down; with more data true and empirical come together",
    check: (nb) => {
      const [fig] = figuresOf(cellById(nb, "df1a6d03"));
      const trace = (name: string) => fig.data.find((t) => t.name === name);
      for (const n of [15, 40, 150, 1000]) {
        const emp: number[] = trace(`empirical, N = ${n}`).y;
        for (let i = 1; i < emp.length; i++) expect(emp[i], `N = ${n}, degree ${i}`).toBeLessThanOrEqual(emp[i - 1] + 1e-12);
      }
      // the worked answer of exercise 4: best degree 1 for N = 15 (0.064 vs 0.093 at degree 3), 3 for N = 40,
      // and for N = 1000 within 0.0004 of σ² from degree 5 on
      const trueOf = (n: number): number[] => trace(`true, N = ${n}`).y;
      const argmin = (v: number[]) => v.indexOf(Math.min(...v));
      expect(argmin(trueOf(15))).toBe(1);
      expect(trueOf(15)[1].toFixed(3)).toBe("0.064");
      expect(trueOf(15)[3].toFixed(3)).toBe("0.093");
      expect(argmin(trueOf(40))).toBe(3);
      trueOf(1000).slice(5).forEach((r) => expect(Math.abs(r - 0.0225)).toBeLessThan(0.0004));
      const gapAt5 = (n: number) => trace(`true, N = ${n}`).y[5] - trace(`empirical, N = ${n}`).y[5];
      expect(gapAt5(1000)).toBeLessThan(gapAt5(150));
      expect(gapAt5(150)).toBeLessThan(gapAt5(40));
    },
  },
  {
    name: "the gap scatters around 2σ²p/N within about a third, and is more than twice it for degree 10 at N = 80",
    check: (nb) => {
      const cell = cellById(nb, "1800e964");
      const gap = (d: number, n: number) => printedNumber(cell, new RegExp(`degree ${d}, N = ${n}: measured gap ([\\d.]+)`));
      const formula = (d: number, n: number) => printedNumber(cell, new RegExp(`degree ${d}, N = ${n}: measured gap [\\d.]+, 2σ²p/N = ([\\d.]+)`));
      expect(gap(10, 80)).toBeGreaterThan(2 * formula(10, 80));
      // "within about a third of it": every other printed pair has 2/3 ≲ gap / formula ≲ 4/3
      for (const d of [5, 10]) for (const n of [80, 160, 320, 640, 1280]) {
        if (d === 10 && n === 80) continue;
        expect(gap(d, n) / formula(d, n), `degree ${d}, N = ${n}`).toBeGreaterThan(0.65);
        expect(gap(d, n) / formula(d, n), `degree ${d}, N = ${n}`).toBeLessThan(1.35);
      }
    },
  },
  {
    name: "gradient descent: early-stopped true risk below the exact minimiser's, lowest after a few tens of steps",
    check: (nb) => {
      const cell = cellById(nb, "ad419b3a");
      const exact = printedNumber(cell, /exact minimiser ([\d.]+)/);
      expect(printedNumber(cell, /after 1000 steps: true risk ([\d.]+)/)).toBeLessThan(exact);
      expect(printedNumber(cell, /lowest true risk ([\d.]+)/)).toBeLessThan(exact);
      const bestStep = printedNumber(cell, /lowest true risk [\d.]+ after (\d+) steps/);
      expect(bestStep).toBeGreaterThanOrEqual(10);
      expect(bestStep).toBeLessThan(100);
      expect(printedNumber(cell, /after 1000 steps: empirical risk ([\d.]+)/)).toBeGreaterThan(printedNumber(cell, /exact minimum ([\d.]+)/));
    },
  },
  {
    name: "the three excess-risk terms add up to the total; approximation and estimation are ≥ 0",
    check: (nb) => {
      const rows = decompositionRows(nb);
      expect(rows.length).toBe(7 + 9 + 10);
      for (const r of rows) {
        expect(Math.abs(r.approximation + r.estimation + r.optimisation - r.total), r.label).toBeLessThan(2e-5);
        expect(r.approximation, r.label).toBeGreaterThanOrEqual(0);
        expect(r.estimation, r.label).toBeGreaterThanOrEqual(0);
      }
    },
  },
  {
    name: "more data: estimation falls (halving per doubling from N = 250), approximation fixed and larger from N = 250",
    check: (nb) => {
      const rows = rowsWith(nb, "N = ");
      for (let i = 1; i < rows.length; i++) expect(rows[i].estimation).toBeLessThan(rows[i - 1].estimation);
      rows.forEach((r) => expect(r.approximation).toBe(rows[0].approximation));
      const n250 = row(nb, "N = 250");
      expect(n250.approximation).toBeGreaterThan(n250.estimation);
      expect(row(nb, "N = 120").estimation).toBeGreaterThan(row(nb, "N = 120").approximation);
      for (const [a, b] of [["N = 250", "N = 500"], ["N = 500", "N = 1000"]]) {
        const ratio = row(nb, a).estimation / row(nb, b).estimation;
        expect(ratio).toBeGreaterThan(1.5);
        expect(ratio).toBeLessThan(2.7);
      }
    },
  },
  {
    name: "larger model: approximation falls below 1e-5 from degree 5, even degrees add nothing, total smallest at degree 3",
    check: (nb) => {
      const rows = rowsWith(nb, "d = ");
      for (let i = 1; i < rows.length; i++) expect(rows[i].approximation).toBeLessThanOrEqual(rows[i - 1].approximation);
      rows.slice(5).forEach((r) => expect(r.approximation).toBeLessThan(1e-5));
      expect(row(nb, "d = 2").approximation).toBe(row(nb, "d = 1").approximation);
      expect(row(nb, "d = 4").approximation).toBe(row(nb, "d = 3").approximation);
      const best = rows.reduce((a, b) => (b.total < a.total ? b : a));
      expect(best.label).toBe("d = 3");
    },
  },
  {
    name: "more steps: optimisation positive after 1 step, negative from 3 on (most around 30), back to 0 at ∞",
    check: (nb) => {
      const rows = rowsWith(nb, "t = ");
      expect(row(nb, "t = 1").optimisation).toBeGreaterThan(0);
      rows.slice(1, -1).forEach((r) => expect(r.optimisation, r.label).toBeLessThan(0));
      const most = rows.reduce((a, b) => (b.optimisation < a.optimisation ? b : a));
      expect(["t = 10", "t = 30", "t = 100"]).toContain(most.label);
      expect(row(nb, "t = ∞").optimisation).toBe(0);
      expect(Math.abs(row(nb, "t = 10000").optimisation)).toBeLessThan(Math.abs(row(nb, "t = 1000").optimisation));
    },
  },
  ...readableClaims,
];
