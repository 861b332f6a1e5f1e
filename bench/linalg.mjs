// `npm run bench linalg`: the numeric core's speed, float64, next to numpy (when python3 with numpy is present)
// run in the same command by scripts/bench-numpy.py with ONE OpenBLAS thread. pdl's matrix product uses
// gemmThreads() threads (default: the machine's cores; PDL_THREADS=1 for one), and the "1 thread" rows show it
// alone. Times are the best of several repetitions (wall clock); the machine may be shared, so compare ratios.
// The cost growth t ∝ n^p is fitted over the sizes of each operation (least squares on log t vs log n).
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { cpus, loadavg } from "node:os";

const require = createRequire(import.meta.url);
const pdl = require("../dist/index.js");
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function bestTime(f, reps, warm = 3) {
  // Warm up until V8 has optimised the hot loops (at least `warm` calls and 0.1 s): numpy has no JIT to wait for.
  const start = performance.now();
  for (let i = 0; i < warm || (warm > 1 && performance.now() - start < 100); i++) f();
  let best = Infinity;
  let bestCpu = Infinity;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    const c = process.cpuUsage();
    f();
    best = Math.min(best, performance.now() - t);
    const u = process.cpuUsage(c);
    bestCpu = Math.min(bestCpu, (u.user + u.system) / 1000);
  }
  return { wall: best / 1000, cpu: bestCpu / 1000 };
}

/** The better of two timings, wall clock and CPU time separately. */
function better(a, b) {
  return { wall: Math.min(a.wall, b.wall), cpu: Math.min(a.cpu, b.cpu) };
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
  await waitForThreads();
  for (const n of [128, 256, 512, 1024, 2048]) {
    const A = pdl.ginibre(n, n, 1, rng);
    const B = pdl.ginibre(n, n, 1, rng);
    const flops = 2 * n ** 3;
    // The three products take turns, so that a busy moment on the shared machine does not hit only one.
    const products = [["AB", () => pdl.matmul(A, B)], ["AtB", () => pdl.matmulTN(A, B)], ["ABt", () => pdl.matmulNT(A, B)]];
    let best = products.map(() => ({ wall: Infinity, cpu: Infinity }));
    const rounds = n < 512 ? 10 : n < 1024 ? 5 : n < 2048 ? 3 : 1;
    for (let round = 0; round < rounds; round++) {
      best = best.map((b, i) => better(b, bestTime(products[i][1], n < 2048 ? 2 : 1, n < 1024 ? 3 : 1)));
    }
    products.forEach(([name], i) => rows.push([`matmul ${name} ${n}`, best[i], flops]));
  }
  if (pdl.gemmThreads() > 1) {
    // The same product on one thread: what the worker threads add.
    const n = 1024;
    const A = pdl.ginibre(n, n, 1, rng);
    const B = pdl.ginibre(n, n, 1, rng);
    const threads = pdl.gemmThreads();
    pdl.setGemmThreads(1);
    rows.push([`matmul AB ${n}, 1 thread`, bestTime(() => pdl.matmul(A, B), 3, 1), 2 * n ** 3]);
    pdl.setGemmThreads(threads);
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
    // Strided views read in place (a transpose, a block of a bigger matrix) against contiguous operands, and
    // against copying the views first (what every product did before views were read in place).
    const n = 512;
    const At = pdl.ginibre(n, n, 1, rng);
    const big = pdl.ginibre(n + 88, n + 88, 1, rng);
    const A = At.transpose(1, 0);
    const B = big.lo(40, 40).hi(n, n);
    const Ac = pdl.cloneMatrix(A);
    const Bc = pdl.cloneMatrix(B);
    const variants = [
      ["matmul AB 512, contiguous operands", () => pdl.matmul(Ac, Bc)],
      ["matmul AB 512, views (A a transpose, B a block)", () => pdl.matmul(A, B)],
      ["matmul AB 512, the views copied first", () => pdl.matmul(pdl.cloneMatrix(A), pdl.cloneMatrix(B))],
    ];
    let best = variants.map(() => ({ wall: Infinity, cpu: Infinity }));
    for (let round = 0; round < 5; round++) best = best.map((b, i) => better(b, bestTime(variants[i][1], 2, 2)));
    variants.forEach(([name], i) => rows.push([name, best[i], 2 * n ** 3]));
  }
  {
    const n = 512;
    const a = pdl.ginibre(n, n, 1, rng).data;
    const b = pdl.ginibre(n, n, 1, rng).data;
    const c = new Float64Array(n * n);
    rows.push([`naive loops AB ${n}`, bestTime(() => naiveMatmul(a, b, c, n), 3), 2 * n ** 3]);
  }
  for (const n of [250, 500, 1000, 2000]) {
    const G = pdl.ginibre(n, n, 1, rng);
    const S = pdl.add(G, pdl.transpose(G));
    rows.push([`eigvalsh ${n}`, bestTime(() => pdl.eigvalsh(S), n < 2000 ? 3 : 2, n < 1000 ? 3 : 1), null]);
  }
  for (const n of [250, 500, 1000]) {
    const A = pdl.ginibre(n, n, 1, rng);
    rows.push([`svdvals ${n}`, bestTime(() => pdl.svdvals(A), n < 1000 ? 3 : 2, n < 1000 ? 3 : 1), null]);
  }
  for (const n of [250, 500, 1000]) {
    const A = pdl.ginibre(n, n, 1, rng);
    rows.push([`qr ${n}`, bestTime(() => pdl.qr(A), 3, n < 1000 ? 3 : 1), null]);
  }

  const np = numpyTimes();
  const fmt = (t, flops) => (flops ? `${(flops / t / 1e9).toFixed(2)} GFLOP/s` : `${(t * 1000).toFixed(1)} ms`);
  const header = ["operation", "pdl", np ? `numpy ${np.numpy}` : "numpy", "numpy faster by", "in CPU time"];
  const table = rows.map(([name, { wall: t, cpu }, flops]) => {
    const refName = name.startsWith("naive") || name.includes("kernel") || name.startsWith("matmul AB 512,") ? "matmul AB 512" : name.includes("1 thread") ? "matmul AB 1024" : name;
    const ref = np?.[refName];
    const refCpu = np?.[`cpu ${refName}`];
    return [name, fmt(t, flops), ref ? fmt(ref, flops) : "–", ref ? `${(t / ref).toFixed(1)}×` : "–", refCpu ? `${(cpu / refCpu).toFixed(1)}×` : "–"];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(
    `float64; pdl's matrix product on ${pdl.gemmThreadsReady()} thread(s) (setGemmThreads / PDL_THREADS), numpy with OPENBLAS_NUM_THREADS=1; ` +
      `best of several runs; gemm micro-kernel: ${pdl.gemmKernel()}; load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${cpus().length} cores`,
  );
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of table) console.log(line(r));
  console.log(
    "(CPU time = the process's, all threads; on a busy shared machine it shows the work done, and the ratio of CPU times is\n" +
      " steadier than the wall-clock one; for a threaded product it includes every thread, so it hides the speed-up.)",
  );
  // Cost growth: t ∝ n^p fitted over each operation's sizes.
  const time = Object.fromEntries(rows.map(([name, t]) => [name, t.wall]));
  console.log("\ncost growth t ∝ n^p (least-squares fit of log t on log n):");
  for (const [op, sizes] of [["matmul AB", [256, 512, 1024, 2048]], ["eigvalsh", [250, 500, 1000, 2000]], ["svdvals", [250, 500, 1000]], ["qr", [250, 500, 1000]]]) {
    const fit = (get) => exponent(sizes, sizes.map((n) => get(`${op} ${n}`)));
    const pdlP = fit((k) => time[k]);
    const npP = np ? fit((k) => np[k]) : NaN;
    console.log(`  ${op.padEnd(10)} n = ${sizes.join(", ")}: pdl p = ${pdlP.toFixed(2)}${np ? `, numpy p = ${npP.toFixed(2)}` : ""}`);
  }
  // The targets of issue 17, each with its ratio.
  if (np) {
    console.log("\ntargets (issue 17):");
    const ratio = (name) => time[name] / np[name]; // > 1: numpy faster
    for (const p of ["AB", "AtB", "ABt"]) {
      const r = np[`matmul ${p} 1024`] / time[`matmul ${p} 1024`];
      console.log(`  matmul ${p} 1024 ≥ 0.45× numpy one-thread speed: ${r.toFixed(2)}× ${r >= 0.45 ? "met" : "NOT met"}`);
    }
    for (const name of ["eigvalsh 1000", "eigvalsh 2000", "svdvals 500", "svdvals 1000", "qr 500"]) {
      const r = ratio(name);
      console.log(`  ${name} ≤ 3× numpy: ${r.toFixed(1)}× ${r <= 3 ? "met" : "NOT met"}`);
    }
    console.log("  (the MLP epoch target is in bench/learning.mjs)");
  }
}

/** Least-squares slope of log t against log n. */
function exponent(ns, ts) {
  const x = ns.map(Math.log);
  const y = ts.map(Math.log);
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxy / sxx;
}

/** Starts the gemm worker threads and waits (at most 5 s) until they are ready, so no row is timed while they start. */
async function waitForThreads() {
  const A = pdl.ginibre(256, 256, 1, pdl.randomGenerator(0));
  pdl.matmul(A, A);
  for (let waited = 0; pdl.gemmThreadsReady() < pdl.gemmThreads() && waited < 5000; waited += 10) await new Promise((r) => setTimeout(r, 10));
}
