/**
 * Reverse-mode automatic differentiation on float64 tensors (micrograd at tensor granularity).
 * Operations are methods of `Tensor` (x.matmul(w).add(b).relu().sum()); the fused layer `linear` and the
 * losses are functions.
 */
export { Tensor, tensor, noGrad, isGradEnabled, formatTensor } from "./tensor";
export type { TensorInput, TensorOptions } from "./tensor";
export { linear } from "./matmul";
export { broadcastShapes } from "./elementwise";
export { l2Loss, l1Loss, softmaxCrossEntropy, weightDecayPenalty } from "./losses";
export type { Reduction, LossOptions } from "./losses";
