/**
 * Signal propagation (Day 2, §7): activations as objects, Gauss–Hermite quadrature, the mean-field variance map
 * with its fixed point and χ₁, plain random feed-forward networks, and measured ‖h_l‖² through depth.
 */
export {
  meanFieldVarianceMap,
  meanFieldTrajectory,
  meanFieldFixedPoint,
  meanFieldChi1,
  preactivationVariances,
  fixedPointInputVariance,
} from "./meanField";
export type { MeanFieldOptions, MeanFieldFixedPoint } from "./meanField";
export {
  randomFeedForward,
  forwardPass,
  feedForwardOutput,
  backwardDeltas,
  layerMultipliers as feedForwardMultipliers,
  checkNet as checkFeedForwardNet,
  feedForwardFromMlp,
  describeFeedForward,
} from "./network";
export type { MlpLike, FeedForwardNet, FeedForwardOptions, ForwardPass, Parametrization, WeightDistribution } from "./network";
export { signalPropagation, hiddenNormIdentity, activationScale } from "./signal";
export type { SignalPropagationOptions, SignalPropagationResult, NormIdentityCheck, ActivationScaleCheck } from "./signal";
