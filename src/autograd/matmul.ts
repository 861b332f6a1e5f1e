/**
 * Matrix products through `gemm` (src/linalg/gemm.ts).
 *
 * For C = A·B (A m×k, B k×n) and G = ∂L/∂C the backward products are
 *   ∂L/∂A = G Bᵀ   and   ∂L/∂B = Aᵀ G,
 * computed with gemm's transB / transA flags, which read the transposes in place (nothing is copied).
 *
 * `linear(X, W, b)` is the layer of the notes, h = W x + b, for a batch whose samples are the ROWS of X:
 *   H = X Wᵀ + 1 bᵀ   (X is N×n_in, W is n_out×n_in as in the notes, H is N×n_out),
 * i.e. row i of H is (W xᵢ + b)ᵀ. Its backward is ∂L/∂X = G W, ∂L/∂W = Gᵀ X, ∂L/∂b = Σ_rows G.
 */
import { gemm } from "../linalg/gemm";
import { shapeMismatch } from "../util/errors";
import { formatShape } from "../util/errors";
import { makeResult, Tensor } from "./graph";
import { TensorInput, toTensor } from "./create";

function requireMatrix(t: Tensor, where: string, name: string): void {
  if (t.ndim !== 2) throw new RangeError(`${where}: ${name} must be a matrix (2 axes), but its shape is ${formatShape(t.shape)}`);
}

/** C = A · B. */
export function matmul(aIn: TensorInput, bIn: TensorInput): Tensor {
  const a = toTensor(aIn, "matmul: A");
  const b = toTensor(bIn, "matmul: B");
  requireMatrix(a, "matmul", "A");
  requireMatrix(b, "matmul", "B");
  const [m, k] = a.shape;
  const [k2, n] = b.shape;
  if (k !== k2) shapeMismatch("matmul", "A", a.shape, "B", b.shape, "A's columns must equal B's rows");
  const out = new Float64Array(m * n);
  gemm(false, false, m, n, k, 1, a.data, b.data, 0, out);
  const result: Tensor = makeResult(out, [m, n], "matmul", [a, b], () => {
    const g = result.grad as Float64Array;
    if (a.requiresGrad) gemm(false, true, m, k, n, 1, g, b.data, 1, a.gradBuffer()); // ∂L/∂A += G Bᵀ
    if (b.requiresGrad) gemm(true, false, k, n, m, 1, a.data, g, 1, b.gradBuffer()); // ∂L/∂B += Aᵀ G
  });
  return result;
}

/**
 * H = a X Wᵀ + β b for a batch X (N×n_in, samples as rows), W (n_out×n_in), b (n_out) or null: the layer
 * h = a W x + β b of each sample. The multipliers a and β are 1 except in the ntk parametrisation (a = σ_w/√n_in,
 * β = σ_b). Backward: ∂L/∂X = a G W, ∂L/∂W = a Gᵀ X, ∂L/∂b = β Σ_rows G.
 */
export function linear(xIn: TensorInput, weight: Tensor, bias: Tensor | null = null, a = 1, beta = 1): Tensor {
  const x = toTensor(xIn, "linear: X");
  requireMatrix(x, "linear", "X");
  requireMatrix(weight, "linear", "W");
  const [N, nIn] = x.shape;
  const [nOut, nIn2] = weight.shape;
  if (nIn !== nIn2) {
    shapeMismatch("linear", "X", x.shape, "W", weight.shape, "X's columns (features per sample) must equal W's columns n_in (W is n_out × n_in)");
  }
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== nOut)) {
    shapeMismatch("linear", "W", weight.shape, "b", bias.shape, `b must be a vector of length n_out = ${nOut}`);
  }
  const out = new Float64Array(N * nOut);
  gemm(false, true, N, nOut, nIn, a, x.data, weight.data, 0, out);
  if (bias !== null) {
    const bd = bias.data;
    for (let i = 0; i < N; i++) for (let j = 0; j < nOut; j++) out[i * nOut + j] += beta * bd[j];
  }
  const parents = bias === null ? [x, weight] : [x, weight, bias];
  const result: Tensor = makeResult(out, [N, nOut], "linear", parents, () => {
    const g = result.grad as Float64Array;
    if (x.requiresGrad) gemm(false, false, N, nIn, nOut, a, g, weight.data, 1, x.gradBuffer()); // ∂L/∂X += a G W
    if (weight.requiresGrad) gemm(true, false, nOut, nIn, N, a, g, x.data, 1, weight.gradBuffer()); // ∂L/∂W += a Gᵀ X
    if (bias !== null && bias.requiresGrad) {
      const gb = bias.gradBuffer();
      for (let i = 0; i < N; i++) for (let j = 0; j < nOut; j++) gb[j] += beta * g[i * nOut + j]; // ∂L/∂b += β Σ_rows G
    }
  });
  return result;
}
