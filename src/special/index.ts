/**
 * Special functions shared by the layers above: the error function and the normal law, log Γ and the
 * combinatorial numbers of the spectral laws, Gaussian quadrature, and the activation functions φ with φ′.
 */
export { erf, erfc, normalCdf, normalPdf } from "./erf";
export { logGamma, binomial as binomialCoefficient, catalanNumber, narayanaNumber, fussCatalanNumber } from "./numbers";
export { gaussHermite, gaussianExpectation, gaussLegendre } from "./quadrature";
export type { GaussHermiteRule } from "./quadrature";
export { activations, customActivation, resolveActivation } from "./activations";
export type { Activation, ActivationName, ActivationSpec } from "./activations";
