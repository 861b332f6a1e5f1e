export * from "./monitor";
export { activations, customActivation, getActivation } from "./activations";
export type { Activation, ActivationName, ActivationLike } from "./activations";
