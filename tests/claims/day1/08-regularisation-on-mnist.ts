/** Claims of notebook day1/08 (regularisation and the schedule, measured over seeds). */
import { expect } from "vitest";
import { cellById, printedNumber, type Claim, type ExecutedNotebook } from "../../helpers/executed";
import { readableClaims } from "../../helpers/readable";

/** Mean and standard deviation of one printed column ("test 89.78 ± 0.13 %") of one setting's row. */
function column(nb: ExecutedNotebook, label: string, name: "train" | "test" | "gap" | "‖θ‖"): { mean: number; std: number } {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const key = name.replace(/[‖]/g, "\\‖");
  const row = `${escaped}\\s+(?=train)[^\\n]*?${key} `;
  const mean = printedNumber(nb, new RegExp(`${row}(-?[\\d.]+) ±`));
  const std = printedNumber(nb, new RegExp(`${row}-?[\\d.]+ ± ([\\d.]+)`));
  return { mean, std };
}

/** "‖θ − θ⋆‖ at step 300: 0.063 ± 0.038,  at the end: 0.116 ± 0.092" of one toy schedule. */
function toyDistance(nb: ExecutedNotebook, name: string, when: "step 300" | "the end"): number {
  return printedNumber(cellById(nb, "c0a1e832"), new RegExp(`${name.replace(/\./g, "\\.")}\\s+.*at ${when}: ([\\d.]+) ±`));
}

export const claims: Claim[] = [
  {
    name: "SGD on the line fit: the cosine schedule ends closest to θ⋆; η = 0.1 arrives fastest and stops improving",
    check: (nb) => {
      const cosEnd = toyDistance(nb, "cosine from 0.1", "the end");
      expect(cosEnd).toBeLessThan(toyDistance(nb, "constant η = 0.1", "the end"));
      expect(cosEnd).toBeLessThan(toyDistance(nb, "constant η = 0.01", "the end"));
      expect(toyDistance(nb, "constant η = 0.1", "step 300")).toBeLessThan(toyDistance(nb, "constant η = 0.01", "step 300"));
      expect(toyDistance(nb, "constant η = 0.1", "the end")).toBeGreaterThan(0.5 * toyDistance(nb, "constant η = 0.1", "step 300"));
    },
  },
  {
    name: "on MNIST the constant rate ends with the lower training loss and a test accuracy no worse than cosine",
    check: (nb) => {
      const cosine = printedNumber(nb, /last-epoch training loss: cosine ([\d.]+) ±/);
      const constant = printedNumber(nb, /last-epoch training loss: cosine .*constant ([\d.]+) ±/);
      expect(constant).toBeLessThan(cosine);
      const c = column(nb, "constant η", "test");
      const p = column(nb, "cosine η_t (plain)", "test");
      expect(c.mean).toBeGreaterThan(p.mean - Math.max(c.std, p.std));
    },
  },
  {
    name: "weight decay shrinks ‖θ‖ as λ grows, with a test-accuracy effect small against the seed spread",
    check: (nb) => {
      const norms = ["cosine η_t (plain)", "weight decay λ = 10⁻³", "weight decay λ = 3·10⁻³"].map((l) => column(nb, l, "‖θ‖").mean);
      expect(norms[1]).toBeLessThan(norms[0]);
      expect(norms[2]).toBeLessThan(norms[1]);
      const p = column(nb, "cosine η_t (plain)", "test");
      for (const l of ["weight decay λ = 10⁻³", "weight decay λ = 3·10⁻³"]) {
        const d = column(nb, l, "test");
        expect(Math.abs(d.mean - p.mean)).toBeLessThan(3 * Math.max(d.std, p.std));
      }
    },
  },
  {
    name: "mixup lowers the training accuracy and the gap, not the test accuracy's shortfall; shifts raise test accuracy beyond the spread",
    check: (nb) => {
      const p = { train: column(nb, "cosine η_t (plain)", "train"), test: column(nb, "cosine η_t (plain)", "test"), gap: column(nb, "cosine η_t (plain)", "gap") };
      const m = { train: column(nb, "mixup α = 0.5", "train"), test: column(nb, "mixup α = 0.5", "test"), gap: column(nb, "mixup α = 0.5", "gap") };
      expect(m.train.mean).toBeLessThan(p.train.mean);
      expect(m.gap.mean).toBeLessThan(p.gap.mean);
      expect(m.test.mean).toBeLessThan(p.test.mean + 3 * Math.max(m.test.std, p.test.std));
      const s = column(nb, "shifts ≤ 2 px", "test");
      expect(s.mean - p.test.mean).toBeGreaterThan(3 * Math.max(s.std, p.test.std));
    },
  },
  ...readableClaims,
];
