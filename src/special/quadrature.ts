/**
 * Gaussian quadrature: Gauss–Hermite for expectations under a normal law, Gauss–Legendre for integrals over an
 * interval.
 *
 * Gauss–Hermite quadrature: ∫ f(x) e^{−x²} dx ≈ Σ_i w_i f(x_i), exact for polynomials f of degree ≤ 2n − 1.
 *
 * Golub–Welsch (1969): the nodes x_i are the eigenvalues of the symmetric tridiagonal Jacobi matrix of the
 * (physicists') Hermite polynomials, zero diagonal and off-diagonal √(k/2), k = 1…n−1; the weights are
 * w_i = √π · v_{i,0}² with v_i the normalised eigenvector. Used for Gaussian expectations
 * E_{h~N(0,q)}[g(h)] = (1/√π) Σ_i w_i g(√(2q) x_i).
 */
import { eigh } from "../linalg/eigh";
import { fromFloat64 } from "../linalg/matrix";
import { requireFinite, requireInteger } from "../util/errors";

/** Quadrature nodes (ascending) and weights (Σ w_i = √π). */
export interface GaussHermiteRule {
  nodes: Float64Array;
  weights: Float64Array;
}

const cache = new Map<number, GaussHermiteRule>();

/** The n-point Gauss–Hermite rule for the weight e^{−x²} (cached; do not modify the arrays). */
export function gaussHermite(n: number): GaussHermiteRule {
  requireInteger("n", n, 1);
  const hit = cache.get(n);
  if (hit) return hit;
  const J = new Float64Array(n * n);
  for (let k = 1; k < n; k++) {
    const b = Math.sqrt(k / 2);
    J[k * n + k - 1] = b;
    J[(k - 1) * n + k] = b;
  }
  const { values, vectors } = eigh(fromFloat64(J, n, n));
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = Math.sqrt(Math.PI) * vectors.data[i] ** 2;
  // Polish each node by Newton's method on the orthonormal Hermite polynomial p_n (p_n′ = √(2n) p_{n−1}) and
  // recompute the weight as the Christoffel number w = 1 / Σ_{k<n} p_k(x)²: this brings both to full precision.
  const nodes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = 0.5 * (values[i] - values[n - 1 - i]);
    for (let it = 0; it < 3; it++) {
      const { pn, pn1 } = hermiteOrthonormal(x, n);
      const step = pn / (Math.sqrt(2 * n) * pn1);
      if (!Number.isFinite(step)) break;
      x -= step;
    }
    nodes[i] = x;
  }
  for (let i = 0; i < n; i++) {
    const x = 0.5 * (nodes[i] - nodes[n - 1 - i]);
    nodes[i] = x;
    weights[i] = 1 / hermiteOrthonormal(x, n).sumSq;
  }
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}

/** E_{h~N(0, q)}[g(h)] by n-point Gauss–Hermite quadrature (default n = 80: even, so no node sits on a kink at 0). */
export function gaussianExpectation(g: (h: number) => number, variance: number, n = 80): number {
  requireFinite("variance", variance);
  if (variance < 0) throw new RangeError(`variance must be ≥ 0, got ${variance}`);
  const { nodes, weights } = gaussHermite(n);
  const s = Math.sqrt(2 * variance);
  let sum = 0;
  for (let i = 0; i < nodes.length; i++) sum += weights[i] * g(s * nodes[i]);
  return sum / Math.sqrt(Math.PI);
}

/** p_n(x), p_{n−1}(x) and Σ_{k<n} p_k(x)² for the Hermite polynomials orthonormal for e^{−x²}. */
function hermiteOrthonormal(x: number, n: number): { pn: number; pn1: number; sumSq: number } {
  let prev = 0;
  let cur = Math.PI ** -0.25;
  let sumSq = 0;
  for (let k = 0; k < n; k++) {
    sumSq += cur * cur;
    const next = Math.sqrt(2 / (k + 1)) * x * cur - Math.sqrt(k / (k + 1)) * prev;
    prev = cur;
    cur = next;
  }
  return { pn: cur, pn1: prev, sumSq };
}

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton's method on P_n, Golub–Welsch not needed for small n). */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  requireInteger("n", n, 1);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5)); // a good first guess for the i-th root
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      // Three-term recurrence: (k+1) P_{k+1} = (2k+1) x P_k − k P_{k−1}.
      let p0 = 1;
      let p1 = x;
      for (let k = 1; k < n; k++) {
        const p2 = ((2 * k + 1) * x * p1 - k * p0) / (k + 1);
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pnm1 = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pnm1)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-15) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  return { nodes, weights };
}
