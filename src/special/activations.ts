/**
 * Activation functions φ : ℝ → ℝ with their derivatives φ′ (lecture §4, §9).
 *
 * In the MLP x_l = φ(h_l) is applied entry by entry; backprop needs φ′(h_l) (the δ recursion
 * δ_l = φ′(h_l) ⊙ W_{l+1}ᵀ δ_{l+1}), and the Day-2 Jacobian J = W_L D_{L−1} ⋯ D₁ W₁ uses D_l = diag(φ′(h_l)).
 * So an activation is a plain object `{ name, f, df }`:
 *
 *   activations.relu.f(-1)  // 0
 *   activations.tanh.df(0)  // 1
 *   customActivation("cube", (x) => x ** 3, (x) => 3 * x * x)
 *
 * At a kink (ReLU at 0, hard-tanh at ±1) φ′ takes the value 0, the usual convention. One table serves the
 * MLPs of Day 1, autograd, and the mean-field and Jacobian computations of Day 2.
 */
import { erf, normalCdf, normalPdf } from "./erf";

/** An activation function φ with its derivative φ′. */
export interface Activation {
  /** A short name, shown in model summaries: "relu", "tanh", … */
  readonly name: string;
  /** φ(x). */
  f(x: number): number;
  /** φ′(x). */
  df(x: number): number;
}

class NamedActivation implements Activation {
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  constructor(
    readonly name: string,
    readonly f: (x: number) => number,
    readonly df: (x: number) => number,
  ) {}
  toString(): string {
    return `Activation(${this.name})`;
  }
}

/**
 * A user-supplied activation: φ and φ′ as functions of one number.
 * `customActivation("cube", x => x ** 3, x => 3 * x * x)`.
 */
export function customActivation(name: string, f: (x: number) => number, df: (x: number) => number): Activation {
  if (typeof name !== "string" || name.length === 0) throw new TypeError(`customActivation: name must be a non-empty string, got ${String(name)}`);
  if (typeof f !== "function") throw new TypeError(`customActivation("${name}"): φ (f) must be a function of one number, got ${typeof f}`);
  if (typeof df !== "function") throw new TypeError(`customActivation("${name}"): φ′ (df) must be a function of one number, got ${typeof df}`);
  return new NamedActivation(name, f, df);
}

function sigmoid(x: number): number {
  // Two branches so that exp never overflows.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * The activations of the lecture, as `{ name, f, df }` objects:
 * - identity: φ(x) = x (a "deep linear network", y = ABx)
 * - relu: φ(x) = max(0, x), φ′(x) = 1[x > 0]
 * - tanh: φ′(x) = 1 − tanh²(x)
 * - sigmoid: σ(x) = 1/(1 + e^{−x}), σ′ = σ(1 − σ)
 * - hardTanh: φ(x) = clip(x, −1, 1), φ′(x) = 1[|x| < 1]
 * - gelu: φ(x) = x Φ(x) with Φ the standard normal CDF, φ′(x) = Φ(x) + x·Φ′(x) (exact, not the tanh approximation)
 * - erf: φ(x) = erf(x), φ′(x) = (2/√π) e^{−x²} (has closed-form infinite-width kernels)
 * - softplus: φ(x) = log(1 + eˣ), φ′ = σ(x)
 */
export const activations = {
  identity: new NamedActivation(
    "identity",
    (x) => x,
    () => 1,
  ),
  relu: new NamedActivation(
    "relu",
    // x ≤ 0 is false for NaN: a NaN input stays NaN instead of becoming a silent 0.
    (x) => (x > 0 ? x : x <= 0 ? 0 : NaN),
    (x) => (x > 0 ? 1 : x <= 0 ? 0 : NaN),
  ),
  tanh: new NamedActivation("tanh", Math.tanh, (x) => {
    const t = Math.tanh(x);
    return 1 - t * t;
  }),
  sigmoid: new NamedActivation("sigmoid", sigmoid, (x) => {
    const s = sigmoid(x);
    return s * (1 - s);
  }),
  hardTanh: new NamedActivation(
    "hardTanh",
    (x) => (x > 1 ? 1 : x < -1 ? -1 : x),
    (x) => (x > -1 && x < 1 ? 1 : Number.isNaN(x) ? NaN : 0),
  ),
  gelu: new NamedActivation(
    "gelu",
    (x) => x * normalCdf(x),
    (x) => normalCdf(x) + x * normalPdf(x),
  ),
  erf: new NamedActivation("erf", erf, (x) => (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x)),
  softplus: new NamedActivation(
    "softplus",
    (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
    sigmoid,
  ),
};

/** The names of the built-in activations: "identity" | "relu" | "tanh" | … */
export type ActivationName = keyof typeof activations;

/** An activation object, or the name of a built-in one. */
export type ActivationSpec = Activation | ActivationName;

/** Resolves `"relu"` to `activations.relu`; passes activation objects through; clear error otherwise. */
export function resolveActivation(activation: ActivationSpec, argumentName = "activation"): Activation {
  if (typeof activation === "string") {
    const found = (activations as Record<string, Activation>)[activation];
    if (!found) {
      throw new RangeError(
        `${argumentName} must be one of ${Object.keys(activations).map((k) => `"${k}"`).join(", ")} or an activation object, got "${activation}"`,
      );
    }
    return found;
  }
  if (activation == null || typeof activation.f !== "function" || typeof activation.df !== "function") {
    throw new TypeError(`${argumentName} must be an activation {name, f, df} (e.g. activations.relu) or its name, got ${String(activation)}`);
  }
  return activation;
}
