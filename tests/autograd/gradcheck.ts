import { Tensor, noGrad } from "../../src/autograd/index";
import { randomGenerator } from "../../src/random/index";

/**
 * Compares the autograd gradient of `f` (made scalar by a fixed random weighting of its output) with
 * central finite differences at each entry of each input. Returns the largest relative error
 * ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖, 1e-12) over the inputs.
 */
export function gradCheck(f: (...inputs: Tensor[]) => Tensor, inputs: Tensor[], seed = 1, h = 1e-5): number {
  for (const t of inputs) {
    t.requiresGrad = true;
    t.grad = null;
  }
  const out = f(...inputs);
  const weights = Tensor.randn(out.shape, randomGenerator(seed));
  const scalar = (o: Tensor) => (o.size === 1 && o.ndim === 0 ? o : o.mul(weights).sum());
  scalar(out).backward();
  let worst = 0;
  for (const t of inputs) {
    const analytic = t.grad ?? new Float64Array(t.size);
    const numeric = new Float64Array(t.size);
    for (let k = 0; k < t.size; k++) {
      const saved = t.data[k];
      t.data[k] = saved + h;
      const up = noGrad(() => scalar(f(...inputs)).item());
      t.data[k] = saved - h;
      const down = noGrad(() => scalar(f(...inputs)).item());
      t.data[k] = saved;
      numeric[k] = (up - down) / (2 * h);
    }
    let diff = 0;
    let na = 0;
    let nn = 0;
    for (let k = 0; k < t.size; k++) {
      diff += (analytic[k] - numeric[k]) ** 2;
      na += analytic[k] ** 2;
      nn += numeric[k] ** 2;
    }
    worst = Math.max(worst, Math.sqrt(diff) / Math.max(Math.sqrt(na), Math.sqrt(nn), 1e-12));
  }
  return worst;
}

/** A random tensor with entries N(0, 1) (or uniform in [low, high] if given). */
export function randomTensor(shape: number[], seed: number, low?: number, high?: number): Tensor {
  const rng = randomGenerator(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const data = low === undefined ? rng.normalArray(n, 0, 1) : rng.uniformArray(n, low, high ?? 1);
  return new Tensor(Float64Array.from(data), shape);
}
