/** Claims of notebook day1/06 (backprop by hand, by autograd, by finite differences). */
import { expect } from "vitest";
import { cellById, outputText, printedNumber, printedNumbers, type Claim } from "../../helpers/executed";
import { readableClaims } from "../../helpers/readable";

export const claims: Claim[] = [
  {
    name: "by hand and autograd agree to rounding (< 1e-14); both agree with finite differences to about 1e-10",
    check: (nb) => {
      const rows = printedNumbers(cellById(nb, "682d002f"), /^[Wb]\d\s+([\d.e+-]+)/gm);
      expect(rows.length).toBe(6);
      rows.forEach((v) => expect(v).toBeLessThan(1e-14));
      const fd = printedNumbers(cellById(nb, "682d002f"), /^[Wb]\d\s+[\d.e+-]+\s+([\d.e+-]+)/gm);
      expect(fd.length).toBe(6);
      fd.forEach((v) => {
        expect(v).toBeLessThan(1e-8);
        expect(v).toBeGreaterThan(1e-13);
      });
    },
  },
  {
    name: "sigmoid shrinks ‖Δ_l‖ by orders of magnitude on the way back, tanh and ReLU keep it near 1",
    check: (nb) => {
      const cell = cellById(nb, "c222219c");
      expect(printedNumber(cell, /φ = sigmoid\s+‖Δ_1‖ \/ ‖Δ_10‖ = ([\d.e+-]+)/)).toBeLessThan(1e-3);
      expect(printedNumber(cell, /φ = tanh\s+‖Δ_1‖ \/ ‖Δ_10‖ = ([\d.e+-]+)/)).toBeGreaterThan(1e-2);
      expect(printedNumber(cell, /φ = relu\s+‖Δ_1‖ \/ ‖Δ_10‖ = ([\d.e+-]+)/)).toBeGreaterThan(1e-2);
    },
  },
  {
    name: "the finite-difference error is smallest near ε ≈ 1e-5, at about 1e-10",
    check: (nb) => {
      const cell = cellById(nb, "a50dbbf1");
      const eps = printedNumber(cell, /at ε = ([\d.e+-]+)/);
      expect(eps).toBeGreaterThanOrEqual(1e-7);
      expect(eps).toBeLessThanOrEqual(1e-3);
      expect(printedNumber(cell, /smallest error ([\d.e+-]+)/)).toBeLessThan(1e-8);
    },
  },
  {
    name: "finite differences cost thousands of backprops: one gradient is ≫ a backprop, 630 steps take days",
    check: (nb) => {
      const cell = cellById(nb, "3b26978c");
      const ratio = Number(/hours = ([\d,]+) × backprop/.exec(outputText(cell))![1].replace(/,/g, ""));
      expect(ratio).toBeGreaterThan(1000);
      expect(printedNumber(cell, /by finite differences: ≈ ([\d.]+) days/)).toBeGreaterThan(1);
    },
  },
  ...readableClaims,
];
