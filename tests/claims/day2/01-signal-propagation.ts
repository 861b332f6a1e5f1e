/** Claims of day2/01's prose, read from the executed notebook's printed numbers and figures. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { cellById, figuresOf, outputText, printedNumber, printedNumbers, sourceOf, type Claim } from "../../helpers/executed";
import { shortCellsClaim } from "../../helpers/readable";

/** The rgb() of plotly's named colour scale at its low end (0) and high end (1), from the bundled plotly.js. */
function plotlyScaleEnds(name: string): [number[], number[]] {
  const js = readFileSync(join(__dirname, "..", "..", "..", "node_modules", "plotly.js-dist-min", "plotly.min.js"), "utf8");
  const m = js.match(new RegExp(`${name}:\\[\\[0,"rgb\\((\\d+),(\\d+),(\\d+)\\)"\\].*?\\[1,"rgb\\((\\d+),(\\d+),(\\d+)\\)"\\]\\]`));
  expect(m, `plotly.js has no colour scale ${name}`).not.toBeNull();
  const v = m!.slice(1).map(Number);
  return [v.slice(0, 3), v.slice(3)];
}

export const claims: Claim[] = [
  {
    name: "E‖Wx + b‖² = ‖x‖² + 1 within 3 standard errors; with fan-in variance (40 → 80) it is (n_out/n_in)‖x‖² + 1",
    check: (nb) => {
      const text = outputText(cellById(nb, "d056c875"));
      const [lhs, wideLhs] = printedNumbers(cellById(nb, "d056c875"), /E‖Wx\+b‖² ≈ ([\d.]+)/g);
      const [se, wideSe] = printedNumbers(cellById(nb, "d056c875"), /E‖Wx\+b‖² ≈ [\d.]+ ± ([\d.]+)/g);
      const [rhs, wideRhs] = printedNumbers(cellById(nb, "d056c875"), /s_b\) ≈ ([\d.]+)/g);
      expect(Math.abs(lhs - rhs)).toBeLessThan(3 * se);
      expect(Math.abs(wideLhs - wideRhs)).toBeLessThan(3 * wideSe);
      expect(text).toMatch(/\(n_out\/n_in\)‖x‖² \+ 1 = 74.370, not ‖x‖² \+ 1 = 37.685/);
    },
  },
  {
    name: "ReLU's factor E h²/E φ(h)² is exactly 2 (2.0000 by quadrature); the table's E‖h_l‖²/E‖x_l‖² is ≈ 2",
    check: (nb) => {
      expect(printedNumber(cellById(nb, "b7e7a394"), /relu: .*factor E h²\/E φ\(h\)² = ([\d.]+)/)).toBe(2);
      const table = outputText(cellById(nb, "8b181440"));
      const rows = [...table.matchAll(/^\s*(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$/gm)].map((m) => m.slice(2).map(Number));
      expect(rows).toHaveLength(5);
      for (const [h, xPlus1, ratio] of rows) {
        expect(Math.abs(ratio - 2)).toBeLessThan(0.07);
        expect(Math.abs(h / xPlus1 - 1)).toBeLessThan(0.1); // E‖h_l‖² = E‖x_{l−1}‖² + 1 up to Monte Carlo error
      }
    },
  },
  {
    name: "from x_0 to h_30 the factor is σ_w²(σ_w²/2)^29 = 1.86e-9, 2, 3.84e5, and the measured ratios agree within 2 SE",
    check: (nb) => {
      const cell = cellById(nb, "1d9e4f70");
      const predicted = printedNumbers(cell, /\^29 = ([\d.e+-]+);/g);
      expect(predicted).toEqual([1.86e-9, 2, 3.84e5]);
      expect(predicted).toEqual([2 ** -29, 2, 3 * 1.5 ** 29].map((v) => Number(v.toExponential(2))));
      const measured = printedNumbers(cell, /E‖x_0‖² = ([\d.e+-]+) ±/g);
      const se = printedNumbers(cell, /E‖x_0‖² = [\d.e+-]+ ± ([\d.e+-]+)/g);
      measured.forEach((m, i) => expect(Math.abs(m - predicted[i])).toBeLessThan(2 * se[i]));
    },
  },
  {
    name: "phase diagram: blue is log₁₀ χ₁ < 0 (order), red > 0 (chaos), as caption and colour bar say",
    check: (nb) => {
      const cell = cellById(nb, "5e014626");
      const heat = figuresOf(cell)[0].data.find((t: any) => t.type === "heatmap");
      expect(heat.colorscale).toBe("RdBu");
      expect(heat.reversescale ?? false).toBe(false);
      expect(heat.zmid).toBe(0);
      expect(heat.colorbar.title.text).toMatch(/blue < 0: order, red > 0: chaos/);
      const [low, high] = plotlyScaleEnds("RdBu");
      expect(low[2]).toBeGreaterThan(low[0]); // the low end (log χ₁ < 0) is blue
      expect(high[0]).toBeGreaterThan(high[2]); // the high end is red
      expect(printedNumber(cell, /log₁₀ χ₁ = ([-\d.]+) at σ_w² ≈ 0.5 \(blue\)/)).toBeLessThan(0);
      expect(printedNumber(cell, /, ([-\d.]+) at σ_w² ≈ 2 \(red\)/)).toBeGreaterThan(0);
      const caption = sourceOf(cellById(nb, "64880974"));
      expect(caption).toMatch(/blue where \$\\log_\{10\}\\chi_1 < 0\$ \(order/);
      expect(caption).not.toMatch(/red: order/);
    },
  },
  {
    name: "the edge of chaos: σ_w² ≈ 1 at σ_b = 0 (within a grid step), larger with bias; tanh σ_b = 0.3 critical at σ_w ≈ 1.3956",
    check: (nb) => {
      const cell = cellById(nb, "5e014626");
      const e0 = printedNumber(cell, /σ_w² ≈ ([\d.]+) at σ_b² = 0,/);
      const e20 = printedNumber(cell, /([\d.]+) at σ_b² = 0.2/);
      expect(Math.abs(e0 - 1)).toBeLessThan(3.75 / 39);
      expect(e20).toBeGreaterThan(e0);
      expect(printedNumber(cellById(nb, "105eee90"), /χ₁ = ([\d.]+)\)/)).toBeCloseTo(1, 6);
      expect(printedNumber(cellById(nb, "105eee90"), /σ_w ≈ ([\d.]+)/)).toBeCloseTo(1.3956, 4);
    },
  },
  shortCellsClaim,
];
