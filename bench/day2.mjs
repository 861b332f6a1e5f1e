// Day-2 benchmarks (issue 7): Jacobian singular values of a depth-32, width-256 network; one free multiplicative
// convolution ⊠ on a 2000-point grid; the empirical NTK of a width-512 MLP on 200 points. Target: each ≤ 2 s.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const pdl = require("../dist/index.js");

function time(fn, repeats = 3) {
  let best = Infinity;
  let out;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    out = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, out };
}

export default async function day2() {
  const rows = [];
  // 1. Jacobian singular values, depth 32, width 256 (tanh, orthogonal, at the edge of chaos).
  {
    const net = pdl.randomFeedForward({ widths: new Array(33).fill(256), activation: "tanh", sigmaW: 1.05, weights: "orthogonal", rng: 1 });
    const x = pdl.randomGenerator(2).normalArray(256, 0, 0.1);
    const jac = time(() => pdl.networkJacobian(net, x));
    const sv = time(() => pdl.svdvals(jac.out));
    rows.push({ task: "Jacobian J of depth 32, width 256", ms: jac.ms });
    rows.push({ task: "singular values of J (256×256 SVD)", ms: sv.ms });
    rows.push({ task: "  → total", ms: jac.ms + sv.ms });
  }
  // 2. One ⊠ on a 2000-point grid: MP(1) ⊠ MP(0.5), each law discretised with 1000 atoms.
  {
    const a = pdl.marchenkoPasturLaw(1);
    const b = pdl.marchenkoPasturLaw(0.5);
    const r = time(() => pdl.freeMultiplicativeConvolution(a, b, { points: 2000 }), 2);
    rows.push({ task: `⊠ MP(1) ⊠ MP(0.5), 2000 grid points (≤ ${r.out.maxIterations} fixed-point iterations/pt)`, ms: r.ms });
    const s = time(() => pdl.freeAdditiveConvolution(pdl.semicircleLaw(1), b, { points: 2000 }), 2);
    rows.push({ task: "⊞ semicircle ⊞ MP(0.5), 2000 grid points", ms: s.ms });
  }
  // 3. Empirical NTK of a width-512 MLP (2 hidden layers) on 200 points in ℝ^10.
  {
    const net = pdl.randomFeedForward({ widths: [10, 512, 512, 1], activation: "relu", sigmaW: Math.SQRT2, parametrization: "ntk", rng: 3 });
    const X = pdl.fromFloat64(pdl.randomGenerator(4).normalArray(200 * 10, 0, 1), 200, 10);
    const r = time(() => pdl.empiricalNtk(net, X));
    rows.push({ task: "empirical NTK, width 512 (2 hidden layers), 200 points", ms: r.ms });
  }
  console.log("task".padEnd(78) + "best time");
  for (const r of rows) console.log(r.task.padEnd(78) + `${r.ms.toFixed(1)} ms`);
}
