/**
 * Testing the freeness the iterated ⊠ needs (Day 2, §10).
 *
 * The prediction μ_{JJᵀ} = μ_{W_LᵀW_L} ⊠ μ_{D²_{L−1}} ⊠ ⋯ ⊠ μ_{W_1ᵀW_1} treats D_l = diag(φ′(h_l)) as free from
 * the weights, although h_l = W_l x_{l−1} + b_l is computed from them. That this holds as the width grows is a
 * theorem for Haar orthogonal weights (Collins & Hayase, Comm. Math. Phys. 2023). `decoupledJacobianSingularValues`
 * builds the comparison a student can run: the same products with each D_l replaced by diag(φ′(h̃_l)), where the
 * entries of h̃_l are drawn i.i.d. N(0, q_l) independently of every weight (q_l from the variance map). If D_l(W)
 * were not asymptotically free from the W's, the two spectra would differ at large width.
 */
import { gemm } from "../linalg/gemm";
import { fromFloat64 } from "../linalg/matrix";
import { svdvals } from "../linalg/svd";
import { preactivationVariances } from "../propagation/meanField";
import { randomSquareNetwork, squareNetworkSettings } from "../nn/random";
import { EmpiricalSpectrum } from "./spectrum";
import type { JacobianSpectrumOptions } from "./jacobian";

/**
 * Singular values of J̃ = W_L D̃_{L−1} W_{L−1} ⋯ D̃_1 W_1 (square layers, the weights of `randomFeedForward` in the
 * standard parametrisation), D̃_l = diag(φ′(h̃_l)) with h̃_l ~ N(0, q_l I) independent of the weights, where
 * q_1 = σ_w² q_0 + σ_b² and q_{l+1} = V(q_l) (q_0 = `inputVariance`, default 1). Pooled over `initializations`.
 */
export function decoupledJacobianSingularValues(opts: JacobianSpectrumOptions): EmpiricalSpectrum {
  const settings = squareNetworkSettings("decoupledJacobianSingularValues", opts, 1);
  const { width: n, sigmaW, sigmaB, inputVariance: q0, activation: phi, rng: g } = settings;
  const qs = preactivationVariances(opts.depth, q0, { sigmaW, sigmaB, activation: phi }); // q_1, q_2, …
  const all: number[] = [];
  for (let t = 0; t < settings.initializations; t++) {
    const net = randomSquareNetwork(settings);
    let M = net.layers[0].weight.data.slice(); // the product so far, n × n
    for (let l = 1; l < opts.depth; l++) {
      const h = g.normalArray(n, 0, Math.sqrt(qs[l - 1])); // h̃_l, independent of the weights
      for (let i = 0; i < n; i++) {
        const d = phi.df(h[i]);
        for (let j = 0; j < n; j++) M[i * n + j] *= d;
      }
      const next = new Float64Array(n * n);
      gemm(false, false, n, n, n, 1, net.layers[l].weight.data, M, 0, next);
      M = next;
    }
    for (const s of svdvals(fromFloat64(M, n, n))) all.push(s);
  }
  return new EmpiricalSpectrum(all, "singular values of J with independent D");
}
