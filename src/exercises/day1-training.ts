/**
 * Exercise checks of the Day 1 training notebooks (05–08): the cosine learning-rate schedule, the mean and
 * sample standard deviation of measurements over seeds, and one gradient step with weight decay. Each check
 * runs the student's function on small fixed inputs and prints ✓ or a hint, never the solution.
 */
import { runCheck, Hint, requireFunction, type CheckOutcome } from "./check";
import { addAnswers } from "./answers";

const near = (a: number, b: number, tol = 1e-9): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

function numberAnswer(got: unknown, what: string): number {
  if (typeof got !== "number" || Number.isNaN(got)) throw new Hint(`${what} returned ${String(got)}; return a number`);
  return got;
}

addAnswers({
  "regularisation-gap":
    "The gap is training accuracy minus test accuracy. Mixup lowers it by lowering the TRAINING accuracy (the\n" +
    "network never sees a clean digit, so it fits the clean ones less well), while the test accuracy, the only\n" +
    "estimate of the true risk, hardly moves. A model that fits nothing has gap 0 and is useless. What matters\n" +
    "is the test accuracy (the estimate of the true risk of notebook 01); the gap only says how optimistic the\n" +
    "training accuracy is.",
  "backprop-relu-kink":
    "With ReLU the agreement is as good as with tanh as long as no pre-activation h_{l,i} lies within ε of 0:\n" +
    "then L is smooth (piecewise linear in that unit) on [θ − ε e_k, θ + ε e_k] and the central difference sees\n" +
    "the same slope as backprop. If some h_{l,i} crosses 0 inside that interval, the two evaluations use different\n" +
    "pieces (φ′ = 0 on one side, 1 on the other) and the finite difference returns an average of the two slopes:\n" +
    "an error of order 1 in that coordinate, however small ε is. Backprop uses φ′(h) at the point itself (with the\n" +
    "convention φ′(0) = 0), which is the derivative wherever it exists. Random inputs hit a kink rarely, which is\n" +
    "why gradient checks of ReLU networks usually pass, and why a failing one should first be checked for kinks.",
});

export const day1TrainingChecks = {
  /** (L(θ + ε e_k) − L(θ − ε e_k)) / 2ε, without changing θ. */
  centralDifference(difference: (L: (theta: number[]) => number, theta: number[], k: number, eps: number) => number): CheckOutcome {
    return runCheck("centralDifference", () => {
      requireFunction(difference, "your centralDifference");
      const L = (t: number[]) => t[0] ** 3 + Math.sin(t[1]) * t[0];
      const theta = [0.7, -1.2];
      const eps = 1e-3;
      for (const k of [0, 1]) {
        const copy = theta.slice();
        const got = numberAnswer(difference(L, copy, k, eps), `centralDifference(L, θ, ${k}, ${eps})`);
        if (copy.some((v, i) => v !== theta[i])) throw new Hint("your function changed θ: put each entry back (or work on a copy) after evaluating L");
        const plus = theta.slice();
        const minus = theta.slice();
        plus[k] += eps;
        minus[k] -= eps;
        const expected = (L(plus) - L(minus)) / (2 * eps);
        if (near(got, expected, 1e-6)) continue;
        if (near(got, (L(plus) - L(theta)) / eps, 1e-6)) throw new Hint("that is the forward difference (L(θ + εe_k) − L(θ))/ε; the central one uses θ ± εe_k");
        if (near(got, (L(plus) - L(minus)) / eps, 1e-6)) throw new Hint("the two points are 2ε apart: divide by 2ε");
        throw new Hint(`centralDifference(L, θ, ${k}, ε) returned ${got}: evaluate L at θ + εe_k and θ − εe_k (only coordinate k moves)`);
      }
      return "central differences in both coordinates, θ left unchanged";
    });
  },

  /** η_t = ½ η₀ (1 + cos(π t / T)) for 0 ≤ t ≤ T, and 0 after T. */
  cosineRate(cosineRate: (t: number, eta0: number, T: number) => number): CheckOutcome {
    return runCheck("cosineRate", () => {
      requireFunction(cosineRate, "your cosineRate");
      const T = 100;
      const eta0 = 0.3;
      const reference = (t: number) => (t >= T ? 0 : 0.5 * eta0 * (1 + Math.cos((Math.PI * t) / T)));
      for (const t of [0, 25, 50, 99, 100, 150]) {
        const got = numberAnswer(cosineRate(t, eta0, T), `cosineRate(${t}, ${eta0}, ${T})`);
        if (near(got, reference(t))) continue;
        if (t === 0 && near(got, 2 * eta0)) throw new Hint("at t = 0 the rate should be η₀: did you forget the factor ½?");
        if (near(got, 0.5 * eta0 * (1 + Math.cos(t / T)))) throw new Hint("the angle is π t / T (radians), not t / T");
        if (t > T) throw new Hint(`after T steps the rate stays at 0; cosineRate(${t}, …) returned ${got}`);
        throw new Hint(`cosineRate(${t}, ${eta0}, ${T}) returned ${got}: at t = T/2 it should be η₀/2, at t = T zero`);
      }
      return "η₀ at t = 0, η₀/2 half way, 0 from t = T on";
    });
  },

  /** Mean x̄ and sample standard deviation √(Σ (x_i − x̄)² / (k − 1)). */
  meanAndStd(meanAndStd: (values: number[]) => { mean: number; std: number }): CheckOutcome {
    return runCheck("meanAndStd", () => {
      requireFunction(meanAndStd, "your meanAndStd");
      const cases = [[0.91, 0.92, 0.9], [1, 2, 3, 4], [5, 5]];
      for (const xs of cases) {
        const got = meanAndStd(xs.slice());
        if (got == null || typeof got !== "object") throw new Hint(`meanAndStd returned ${String(got)}; return { mean, std }`);
        const k = xs.length;
        const mean = xs.reduce((a, b) => a + b, 0) / k;
        const squares = xs.reduce((a, b) => a + (b - mean) ** 2, 0);
        const m = numberAnswer(got.mean, `meanAndStd([${xs}]).mean`);
        const s = numberAnswer(got.std, `meanAndStd([${xs}]).std`);
        if (!near(m, mean)) throw new Hint(`the mean of [${xs}] is wrong: add the values and divide by their number`);
        if (near(s, Math.sqrt(squares / k)) && squares > 0) throw new Hint("you divided by k: the sample standard deviation divides by k − 1");
        if (near(s, squares / (k - 1)) && squares > 0) throw new Hint("that is the variance: take its square root");
        if (!near(s, Math.sqrt(squares / (k - 1)))) throw new Hint(`the standard deviation of [${xs}] is wrong: Σ (x_i − x̄)² / (k − 1), then √`);
      }
      return `mean and sample standard deviation right on ${cases.length} lists`;
    });
  },

  /** θ ← θ − η (g + 2λθ): the gradient of L(θ) + λ‖θ‖² is g + 2λθ. */
  weightDecayStep(step: (theta: number[], grad: number[], eta: number, lambda: number) => number[]): CheckOutcome {
    return runCheck("weightDecayStep", () => {
      requireFunction(step, "your decayStep");
      const theta = [1, -2, 0.5];
      const grad = [0.1, 0.2, -0.3];
      const eta = 0.1;
      const lambda = 0.5;
      const got = step(theta.slice(), grad.slice(), eta, lambda);
      if (!Array.isArray(got) || got.length !== theta.length) throw new Hint(`return the new θ as an array of ${theta.length} numbers`);
      const expected = theta.map((t, i) => t - eta * (grad[i] + 2 * lambda * t));
      if (got.every((v, i) => near(v, expected[i]))) return "θ − η (g + 2λθ): the penalty pulls θ towards 0";
      if (got.every((v, i) => near(v, theta[i] - eta * (grad[i] + lambda * theta[i])))) throw new Hint("the gradient of λ‖θ‖² is 2λθ, not λθ");
      if (got.every((v, i) => near(v, theta[i] - eta * grad[i]))) throw new Hint("the penalty λ‖θ‖² is missing from the gradient");
      if (got.every((v, i) => near(v, theta[i] - eta * (grad[i] - 2 * lambda * theta[i])))) throw new Hint("the penalty pulls θ towards 0: its gradient is +2λθ");
      throw new Hint("one step is θ − η ∇L₀(θ) with ∇L₀ = g + (the gradient of λ‖θ‖²)");
    });
  },
};
