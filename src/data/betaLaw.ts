/**
 * The law of mixup's weight λ ~ Beta(a, b): its density
 *
 *   p(λ) = λ^{a−1} (1 − λ)^{b−1} / B(a, b),   B(a, b) = Γ(a) Γ(b) / Γ(a + b),   0 < λ < 1,
 *
 * computed through log Γ (so that large or small parameters do not overflow). Beta(½, ½) is the arcsine law
 * 1 / (π √(λ(1 − λ))) of mixup with α = ½; Beta(1, 1) is uniform.
 */
import { logGamma } from "../special/numbers";
import { requirePositive } from "../util/errors";

/** The Beta(a, b) density as a function of λ (0 outside (0, 1)). */
export function betaDensity(a: number, b: number): (lambda: number) => number {
  requirePositive("betaDensity: a", a);
  requirePositive("betaDensity: b", b);
  const logB = logGamma(a) + logGamma(b) - logGamma(a + b);
  return (lambda: number) => {
    if (!(lambda > 0 && lambda < 1)) return 0;
    return Math.exp((a - 1) * Math.log(lambda) + (b - 1) * Math.log(1 - lambda) - logB);
  };
}
