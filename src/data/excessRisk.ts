/**
 * The excess-risk decomposition on the 1-D toy problem, computed exactly because μ is known.
 *
 * With the square loss the best possible predictor is g (risk σ², the Bayes risk). Learning with polynomials of
 * degree d (p = d + 1 parameters) from N samples by t gradient-descent steps produces f_t, and its excess risk
 * splits into three terms, one per approximation of the lecture:
 *
 *   R(f_t) − σ² =  [R(f_d) − σ²]        approximation: the best polynomial f_d of degree d is not g
 *               + [R(f̂) − R(f_d)]       estimation: f̂ minimises the EMPIRICAL risk of N samples, not R
 *               + [R(f_t) − R(f̂)]       optimisation: t steps of gradient descent do not reach f̂
 *
 * f_d = argmin over degree-d polynomials of R(f) = ∫₀¹ (f − g)² dx + σ² is the L²[0, 1] projection of g: in the
 * shifted Legendre basis its coefficients are c_k = (2k + 1) ∫₀¹ g(x) P_k(2x − 1) dx. The approximation and
 * estimation terms are ≥ 0 (f_d minimises R over the class, g over all functions); the optimisation term is
 * R(f_t) − R(f̂), which can be NEGATIVE when stopping early lands closer to g than the exact minimiser f̂ does.
 * The terms add up to the total by construction; each true risk is an integral computed by quadrature.
 */
import { describe, requireFinite, requireInteger } from "../util/errors";
import { RandomSource, toGenerator } from "../random/index";
import {
  ToyDataset,
  ToyProblem,
  PolynomialModel,
  empiricalRisk,
  fitPolynomial,
  integrateUnitInterval,
  legendreBasis,
  sampleToyData,
  trueRisk,
} from "./toy1d";

/**
 * The best polynomial of degree d for the toy problem, f_d = argmin R(f) over degree-d polynomials: the
 * L²[0, 1] projection of g, with Legendre coefficients c_k = (2k + 1) ∫₀¹ g(x) P_k(2x − 1) dx.
 */
export function bestPolynomial(problem: ToyProblem, degree: number): PolynomialModel {
  if (!(problem instanceof ToyProblem)) throw new TypeError(`bestPolynomial: problem must be a ToyProblem, got ${describe(problem)}`);
  requireInteger("bestPolynomial: degree", degree, 0);
  const basis = new Float64Array(degree + 1);
  const coefficients = new Float64Array(degree + 1);
  for (let k = 0; k <= degree; k++) {
    const integral = integrateUnitInterval((x) => {
      legendreBasis(x, degree, basis);
      return problem.target(x) * basis[k];
    });
    coefficients[k] = (2 * k + 1) * integral;
  }
  return new PolynomialModel(coefficients);
}

/** Options of `polynomialGradientDescent`. */
export interface PolynomialGradientDescentOptions {
  /** The step size η (default 0.3). */
  learningRate?: number;
  /** Record the model after these step counts (sorted, each ≤ steps); default none. */
  record?: readonly number[];
}

/** The result of `polynomialGradientDescent`: the final model and the models at the recorded steps. */
export interface PolynomialGradientDescentResult {
  model: PolynomialModel;
  recorded: { step: number; model: PolynomialModel }[];
}

/**
 * `steps` steps of gradient descent on the empirical risk L₀(θ) = (1/N) Σ_m (f_θ(x_m) − y_m)² of a degree-d
 * polynomial in the Legendre basis, from θ₀ = 0:
 *
 *   θ_{t+1} = θ_t − η ∇L₀(θ_t),   ∇L₀(θ) = (2/N) Φᵀ(Φθ − y) = 2(Gθ − b),   G = ΦᵀΦ/N, b = Φᵀy/N,
 *
 * with Φ_{mk} = P_k(2x_m − 1). Stops with an error (and a hint) if θ becomes infinite or NaN.
 */
export function polynomialGradientDescent(
  data: ToyDataset,
  degree: number,
  steps: number,
  options: PolynomialGradientDescentOptions = {},
): PolynomialGradientDescentResult {
  if (!(data instanceof ToyDataset)) throw new TypeError(`polynomialGradientDescent: data must be a ToyDataset, got ${describe(data)}`);
  requireInteger("polynomialGradientDescent: degree", degree, 0);
  requireInteger("polynomialGradientDescent: steps", steps, 0);
  const eta = options.learningRate ?? 0.3;
  requireFinite("polynomialGradientDescent: learningRate", eta);
  if (eta <= 0) throw new RangeError(`polynomialGradientDescent: learningRate must be > 0, got ${eta}`);
  const record = options.record ?? [];
  record.forEach((s, i) => {
    requireInteger(`polynomialGradientDescent: record[${i}]`, s, 0);
    if (s > steps || (i > 0 && s <= record[i - 1])) {
      throw new RangeError(`polynomialGradientDescent: record must be increasing step counts ≤ steps = ${steps}, got [${record.join(", ")}]`);
    }
  });
  const p = degree + 1;
  const n = data.size;
  const gram = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  const phi = new Float64Array(p);
  for (let m = 0; m < n; m++) {
    legendreBasis(data.x[m], degree, phi);
    for (let i = 0; i < p; i++) {
      rhs[i] += (phi[i] * data.y[m]) / n;
      for (let j = 0; j < p; j++) gram[i * p + j] += (phi[i] * phi[j]) / n;
    }
  }
  const theta = new Float64Array(p);
  const recorded: { step: number; model: PolynomialModel }[] = [];
  let next = 0;
  for (let t = 0; t <= steps; t++) {
    if (next < record.length && record[next] === t) {
      recorded.push({ step: t, model: new PolynomialModel(theta.slice()) });
      next++;
    }
    if (t === steps) break;
    const grad = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      let s = -rhs[i];
      for (let j = 0; j < p; j++) s += gram[i * p + j] * theta[j];
      grad[i] = 2 * s;
    }
    for (let i = 0; i < p; i++) theta[i] -= eta * grad[i];
    if (!theta.every(Number.isFinite)) {
      throw new RangeError(
        `polynomialGradientDescent: θ diverged at step ${t + 1} with η = ${eta}; lower the learning rate ` +
          `(stable when η < 1 / (largest eigenvalue of ΦᵀΦ/N), about 1 for Legendre features)`,
      );
    }
  }
  return { model: new PolynomialModel(theta), recorded };
}

/** The three terms of the excess risk and their sum (all in units of risk, i.e. of y²). */
export interface ExcessRiskTerms {
  /** R(f_d) − σ² ≥ 0: the cost of the model class (degree d). */
  approximation: number;
  /** R(f̂) − R(f_d) ≥ 0: the cost of knowing μ only through N samples. */
  estimation: number;
  /** R(f_t) − R(f̂): the cost of stopping gradient descent after t steps (negative when early stopping helps). */
  optimisation: number;
  /** R(f_t) − σ², the excess risk = approximation + estimation + optimisation. */
  total: number;
}

/** The setting of one decomposition: degree d, sample size N, gradient steps t (Infinity: the exact minimiser f̂). */
export interface ExcessRiskSetting {
  degree: number;
  n: number;
  steps: number;
  /** η for gradient descent (default 0.3). */
  learningRate?: number;
}

/** The decomposition for one dataset 𝒟 (the fit f̂ and the GD iterate f_t both come from 𝒟). */
export function excessRiskTerms(problem: ToyProblem, data: ToyDataset, setting: Omit<ExcessRiskSetting, "n">): ExcessRiskTerms {
  if (!(problem instanceof ToyProblem)) throw new TypeError(`excessRiskTerms: problem must be a ToyProblem, got ${describe(problem)}`);
  const { degree, steps } = setting;
  requireInteger("excessRiskTerms: degree", degree, 0);
  if (steps !== Infinity) requireInteger("excessRiskTerms: steps", steps, 0);
  const bayes = problem.bayesRisk;
  const riskBest = trueRisk(bestPolynomial(problem, degree), problem);
  const riskFit = trueRisk(fitPolynomial(data.x, data.y, degree), problem);
  const riskSteps =
    steps === Infinity
      ? riskFit
      : trueRisk(polynomialGradientDescent(data, degree, steps, { learningRate: setting.learningRate }).model, problem);
  return {
    approximation: riskBest - bayes,
    estimation: riskFit - riskBest,
    optimisation: riskSteps - riskFit,
    total: riskSteps - bayes,
  };
}

/**
 * The excess-risk decomposition averaged over `trials` datasets of size N drawn from μ (seeded): the mean of
 * each term, so that the figure shows the typical split rather than one lucky draw. The means add up to the
 * mean total exactly, since each dataset's terms do.
 */
export function excessRiskDecomposition(
  problem: ToyProblem,
  setting: ExcessRiskSetting,
  rng: RandomSource,
  options: { trials?: number } = {},
): ExcessRiskTerms {
  requireInteger("excessRiskDecomposition: n", setting?.n, 1);
  requireInteger("excessRiskDecomposition: degree", setting.degree, 0);
  if (setting.n < setting.degree + 1) {
    throw new RangeError(
      `excessRiskDecomposition: degree ${setting.degree} needs N ≥ ${setting.degree + 1} samples for the exact fit f̂, got N = ${setting.n}`,
    );
  }
  const trials = options.trials ?? 20;
  requireInteger("excessRiskDecomposition: trials", trials, 1);
  const gen = toGenerator(rng);
  const sum: ExcessRiskTerms = { approximation: 0, estimation: 0, optimisation: 0, total: 0 };
  for (let i = 0; i < trials; i++) {
    const terms = excessRiskTerms(problem, sampleToyData(problem, setting.n, gen), setting);
    sum.approximation += terms.approximation / trials;
    sum.estimation += terms.estimation / trials;
    sum.optimisation += terms.optimisation / trials;
    sum.total += terms.total / trials;
  }
  return sum;
}

/** The empirical risk R̂_𝒟 of the GD iterate minus that of the exact fit: ≥ 0 always (f̂ minimises R̂_𝒟). */
export function empiricalOptimisationGap(data: ToyDataset, degree: number, steps: number, learningRate = 0.3): number {
  if (data == null || typeof data !== "object" || typeof (data as ToyDataset).x?.length !== "number") throw new TypeError(`empiricalOptimisationGap: data must be a toy dataset { x, y } (from sampleToyData), got ${describe(data)}`);
  const fit = fitPolynomial(data.x, data.y, degree);
  const iterate = polynomialGradientDescent(data, degree, steps, { learningRate }).model;
  return empiricalRisk(iterate, data) - empiricalRisk(fit, data);
}
