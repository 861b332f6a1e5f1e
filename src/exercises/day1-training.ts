/**
 * Exercise checks of the Day 1 training notebooks (05–08): the cosine learning-rate schedule, the mean and
 * sample standard deviation of measurements over seeds, and one gradient step with weight decay. Each check
 * runs the student's function on small fixed inputs and prints ✓ or a hint, never the solution.
 */
import { runCheck, Hint, requireFunction, type CheckOutcome, near, numberAnswer } from "./check";
import { localized } from "../util/language";



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
        if (near(got, diagonal)) throw new Hint(localized({ en: "that is the number of correct predictions: divide by the total count", ja: "それは正しい予測の個数です：全体の個数で割ってください" }));
        if (near(got, 1 - diagonal / total)) throw new Hint(localized({ en: "that is the error rate: the accuracy counts the diagonal", ja: "それは誤り率です：正解率は対角線を数えます" }));
        if (near(got, diagonal / C.length)) throw new Hint(localized({ en: "divide by the total number of test examples (the sum of all entries), not the number of classes", ja: "クラスの数ではなく、テスト例の総数（すべての成分の和）で割ってください" }));
        throw new Hint(localized({ en: `wrong for ${JSON.stringify(C)}: the correct predictions are on the diagonal (true class = predicted class)`, ja: `${JSON.stringify(C)} で誤りです：正しい予測は対角線上にあります（正しいクラス = 予測したクラス）` }));
      }
      return localized({ en: "the diagonal over the total, on 3 matrices", ja: "3 個の行列で、対角線の和 ÷ 総数になっています" });
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
        if (!Array.isArray(got) || got.length !== 2) throw new Hint(localized({ en: "return the pair as [trueClass, predictedClass]", ja: "ペアは [trueClass, predictedClass] の形で返してください" }));
        if (got[0] === best[0] && got[1] === best[1]) continue;
        if (got[0] === best[1] && got[1] === best[0]) throw new Hint(localized({ en: "rows are the true class and columns the prediction: return [row, column]", ja: "行が正しいクラス、列が予測です：[行, 列] を返してください" }));
        if (got[0] === got[1]) throw new Hint(localized({ en: `[${got}] is on the diagonal (correct predictions); skip i = j`, ja: `[${got}] は対角線上（正しい予測）です。i = j は飛ばしてください` }));
        throw new Hint(localized({ en: `wrong for ${JSON.stringify(C)}: look for the largest entry off the diagonal`, ja: `${JSON.stringify(C)} で誤りです：対角線の外で最大の成分を探してください` }));
      }
      return localized({ en: "the largest off-diagonal entry, on 3 matrices", ja: "3 個の行列で、対角線の外の最大の成分を見つけました" });
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
        if (copy.some((v, i) => v !== theta[i])) throw new Hint(localized({ en: "your function changed θ: put each entry back (or work on a copy) after evaluating L", ja: "あなたの関数は θ を書き換えています：L を評価したら各成分を元に戻してください（またはコピーの上で計算してください）" }));
        const plus = theta.slice();
        const minus = theta.slice();
        plus[k] += eps;
        minus[k] -= eps;
        const expected = (L(plus) - L(minus)) / (2 * eps);
        if (near(got, expected, 1e-6)) continue;
        if (near(got, (L(plus) - L(theta)) / eps, 1e-6)) throw new Hint(localized({ en: "that is the forward difference (L(θ + εe_k) − L(θ))/ε; the central one uses θ ± εe_k", ja: "それは前進差分 (L(θ + εe_k) − L(θ))/ε です。中心差分は θ ± εe_k を使います" }));
        if (near(got, (L(plus) - L(minus)) / eps, 1e-6)) throw new Hint(localized({ en: "the two points are 2ε apart: divide by 2ε", ja: "二つの点は 2ε 離れています：2ε で割ってください" }));
        throw new Hint(localized({ en: `centralDifference(L, θ, ${k}, ε) returned ${got}: evaluate L at θ + εe_k and θ − εe_k (only coordinate k moves)`, ja: `centralDifference(L, θ, ${k}, ε) が ${got} を返しました：L を θ + εe_k と θ − εe_k で評価してください（動かすのは座標 k だけです）` }));
      }
      return localized({ en: "central differences in both coordinates, θ left unchanged", ja: "両方の座標で中心差分が正しく、θ も変わっていません" });
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
        if (t === 0 && near(got, 2 * eta0)) throw new Hint(localized({ en: "at t = 0 the rate should be η₀: did you forget the factor ½?", ja: "t = 0 では学習率は η₀ になるはずです：係数 ½ を忘れていませんか？" }));
        if (near(got, 0.5 * eta0 * (1 + Math.cos(t / T)))) throw new Hint(localized({ en: "the angle is π t / T (radians), not t / T", ja: "角度は t / T ではなく π t / T（ラジアン）です" }));
        if (t > T) throw new Hint(localized({ en: `after T steps the rate stays at 0; cosineRate(${t}, …) returned ${got}`, ja: `T ステップの後は学習率は 0 のままです。cosineRate(${t}, …) が ${got} を返しました` }));
        throw new Hint(localized({ en: `cosineRate(${t}, ${eta0}, ${T}) returned ${got}: at t = T/2 it should be η₀/2, at t = T zero`, ja: `cosineRate(${t}, ${eta0}, ${T}) が ${got} を返しました：t = T/2 では η₀/2、t = T では 0 になるはずです` }));
      }
      return localized({ en: "η₀ at t = 0, η₀/2 half way, 0 from t = T on", ja: "t = 0 で η₀、中間で η₀/2、t = T 以降は 0 です" });
    });
  },

  /** Mean x̄ and sample standard deviation √(Σ (x_i − x̄)² / (k − 1)). */
  meanAndStd(meanAndStd: (values: number[]) => { mean: number; std: number }): CheckOutcome {
    return runCheck("meanAndStd", () => {
      requireFunction(meanAndStd, "your meanAndStd");
      const cases = [[0.91, 0.92, 0.9], [1, 2, 3, 4], [5, 5]];
      for (const xs of cases) {
        const got = meanAndStd(xs.slice());
        if (got == null || typeof got !== "object") throw new Hint(localized({ en: `meanAndStd returned ${String(got)}; return { mean, std }`, ja: `meanAndStd が ${String(got)} を返しました。{ mean, std } を返してください` }));
        const k = xs.length;
        const mean = xs.reduce((a, b) => a + b, 0) / k;
        const squares = xs.reduce((a, b) => a + (b - mean) ** 2, 0);
        const m = numberAnswer(got.mean, `meanAndStd([${xs}]).mean`);
        const s = numberAnswer(got.std, `meanAndStd([${xs}]).std`);
        if (!near(m, mean)) throw new Hint(localized({ en: `the mean of [${xs}] is wrong: add the values and divide by their number`, ja: `[${xs}] の平均が違います：値を足して、その個数で割ってください` }));
        if (near(s, Math.sqrt(squares / k)) && squares > 0) throw new Hint(localized({ en: "you divided by k: the sample standard deviation divides by k − 1", ja: "k で割っています：標本標準偏差は k − 1 で割ります" }));
        if (near(s, squares / (k - 1)) && squares > 0) throw new Hint(localized({ en: "that is the variance: take its square root", ja: "それは分散です：平方根をとってください" }));
        if (!near(s, Math.sqrt(squares / (k - 1)))) throw new Hint(localized({ en: `the standard deviation of [${xs}] is wrong: Σ (x_i − x̄)² / (k − 1), then √`, ja: `[${xs}] の標準偏差が違います：Σ (x_i − x̄)² / (k − 1) を計算してから √ をとります` }));
      }
      return localized({ en: `mean and sample standard deviation right on ${cases.length} lists`, ja: `${cases.length} 個のリストで平均と標本標準偏差が正解です` });
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
      if (!Array.isArray(got) || got.length !== theta.length) throw new Hint(localized({ en: `return the new θ as an array of ${theta.length} numbers`, ja: `新しい θ を ${theta.length} 個の数の配列として返してください` }));
      const expected = theta.map((t, i) => t - eta * (grad[i] + 2 * lambda * t));
      if (got.every((v, i) => near(v, expected[i]))) return localized({ en: "θ − η (g + 2λθ): the penalty pulls θ towards 0", ja: "θ − η (g + 2λθ)：罰則が θ を 0 の方へ引き戻します" });
      if (got.every((v, i) => near(v, theta[i] - eta * (grad[i] + lambda * theta[i])))) throw new Hint(localized({ en: "the gradient of λ‖θ‖² is 2λθ, not λθ", ja: "λ‖θ‖² の勾配は λθ ではなく 2λθ です" }));
      if (got.every((v, i) => near(v, theta[i] - eta * grad[i]))) throw new Hint(localized({ en: "the penalty λ‖θ‖² is missing from the gradient", ja: "勾配に罰則 λ‖θ‖² の分が入っていません" }));
      if (got.every((v, i) => near(v, theta[i] - eta * (grad[i] - 2 * lambda * theta[i])))) throw new Hint(localized({ en: "the penalty pulls θ towards 0: its gradient is +2λθ", ja: "罰則は θ を 0 の方へ引き戻します：その勾配は +2λθ です" }));
      throw new Hint(localized({ en: "one step is θ − η ∇L₀(θ) with ∇L₀ = g + (the gradient of λ‖θ‖²)", ja: "一ステップは θ − η ∇L₀(θ)、ただし ∇L₀ = g +（λ‖θ‖² の勾配）です" }));
    });
  },
};
