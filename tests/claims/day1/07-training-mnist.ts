/** Claims of notebook day1/07 (the MNIST pipeline end to end). */
import { expect } from "vitest";
import { cellById, figuresOf, outputText, printedNumber, type Claim } from "../../helpers/executed";
import { readableClaims } from "../../helpers/readable";

export const claims: Claim[] = [
  {
    name: "the MLP beats the 1-nearest-neighbour baseline on the same test digits, and reaches more than 94 %",
    check: (nb) => {
      const nn = printedNumber(nb, /1-nearest neighbour:\s+([\d.]+) %/);
      const mlp = printedNumber(nb, /MLP 784-\d+-10 \(Adam, shifts\): ([\d.]+) %/);
      expect(mlp).toBeGreaterThan(nn);
      expect(mlp).toBeGreaterThan(94);
      expect(printedNumber(nb, /1-nearest-neighbour accuracy on the 2000 test digits: ([\d.]+) %/)).toBe(nn);
    },
  },
  {
    name: "the printed number of test errors and the confusion matrix agree with the accuracy",
    check: (nb) => {
      const mlp = printedNumber(nb, /MLP 784-\d+-10 \(Adam, shifts\): ([\d.]+) %/);
      expect(printedNumber(nb, /test errors: (\d+) of 2000/)).toBe(Math.round(((100 - mlp) / 100) * 2000));
      const title = figuresOf(cellById(nb, "7b87141f"))[0].layout.title.text as string;
      expect(title).toContain(`accuracy ${mlp.toFixed(2)} %`);
    },
  },
  {
    name: "with shifted training digits the training accuracy stays below the test accuracy at every epoch",
    check: (nb) => {
      const rows = [...outputText(cellById(nb, "63aafc30")).matchAll(/^\s+\d+\s+[\d.]+\s+([\d.]+)%\s+[\d.]+\s+([\d.]+)%/gm)];
      expect(rows.length).toBeGreaterThanOrEqual(5);
      for (const r of rows) expect(Number(r[1])).toBeLessThan(Number(r[2]));
    },
  },
  ...readableClaims,
];
