/**
 * Backpropagation for the MLP written out by hand (lecture §6), to read next to autograd.
 *
 * Forward: x₀ = x, h_l = W_l x_{l−1} + b_l, x_l = φ(h_l), f = h_L.
 * Backward, with δ_l := ∂L/∂h_l:
 *   δ_L = ∂L/∂f                                   (from the loss)
 *   δ_l = φ′(h_l) ⊙ W_{l+1}ᵀ δ_{l+1}              (l = L−1, …, 1)
 *   ∂L/∂W_l = δ_l x_{l−1}ᵀ,   ∂L/∂b_l = δ_l.
 * With the batch as rows (Δ_l is N × n_l, row i = δ_lᵀ for sample i) the same lines read
 *   Δ_l = φ′(H_l) ⊙ (Δ_{l+1} W_{l+1}),   ∂L/∂W_l = Δ_lᵀ X_{l−1},   ∂L/∂b_l = Σ_rows Δ_l,
 * and the per-sample gradients add up because the loss is a sum (or mean) over the batch.
 */
import { formatShape, describe } from "../util/errors";
import { isLabelArray, oneHotRows } from "../util/labels";
import { TensorInput, toTensor } from "../autograd/tensor";
import { logSumExpRow, softmaxRows } from "../autograd/reduce";
import type { MLP } from "./layers";
import { backwardDeltas, forwardPass, parameterGradients } from "./passes";
import type { Reduction } from "../autograd/losses";

export type BackpropLoss = "l2" | "l1" | "softmaxCrossEntropy";

export interface BackpropResult {
  /** The loss value L. */
  loss: number;
  /** weightGrads[l − 1] = ∂L/∂W_l (n_l × n_{l−1}, row-major). */
  weightGrads: Float64Array[];
  /** biasGrads[l − 1] = ∂L/∂b_l (empty if the MLP has no biases). */
  biasGrads: Float64Array[];
  /** deltas[l − 1] = Δ_l = ∂L/∂H_l (N × n_l): row i is δ_l for sample i. */
  deltas: Float64Array[];
}

/**
 * ∂L/∂W_l and ∂L/∂b_l of `loss` (same definitions and reduction as l2Loss / l1Loss / softmaxCrossEntropy)
 * by the δ recursion. `y` is N × n_L targets, or N integer labels for the cross entropy.
 */
export function backpropMlp(model: MLP, xIn: TensorInput, yIn: TensorInput, loss: BackpropLoss, options: { reduction?: Reduction } = {}): BackpropResult {
  if (model == null || typeof (model as MLP).forwardRecord !== "function") throw new TypeError(`backpropMlp: model must be an MLP (e.g. new MLP([784, 128, 10])), got ${describe(model)}`);
  let x = toTensor(xIn, "backpropMlp: x");
  if (x.ndim === 1) x = x.reshape(1, -1);
  if (x.ndim !== 2 || x.shape[1] !== model.inputSize) {
    throw new RangeError(`backpropMlp: x must be N × ${model.inputSize} (one sample per row), got shape ${formatShape(x.shape)}`);
  }
  const pass = forwardPass(model, x.toMatrix());
  const output = pass.preactivations[pass.preactivations.length - 1];
  const [N, nL] = output.shape;
  // ---- the target as an N × n_L matrix
  let y: Float64Array;
  if (loss === "softmaxCrossEntropy" && isLabelArray(yIn)) {
    if (yIn.length !== N) throw new RangeError(`backpropMlp: got ${yIn.length} labels for ${N} samples`);
    y = oneHotRows(yIn, nL, `backpropMlp (the model has ${nL} outputs)`);
  } else {
    const t = toTensor(yIn, "backpropMlp: y");
    if (t.size !== N * nL) throw new RangeError(`backpropMlp: y has shape ${formatShape(t.shape)} but the output f is ${formatShape(output.shape)}`);
    y = t.data;
  }
  const s = (options.reduction ?? "mean") === "mean" ? 1 / N : 1;

  // ---- δ_L = ∂L/∂f, and the loss value
  const f = output.data;
  const deltaL = new Float64Array(N * nL);
  let value = 0;
  if (loss === "l2") {
    // L = s Σ_i ‖f_i − y_i‖²  ⇒  δ_L = 2 s (f − y)
    for (let k = 0; k < f.length; k++) {
      const d = f[k] - y[k];
      value += s * d * d;
      deltaL[k] = 2 * s * d;
    }
  } else if (loss === "l1") {
    // L = s Σ_i ‖f_i − y_i‖₁  ⇒  δ_L = s sign(f − y)
    for (let k = 0; k < f.length; k++) {
      const d = f[k] - y[k];
      value += s * Math.abs(d);
      deltaL[k] = s * Math.sign(d);
    }
  } else if (loss === "softmaxCrossEntropy") {
    // L = −s Σ_i Σ_c y_ic log p_ic with p_i = softmax(f_i)  ⇒  δ_L = s (p Σ_c y_c − y)
    const p = new Float64Array(N * nL);
    softmaxRows(f, p, N, nL);
    for (let i = 0; i < N; i++) {
      // log p_ic = f_ic − log Σ_c e^{f_ic}: finite even when p_ic underflows to 0 (log of p_ic itself would be −∞).
      const logSumExp = logSumExpRow(f, i * nL, nL);
      let mass = 0;
      for (let c = 0; c < nL; c++) mass += y[i * nL + c];
      for (let c = 0; c < nL; c++) {
        const k = i * nL + c;
        if (y[k] !== 0) value -= s * y[k] * (f[k] - logSumExp);
        deltaL[k] = s * (mass * p[k] - y[k]);
      }
    }
  } else {
    throw new RangeError(`backpropMlp: loss must be "l2", "l1" or "softmaxCrossEntropy", got ${String(loss)}`);
  }

  // ---- backward through the layers: the δ recursion, then ∂L/∂W_l = Δ_lᵀ X_{l−1} and ∂L/∂b_l = Σ_rows Δ_l
  const deltas = backwardDeltas(model, pass, deltaL);
  const { weightGrads, biasGrads } = parameterGradients(model, pass, deltas);
  return { loss: value, weightGrads, biasGrads, deltas: deltas.map((d) => d.data as Float64Array) };
}
