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
  criticalPoint,
} from "./meanField";
export type { MeanFieldOptions, MeanFieldFixedPoint } from "./meanField";
export { signalPropagation, hiddenNormIdentity, activationScale } from "./signal";
export type { SignalPropagationOptions, SignalPropagationResult, NormIdentityCheck, ActivationScaleCheck } from "./signal";
