/**
 * Exercise checks of the Day 1 training notebooks (05–08): the cosine learning-rate schedule, the mean and
 * sample standard deviation of measurements over seeds, and one gradient step with weight decay. Each check
 * runs the student's function on small fixed inputs and prints ✓ or a hint, never the solution.
 */
import { runCheck, Hint, requireFunction, type CheckOutcome, near, numberAnswer } from "./check";



/** A confusion matrix must be a square array of rows of counts. */
function confusionAnswerCases(): number[][][] {
  return [
    [[5, 1, 0], [2, 7, 1], [0, 0, 4]],
    [[3, 0], [0, 3]],
    [[0, 4, 1], [1, 2, 0], [3, 0, 9]],
  ];
}

export const day1TrainingChecks = {
  /** accuracy = Σ_i C_ii / Σ_ij C_ij for a confusion matrix C (row = true class, column = predicted). */
  accuracyFromConfusion(fn: (counts: number[][]) => number): CheckOutcome {
    return runCheck("accuracyFromConfusion", () => {
      requireFunction(fn, "your accuracyFromConfusion");
      for (const C of confusionAnswerCases()) {
        const total = C.flat().reduce((a, b) => a + b, 0);
        const diagonal = C.reduce((s, row, i) => s + row[i], 0);
        const got = numberAnswer(fn(C.map((r) => r.slice())), "accuracyFromConfusion");
        if (near(got, diagonal / total)) continue;
        if (near(got, diagonal)) throw new Hint("that is the number of correct predictions: divide by the total count");
        if (near(got, 1 - diagonal / total)) throw new Hint("that is the error rate: the accuracy counts the diagonal");
        if (near(got, diagonal / C.length)) throw new Hint("divide by the total number of test examples (the sum of all entries), not the number of classes");
        throw new Hint(`wrong for ${JSON.stringify(C)}: the correct predictions are on the diagonal (true class = predicted class)`);
      }
      return "the diagonal over the total, on 3 matrices";
    });
  },

  /** The off-diagonal pair [i, j] (i ≠ j) with the largest C_ij, the first in reading order on ties. */
  mostConfused(fn: (counts: number[][]) => [number, number]): CheckOutcome {
    return runCheck("mostConfused", () => {
      requireFunction(fn, "your mostConfused");
      for (const C of confusionAnswerCases()) {
        let best: [number, number] = [-1, -1];
        let bestCount = -1;
        C.forEach((row, i) => row.forEach((c, j) => {
          if (i !== j && c > bestCount) {
            best = [i, j];
            bestCount = c;
          }
        }));
        const got = fn(C.map((r) => r.slice()));
        if (!Array.isArray(got) || got.length !== 2) throw new Hint("return the pair as [trueClass, predictedClass]");
        if (got[0] === best[0] && got[1] === best[1]) continue;
        if (got[0] === best[1] && got[1] === best[0]) throw new Hint("rows are the true class and columns the prediction: return [row, column]");
        if (got[0] === got[1]) throw new Hint(`[${got}] is on the diagonal (correct predictions); skip i = j`);
        throw new Hint(`wrong for ${JSON.stringify(C)}: look for the largest entry off the diagonal`);
      }
      return "the largest off-diagonal entry, on 3 matrices";
    });
  },

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
