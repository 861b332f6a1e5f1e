/**
 * Optimizers (lecture §5): gradient descent θ_{t+1} = θ_t − η_t ∇L₀(θ_t) and its relatives.
 *
 * - `sgd`: plain gradient descent on whatever batch the gradient came from (full batch = gradient descent,
 *   minibatches = stochastic gradient descent); with `momentum: μ` (heavy ball) v ← μ v + g, θ ← θ − η v.
 * - `adam` (Kingma & Ba 2015): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η m̂ / (√v̂ + ε).
 * - `weightDecay: λ` adds 2λθ to the gradient: the gradient of the term λ‖θ‖² of the objective
 *   L₀(θ) = Σ L(f_θ(x), y) + λ‖θ‖² (with a batch-mean loss, λ here is the notes' λ divided by N).
 * - learning-rate schedules η_t: a number (constant), `stepSchedule`, `cosineSchedule`, or any t ↦ η_t.
 *
 * Bad hyper-parameters throw at construction; `step()` checks η_t and every gradient before it changes
 * any parameter, so a failing step leaves the model as it was.
 */
import { Tensor } from "../autograd/tensor";
import { firstNonFinite } from "../util/errors";

/** η_t as a function of the step count t = 0, 1, 2, … */
export type Schedule = (t: number) => number;

function requireRate(where: string, eta: unknown): asserts eta is number {
  if (typeof eta !== "number" || !Number.isFinite(eta) || eta <= 0) {
    throw new RangeError(`${where}: the learning rate η must be a finite number > 0, got ${String(eta)}`);
  }
}

/** η_t = η. */
export function constantSchedule(eta: number): Schedule {
  requireRate("constantSchedule", eta);
  return () => eta;
}

/** η_t = η₀ γ^⌊t / stepSize⌋ (divide by 1/γ every stepSize steps). */
export function stepSchedule(eta0: number, stepSize: number, gamma = 0.1): Schedule {
  requireRate("stepSchedule", eta0);
  if (!Number.isSafeInteger(stepSize) || stepSize < 1) throw new RangeError(`stepSchedule: stepSize must be an integer ≥ 1, got ${String(stepSize)}`);
  if (typeof gamma !== "number" || !(gamma > 0 && gamma <= 1)) throw new RangeError(`stepSchedule: γ (gamma) must be in (0, 1], got ${String(gamma)}`);
  return (t) => eta0 * Math.pow(gamma, Math.floor(t / stepSize));
}

/** η_t = η_min + (η₀ − η_min)(1 + cos(π t / T))/2 for t ≤ T, then η_min (cosine annealing). */
export function cosineSchedule(eta0: number, totalSteps: number, etaMin = 0): Schedule {
  requireRate("cosineSchedule", eta0);
  if (!Number.isSafeInteger(totalSteps) || totalSteps < 1) throw new RangeError(`cosineSchedule: totalSteps must be an integer ≥ 1, got ${String(totalSteps)}`);
  if (typeof etaMin !== "number" || !Number.isFinite(etaMin) || etaMin < 0 || etaMin > eta0) {
    throw new RangeError(`cosineSchedule: η_min must be in [0, η₀ = ${eta0}], got ${String(etaMin)}`);
  }
  // η_min = 0 would give η_T = 0; the last steps then use a tiny positive rate instead.
  return (t) => Math.max(etaMin + 0.5 * (eta0 - etaMin) * (1 + Math.cos((Math.PI * Math.min(t, totalSteps)) / totalSteps)), etaMin, 1e-12 * eta0);
}

export interface OptimizerOptions {
  /** η (a number) or a schedule t ↦ η_t. */
  learningRate: number | Schedule;
  /** λ ≥ 0: adds the gradient 2λθ of λ‖θ‖² (default 0). */
  weightDecay?: number;
}

/** Updates parameters from their `.grad`. */
export interface Optimizer {
  readonly name: string;
  readonly parameters: readonly Tensor[];
  /** Steps taken so far (t). */
  readonly stepCount: number;
  /** η_t for the next step. */
  learningRate(): number;
  /** θ ← update(θ, ∇); checks η_t and the gradients first. */
  step(): void;
  /** Sets every parameter's gradient to zero. */
  zeroGrad(): void;
}

/** θ ← θ − η (g + 2λθ), entry by entry: one step of gradient descent with weight decay (lambda2 = 2λ). */
function descend(theta: Float64Array, grad: Float64Array, eta: number, lambda2: number): void {
  for (let k = 0; k < theta.length; k++) theta[k] -= eta * (grad[k] + lambda2 * theta[k]);
}

abstract class BaseOptimizer implements Optimizer {
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  abstract readonly name: string;
  readonly parameters: readonly Tensor[];
  stepCount = 0;
  protected readonly schedule: Schedule;
  protected readonly weightDecay: number;
  protected readonly describeRate: string;

  constructor(where: string, parameters: readonly Tensor[], options: OptimizerOptions) {
    if (!Array.isArray(parameters) || parameters.some((p) => !(p instanceof Tensor))) {
      throw new TypeError(`${where}: parameters must be an array of Tensors (e.g. model.parameters()), got ${String(parameters)}`);
    }
    if (options == null) throw new TypeError(`${where}: options { learningRate } are required`);
    const lr = options.learningRate;
    if (typeof lr === "function") {
      requireRate(`${where} (the schedule's η_0)`, lr(0));
      this.schedule = lr;
      this.describeRate = "scheduled";
    } else {
      requireRate(where, lr);
      this.schedule = () => lr;
      this.describeRate = String(lr);
    }
    const wd = options.weightDecay ?? 0;
    if (typeof wd !== "number" || !Number.isFinite(wd) || wd < 0) {
      throw new RangeError(`${where}: weightDecay λ must be a finite number ≥ 0, got ${String(wd)}`);
    }
    for (const p of parameters) p.requiresGrad = true;
    this.parameters = parameters.slice();
    this.weightDecay = wd;
  }

  toString(): string {
    return `${this.name}(η = ${this.describeRate}), ${this.stepCount} steps`;
  }

  learningRate(): number {
    return this.schedule(this.stepCount);
  }

  zeroGrad(): void {
    for (const p of this.parameters) p.zeroGrad();
  }

  step(): void {
    const eta = this.schedule(this.stepCount);
    requireRate(`${this.name}.step (η_t at t = ${this.stepCount})`, eta);
    this.parameters.forEach((p, index) => {
      const g = p.grad;
      const k = g === null ? -1 : firstNonFinite(g);
      if (k >= 0) {
        throw new RangeError(
          `${this.name}.step: the gradient of parameter ${index}${p.name ? ` (${p.name})` : ""} has a non-finite entry (${g![k]} at ${k}); ` +
            `no parameter was changed. Try a smaller learning rate.`,
        );
      }
    });
    this.stepCount++;
    this.parameters.forEach((p, index) => {
      if (p.grad !== null) this.update(p, p.grad, eta, index);
    });
  }

  /** θ ← θ − η · (direction computed from g + 2λθ). */
  protected abstract update(p: Tensor, grad: Float64Array, eta: number, index: number): void;
}

export interface SgdOptions extends OptimizerOptions {
  /** μ ∈ [0, 1) (default 0: plain gradient descent). */
  momentum?: number;
}

/** Gradient descent / minibatch SGD, optionally with momentum. */
export class SGD extends BaseOptimizer {
  readonly name: string;
  readonly momentum: number;
  private readonly velocity: (Float64Array | null)[];

  constructor(parameters: readonly Tensor[], options: SgdOptions) {
    super("sgd", parameters, options);
    const mu = options.momentum ?? 0;
    if (typeof mu !== "number" || !(mu >= 0 && mu < 1)) throw new RangeError(`sgd: momentum μ must be in [0, 1), got ${String(mu)}`);
    this.momentum = mu;
    this.name = mu > 0 ? "momentum" : "sgd";
    this.velocity = this.parameters.map(() => null);
  }

  protected override update(p: Tensor, grad: Float64Array, eta: number, index: number): void {
    const theta = p.data;
    const lambda2 = 2 * this.weightDecay;
    if (this.momentum === 0) {
      descend(theta, grad, eta, lambda2);
      return;
    }
    const v = (this.velocity[index] ??= new Float64Array(theta.length));
    const mu = this.momentum;
    for (let k = 0; k < theta.length; k++) {
      v[k] = mu * v[k] + grad[k] + lambda2 * theta[k];
      theta[k] -= eta * v[k];
    }
  }

  override toString(): string {
    return `SGD(η = ${this.describeRate}${this.momentum > 0 ? `, momentum μ = ${this.momentum}` : ""}${this.weightDecay > 0 ? `, weight decay λ = ${this.weightDecay}` : ""}), ${this.stepCount} steps`;
  }
}

export interface AdamOptions extends OptimizerOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** Adam with bias correction (and L2 weight decay added to the gradient). */
export class Adam extends BaseOptimizer {
  readonly name = "adam";
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private readonly m: (Float64Array | null)[];
  private readonly v: (Float64Array | null)[];

  constructor(parameters: readonly Tensor[], options: AdamOptions) {
    super("adam", parameters, options);
    const { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = options;
    for (const [name, b] of [["beta1", beta1], ["beta2", beta2]] as const) {
      if (typeof b !== "number" || !(b >= 0 && b < 1)) throw new RangeError(`adam: ${name} must be in [0, 1), got ${String(b)}`);
    }
    if (typeof epsilon !== "number" || !(epsilon > 0) || !Number.isFinite(epsilon)) throw new RangeError(`adam: epsilon must be > 0, got ${String(epsilon)}`);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.m = this.parameters.map(() => null);
    this.v = this.parameters.map(() => null);
  }

  protected override update(p: Tensor, grad: Float64Array, eta: number, index: number): void {
    const theta = p.data;
    const m = (this.m[index] ??= new Float64Array(theta.length));
    const v = (this.v[index] ??= new Float64Array(theta.length));
    const t = this.stepCount; // already incremented: 1 on the first step
    const c1 = 1 / (1 - Math.pow(this.beta1, t));
    const c2 = 1 / (1 - Math.pow(this.beta2, t));
    const lambda2 = 2 * this.weightDecay;
    const { beta1, beta2, epsilon } = this;
    for (let k = 0; k < theta.length; k++) {
      const g = grad[k] + lambda2 * theta[k];
      m[k] = beta1 * m[k] + (1 - beta1) * g;
      v[k] = beta2 * v[k] + (1 - beta2) * g * g;
      theta[k] -= (eta * (m[k] * c1)) / (Math.sqrt(v[k] * c2) + epsilon);
    }
  }

  override toString(): string {
    return `Adam(η = ${this.describeRate}, β₁ = ${this.beta1}, β₂ = ${this.beta2}${this.weightDecay > 0 ? `, weight decay λ = ${this.weightDecay}` : ""}), ${this.stepCount} steps`;
  }
}

/** Gradient descent / SGD: `sgd(model.parameters(), { learningRate: 0.1, momentum: 0.9 })`. */
export function sgd(parameters: readonly Tensor[], options: SgdOptions): SGD {
  return new SGD(parameters, options);
}

/** Adam: `adam(model.parameters(), { learningRate: 1e-3 })`. */
export function adam(parameters: readonly Tensor[], options: AdamOptions): Adam {
  return new Adam(parameters, options);
}
