/**
 * Initialisations of a layer's W ∈ ℝ^{n_out×n_in} and b ∈ ℝ^{n_out} (lecture §7, §9).
 *
 * - gaussianInit(σ_w, σ_b): W_ij ~ N(0, σ_w²/n_in), b_i ~ N(0, σ_b²), the notes' parametrisation. The notes'
 *   first example, W_ij ~ N(0, 1/n) and b_i ~ N(0, 1/n), is σ_w = 1, σ_b = 1/√n (pass σ_b = 1/√n yourself).
 * - lecunInit: σ_w² = 1;  heInit: σ_w² = 2 (keeps E‖h_l‖² constant through ReLU layers);
 *   xavierInit: Var W_ij = 2/(n_in + n_out). Biases zero for these three.
 * - orthogonalInit(σ_w): W = σ_w · (a Haar-distributed orthogonal matrix, cut to n_out × n_in), so all
 *   singular values of W equal σ_w (dynamical isometry experiments).
 */
import { ginibre, haarOrthogonal, RandomGenerator } from "../random/index";
import { qr } from "../linalg/qr";

export interface Initializer {
  readonly name: string;
  /** n_out × n_in weights, row-major. */
  weight(nOut: number, nIn: number, rng: RandomGenerator): Float64Array;
  /** n_out biases. */
  bias(nOut: number, rng: RandomGenerator): Float64Array;
}

function requireSigma(where: string, name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${where}: ${name} must be a finite number ≥ 0, got ${String(value)}`);
  }
}

class SimpleInitializer implements Initializer {
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  constructor(
    readonly name: string,
    readonly weight: (nOut: number, nIn: number, rng: RandomGenerator) => Float64Array,
    readonly bias: (nOut: number, rng: RandomGenerator) => Float64Array,
  ) {}
  toString(): string {
    return this.name;
  }
}

/** W_ij ~ N(0, σ_w²/n_in), b_i ~ N(0, σ_b²). */
export function gaussianInit(sigmaW = 1, sigmaB = 0): Initializer {
  requireSigma("gaussianInit", "σ_w (sigmaW)", sigmaW);
  requireSigma("gaussianInit", "σ_b (sigmaB)", sigmaB);
  return new SimpleInitializer(
    `gaussian(σ_w=${sigmaW}, σ_b=${sigmaB})`,
    (nOut, nIn, rng) => rng.normalArray(nOut * nIn, 0, sigmaW / Math.sqrt(nIn)),
    (nOut, rng) => (sigmaB === 0 ? new Float64Array(nOut) : rng.normalArray(nOut, 0, sigmaB)),
  );
}

/** LeCun: Var W_ij = 1/n_in, b = 0. */
export function lecunInit(): Initializer {
  const g = gaussianInit(1, 0);
  return new SimpleInitializer("lecun", g.weight, g.bias);
}

/** He (Kaiming): Var W_ij = 2/n_in, b = 0 (for ReLU). */
export function heInit(): Initializer {
  const g = gaussianInit(Math.SQRT2, 0);
  return new SimpleInitializer("he", g.weight, g.bias);
}

/** Xavier (Glorot) normal: Var W_ij = 2/(n_in + n_out), b = 0. */
export function xavierInit(): Initializer {
  return new SimpleInitializer(
    "xavier",
    (nOut, nIn, rng) => rng.normalArray(nOut * nIn, 0, Math.sqrt(2 / (nIn + nOut))),
    (nOut) => new Float64Array(nOut),
  );
}

/**
 * W = σ_w Q with Q Haar on O(max(n_out, n_in)) cut to its first n_out rows and n_in columns
 * (orthonormal rows or columns, so all min(n_out, n_in) singular values are σ_w); b_i ~ N(0, σ_b²).
 */
export function orthogonalInit(sigmaW = 1, sigmaB = 0): Initializer {
  requireSigma("orthogonalInit", "σ_w (sigmaW)", sigmaW);
  requireSigma("orthogonalInit", "σ_b (sigmaB)", sigmaB);
  return new SimpleInitializer(
    `orthogonal(σ_w=${sigmaW}, σ_b=${sigmaB})`,
    (nOut, nIn, rng) => {
      // A Haar n×n matrix (n = max) cut to n_out × n_in keeps k = min(n_out, n_in) of its columns (n_out ≥ n_in) or
      // rows (n_out < n_in, and then its transpose, also Haar, keeps k columns). The first k columns of a Haar
      // matrix are the sign-corrected reduced Q of an n×k Ginibre matrix (Mezzadri's construction: Gram–Schmidt of
      // column j only sees columns 1…j), so that Q is sampled directly, in O(n k²) instead of O(n³).
      const n = Math.max(nOut, nIn);
      const k = Math.min(nOut, nIn);
      const { Q, R } = qr(ginibre(n, k, 1, rng));
      const sign = Array.from({ length: k }, (_, j) => (R.get(j, j) < 0 ? -sigmaW : sigmaW));
      const w = new Float64Array(nOut * nIn);
      for (let i = 0; i < nOut; i++) {
        for (let j = 0; j < nIn; j++) w[i * nIn + j] = nOut >= nIn ? sign[j] * Q.get(i, j) : sign[i] * Q.get(j, i);
      }
      return w;
    },
    (nOut, rng) => (sigmaB === 0 ? new Float64Array(nOut) : rng.normalArray(nOut, 0, sigmaB)),
  );
}

/** The built-in initialisers by name (defaults σ_w = 1, σ_b = 0). */
export const initializers = {
  gaussian: gaussianInit,
  lecun: lecunInit,
  he: heInit,
  xavier: xavierInit,
  orthogonal: orthogonalInit,
};
export type InitializerName = keyof typeof initializers;

/** The law of a random network's weights: i.i.d. Gaussian entries, or a scaled block of a Haar orthogonal matrix. */
export type WeightDistribution = "gaussian" | "orthogonal";

/** How σ_w and σ_b enter the network (see `MlpOptions.parametrization`). */
export type Parametrization = "standard" | "ntk";

/**
 * The initialiser of Day 2's random networks (`randomFeedForward`): raw weights W_ij ~ N(0, 1), or
 * √n · (a Haar orthogonal matrix of size n = max(n_out, n_in), cut to n_out × n_in) for "orthogonal", and raw
 * biases b_i ~ N(0, 1). In the standard parametrisation they are then scaled to W_ij ~ N(0, σ_w²/n_in) (or σ_w·O)
 * and b_i ~ N(0, σ_b²); in the ntk parametrisation they stay raw (the network multiplies by σ_w/√n_in and σ_b).
 * The biases are drawn even when σ_b = 0, so a seed gives the same weights for every σ_b.
 */
export function randomNetworkInit(sigmaW: number, sigmaB: number, weights: WeightDistribution, parametrization: Parametrization): Initializer {
  const standard = parametrization === "standard";
  return new SimpleInitializer(
    `${weights}(σ_w=${sigmaW}, σ_b=${sigmaB}, ${parametrization})`,
    (nOut, nIn, rng) => {
      let raw: Float64Array;
      if (weights === "gaussian") raw = rng.normalArray(nOut * nIn, 0, 1);
      else {
        const big = Math.max(nIn, nOut);
        const Q = haarOrthogonal(big, rng).data;
        raw = new Float64Array(nOut * nIn);
        const s = Math.sqrt(big);
        for (let i = 0; i < nOut; i++) for (let j = 0; j < nIn; j++) raw[i * nIn + j] = s * Q[i * big + j];
      }
      if (standard) {
        const a = sigmaW / Math.sqrt(nIn);
        for (let i = 0; i < raw.length; i++) raw[i] *= a;
      }
      return raw;
    },
    (nOut, rng) => {
      const b = rng.normalArray(nOut, 0, 1);
      return standard ? b.map((v) => v * sigmaB) : b;
    },
  );
}
