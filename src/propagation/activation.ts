/**
 * Activations as plain objects {name, f, df}: φ and its derivative φ′ (the same shape as the learning library's
 * activation objects, so those can be passed directly). A name string picks one of the built-ins below.
 */
import { describe } from "../util/errors";
import { activations, customActivation, erf } from "../nn/activations";

/** An activation φ : ℝ → ℝ with its derivative φ′ (defined everywhere except at finitely many points). */
export interface ActivationLike {
  name: string;
  f(x: number): number;
  df(x: number): number;
}

/** The names `resolveActivation` understands. */
export type ActivationName = "linear" | "relu" | "tanh" | "hardTanh" | "erf" | "sigmoid";

/** Either an activation object or the name of a built-in one. */
export type ActivationSpec = ActivationLike | ActivationName;

/** erf(x), the learning library's implementation (re-exported here as `errorFunction`). */
export { erf };

/**
 * The built-in activations are the learning library's objects (src/nn/activations.ts), so a network of
 * src/nn and one of this folder compute with the same φ and φ′; "linear" is the Day-2 name of identity.
 */
const builtins: Record<ActivationName, ActivationLike> = {
  linear: customActivation("linear", activations.identity.f, activations.identity.df),
  relu: activations.relu,
  tanh: activations.tanh,
  hardTanh: activations.hardTanh,
  erf: activations.erf,
  sigmoid: activations.sigmoid,
};

/** The activation object for `spec` (a name such as "relu", or an object {name, f, df} returned as is). */
export function resolveActivation(spec: ActivationSpec, argName = "activation"): ActivationLike {
  if (typeof spec === "string") {
    const a = (builtins as Record<string, ActivationLike | undefined>)[spec];
    if (!a) {
      throw new RangeError(`${argName} must be one of ${Object.keys(builtins).join(", ")} or an object {name, f, df}, got ${describe(spec)}`);
    }
    return a;
  }
  if (spec == null || typeof spec !== "object" || typeof spec.f !== "function" || typeof spec.df !== "function") {
    throw new TypeError(`${argName} must be a name such as "relu" or an object {name, f, df}, got ${describe(spec)}`);
  }
  return spec;
}
