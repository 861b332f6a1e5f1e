/**
 * The 1-D learning problem of the lecture's §1: X = Y = [0, 1].
 *
 * We choose μ ourselves: x ~ Uniform[0, 1] and y = g(x) + ε with ε ~ N(0, σ²) independent of x. A dataset
 * 𝒟 = {(x_m, y_m) | m = 1…N} is N independent draws from μ. Because μ is known here, the TRUE (expected) risk
 * of any f : [0, 1] → ℝ under the square loss L(f(x), y) = (f(x) − y)² is computable exactly:
 *
 *   R(f) = E_μ[(f(x) − y)²] = ∫₀¹ (f(x) − g(x))² dx + σ²,
 *
 * (the cross term vanishes because E[ε] = 0), while only the EMPIRICAL risk
 * R̂_𝒟(f) = (1/N) Σ_m (f(x_m) − y_m)² is available in real life. The integral is computed by composite
 * Gauss–Legendre quadrature, exact for polynomials of degree ≤ 2·8 − 1 on each of 64 panels.
 */
import { describe, requireFinite, requireInteger, requireNumberArray } from "../util/errors";
import { RandomSource, toGenerator } from "../random/index";
import { gaussLegendre } from "../special/quadrature";
import { fromFloat64, lstsq } from "../linalg/index";

/** Named target functions g : [0, 1] → [0, 1] for the toy problem. */
export const TOY_TARGETS = {
  /** g(x) = 0.5 + 0.4 sin(2πx): one smooth period. */
  sine: (x: number) => 0.5 + 0.4 * Math.sin(2 * Math.PI * x),
  /** g(x) = x: the easiest case, a line. */
  linear: (x: number) => x,
  /** g(x) = 0.5 + 4 (x − 0.5)³ + 0.1 x: a cubic polynomial (degree-3 models can be exact). */
  cubic: (x: number) => 0.5 + 4 * (x - 0.5) ** 3 + 0.1 * x,
  /** g(x) = 0.2 for x < 0.5 and 0.8 otherwise: a discontinuous target, hard for polynomials. */
  step: (x: number) => (x < 0.5 ? 0.2 : 0.8),
  /** g(x) = 0.5 + 0.35 sin(6πx) e^{−x}: a wiggly, damped target that needs a high degree. */
  wiggle: (x: number) => 0.5 + 0.35 * Math.sin(6 * Math.PI * x) * Math.exp(-x),
} as const;

/** The name of one of the built-in targets. */
export type ToyTargetName = keyof typeof TOY_TARGETS;

/** A model on [0, 1]: a plain function, or an object with `predict(x)` (such as `PolynomialModel`). */
export type ScalarModel = ((x: number) => number) | { predict(x: number): number };

function asFunction(f: ScalarModel, name: string): (x: number) => number {
  if (typeof f === "function") return f;
  if (f != null && typeof (f as { predict?: unknown }).predict === "function") {
    return (x: number) => f.predict(x);
  }
  throw new TypeError(`${name} must be a function x ↦ f(x) or an object with predict(x), got ${describe(f)}`);
}

/** The distribution μ of the toy problem: x ~ U[0, 1], y = g(x) + ε, ε ~ N(0, σ²). */
export class ToyProblem {
  constructor(
    /** The target g. */
    readonly target: (x: number) => number,
    /** σ, the standard deviation of the noise ε. */
    readonly noiseStd: number,
    /** A name for printing. */
    readonly name: string,
  ) {}

  /** The Bayes risk σ²: the true risk of f = g, the smallest true risk any f can reach. */
  get bayesRisk(): number {
    return this.noiseStd * this.noiseStd;
  }

  /** What a notebook cell prints (Node's util.inspect). */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  toString(): string {
    return `ToyProblem(x ~ U[0,1], y = ${this.name}(x) + ε, ε ~ N(0, ${this.noiseStd}²))`;
  }
}

/**
 * The toy distribution μ: `toyProblem("sine", 0.1)` means y = 0.5 + 0.4 sin(2πx) + ε, ε ~ N(0, 0.1²).
 * `target` is one of the names in `TOY_TARGETS` or your own function g : [0, 1] → ℝ.
 */
export function toyProblem(target: ToyTargetName | ((x: number) => number) = "sine", noiseStd = 0.1): ToyProblem {
  requireFinite("noiseStd", noiseStd);
  if (noiseStd < 0) throw new RangeError(`noiseStd must be ≥ 0, got ${noiseStd}`);
  if (typeof target === "function") return new ToyProblem(target, noiseStd, target.name || "g");
  if (typeof target !== "string" || !(target in TOY_TARGETS)) {
    throw new RangeError(
      `target must be one of ${Object.keys(TOY_TARGETS).map((k) => `"${k}"`).join(", ")} or a function, got ${describe(target)}`,
    );
  }
  return new ToyProblem(TOY_TARGETS[target], noiseStd, target);
}

/** A 1-D dataset 𝒟 = {(x_m, y_m)}: two arrays of the same length N. */
export class ToyDataset {
  constructor(
    readonly x: Float64Array,
    readonly y: Float64Array,
  ) {}

  /** N = |𝒟|. */
  get size(): number {
    return this.x.length;
  }

  /** What a notebook cell prints (Node's util.inspect). */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  toString(): string {
    const show = Math.min(this.size, 4);
    const pairs = Array.from({ length: show }, (_, i) => `(${this.x[i].toFixed(3)}, ${this.y[i].toFixed(3)})`);
    return `ToyDataset(N = ${this.size}: ${pairs.join(", ")}${this.size > show ? ", …" : ""})`;
  }
}

/** Draws 𝒟 of size N from μ: x_m ~ U[0, 1], y_m = g(x_m) + ε_m. Seeded: same seed, same dataset. */
export function sampleToyData(problem: ToyProblem, n: number, rng: RandomSource): ToyDataset {
  if (!(problem instanceof ToyProblem)) {
    throw new TypeError(`problem must be a ToyProblem (make one with toyProblem("sine", 0.1)), got ${describe(problem)}`);
  }
  requireInteger("n", n, 1);
  const gen = toGenerator(rng);
  const x = gen.uniformArray(n);
  const noise = gen.normalArray(n, 0, problem.noiseStd);
  const y = new Float64Array(n);
  for (let m = 0; m < n; m++) y[m] = problem.target(x[m]) + noise[m];
  return new ToyDataset(x, y);
}

const GL8 = gaussLegendre(8);

/** ∫₀¹ h(x) dx by composite 8-point Gauss–Legendre on `panels` equal panels. */
export function integrateUnitInterval(h: (x: number) => number, panels = 64): number {
  if (typeof h !== "function") throw new TypeError(`integrateUnitInterval: h must be a function x ↦ h(x), got ${describe(h)}`);
  requireInteger("panels", panels, 1);
  let total = 0;
  const width = 1 / panels;
  for (let p = 0; p < panels; p++) {
    const mid = (p + 0.5) * width;
    for (let i = 0; i < GL8.nodes.length; i++) {
      total += GL8.weights[i] * h(mid + 0.5 * width * GL8.nodes[i]);
    }
  }
  return 0.5 * width * total;
}

/**
 * The true risk R(f) = E_μ[(f(x) − y)²] = ∫₀¹ (f − g)² dx + σ² of a model f under the toy distribution μ.
 * Accurate to ~1e-12 for smooth f and g (quadrature, not sampling); with the "step" target the jump at
 * x = 0.5 falls on a panel boundary, so it is exact as well.
 */
export function trueRisk(f: ScalarModel, problem: ToyProblem): number {
  const fn = asFunction(f, "f");
  if (!(problem instanceof ToyProblem)) throw new TypeError(`problem must be a ToyProblem, got ${describe(problem)}`);
  const g = problem.target;
  const gap = integrateUnitInterval((x) => {
    const d = fn(x) - g(x);
    return d * d;
  });
  return gap + problem.bayesRisk;
}

/** The empirical risk R̂_𝒟(f) = (1/N) Σ_m (f(x_m) − y_m)² on a dataset 𝒟. */
export function empiricalRisk(f: ScalarModel, data: ToyDataset): number {
  const fn = asFunction(f, "f");
  if (!(data instanceof ToyDataset)) throw new TypeError(`data must be a ToyDataset, got ${describe(data)}`);
  let total = 0;
  for (let m = 0; m < data.size; m++) {
    const d = fn(data.x[m]) - data.y[m];
    total += d * d;
  }
  return total / data.size;
}

/** The shifted Legendre polynomials P_0(2x − 1), …, P_degree(2x − 1) at x: a well-conditioned basis on [0, 1]. */
export function legendreBasis(x: number, degree: number, out: Float64Array): void {
  requireFinite("x", x);
  requireInteger("degree", degree);
  if (!(out instanceof Float64Array) || out.length < degree + 1) throw new RangeError(`legendreBasis: out must be a Float64Array of length ≥ degree + 1 = ${degree + 1}, got ${describe(out)}`);
  const t = 2 * x - 1;
  out[0] = 1;
  if (degree >= 1) out[1] = t;
  for (let k = 1; k < degree; k++) out[k + 1] = ((2 * k + 1) * t * out[k] - k * out[k - 1]) / (k + 1);
}

/**
 * A polynomial model f_θ(x) = Σ_{k=0}^{d} θ_k P_k(2x − 1) of degree d (p = d + 1 parameters), written in the
 * shifted Legendre basis (the same functions as 1, x, …, x^d, but the least-squares problem stays well
 * conditioned up to high degrees).
 */
export class PolynomialModel {
  private readonly scratch: Float64Array;
  constructor(readonly coefficients: Float64Array) {
    requireNumberArray("PolynomialModel: coefficients", coefficients);
    if (coefficients.length === 0) throw new RangeError("PolynomialModel: coefficients must hold at least one number (degree 0), got an empty array");
    this.scratch = new Float64Array(coefficients.length);
  }

  /** d, the degree. */
  get degree(): number {
    return this.coefficients.length - 1;
  }

  /** f_θ(x). */
  predict(x: number): number {
    legendreBasis(x, this.degree, this.scratch);
    let s = 0;
    for (let k = 0; k <= this.degree; k++) s += this.coefficients[k] * this.scratch[k];
    return s;
  }

  /** f_θ at every entry of `xs`. */
  predictArray(xs: ArrayLike<number>): Float64Array {
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = this.predict(xs[i]);
    return out;
  }

  /** What a notebook cell prints (Node's util.inspect). */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  toString(): string {
    return `PolynomialModel(degree ${this.degree}, ${this.coefficients.length} parameters)`;
  }
}

/**
 * Fits a polynomial of degree d ("model size" p = d + 1) to 𝒟 by least squares:
 * θ̂ = argmin_θ Σ_m (f_θ(x_m) − y_m)² + ridge·‖θ‖² (`lstsq`, Householder QR). Needs N ≥ d + 1 points unless ridge > 0.
 */
export function fitPolynomial(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  degree: number,
  options: { ridge?: number } = {},
): PolynomialModel {
  requireInteger("degree", degree, 0);
  const ridge = options.ridge ?? 0;
  requireFinite("ridge", ridge);
  if (ridge < 0) throw new RangeError(`ridge must be ≥ 0, got ${ridge}`);
  if (x == null || typeof x.length !== "number") throw new TypeError(`x must be an array of numbers, got ${describe(x)}`);
  if (y == null || typeof y.length !== "number") throw new TypeError(`y must be an array of numbers, got ${describe(y)}`);
  if (x.length !== y.length) {
    throw new RangeError(`fitPolynomial: x has length ${x.length} but y has length ${y.length}; they must be equal`);
  }
  const n = x.length;
  const p = degree + 1;
  if (ridge === 0 && n < p) {
    throw new RangeError(
      `fitPolynomial: degree ${degree} has ${p} parameters but only N = ${n} points were given; ` +
        `use degree ≤ ${n - 1} or pass { ridge: λ } with λ > 0`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      throw new RangeError(`fitPolynomial: x and y must be finite, but entry ${i} is (${x[i]}, ${y[i]})`);
    }
  }
  const rows = ridge > 0 ? n + p : n;
  const a = new Float64Array(rows * p);
  const b = new Float64Array(rows);
  for (let i = 0; i < n; i++) {
    legendreBasis(x[i], degree, a.subarray(i * p, (i + 1) * p)); // row i of A: P₀(x_i) … P_d(x_i)
    b[i] = y[i];
  }
  // Ridge: append √λ·I below A and zeros below b, so that ‖Aθ − b‖² + λ‖θ‖² is one least-squares problem.
  if (ridge > 0) for (let k = 0; k < p; k++) a[(n + k) * p + k] = Math.sqrt(ridge);
  try {
    return new PolynomialModel(lstsq(fromFloat64(a, rows, p), b, { rcond: 1e-13 }));
  } catch { // the inputs are checked above: lstsq's only possible complaint is a rank-deficient A
    throw new RangeError(
      "fitPolynomial: the least-squares problem is rank deficient (repeated x values?); lower the degree or pass { ridge: 1e-8 }",
    );
  }
}

/** Empirical and true risk of fitted models, averaged over independent datasets. */
export interface RiskCurve {
  /** The varied quantity: the degrees, or the sample sizes N. */
  x: number[];
  /** Mean over trials of the empirical (training) risk R̂_𝒟(f̂). */
  empirical: number[];
  /** Mean over trials of the true risk R(f̂). */
  true: number[];
  /** The Bayes risk σ², the floor of the true risk. */
  bayes: number;
}

/** The mean over `datasets` of [empirical risk, true risk] of the degree-d least-squares fit to each dataset. */
function meanRisks(problem: ToyProblem, datasets: ToyDataset[], degree: number, ridge: number): [number, number] {
  let e = 0;
  let t = 0;
  for (const data of datasets) {
    const model = fitPolynomial(data.x, data.y, degree, { ridge });
    e += empiricalRisk(model, data);
    t += trueRisk(model, problem);
  }
  return [e / datasets.length, t / datasets.length];
}

/** The curve through the [empirical, true] mean risks at each x. */
function riskCurve(problem: ToyProblem, x: number[], risks: [number, number][]): RiskCurve {
  return { x, empirical: risks.map((r) => r[0]), true: risks.map((r) => r[1]), bayes: problem.bayesRisk };
}

/**
 * Empirical vs true risk of the least-squares polynomial of each degree in `degrees`, fitted to datasets of
 * size N drawn from μ (mean over `trials` datasets): the training risk falls with the model size while the
 * true risk first falls, then rises (overfitting) as the degree approaches N − 1. Every degree is fitted to
 * the SAME `trials` datasets, so the curves compare like with like: the mean empirical risk cannot rise with
 * the degree (the degree-d polynomials are among the degree-(d + 1) ones).
 */
export function riskVersusDegree(
  problem: ToyProblem,
  n: number,
  degrees: readonly number[],
  rng: RandomSource,
  options: { trials?: number; ridge?: number } = {},
): RiskCurve {
  requireInteger("n", n, 1);
  if (!Array.isArray(degrees) || degrees.length === 0) throw new TypeError(`degrees must be a non-empty array of integers, got ${describe(degrees)}`);
  degrees.forEach((d, i) => requireInteger(`degrees[${i}]`, d, 0));
  const trials = options.trials ?? 20;
  requireInteger("trials", trials, 1);
  const ridge = options.ridge ?? 0;
  const gen = toGenerator(rng);
  const datasets = Array.from({ length: trials }, () => sampleToyData(problem, n, gen));
  return riskCurve(problem, [...degrees], degrees.map((degree) => meanRisks(problem, datasets, degree, ridge)));
}

/**
 * Empirical vs true risk of the degree-d least-squares polynomial as the dataset size N grows (mean over
 * `trials` datasets): the two curves approach each other, the gap E R − E R̂ closing like 2pσ²/N when the
 * degree-d polynomials contain g (E R̂ = σ²(1 − p/N), E R ≈ σ²(1 + p/N); the second is exact for a fixed
 * design, and with x drawn afresh it is a little larger at small N).
 */
export function riskVersusSampleSize(
  problem: ToyProblem,
  degree: number,
  sizes: readonly number[],
  rng: RandomSource,
  options: { trials?: number; ridge?: number } = {},
): RiskCurve {
  requireInteger("degree", degree, 0);
  if (!Array.isArray(sizes) || sizes.length === 0) throw new TypeError(`sizes must be a non-empty array of integers, got ${describe(sizes)}`);
  sizes.forEach((n, i) => requireInteger(`sizes[${i}]`, n, 1));
  const trials = options.trials ?? 20;
  requireInteger("trials", trials, 1);
  const gen = toGenerator(rng);
  // Fresh datasets for every N, drawn one N after the other from the same generator.
  return riskCurve(problem, [...sizes], sizes.map((n) => {
    const datasets = Array.from({ length: trials }, () => sampleToyData(problem, n, gen));
    return meanRisks(problem, datasets, degree, options.ridge ?? 0);
  }));
}
