/**
 * The input–output Jacobian of a deep network and its spectrum (Day 2, §9–10).
 *
 * J = ∂h_L/∂x_0 = a_L W_L D_{L−1} a_{L−1}W_{L−1} ⋯ D_1 a_1 W_1,  D_l = diag(φ′(h_l)).
 * At large width the layers are asymptotically free, so the eigenvalue law of JJᵀ is the free product
 *   μ_{JJᵀ} = μ_{W_LᵀW_L} ⊠ μ_{D²_{L−1}} ⊠ μ_{W_{L−1}ᵀW_{L−1}} ⊠ ⋯ ⊠ μ_{D²_1} ⊠ μ_{W_1ᵀW_1}
 * (Pennington, Schoenholz, Ganguli 2017, 2018), where μ_{WᵀW} is Marčenko–Pastur(λ = 1, σ_w²) for Gaussian
 * weights and δ_{σ_w²} for orthogonal ones, and μ_{D_l²} is the law of φ′(h)² for h ~ N(0, q_l).
 * Dynamical isometry: all singular values of J near 1 (orthogonal weights, χ₁ = 1, φ near-linear at 0).
 * Criticality (χ₁ = 1 at the fixed point q*) alone fixes only the scale: the mean of s² is σ_w² at every depth when
 * every q_l = q* (see `jacobianMomentPrediction`), while the spread of the s_i still grows with depth for Gaussian W.
 */
import { gemm } from "../linalg/gemm";
import { fromFloat64, Matrix } from "../linalg/matrix";
import { svdvals } from "../linalg/svd";
import { ActivationSpec, resolveActivation } from "../special/activations";
import { gaussHermite } from "../special/quadrature";
import { preactivationVariances } from "../propagation/meanField";
import { checkNetwork, forwardPass } from "../nn/passes";
import { FeedForwardNet, randomSquareNetwork, SquareNetworkOptions, squareNetworkSettings } from "../nn/random";
import { EmpiricalSpectrum } from "./spectrum";
import { marchenkoPasturLaw } from "./laws";
import { freeMultiplicativeConvolution } from "./free";
import { ConvolutionResult, pointMassResult, rescaleConvolution, shiftScaleConvolution, withMoments } from "./convolution";
import { DiscreteMeasure, pointMassAt, toDiscreteMeasure } from "./measures";
import { freeMultiplicativeMoments } from "./series";
import { requireInteger, shapeMismatch, requireObject } from "../util/errors";

/** J = ∂f/∂x at the input x (length n_0): an n_L × n_0 matrix, by forward accumulation of the layer products. */
export function networkJacobian(net: FeedForwardNet, x: ArrayLike<number>): Matrix {
  checkNetwork(net);
  const n0 = net.widths[0];
  if (x == null || x.length !== n0) shapeMismatch("networkJacobian(net, x)", "x", [x?.length ?? 0], "the input layer", [n0], "x must have n_0 entries");
  const pass = forwardPass(net, fromFloat64(Float64Array.from(x), 1, n0));
  const { a } = net.multipliers();
  const L = net.layers.length;
  let M = net.layers[0].weight.data.map((v) => v * a[0]);
  const dphi = net.activation.df;
  for (let l = 1; l < L; l++) {
    const nPrev = net.widths[l];
    const h = pass.preactivations[l - 1].data;
    for (let i = 0; i < nPrev; i++) {
      const d = dphi(h[i]);
      for (let j = 0; j < n0; j++) M[i * n0 + j] *= d;
    }
    const nOut = net.widths[l + 1];
    const next = new Float64Array(nOut * n0);
    gemm(false, false, nOut, n0, nPrev, a[l], net.layers[l].weight.data, M, 0, next);
    M = next;
  }
  return fromFloat64(M, net.widths[L], n0);
}

/** Options for sampling Jacobian spectra of square networks (`initializations` default 1). */
export type JacobianSpectrumOptions = SquareNetworkOptions;

/** The singular values of J over `initializations` random networks (and one random input each), pooled. */
export function jacobianSingularValues(opts: JacobianSpectrumOptions): EmpiricalSpectrum {
  const settings = squareNetworkSettings("jacobianSingularValues", opts, 1);
  const g = settings.rng;
  const all: number[] = [];
  for (let t = 0; t < settings.initializations; t++) {
    const net = randomSquareNetwork(settings);
    const x = g.normalArray(settings.width, 0, Math.sqrt(settings.inputVariance));
    for (const s of svdvals(networkJacobian(net, x))) all.push(s);
  }
  return new EmpiricalSpectrum(all, "singular values of J");
}

/** The law of a deep network in the limit of infinite width (no width, no generator): what the predictions take. */
export type JacobianLawOptions = Omit<SquareNetworkOptions, "width" | "rng" | "initializations">;

/** The law of φ′(h)² for h ~ N(0, q), as Gauss–Hermite atoms (exact for ReLU: ½δ_0 + ½δ_1). */
export function derivativeSquaredLaw(activation: ActivationSpec, q: number, points = 100): DiscreteMeasure {
  const phi = resolveActivation(activation);
  const { nodes, weights } = gaussHermite(points);
  const s = Math.sqrt(2 * q);
  const atoms = new Float64Array(points);
  const w = new Float64Array(points);
  for (let i = 0; i < points; i++) {
    atoms[i] = phi.df(s * nodes[i]) ** 2;
    w[i] = weights[i] / Math.sqrt(Math.PI);
  }
  return { atoms, weights: w };
}

/**
 * The law of φ′(h)² for h ~ N(0, q) as `points` atoms from an even grid of h on ±8√q, weights ∝ the Gaussian
 * density (an even count, so that no node sits on a kink at h = 0). This is the input of a numerical ⊠, which needs
 * atoms dense where the law has mass: Gauss–Hermite's 100 nodes are exact for moments but too sparse, and the
 * Cauchy kernel of a fine ⊠ grid would show them one by one.
 */
function derivativeSquaredAtoms(activation: ActivationSpec, q: number, points = 2000): DiscreteMeasure {
  const phi = resolveActivation(activation);
  const s = Math.sqrt(q);
  const atoms = new Float64Array(points);
  const w = new Float64Array(points);
  let total = 0;
  for (let i = 0; i < points; i++) {
    const z = -8 + (16 * i) / (points - 1);
    atoms[i] = phi.df(s * z) ** 2;
    w[i] = Math.exp(-0.5 * z * z);
    total += w[i];
  }
  for (let i = 0; i < points; i++) w[i] /= total;
  return { atoms, weights: w };
}

/** ∫ t^k dμ(t) of weighted atoms. */
function atomMoment(m: DiscreteMeasure, k: number): number {
  let s = 0;
  for (let i = 0; i < m.atoms.length; i++) s += m.weights[i] * m.atoms[i] ** k;
  return s;
}

/**
 * The atoms rescaled to the mean m₁ (t ↦ c·t), or, when `affine` and the result stays ≥ 0, mapped to mean m₁ and
 * variance v (t ↦ m₁ + s·(t − t̄)).
 */
function matchMoments(m: DiscreteMeasure, m1: number, v: number, affine: boolean): DiscreteMeasure {
  const mean = atomMoment(m, 1);
  const variance = atomMoment(m, 2) - mean * mean;
  if (affine && variance > 0 && v > 0) {
    const s = Math.sqrt(v / variance);
    let lowest = Infinity;
    for (let i = 0; i < m.atoms.length; i++) if (m.weights[i] > 0) lowest = Math.min(lowest, m1 + s * (m.atoms[i] - mean));
    if (lowest > 0) return { atoms: m.atoms.map((t) => m1 + s * (t - mean)), weights: m.weights };
  }
  const c = m1 / mean;
  return Number.isFinite(c) && c > 0 ? { atoms: m.atoms.map((t) => t * c), weights: m.weights } : m;
}

/** A ⊠ result on an even grid away from 0: no atom, and the grid starts above 1 % of its end. */
function awayFromZero(result: ConvolutionResult): boolean {
  return result.atom === null && result.x[0] > 0.01 * result.x[result.x.length - 1];
}

/**
 * The per-layer variances q_1 … q_{L−1} of the hidden pre-activations (the ones a D_l sees) for an input of
 * per-coordinate variance q_0 (`inputVariance`): q_1 = σ_w² q_0 + σ_b², then q_l = V(q_{l−1}).
 */
function hiddenVariances(depth: number, q0: number, sigmaW: number, sigmaB: number, activation: ActivationSpec): number[] {
  return Array.from(preactivationVariances(depth, q0, { sigmaW, sigmaB, activation })).slice(0, depth - 1);
}

/**
 * The free-probability prediction of the eigenvalue law of JJᵀ (squared singular values of J), by iterated ⊠ of
 * the layer laws (see the module comment); each intermediate density is re-discretised for the next product.
 *
 * Exact cases: when every layer law is a point mass (a linear network with orthogonal weights: JJᵀ = σ_w^{2L} I, or
 * φ′ constant where h lives) the result is the point mass δ_{σ_w^{2L}·Π c_l}, as an atom of mass 1.
 * Moments: `moment(k)` is exact, the moments of the free product itself (the same numbers as
 * jacobianMomentPrediction); the density's own moments, `densityMoment(k)`, have its first moment exact (each step is
 * rescaled to m₁(μ ⊠ ν) = m₁(μ)·m₁(ν)) and the second within 12 % at depth 8 (the tails lose a little at each step;
 * on an even grid away from 0 each step is also mapped to the exact variance). Tested: orthogonal tanh at q₀ = 0.005,
 * 0.01 (depths 1–16) and 0.02 (to depth 12) keeps its mass away from 0, variance within 15 %.
 * Each ⊠ smooths with a Cauchy kernel of width η (`result.eta`), so the law is resolved down to a few η: a law that
 * reaches 0 is computed on a grid dense near 0, and below ≈ 10η only its mass, not its shape, is right; a narrow law
 * away from 0 (orthogonal weights, tanh at a small input variance) on an even grid over its support.
 */
export function jacobianSpectrumPrediction(opts: JacobianLawOptions & {
  /** Grid points of each ⊠ (default 400). */
  points?: number;
}): ConvolutionResult {
  requireObject("jacobianSpectrumPrediction", "options", opts, "an object { depth, activation, sigmaW, … }");
  const depth = opts.depth;
  requireInteger("depth", depth, 1);
  const sigmaW = opts.sigmaW ?? 1;
  const sigmaB = opts.sigmaB ?? 0;
  const points = opts.points ?? 400;
  const qs = hiddenVariances(depth, opts.inputVariance ?? 1, sigmaW, sigmaB, opts.activation);
  const orthogonal = (opts.weights ?? "gaussian") === "orthogonal";
  // Each factor with its exact moments [1, m₁, m₂] (MP(1, σ²): σ², 2σ⁴; φ′(h)²: by Gauss–Hermite).
  const factors: { law: DiscreteMeasure; moments: number[] }[] = [];
  const mp = marchenkoPasturLaw(1, sigmaW ** 2);
  const weightLaw = orthogonal ? null : { law: toDiscreteMeasure(mp, 600), moments: [1, mp.moment(1), mp.moment(2)] };
  if (weightLaw) factors.push(weightLaw);
  // A layer law that is a point mass δ_c (φ linear, or φ′ constant where h lives) only rescales: μ ⊠ δ_c is μ scaled
  // by c. Folding it into the scale saves a numerical ⊠ and the smoothing error each one adds.
  // Orthogonal layers are point masses too (WᵀW = σ_w² I): collect every such scale and apply it at the end.
  let scale = orthogonal ? sigmaW ** (2 * depth) : 1;
  for (const q of qs) {
    const d = derivativeSquaredAtoms(opts.activation, q);
    const c = pointMassAt(d);
    const gh = derivativeSquaredLaw(opts.activation, q);
    if (c === null) factors.push({ law: d, moments: [1, atomMoment(gh, 1), atomMoment(gh, 2)] });
    else scale *= c;
    if (weightLaw) factors.push(weightLaw);
  }
  // Every layer law a point mass: JJᵀ = scale·I exactly.
  if (factors.length === 0) return pointMassResult(scale, "eigenvalues of JJᵀ (every layer law a point mass)", points);
  const exactMoments = (k: number) => jacobianMomentPrediction({ ...opts, K: Math.max(k, 1) })[k];
  // Each numerical ⊠ smooths with a Cauchy kernel, which biases the mean up by a fraction of a percent (and the
  // variance by a few percent); over many layers that compounds. The moments of a free product follow exactly from
  // the factors' (S-transforms multiply; m₁(μ ⊠ ν) = m₁(μ)·m₁(ν)), so after each step the atoms are rescaled to
  // the exact mean, and, for a law away from 0 (an even grid, no atom), mapped affinely to the exact mean and
  // variance: the shape is the numerical ⊠, the first two moments are exact.
  let acc: DiscreteMeasure = factors[0].law;
  let exact = factors[0].moments;
  let result: ConvolutionResult | null = null;
  for (let i = 1; i < factors.length; i++) {
    result = freeMultiplicativeConvolution(acc, factors[i].law, { points });
    exact = freeMultiplicativeMoments(exact, factors[i].moments);
    acc = matchMoments(toDiscreteMeasure(result), exact[1], exact[2] - exact[1] ** 2, awayFromZero(result));
  }
  const exactMean = exact[1];
  if (result == null) {
    // A single layer law: express it as a result on a grid by one ⊠ with δ_1 (scaled below).
    // A ⊠ with δ_1 only smooths, so η must exceed the spacing of the law's atoms (no second law to spread them).
    const spread = Math.sqrt(Math.max(atomMoment(acc, 2) - atomMoment(acc, 1) ** 2, 0));
    result = freeMultiplicativeConvolution(acc, { atoms: Float64Array.of(1), weights: Float64Array.of(1) }, { points, eta: 0.01 * spread });
  }
  // The last product gets the same correction, on its grid: exact mean, and exact variance for a law away from 0.
  const lastMean = result.densityMoment(1);
  const lastVariance = result.densityMoment(2) - lastMean ** 2;
  const s = Math.sqrt((exact[2] - exactMean ** 2) / lastVariance);
  if (awayFromZero(result) && Number.isFinite(s) && s > 0 && exactMean + s * (result.x[0] - lastMean) > 0) result = shiftScaleConvolution(result, exactMean, s);
  result = rescaleConvolution(result, (scale * exactMean) / result.densityMoment(1));
  return withMoments(result, exactMoments);
}

/**
 * The first K moments of μ_{JJᵀ} from the same free product, exactly (S-transforms of the layer laws). J has L
 * weight matrices and L − 1 factors D_l, so the first moment (the mean of s²) is
 *   m₁ = σ_w² · Π_{l=1}^{L−1} σ_w² E[φ′(h_l)²] = σ_w² χ₁^{L−1}  when every q_l = q* (see `fixedPointInputVariance`):
 * constant in depth at criticality (χ₁ = 1), but equal to σ_w², not 1.
 */
export function jacobianMomentPrediction(opts: JacobianLawOptions & { K?: number }): number[] {
  requireObject("jacobianMomentPrediction", "options", opts, "an object { depth, activation, sigmaW, … }");
  requireInteger("depth", opts.depth, 1);
  if (opts.K !== undefined) requireInteger("K", opts.K, 1);
  const K = opts.K ?? 4;
  const sigmaW = opts.sigmaW ?? 1;
  const qs = hiddenVariances(opts.depth, opts.inputVariance ?? 1, sigmaW, opts.sigmaB ?? 0, opts.activation);
  const mom = (m: DiscreteMeasure) => Array.from({ length: K + 1 }, (_, k) => atomMoment(m, k));
  const W = Array.from({ length: K + 1 }, (_, k) =>
    (opts.weights ?? "gaussian") === "orthogonal" ? sigmaW ** (2 * k) : marchenkoPasturLaw(1, sigmaW ** 2).moment(k),
  );
  let acc = W;
  for (const q of qs) acc = freeMultiplicativeMoments(freeMultiplicativeMoments(acc, mom(derivativeSquaredLaw(opts.activation, q))), W);
  return acc;
}
