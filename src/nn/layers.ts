/**
 * Models of lecture §4: the linear model f_θ(x) = W x + b and the multilayer perceptron
 *   x₀ = x,  h_l = W_l x_{l−1} + b_l,  x_l = φ(h_l)  (l = 1…L),  f_Θ(x) = h_L.
 * The MLP is the library's one network type: Day 1 trains it (`fit`), Day 2 samples it at random
 * (`randomFeedForward`, optionally in the ntk parametrisation h_l = (σ_w/√n_{l−1}) W_l x_{l−1} + σ_b b_l) and
 * computes its signal propagation, Jacobians and kernels with the explicit passes of passes.ts.
 *
 * Convention: a batch stores its samples as ROWS (X is N × n), so a layer computes H = X Wᵀ + 1 bᵀ;
 * row i of H is (W xᵢ + b)ᵀ, exactly the notes' column formula h = W x + b applied to sample i.
 * W_l keeps the notes' shape n_l × n_{l−1}: `mlp.layers[l - 1].weight` is W_l.
 */
import { describe, formatShape, requireFinite } from "../util/errors";
import type { Matrix } from "../linalg/matrix";
import { RandomSource, toGenerator } from "../random/index";
import { Tensor, TensorInput, noGrad, toTensor } from "../autograd/tensor";
import { linear } from "../autograd/matmul";
import { Activation, ActivationSpec, resolveActivation } from "../special/activations";
import { Initializer, heInit, lecunInit, Parametrization } from "./init";
import { forwardPass, LayeredNetwork } from "./passes";

/** Anything `fit` can train: a forward map and its parameters. */
export interface Model {
  forward(x: Tensor): Tensor;
  parameters(): Tensor[];
}

export interface LinearOptions {
  /** Include b (default true). */
  bias?: boolean;
  /** Default lecunInit(): W_ij ~ N(0, 1/n_in), b = 0. */
  init?: Initializer;
  /** Generator or seed for the initial weights (default seed 0). */
  rng?: RandomSource;
}

/** One affine layer h = W x + b, W ∈ ℝ^{n_out×n_in}, b ∈ ℝ^{n_out}. */
export class Linear implements Model {
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly inputSize: number;
  readonly outputSize: number;

  constructor(inputSize: number, outputSize: number, options: LinearOptions = {}) {
    for (const [name, v] of [["inputSize", inputSize], ["outputSize", outputSize]] as const) {
      if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`Linear: ${name} must be an integer ≥ 1, got ${String(v)}`);
    }
    const rng = toGenerator(options.rng ?? 0);
    const init = options.init ?? lecunInit();
    this.inputSize = inputSize;
    this.outputSize = outputSize;
    this.weight = new Tensor(init.weight(outputSize, inputSize, rng), [outputSize, inputSize], { requiresGrad: true, name: "W" });
    this.bias = options.bias === false ? null : new Tensor(init.bias(outputSize, rng), [outputSize], { requiresGrad: true, name: "b" });
  }

  /** H = X Wᵀ + b for a batch X (N × n_in, one sample per row); a single vector x is treated as one row. */
  forward(x: TensorInput): Tensor {
    let input = toTensor(x, "Linear.forward: x");
    if (input.ndim === 1) input = input.reshape(1, -1);
    if (input.ndim !== 2 || input.shape[1] !== this.inputSize) {
      throw new RangeError(
        `Linear.forward: x must be N × ${this.inputSize} (one sample per row), got shape ${formatShape(input.shape)}`,
      );
    }
    return linear(input, this.weight, this.bias);
  }

  parameters(): Tensor[] {
    return this.bias === null ? [this.weight] : [this.weight, this.bias];
  }

  parameterCount(): number {
    return this.parameters().reduce((s, p) => s + p.size, 0);
  }

  toString(): string {
    return `Linear(${this.inputSize} → ${this.outputSize}${this.bias === null ? ", no bias" : ""}), ${this.parameterCount()} parameters`;
  }
}

export interface MlpOptions {
  /** φ, an activation object or name (default "relu"). Not applied after the last layer: f = h_L. */
  activation?: ActivationSpec;
  /** Biases b_l (default true). */
  bias?: boolean;
  /** Default heInit() for relu-like activations, lecunInit() otherwise. */
  init?: Initializer;
  /** Generator or seed for the initial weights (default seed 0). */
  rng?: RandomSource;
  /**
   * "standard" (default): h_l = W_l x_{l−1} + b_l, σ_w and σ_b live in the initial weights. "ntk" (Jacot et al.
   * 2018): h_l = (σ_w/√n_{l−1}) W_l x_{l−1} + σ_b b_l with raw W, b of unit variance; the same law at
   * initialisation, but gradients scaled so that the NTK has a limit as the width grows.
   */
  parametrization?: Parametrization;
  /** σ_w of the ntk multipliers (default 1; in the standard parametrisation only shown in summaries). */
  sigmaW?: number;
  /** σ_b of the ntk multipliers (default 0; in the standard parametrisation only shown in summaries). */
  sigmaB?: number;
}

/** What a plain forward pass records: the notes' h_l and x_l for every layer. */
export interface ForwardRecord {
  /** x[l] = x_l for l = 0…L−1 (x[0] is the input), each N × n_l. */
  x: Tensor[];
  /** h[l − 1] = h_l = W_l x_{l−1} + b_l for l = 1…L, each N × n_l. */
  h: Tensor[];
  /** f = h_L. */
  output: Tensor;
}

/** The MLP f_Θ with widths n₀ → n₁ → … → n_L (n₀ the input size, n_L the output size). */
export class MLP implements Model, LayeredNetwork {
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  /** layers[l − 1] holds W_l (n_l × n_{l−1}) and b_l. */
  readonly layers: Linear[];
  readonly activation: Activation;
  readonly widths: number[];
  readonly init: Initializer;
  readonly parametrization: Parametrization;
  readonly sigmaW: number;
  readonly sigmaB: number;
  private readonly options: MlpOptions;

  constructor(widths: readonly number[], options: MlpOptions = {}) {
    if (!Array.isArray(widths) || widths.length < 2 || widths.some((w) => !Number.isSafeInteger(w) || w < 1)) {
      throw new RangeError(`MLP: widths must be at least two integers ≥ 1 [n₀, n₁, …, n_L], got ${JSON.stringify(widths)}`);
    }
    this.activation = resolveActivation(options.activation ?? "relu");
    this.widths = widths.slice();
    this.init = options.init ?? (["relu", "gelu", "softplus"].includes(this.activation.name) ? heInit() : lecunInit());
    this.parametrization = options.parametrization ?? "standard";
    if (this.parametrization !== "standard" && this.parametrization !== "ntk") {
      throw new RangeError(`MLP: parametrization must be "standard" or "ntk", got ${describe(this.parametrization)}`);
    }
    this.sigmaW = options.sigmaW ?? 1;
    this.sigmaB = options.sigmaB ?? 0;
    requireFinite("sigmaW", this.sigmaW);
    requireFinite("sigmaB", this.sigmaB);
    this.options = { ...options, rng: undefined };
    const rng = toGenerator(options.rng ?? 0);
    this.layers = [];
    for (let l = 1; l < widths.length; l++) {
      this.layers.push(new Linear(widths[l - 1], widths[l], { bias: options.bias, init: this.init, rng }));
    }
  }

  /** L, the number of layers (weight matrices). */
  get depth(): number {
    return this.layers.length;
  }

  get inputSize(): number {
    return this.widths[0];
  }

  get outputSize(): number {
    return this.widths[this.widths.length - 1];
  }

  /** The multipliers a_l (l = 1…L) and β of h_l = a_l W_l x_{l−1} + β b_l: all 1 in the standard parametrisation. */
  multipliers(): { a: number[]; beta: number } {
    if (this.parametrization === "ntk") return { a: this.widths.slice(0, -1).map((n) => this.sigmaW / Math.sqrt(n)), beta: this.sigmaB };
    return { a: this.layers.map(() => 1), beta: 1 };
  }

  /** f_Θ(X) for a batch (rows), recorded for autograd. */
  forward(x: TensorInput): Tensor {
    let out = this.layerForward(0, x);
    for (let l = 1; l < this.layers.length; l++) out = this.layerForward(l, this.applyActivation(out));
    return out;
  }

  /** h_l = a_l W_l x_{l−1} + β b_l (layer index l − 1), through autograd. */
  private layerForward(index: number, x: TensorInput): Tensor {
    const layer = this.layers[index];
    if (this.parametrization === "standard") return layer.forward(x);
    const { a, beta } = this.multipliers();
    let input = toTensor(x, "MLP.forward: x");
    if (input.ndim === 1) input = input.reshape(1, -1);
    return linear(input, layer.weight, layer.bias, a[index], beta);
  }

  /** f_Θ(X) without recording a graph. */
  predict(x: TensorInput): Tensor {
    return noGrad(() => this.forward(x));
  }

  /** A forward pass (no graph) that keeps every h_l and x_l, for backprop by hand: `forwardPass` as tensors. */
  forwardRecord(x: TensorInput): ForwardRecord {
    let input = toTensor(x, "MLP.forwardRecord: x");
    if (input.ndim === 1) input = input.reshape(1, -1);
    if (input.ndim !== 2 || input.shape[1] !== this.inputSize) {
      throw new RangeError(`MLP.forwardRecord: x must be N × ${this.inputSize} (one sample per row), got shape ${formatShape(input.shape)}`);
    }
    const pass = forwardPass(this, input.toMatrix());
    const asTensor = (m: Matrix): Tensor => new Tensor(m.data as Float64Array, m.shape);
    const h = pass.preactivations.map(asTensor);
    return { x: [input, ...pass.inputs.slice(1).map(asTensor)], h: h, output: h[h.length - 1] };
  }

  /** An independent copy (same options, weights copied), e.g. to train while keeping the initial network. */
  clone(): MLP {
    // Zeros under the original initialiser's name (no random draws, no QR for orthogonal weights), then the data.
    const zeros: Initializer = { name: this.init.name, weight: (nOut, nIn) => new Float64Array(nOut * nIn), bias: (nOut) => new Float64Array(nOut) };
    const copy = new MLP(this.widths, { ...this.options, init: zeros, activation: this.activation });
    copy.layers.forEach((layer, l) => {
      layer.weight.data.set(this.layers[l].weight.data);
      layer.bias?.data.set(this.layers[l].bias!.data);
    });
    return copy;
  }

  private applyActivation(h: Tensor): Tensor {
    switch (this.activation.name) {
      case "relu":
        return this.activation === resolveActivation("relu") ? h.relu() : h.activate(this.activation);
      case "tanh":
        return this.activation === resolveActivation("tanh") ? h.tanh() : h.activate(this.activation);
      case "identity":
        return this.activation === resolveActivation("identity") ? h : h.activate(this.activation);
      default:
        return h.activate(this.activation);
    }
  }

  /** All parameters Θ = (W₁, b₁, …, W_L, b_L). */
  parameters(): Tensor[] {
    return this.layers.flatMap((layer) => layer.parameters());
  }

  /** [W₁, …, W_L]. */
  weights(): Tensor[] {
    return this.layers.map((layer) => layer.weight);
  }

  /** [b₁, …, b_L] (empty without biases). */
  biases(): Tensor[] {
    return this.layers.flatMap((layer) => (layer.bias === null ? [] : [layer.bias]));
  }

  /** p = dim Θ. */
  parameterCount(): number {
    return this.layers.reduce((s, layer) => s + layer.parameterCount(), 0);
  }

  toString(): string {
    const ntk = this.parametrization === "ntk" ? `, ntk parametrisation σ_w=${this.sigmaW}, σ_b=${this.sigmaB}` : "";
    const lines = [`MLP ${this.widths.join(" → ")}  (φ = ${this.activation.name}, init ${this.init.name}${this.layers[0].bias === null ? ", no bias" : ""}${ntk})`];
    this.layers.forEach((layer, i) => {
      const b = layer.bias === null ? "" : `, b${i + 1} [${layer.outputSize}]`;
      lines.push(`  layer ${i + 1}: W${i + 1} [${layer.outputSize}, ${layer.inputSize}]${b}${i < this.layers.length - 1 ? `, then ${this.activation.name}` : " (output f = h_L)"}: ${layer.parameterCount().toLocaleString("en-US")} parameters`);
    });
    lines.push(`  total: ${this.parameterCount().toLocaleString("en-US")} parameters`);
    return lines.join("\n");
  }
}

/** `mlp([784, 256, 10], { activation: "relu", rng: 42 })`. */
export function mlp(widths: readonly number[], options: MlpOptions = {}): MLP {
  return new MLP(widths, options);
}
