/**
 * Exercise checks of the Day 1 notebooks 01–04 added with the excess-risk decomposition: one gradient step of
 * least squares and the three terms of the excess risk (01), joint velocities by finite differences (02), the
 * 1-nearest-neighbour label and the arcsine law of mixup's λ (03), and the parameter count of an MLP (04).
 * Each check runs the student's function on small fixed inputs and prints ✓ or a hint, never the solution.
 * Hints and confirmations are written in English and Japanese (`localized`); `setLanguage` picks one.
 */
import { runCheck, Hint, requireFunction, type CheckOutcome, vectorAnswer, numberAnswer, allNear, fmtVector } from "./check";
import { localized } from "../util/language";

/** θ − η (2/N) Σ_m (θ·φ_m − y_m) φ_m and its typical wrong variants. */
function leastSquaresVariants(theta: number[], features: number[][], ys: number[], eta: number) {
  const n = ys.length;
  const residuals = features.map((phi, m) => phi.reduce((s, p, k) => s + p * theta[k], 0) - ys[m]);
  const sum = theta.map((_, k) => features.reduce((s, phi, m) => s + residuals[m] * phi[k], 0));
  const step = (scale: number, sign = -1) => theta.map((t, k) => t + sign * eta * scale * sum[k]);
  return {
    right: step(2 / n),
    noTwo: step(1 / n),
    noMean: step(2),
    ascent: step(2 / n, 1),
    updateOnly: theta.map((_, k) => (-eta * 2 * sum[k]) / n),
  };
}

export const day1RiskChecks = {
  /**
   * 01 exercise: `leastSquaresStep(θ, features, ys, η)` = θ − η ∇L₀(θ) with L₀(θ) = (1/N) Σ_m (θ·φ_m − y_m)²,
   * i.e. θ − η (2/N) Σ_m (θ·φ_m − y_m) φ_m.
   */
  leastSquaresStep(step: (theta: number[], features: number[][], ys: number[], eta: number) => ArrayLike<number>): CheckOutcome {
    return runCheck("leastSquaresStep", () => {
      requireFunction(step, "your leastSquaresStep");
      const cases: [number[], number[][], number[], number][] = [
        [[0, 0], [[1, -1], [1, 0], [1, 1]], [0.2, 0.5, 0.9], 0.3],
        [[0.5, -0.2, 0.1], [[1, -0.5, -0.125], [1, 0.25, -0.406], [1, 0.9, 0.715], [1, 0, -0.5]], [0.1, 0.4, 1, 0.3], 0.1],
      ];
      for (const [theta, features, ys, eta] of cases) {
        const what = localized({
          en: `leastSquaresStep(θ = ${fmtVector(theta)}, N = ${ys.length} points, η = ${eta})`,
          ja: `leastSquaresStep(θ = ${fmtVector(theta)}, N = ${ys.length} 点, η = ${eta})`,
        });
        const got = vectorAnswer(step(theta.slice(), features.map((r) => r.slice()), ys.slice(), eta), theta.length, what);
        const v = leastSquaresVariants(theta, features, ys, eta);
        if (allNear(got, v.right)) continue;
        if (allNear(got, v.noTwo)) throw new Hint(localized({
          en: `${what}: the derivative of (θ·φ − y)² is 2 (θ·φ − y) φ; a factor 2 is missing`,
          ja: `${what}: (θ·φ − y)² の導関数は 2 (θ·φ − y) φ です。係数 2 が抜けています`,
        }));
        if (allNear(got, v.noMean)) throw new Hint(localized({
          en: `${what}: L₀ is the MEAN over the N points; divide the summed gradient by N`,
          ja: `${what}: L₀ は N 点についての「平均」です。和をとった勾配を N で割ってください`,
        }));
        if (allNear(got, v.ascent)) throw new Hint(localized({
          en: `${what} went up the gradient; gradient descent subtracts η ∇L₀`,
          ja: `${what} は勾配の方向に上っています。勾配降下法では η ∇L₀ を引きます`,
        }));
        if (allNear(got, v.updateOnly)) throw new Hint(localized({
          en: `${what} returned only the update −η∇L₀; add it to θ`,
          ja: `${what} は更新量 −η∇L₀ だけを返しました。これを θ に足してください`,
        }));
        if (allNear(got, theta)) throw new Hint(localized({
          en: `${what} returned θ unchanged; compute the residuals θ·φ_m − y_m first`,
          ja: `${what} は θ を変えずに返しました。まず残差 θ·φ_m − y_m を計算してください`,
        }));
        throw new Hint(localized({
          en: `${what} returned ${fmtVector(got)}; ∇L₀(θ) = (2/N) Σ_m (θ·φ_m − y_m) φ_m`,
          ja: `${what} は ${fmtVector(got)} を返しました。∇L₀(θ) = (2/N) Σ_m (θ·φ_m − y_m) φ_m です`,
        }));
      }
      return localized({
        en: "θ − η (2/N) Σ_m (θ·φ_m − y_m) φ_m on both cases",
        ja: "二つのケースで θ − η (2/N) Σ_m (θ·φ_m − y_m) φ_m",
      });
    });
  },

  /**
   * 01 exercise: `excessRiskSplit(R(f_d), R(f̂), R(f_t), σ²)` = { approximation: R(f_d) − σ²,
   * estimation: R(f̂) − R(f_d), optimisation: R(f_t) − R(f̂) }.
   */
  excessRiskSplit(
    split: (riskBest: number, riskFit: number, riskSteps: number, bayes: number) => { approximation: number; estimation: number; optimisation: number },
  ): CheckOutcome {
    return runCheck("excessRiskSplit", () => {
      requireFunction(split, "your excessRiskSplit");
      const cases: [number, number, number, number][] = [[0.03, 0.05, 0.06, 0.0225], [0.0232, 0.041, 0.03, 0.0225]];
      for (const [best, fit, steps, bayes] of cases) {
        const what = `excessRiskSplit(R(f_d) = ${best}, R(f̂) = ${fit}, R(f_t) = ${steps}, σ² = ${bayes})`;
        const got = split(best, fit, steps, bayes);
        if (got == null || typeof got !== "object") throw new Hint(localized({
          en: `${what} returned ${String(got)}; return { approximation, estimation, optimisation }`,
          ja: `${what} は ${String(got)} を返しました。{ approximation, estimation, optimisation } を返してください`,
        }));
        const terms = [got.approximation, got.estimation, got.optimisation].map((v, i) =>
          numberAnswer(v, `${what}.${["approximation", "estimation", "optimisation"][i]}`));
        const expected = [best - bayes, fit - best, steps - fit];
        if (allNear(terms, expected, 1e-12)) continue;
        if (Math.abs(terms[0] + terms[1] + terms[2] - (steps - bayes)) > 1e-12) {
          throw new Hint(localized({
            en: `${what}: the three terms must add up to the excess risk R(f_t) − σ² = ${(steps - bayes).toPrecision(3)}`,
            ja: `${what}: 三つの項の和は超過リスク R(f_t) − σ² = ${(steps - bayes).toPrecision(3)} にならなければなりません`,
          }));
        }
        if (allNear(terms.map(Math.abs), expected.map(Math.abs), 1e-12) || terms.some((t, i) => Math.abs(t + expected[i]) < 1e-12 && expected[i] !== 0)) {
          throw new Hint(localized({
            en: `${what}: a term has the wrong sign; each is (the worse risk) − (the risk of the better function)`,
            ja: `${what}: 符号が逆の項があります。どの項も (悪いほうのリスク) − (良いほうの関数のリスク) です`,
          }));
        }
        throw new Hint(localized({
          en: `${what}: approximation compares f_d with g, estimation f̂ with f_d, optimisation f_t with f̂`,
          ja: `${what}: 近似は f_d と g を、推定は f̂ と f_d を、最適化は f_t と f̂ を比べます`,
        }));
      }
      return localized({
        en: "each term is a difference of two consecutive risks, and they add up to R(f_t) − σ²",
        ja: "各項は隣り合う二つのリスクの差で、和は R(f_t) − σ² になります",
      });
    });
  },

  /**
   * 02 exercise: `velocity(p, fps)` = the finite-difference velocity of one coordinate sampled at `fps` frames per
   * second: (p₁ − p₀)·fps at the start, (p_{t+1} − p_{t−1})·fps/2 inside, (p_{T−1} − p_{T−2})·fps at the end.
   */
  velocity(velocity: (p: number[], fps: number) => ArrayLike<number>): CheckOutcome {
    return runCheck("velocity", () => {
      requireFunction(velocity, "your velocity");
      const cases: [number[], number][] = [[[0, 1, 4, 9, 16], 1], [[0.2, 0.25, 0.35, 0.3], 30]];
      for (const [p, fps] of cases) {
        const what = `velocity(${fmtVector(p)}, fps = ${fps})`;
        const T = p.length;
        const expected = p.map((_, t) =>
          t === 0 ? (p[1] - p[0]) * fps : t === T - 1 ? (p[T - 1] - p[T - 2]) * fps : ((p[t + 1] - p[t - 1]) * fps) / 2);
        const raw = velocity(p.slice(), fps);
        if (raw != null && (raw as ArrayLike<number>).length === T - 1) {
          throw new Hint(localized({
            en: `${what} returned ${T - 1} values; keep one velocity per frame (one-sided differences at both ends)`,
            ja: `${what} は ${T - 1} 個の値を返しました。速度はフレームごとに一つです（両端では片側差分）`,
          }));
        }
        const got = vectorAnswer(raw, T, what);
        if (allNear(got, expected)) continue;
        if (fps !== 1 && allNear(got, expected.map((v) => v / fps / fps))) throw new Hint(localized({
          en: `${what}: multiply the difference by fps (divide by the time step 1/fps), do not divide by fps`,
          ja: `${what}: 差分には fps を掛けます（時間刻み 1/fps で割る）。fps で割るのではありません`,
        }));
        if (fps !== 1 && allNear(got, expected.map((v) => v / fps))) throw new Hint(localized({
          en: `${what}: a difference of positions per FRAME; multiply by fps to get metres per second`,
          ja: `${what}: これは「フレーム」あたりの位置の差です。fps を掛けると毎秒あたり（m/s）になります`,
        }));
        if (allNear(got.slice(1, -1), expected.slice(1, -1).map((v) => 2 * v))) throw new Hint(localized({
          en: `${what}: the central difference spans two frames; divide it by 2`,
          ja: `${what}: 中心差分は二フレームにまたがります。2 で割ってください`,
        }));
        throw new Hint(localized({
          en: `${what} returned ${fmtVector(got)}; inside, v_t = (p_{t+1} − p_{t−1}) · fps / 2`,
          ja: `${what} は ${fmtVector(got)} を返しました。内側では v_t = (p_{t+1} − p_{t−1}) · fps / 2 です`,
        }));
      }
      return localized({
        en: "central differences inside, one-sided at both ends, in units per second",
        ja: "内側は中心差分、両端は片側差分、単位は毎秒あたり",
      });
    });
  },

  /**
   * 03 exercise: `nearestLabel(trainX, trainY, x)` = the label of the training point closest to x in Euclidean
   * distance (the first one on ties).
   */
  nearestLabel(nearest: (trainX: number[][], trainY: number[], x: number[]) => number): CheckOutcome {
    return runCheck("nearestLabel", () => {
      requireFunction(nearest, "your nearestLabel");
      const trainX = [[0, 0], [3, 0], [0, 4], [1, 1], [-6, -6]];
      const trainY = [7, 1, 2, 3, 4];
      const queries = [[2.4, 0.1], [0.2, 3.1], [0.9, 0.8], [-1, -1], [6, 6]];
      const squaredDistances = (x: number[]) => trainX.map((r) => (r[0] - x[0]) ** 2 + (r[1] - x[1]) ** 2);
      const argmin = (v: number[]) => v.indexOf(Math.min(...v));
      const argmax = (v: number[]) => v.indexOf(Math.max(...v));
      for (const x of queries) {
        const what = localized({
          en: `nearestLabel(5 training points, x = ${fmtVector(x)})`,
          ja: `nearestLabel(訓練データの点 5 個, x = ${fmtVector(x)})`,
        });
        const d2 = squaredDistances(x);
        const expected = trainY[argmin(d2)];
        const got = numberAnswer(nearest(trainX.map((r) => r.slice()), trainY.slice(), x.slice()), what);
        if (got === expected) continue;
        if (got === argmin(d2)) throw new Hint(localized({
          en: `${what} returned the index m* of the nearest point; return its label trainY[m*]`,
          ja: `${what} は最も近い点の添字 m* を返しました。そのラベル trainY[m*] を返してください`,
        }));
        if (got === trainY[argmax(d2)]) throw new Hint(localized({
          en: `${what} returned the label of the FARTHEST point; take the smallest distance (argmin)`,
          ja: `${what} は「最も遠い」点のラベルを返しました。距離が最小のもの（argmin）をとってください`,
        }));
        if (got === trainY[argmax(trainX.map((r) => r[0] * x[0] + r[1] * x[1]))]) {
          throw new Hint(localized({
            en: `${what}: the largest inner product ⟨x, x_m⟩ is not the nearest point; compare ‖x − x_m‖² (or ‖x_m‖² − 2⟨x, x_m⟩)`,
            ja: `${what}: 内積 ⟨x, x_m⟩ が最大の点が最も近いとは限りません。‖x − x_m‖²（または ‖x_m‖² − 2⟨x, x_m⟩）を比べてください`,
          }));
        }
        throw new Hint(localized({
          en: `${what} returned ${got}; compute ‖x − x_m‖² for every m and return the label of the smallest`,
          ja: `${what} は ${got} を返しました。すべての m について ‖x − x_m‖² を計算し、最小のもののラベルを返してください`,
        }));
      }
      return localized({
        en: `the label of the closest training point on ${queries.length} queries`,
        ja: `${queries.length} 個の問い合わせで、最も近い訓練データの点のラベル`,
      });
    });
  },

  /**
   * 03 exercise: `arcsineProbability(a, b)` = P(a < λ < b) for λ ~ Beta(½, ½), whose CDF is F(λ) = (2/π) arcsin √λ.
   */
  arcsineProbability(probability: (a: number, b: number) => number): CheckOutcome {
    return runCheck("arcsineProbability", () => {
      requireFunction(probability, "your arcsineProbability");
      const F = (l: number) => (2 / Math.PI) * Math.asin(Math.sqrt(l));
      const cases: [number, number][] = [[0, 1], [0.1, 0.9], [0, 0.5], [0.4, 0.6], [0.9, 1]];
      for (const [a, b] of cases) {
        const what = `arcsineProbability(${a}, ${b})`;
        const got = numberAnswer(probability(a, b), what);
        const expected = F(b) - F(a);
        if (Math.abs(got - expected) < 1e-9) continue;
        if (Math.abs(got - (b - a)) < 1e-9 && a !== 0.5) throw new Hint(localized({
          en: `${what} returned b − a, the uniform answer; λ follows the U-shaped Beta(½, ½) law`,
          ja: `${what} は一様分布の答え b − a を返しました。λ は U 字型の Beta(½, ½) 分布に従います`,
        }));
        if (Math.abs(got - (Math.asin(Math.sqrt(b)) - Math.asin(Math.sqrt(a)))) < 1e-9) throw new Hint(localized({
          en: `${what}: the CDF has a factor 2/π, so that F(1) = 1`,
          ja: `${what}: 累積分布関数には係数 2/π が付き、F(1) = 1 となります`,
        }));
        if (Math.abs(got - (2 / Math.PI) * (Math.asin(b) - Math.asin(a))) < 1e-9) throw new Hint(localized({
          en: `${what}: F(λ) = (2/π) arcsin √λ, with a square root inside`,
          ja: `${what}: F(λ) = (2/π) arcsin √λ で、中に平方根があります`,
        }));
        throw new Hint(localized({
          en: `${what} returned ${got}; P(a < λ < b) = F(b) − F(a) with F(λ) = (2/π) arcsin √λ`,
          ja: `${what} は ${got} を返しました。P(a < λ < b) = F(b) − F(a)、ただし F(λ) = (2/π) arcsin √λ です`,
        }));
      }
      return localized({
        en: "F(b) − F(a) with the arcsine CDF on 5 intervals",
        ja: "5 個の区間で、逆正弦法則の累積分布関数による F(b) − F(a)",
      });
    });
  },

  /** 04 exercise: `parameterCount(widths)` = Σ_{l=1}^{L} n_l (n_{l−1} + 1) for widths [n₀, n₁, …, n_L]. */
  parameterCount(count: (widths: number[]) => number): CheckOutcome {
    return runCheck("parameterCount", () => {
      requireFunction(count, "your parameterCount");
      const cases = [[784, 10], [4, 5, 3, 2], [784, 256, 10], [1, 16, 16, 16, 1]];
      for (const widths of cases) {
        const what = `parameterCount([${widths.join(", ")}])`;
        const got = numberAnswer(count(widths.slice()), what);
        let expected = 0;
        let weightsOnly = 0;
        for (let l = 1; l < widths.length; l++) {
          expected += widths[l] * (widths[l - 1] + 1);
          weightsOnly += widths[l] * widths[l - 1];
        }
        if (got === expected) continue;
        if (got === weightsOnly) throw new Hint(localized({
          en: `${what}: you counted the weights W_l; every layer also has a bias b_l ∈ ℝ^{n_l}`,
          ja: `${what}: 数えたのは重み W_l だけです。どの層にもバイアス b_l ∈ ℝ^{n_l} もあります`,
        }));
        if (got === expected + widths[0]) throw new Hint(localized({
          en: `${what}: the input layer x₀ has no parameters; biases belong to layers 1 … L`,
          ja: `${what}: 入力 x₀ にはパラメータがありません。バイアスは層 1 … L のものです`,
        }));
        throw new Hint(localized({
          en: `${what} returned ${got}; layer l has W_l ∈ ℝ^{n_l × n_{l−1}} and b_l ∈ ℝ^{n_l}`,
          ja: `${what} は ${got} を返しました。層 l には W_l ∈ ℝ^{n_l × n_{l−1}} と b_l ∈ ℝ^{n_l} があります`,
        }));
      }
      return localized({
        en: `correct for ${cases.length} networks, including the MNIST MLP 784 → 256 → 10`,
        ja: `MNIST の MLP 784 → 256 → 10 を含む ${cases.length} 個のネットワークで正解`,
      });
    });
  },
};
