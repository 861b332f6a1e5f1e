/** Claims of day1/04's prose, read from the executed notebook's printed numbers. */
import { expect } from "vitest";
import { cellById, outputText, printedNumber, type Claim } from "../../helpers/executed";
import { readableClaims } from "../../helpers/readable";

export const claims: Claim[] = [
  {
    name: "Wx + b by hand equals the layer, and the forward pass by hand equals net.predict",
    check: (nb) => {
      const text = outputText(cellById(nb, "8ca7ac44"));
      const byHand = text.match(/by hand\s+:\s+(.*)/)![1].trim();
      const layer = text.match(/layer\(x\)\s+:\s+(.*)/)![1].trim();
      expect(byHand).toBe(layer);
      expect(printedNumber(cellById(nb, "a1a86a04"), /max \|by hand − net.predict\| = ([\d.e+-]+)/)).toBeLessThan(1e-12);
    },
  },
  {
    name: "the MLP 4 → 5 → 3 → 2 has 5·4 + 5 + 3·5 + 3 + 2·3 + 2 = 51 parameters (printed by net.toString())",
    check: (nb) => {
      expect(printedNumber(cellById(nb, "8c91b731"), /total: (\d+) parameters/)).toBe(5 * 4 + 5 + 3 * 5 + 3 + 2 * 3 + 2);
      expect(5 * 4 + 5 + 3 * 5 + 3 + 2 * 3 + 2).toBe(51);
    },
  },
  {
    name: "every activation's df agrees with the central difference",
    check: (nb) => {
      const text = outputText(cellById(nb, "0cd1393d"));
      const values = [...text.matchAll(/max \|φ′ − central difference\| = ([\d.e+-]+)/g)].map((m) => Number(m[1]));
      expect(values.length).toBe(5);
      values.forEach((v) => expect(v).toBeLessThan(1e-6));
    },
  },
  {
    name: "five linear layers are one 3×6 matrix up to rounding (≈ 10⁻¹⁵)",
    check: (nb) => {
      const diff = printedNumber(cellById(nb, "cdc064f8"), /max \|difference\| over 100 inputs = ([\d.e+-]+)/);
      expect(diff).toBeLessThan(1e-13);
    },
  },
  {
    name: "identity: both identities hold; ReLU: homogeneous but not additive; tanh: both fail",
    check: (nb) => {
      const cell = cellById(nb, "fa23efd1");
      const add = (act: string) => printedNumber(cell, new RegExp(`φ = ${act}\\s+max\\|g\\(x\\+x'\\) − g\\(x\\) − g\\(x'\\)\\| = ([\\d.e+-]+)`));
      const hom = (act: string) => printedNumber(cell, new RegExp(`φ = ${act}\\s+.*max\\|g\\(2x\\) − 2g\\(x\\)\\| = ([\\d.e+-]+)`));
      expect(add("identity")).toBeLessThan(1e-12);
      expect(hom("identity")).toBeLessThan(1e-12);
      expect(hom("relu")).toBeLessThan(1e-12);
      expect(add("relu")).toBeGreaterThan(0.1);
      expect(add("tanh")).toBeGreaterThan(0.1);
      expect(hom("tanh")).toBeGreaterThan(0.1);
    },
  },
  ...readableClaims,
];
