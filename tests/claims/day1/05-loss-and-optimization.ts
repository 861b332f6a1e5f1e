/** Claims of notebook day1/05 (losses, weight decay, gradient descent). */
import { expect } from "vitest";
import { cellById, outputText, printedNumber, printedNumbers, type Claim } from "../../helpers/executed";
import { readableClaims } from "../../helpers/readable";

export const claims: Claim[] = [
  {
    name: "the L2 risk of a constant is minimised by the mean (6), the L1 risk by the median (3)",
    check: (nb) => {
      expect(printedNumber(nb, /argmin of the L2 risk: c = ([\d.]+)/)).toBe(6);
      expect(printedNumber(nb, /argmin of the L1 risk: c = ([\d.]+)/)).toBe(3);
    },
  },
  {
    name: "weight decay: ‖w‖ falls monotonically with λ, the training risk never falls, the test risk is lowest at a moderate λ",
    check: (nb) => {
      const cell = cellById(nb, "c6460bdc");
      const norms = printedNumbers(cell, /‖w‖ = ([\d.]+)/g);
      const train = printedNumbers(cell, /train risk ([\d.]+)/g);
      const test = printedNumbers(cell, /test risk ([\d.]+)/g);
      expect(norms.length).toBe(10);
      for (let i = 1; i < norms.length; i++) {
        expect(norms[i]).toBeLessThan(norms[i - 1]);
        expect(train[i]).toBeGreaterThanOrEqual(train[i - 1]);
      }
      const best = test.indexOf(Math.min(...test));
      expect(best).toBeGreaterThan(0);
      expect(best).toBeLessThan(test.length - 1);
      expect(printedNumber(cell, /lowest test risk at λ = ([\d.]+)/)).toBeGreaterThan(0);
    },
  },
  {
    name: "on the quadratic, η below 2/a_max = 0.2 converges and η = 0.21 diverges",
    check: (nb) => {
      const cell = cellById(nb, "b79831a2");
      const start = Math.hypot(-2.5, 1.5);
      for (const eta of ["0.03", "0.1", "0.19"]) {
        expect(printedNumber(cell, new RegExp(`η = ${eta.replace(".", "\\.")}: \\|θ_30\\| = ([\\d.e+-]+)`))).toBeLessThan(start);
      }
      expect(printedNumber(cell, /η = 0\.21: \|θ_30\| = ([\d.e+-]+)/)).toBeGreaterThan(start);
    },
  },
  {
    name: "on the 1-D problem 0.3 η⋆ and 0.9 η⋆ converge, 1.5 η⋆ diverges and fit stops with a DivergenceError",
    check: (nb) => {
      const text = outputText(cellById(nb, "87d4ef89"));
      expect(text).toMatch(/η = 0\.3 η⋆ = [\d.]+: final loss/);
      expect(text).toMatch(/η = 0\.9 η⋆ = [\d.]+: final loss/);
      expect(text).toMatch(/η = 1\.5 η⋆ = [\d.]+: training diverged/);
    },
  },
  ...readableClaims,
];
