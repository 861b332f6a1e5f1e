/**
 * Activations as plain objects {name, f, df}: φ and its derivative φ′ (the same shape as the learning library's
 * activation objects, so those can be passed directly). A name string picks one of the built-ins below.
 */
import { describe } from "../util/errors";

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

/** erf(x) to about 1e-15 relative accuracy (series near 0, continued fraction for |x| large). */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // Taylor series erf(x) = 2/√π Σ (−1)^k x^{2k+1} / (k! (2k+1)).
    let term = ax;
    let sum = ax;
    const x2 = ax * ax;
    for (let k = 1; k < 100; k++) {
      term *= -x2 / k;
      const add = term / (2 * k + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  if (ax > 6) return Math.sign(x);
  // erfc(x) = e^{−x²}/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …)))) (Lentz-free backward evaluation).
  let frac = 0;
  for (let k = 60; k >= 1; k--) frac = (k / 2) / (ax + frac);
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + frac);
  return Math.sign(x) * (1 - erfc);
}

const builtins: Record<ActivationName, ActivationLike> = {
  linear: { name: "linear", f: (x) => x, df: () => 1 },
  relu: { name: "relu", f: (x) => (x > 0 ? x : 0), df: (x) => (x > 0 ? 1 : 0) },
  tanh: { name: "tanh", f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2 },
  hardTanh: { name: "hardTanh", f: (x) => Math.max(-1, Math.min(1, x)), df: (x) => (x > -1 && x < 1 ? 1 : 0) },
  erf: { name: "erf", f: erf, df: (x) => (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) },
  sigmoid: {
    name: "sigmoid",
    f: (x) => 1 / (1 + Math.exp(-x)),
    df: (x) => {
      const s = 1 / (1 + Math.exp(-x));
      return s * (1 - s);
    },
  },
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
