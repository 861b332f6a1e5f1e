// `npm run bench linalg`: the numeric core's speed, float64, one thread, next to numpy (when python3 with
// numpy is present) run in the same command by scripts/bench-numpy.py.
// Times are the best of several repetitions (wall clock); the machine may be shared, so compare ratios.
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const pdl = require("../dist/index.js");
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function bestTime(f, reps) {
  // Warm up until V8 has optimised the hot loops (at least 3 calls and 0.3 s): numpy has no JIT to wait for.
  const start = performance.now();
  for (let i = 0; i < 3 || performance.now() - start < 100; i++) f();
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    f();
    best = Math.min(best, performance.now() - t);
  }
  return best / 1000;
}

function numpyTimes() {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const r = spawnSync("python3", [join(root, "scripts", "bench-numpy.py")], { env, encoding: "utf8", timeout: 300_000 });
  if (r.error || r.status !== 0) {
    console.log(`(numpy comparison skipped: ${r.error ? r.error.message : (r.stderr || "").trim().split("\n").pop()})`);
    return null;
  }
  return JSON.parse(r.stdout);
}

/** The textbook i-p-j triple loop (the first version of gemm): the baseline the packed kernel is measured against. */
function naiveMatmul(a, b, c, n) {
  c.fill(0);
  for (let i = 0; i < n; i++)
    for (let p = 0; p < n; p++) {
      const aip = a[i * n + p];
      for (let j = 0; j < n; j++) c[i * n + j] += aip * b[p * n + j];
    }
}

export default async function bench() {
  const rng = pdl.randomGenerator(1);
  const rows = []; // [name, seconds, flops or null]
  {
    // Global warm-up of the product kernels (all three packing paths), so the first row is not penalised.
    const A = pdl.ginibre(256, 256, 1, rng);
    const start = performance.now();
    while (performance.now() - start < 1000) {
      pdl.matmul(A, A);
      pdl.matmulTN(A, A);
      pdl.matmulNT(A, A);
    }
  }
  for (const n of [128, 256, 512]) {
    const A = pdl.ginibre(n, n, 1, rng);
    const B = pdl.ginibre(n, n, 1, rng);
    const flops = 2 * n ** 3;
    // The three products take turns, so that a busy moment on the shared machine does not hit only one.
    const products = [["AB", () => pdl.matmul(A, B)], ["AtB", () => pdl.matmulTN(A, B)], ["ABt", () => pdl.matmulNT(A, B)]];
    const best = products.map(() => Infinity);
    for (let round = 0; round < (n < 512 ? 10 : 5); round++) {
      products.forEach(([, f], i) => (best[i] = Math.min(best[i], bestTime(f, 2))));
    }
    products.forEach(([name], i) => rows.push([`matmul ${name} ${n}`, best[i], flops]));
  }
  {
    // The same packed products with the TypeScript micro-kernel (the readable reference, and the fallback when
    // the engine has no WebAssembly SIMD): what the WebAssembly kernel adds.
    const n = 512;
    const A = pdl.ginibre(n, n, 1, rng);
    const B = pdl.ginibre(n, n, 1, rng);
    const used = pdl.gemmKernel();
    pdl.setGemmKernel("typescript");
    rows.push([`matmul AB ${n}, TypeScript kernel`, bestTime(() => pdl.matmul(A, B), 3), 2 * n ** 3]);
    pdl.setGemmKernel(used);
  }
  {
    const n = 512;
    const a = pdl.ginibre(n, n, 1, rng).data;
    const b = pdl.ginibre(n, n, 1, rng).data;
    const c = new Float64Array(n * n);
    rows.push([`naive loops AB ${n}`, bestTime(() => naiveMatmul(a, b, c, n), 3), 2 * n ** 3]);
  }
  for (const n of [250, 500, 1000]) {
    const G = pdl.ginibre(n, n, 1, rng);
    const S = pdl.add(G, pdl.transpose(G));
    rows.push([`eigvalsh ${n}`, bestTime(() => pdl.eigvalsh(S), 3), null]);
  }
  const A = pdl.ginibre(500, 500, 1, rng);
  rows.push(["svdvals 500", bestTime(() => pdl.svdvals(A), 3), null]);
  rows.push(["qr 500", bestTime(() => pdl.qr(A), 3), null]);

  const np = numpyTimes();
  const fmt = (t, flops) => (flops ? `${(flops / t / 1e9).toFixed(2)} GFLOP/s` : `${(t * 1000).toFixed(1)} ms`);
  const header = ["operation", "pdl", np ? `numpy ${np.numpy}` : "numpy", "numpy faster by"];
  const table = rows.map(([name, t, flops]) => {
    const tn = np?.[name];
    const ref = name.startsWith("naive") || name.includes("kernel") ? np?.["matmul AB 512"] : tn;
    return [name, fmt(t, flops), ref ? fmt(ref, flops) : "–", ref ? `${(t / ref).toFixed(1)}×` : "–"];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(`float64, one thread (numpy with OPENBLAS_NUM_THREADS=1); best of several runs; gemm micro-kernel: ${pdl.gemmKernel()}`);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of table) console.log(line(r));
  console.log("targets: matmul 512 ≥ 5 GFLOP/s (AB, AᵀB, ABᵀ); eigvalsh 1000 ≤ 1000 ms; svdvals 500 ≤ 300 ms");
}
