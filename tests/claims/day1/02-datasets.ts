/** Claims of day1/02's prose, read from the executed notebook's printed numbers. */
import { expect } from "vitest";
import { cellById, outputText, printedNumber, type Claim } from "../../helpers/executed";
import { readableClaims } from "../../helpers/readable";

export const claims: Claim[] = [
  {
    name: "label 3 ↦ the one-hot e₄ (a single 1, at entry 3); the '3' is a 784-vector",
    check: (nb) => {
      const cell = cellById(nb, "2bf1448f");
      expect(printedNumber(cell, /x has (\d+) entries/)).toBe(784);
      const y = outputText(cell).match(/label 3 ↦ y = \[([^\]]*)\]/)![1].split(", ").map(Number);
      expect(y).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    },
  },
  {
    name: "HWC: the round trip is exact and pixel (i, j, c) sits at entry (iW + j)C + c",
    check: (nb) => {
      const cell = cellById(nb, "3623f6f4");
      expect(printedNumber(cell, /− img\| = ([\d.e+-]+)/)).toBe(0);
      const text = outputText(cell);
      const m = text.match(/pixel \((\d+), (\d+)\) channel B: image ([\d.]+), vector entry (\d+): ([\d.]+)/)!;
      expect(Number(m[4])).toBe((Number(m[1]) * 256 + Number(m[2])) * 3 + 2);
      expect(m[3]).toBe(m[5]);
    },
  },
  {
    name: "the tokenizer's round trip and the masked pair: x hides 'eating', y is the sentence",
    check: (nb) => {
      expect(outputText(cellById(nb, "cfd2f0a2"))).toMatch(/decode: I am eating pizza\./);
      const pair = outputText(cellById(nb, "00f8dc9e"));
      expect(pair).toMatch(/x: I am \[MASK\] pizza\./);
      expect(pair).toMatch(/y: I am eating pizza\./);
    },
  },
  {
    name: "3D + 3D: 60 × 16 × 6 numbers, the walking pelvis moves forward at 1.1 m/s",
    check: (nb) => {
      const cell = cellById(nb, "2000d655");
      expect(outputText(cell)).toMatch(/3D \+ 3D: 60 × 16 × 6 = 5760 numbers per example/);
      expect(printedNumber(cell, /velocity v_y = ([\d.]+) m\/s/)).toBeCloseTo(1.1, 3);
    },
  },
  {
    name: "the wave (arm up, t ≥ 0.6 s): hand height varies < 8 cm while its speed reaches 1.34 m/s; the walking foot 0.22 … 4.17 m/s",
    check: (nb) => {
      const cell = cellById(nb, "7803dce5");
      expect(printedNumber(cell, /wave, t ≥ 0.6 s: right hand height varies by ([\d.]+) m/)).toBeLessThan(0.08);
      expect(printedNumber(cell, /speed reaches ([\d.]+) m\/s/)).toBe(1.34);
      expect(printedNumber(cell, /foot speed between ([\d.]+) and/)).toBe(0.22);
      expect(printedNumber(cell, /foot speed between [\d.]+ and ([\d.]+) m\/s/)).toBe(4.17);
    },
  },
  ...readableClaims,
];
