/**
 * Claims of notebooks/day2/05-ntk-and-conjugate-kernel.ipynb, checked on its executed outputs.
 */
import { expect } from "vitest";
import { cellById, outputText, printedNumber, type Claim } from "../../helpers/executed";

export const claims: Claim[] = [
  {
    name: "§1 the p×p GᵀG and the N×N Θ share their nonzero eigenvalues; the other p − N are 0",
    check: (nb) => {
      expect(printedNumber(nb, /largest difference over the \d+ shared eigenvalues: ([\d.e+-]+)/)).toBeLessThan(1e-9);
      expect(printedNumber(nb, /eigenvalues of GᵀG: all below ([\d.e+-]+)/)).toBeLessThan(1e-9);
    },
  },
  {
    name: "§2 Θ at initialisation approaches Θ∞ like 1/√n (fitted exponent near −0.5)",
    check: (nb) => {
      const slope = printedNumber(nb, /fitted slope of log deviation vs log n: (-?[\d.]+)/);
      expect(slope).toBeGreaterThan(-0.65);
      expect(slope).toBeLessThan(-0.4);
    },
  },
  {
    name: "§3 the change of Θ during training falls faster than 1/√n and not faster than 1/n; it decreases with width",
    check: (nb) => {
      const slope = printedNumber(nb, /fitted slope of log change vs log n: (-?[\d.]+)/);
      expect(slope).toBeLessThan(-0.55);
      expect(slope).toBeGreaterThan(-1.05);
      const text = outputText(cellById(nb, "c2d3e4f5"));
      const means = [...text.matchAll(/relative change ([\d.]+) %/g)].map((m) => Number(m[1]));
      expect(means.length).toBe(4);
      for (let i = 1; i < means.length; i++) expect(means[i]).toBeLessThan(means[i - 1]);
    },
  },
  {
    name: "§4 GD follows its linearisation (I − ηΘ₀)^t at width 1024 for every seed, far better than at width 16",
    check: (nb) => {
      const text = outputText(cellById(nb, "d1be73bc"));
      const median = (w: number) => Number(text.match(new RegExp(`width ${w}\\s+max .*?median ([\\d.]+)`))![1]);
      expect(median(1024)).toBeLessThan(median(16) / 5);
      const seeds1024 = text.match(/width 1024\s+max .*?seeds ([^;]+);/)![1].split(", ").map(Number);
      expect(seeds1024.length).toBe(5);
      for (const g of seeds1024) expect(g).toBeLessThan(0.05);
      // a seed of width 16 with ηλ_max > 2 has a diverging linearisation (the prose says so)
      const lam16 = text.match(/width 16\s+max .*?ηλ_max\(Θ₀\) ([^\n]+)/)![1].split(", ").map(Number);
      expect(Math.max(...lam16)).toBeGreaterThan(2);
      // …and gradient descent moved that kernel back below the stability limit
      const after = printedNumber(nb, /> 2, after training ηλ_max\(Θ_T\) = ([\d.]+)/);
      expect(after).toBeLessThan(2);
      // flow and steps differ at the start (ηλ_max ≈ 1)
      expect(printedNumber(nb, /over t = 0…\d+: ([\d.]+)/)).toBeGreaterThan(0.05);
    },
  },
  {
    name: "§5 erratum 3: the wide CK is close to (K∞ − σ_b²)/σ_w² and far from K∞",
    check: (nb) => {
      expect(printedNumber(nb, /‖CK\(3000\) − C‖\/‖C‖ = ([\d.]+)/)).toBeLessThan(0.1);
      expect(printedNumber(nb, /‖CK\(3000\) − K∞‖\/‖K∞‖ = ([\d.]+)/)).toBeGreaterThan(0.3);
    },
  },
  {
    name: "§5 the CK spectrum follows μ_C ⊠ MP(N/n): KS distance several times smaller than to the limit μ_C",
    check: (nb) => {
      for (const w of [300, 3000]) {
        const toPrediction = printedNumber(nb, new RegExp(`width ${w}: KS distance to μ_C ⊠ MP ([\\d.]+)`));
        const toLimit = printedNumber(nb, new RegExp(`width ${w}: KS distance .*? to the limit μ_C ([\\d.]+)`));
        expect(toPrediction).toBeLessThan(toLimit / 3);
        expect(toPrediction).toBeLessThan(0.06);
      }
    },
  },
];
