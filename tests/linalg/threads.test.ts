/**
 * The matrix product on several threads (gemmThreads.ts): the same bits for any thread count, a clean
 * fallback without shared memory, worker threads that never keep the process alive, and the interrupt
 * button in the notebook kernel. The workers run the built library (dist/), as `npm test` builds first.
 */
import { describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { gemm, gemmThreads, gemmThreadsReady, setGemmThreads, randomGenerator, qr, add, transpose, eigh, svd } from "../../src/index";
import { applyBlockReflectorLeft, reflectorOnThreads } from "../../src/linalg/blockReflector";
import { reflectorColumns } from "../../src/linalg/gemmShared";
import { tridiagonalizeBlocked } from "../../src/linalg/tridiagonalBlocked";
import { KernelClient } from "../../src/notebook/index";
import { repoRoot } from "../helpers/tools";
import { gaussian } from "./helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sets the thread count and waits until that many threads are ready (the workers start lazily, and start
 * again with a bigger shared memory when a product does not fit: so first one product of size n³).
 */
async function useThreads(count: number, n = 400): Promise<void> {
  setGemmThreads(count);
  const a = new Float64Array(n * n);
  gemm(false, false, n, n, n, 1, a, a, 0, new Float64Array(n * n));
  for (let waited = 0; gemmThreadsReady() < count; waited += 10) {
    if (waited > 20_000) throw new Error(`only ${gemmThreadsReady()} of ${count} gemm threads became ready`);
    await sleep(10);
  }
}

function sameBits(x: Float64Array, y: Float64Array): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
  return true;
}

describe("threaded gemm", () => {
  test("C ← α op(A) op(B) + β C gives the same bits with 1, 2, 3 and 4 threads (all transposes, ragged sizes), also after the shared memory was replaced by a bigger one", async () => {
    const rng = randomGenerator(5);
    const [m, n, k] = [301, 259, 190]; // 14.8 M multiply-adds: above the threshold; ragged row blocks
    const a = rng.normalArray(m * k);
    const b = rng.normalArray(k * n);
    const c0 = rng.normalArray(m * n);
    const results: Float64Array[][] = [];
    for (const count of [1, 2, 3, 4, 2]) {
      await useThreads(count);
      expect(gemmThreadsReady()).toBe(count);
      const out: Float64Array[] = [];
      for (const [tA, tB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
        const c = c0.slice();
        gemm(tA, tB, m, n, k, -0.75, a, b, 0.5, c);
        out.push(c);
        // β = 0: the old C is ignored, even NaN
        const fresh = new Float64Array(m * n).fill(NaN);
        gemm(tA, tB, m, n, k, -0.75, a, b, 0, fresh);
        expect(fresh.some(Number.isNaN)).toBe(false);
        out.push(fresh);
      }
      results.push(out);
      if (count === 4) await useThreads(2, 1100); // a product too big for the shared memory: a new memory, new workers
    }
    for (let t = 1; t < results.length; t++) for (let p = 0; p < 8; p++) expect(sameBits(results[t][p], results[0][p])).toBe(true);
    // and the numbers are right: one entry against a plain sum
    let s = 0;
    for (let p = 0; p < k; p++) s += a[7 * k + p] * b[p * n + 11];
    expect(results[3][0][7 * n + 11]).toBeCloseTo(-0.75 * s + 0.5 * c0[7 * n + 11], 10);
    expect(results[3][1][7 * n + 11]).toBeCloseTo(-0.75 * s, 10);
  });

  test("a C wider than tall is cut into column ranges: the same bits with 1, 2, 3 and 4 threads (the MLP's X Wᵀ and Gᵀ X, ragged widths)", async () => {
    const rng = randomGenerator(6);
    // (m, n, k, transA, transB): the forward X W₁ᵀ and the gradient Δᵀ X of an MLP 784-256-10 with batch 128, and a
    // ragged one whose n is no multiple of the tile width and whose k spans several packed slices.
    const cases = [[128, 256, 784, false, true], [256, 784, 128, true, false], [70, 1029, 600, false, false]] as const;
    const operands = cases.map(([m, n, k]) => ({ a: rng.normalArray(m * k), b: rng.normalArray(k * n), c0: rng.normalArray(m * n) }));
    const results: Float64Array[][] = [];
    for (const count of [1, 2, 3, 4]) {
      await useThreads(count);
      expect(gemmThreadsReady()).toBe(count);
      results.push(cases.flatMap(([m, n, k, tA, tB], i) => {
        const c = operands[i].c0.slice();
        gemm(tA, tB, m, n, k, 0.5, operands[i].a, operands[i].b, 1, c);
        const fresh = new Float64Array(m * n).fill(NaN); // β = 0 ignores it
        gemm(tA, tB, m, n, k, 0.5, operands[i].a, operands[i].b, 0, fresh);
        return [c, fresh];
      }));
    }
    for (let t = 1; t < results.length; t++) for (let i = 0; i < 2 * cases.length; i++) expect(sameBits(results[t][i], results[0][i])).toBe(true);
    for (const r of results) for (let i = 1; i < r.length; i += 2) expect(r[i].some(Number.isNaN)).toBe(false);
    // and one entry of the ragged case against a plain sum: C[3, 1027] = 0.5 Σ_p A[3, p] B[p, 1027] + C₀[3, 1027]
    const [, n, k] = cases[2];
    const { a, b, c0 } = operands[2];
    let s = 0;
    for (let p = 0; p < k; p++) s += a[3 * k + p] * b[p * n + 1027];
    expect(results[3][4][3 * n + 1027]).toBeCloseTo(0.5 * s + c0[3 * n + 1027], 10);
    expect(results[3][5][3 * n + 1027]).toBeCloseTo(0.5 * s, 10);
  });

  test("decompositions built on the product give the same bits with 1 and 2 threads", async () => {
    const G = gaussian(randomGenerator(8), 300, 300);
    const S = add(G, transpose(G));
    await useThreads(1);
    const q1 = qr(G);
    const t1 = tridiagonalizeBlocked(S.data.slice(), 300);
    await useThreads(2);
    const q2 = qr(G);
    expect(sameBits(q2.R.data, q1.R.data) && sameBits(q2.Q.data, q1.Q.data)).toBe(true);
    const t2 = tridiagonalizeBlocked(S.data.slice(), 300);
    expect(sameBits(t2.d, t1.d) && sameBits(t2.e, t1.e) && sameBits(t2.a, t1.a)).toBe(true);
  });

  test("a block reflector applied on the threads (one job, columns per thread) gives the same bits as on one thread, and C − V op(T) Vᵀ C", async () => {
    const rng = randomGenerator(9);
    // (rows, cols, b): square, ragged (rows and cols no multiple of 4, b odd), wide, a b that is not a whole tile
    const cases = [[300, 204, 96], [257, 131, 33], [120, 700, 40], [401, 97, 7]] as const;
    // C is a block of a wider array (leading dimension cols + 3)
    const operands = cases.map(([rows, cols, b]) => ({ r: { v: rng.normalArray(rows * b), t: rng.normalArray(b * b), rows, b }, c0: rng.normalArray(rows * (cols + 3)) }));
    const results: Float64Array[][] = [];
    for (const count of [1, 2, 3, 4]) {
      await useThreads(count);
      const out: Float64Array[] = [];
      for (const [i, [, cols]] of cases.entries()) {
        const { r, c0 } = operands[i];
        for (const transposeT of [false, true]) {
          const c = c0.slice();
          applyBlockReflectorLeft(r, transposeT, cols, { data: c, offset: 2, ld: cols + 3 });
          out.push(c);
        }
      }
      results.push(out);
    }
    for (let t = 1; t < results.length; t++) for (let i = 0; i < results[0].length; i++) expect(sameBits(results[t][i], results[0][i])).toBe(true);
    // the reflector job was taken (big enough, whole-tile b), and the numbers are right: one column against plain sums
    expect(reflectorOnThreads(300, 204, 96, 0)).toBe(true);
    const check = randomGenerator(10);
    const [rows, cols, b] = [300, 204, 96];
    const r = { v: check.normalArray(rows * b), t: check.normalArray(b * b), rows, b };
    const c0 = check.normalArray(rows * cols);
    const c = c0.slice();
    applyBlockReflectorLeft(r, false, cols, { data: c, offset: 0, ld: cols });
    const j = 150; // column j: w = Vᵀ c_j, w₂ = T w, c_j − V w₂
    const w = Array.from({ length: b }, (_, l) => { let s = 0; for (let i = 0; i < rows; i++) s += r.v[i * b + l] * c0[i * cols + j]; return s; });
    const w2 = Array.from({ length: b }, (_, l) => { let s = 0; for (let q = 0; q < b; q++) s += r.t[l * b + q] * w[q]; return s; });
    for (const i of [0, 7, 299]) {
      let s = c0[i * cols + j];
      for (let l = 0; l < b; l++) s -= r.v[i * b + l] * w2[l];
      expect(c[i * cols + j]).toBeCloseTo(s, 8);
    }
  });

  test("the reflector job's column ranges cover the columns once, on tile boundaries, with about equal work", () => {
    for (const [rows, cols, b, head] of [[500, 404, 96, 0], [500, 500, 96, 96], [116, 116, 96, 96], [97, 13, 8, 0]] as const) {
      for (const shares of [2, 3, 4]) {
        const ranges = Array.from({ length: shares }, (_, s) => reflectorColumns(rows, cols, b, head, s, shares));
        expect(ranges[0][0]).toBe(0);
        expect(ranges[shares - 1][1]).toBe(cols);
        for (let s = 0; s < shares; s++) {
          expect(ranges[s][1]).toBeGreaterThanOrEqual(ranges[s][0]);
          if (s > 0) expect(ranges[s][0]).toBe(ranges[s - 1][1]);
          if (s < shares - 1) expect(ranges[s][1] % 4).toBe(0);
        }
        // the work of a range: (rows − head) b per column of W outside the head, b² for W₂, rows·b for C
        const work = ([j0, j1]: [number, number]) => (j1 - j0) * (rows + b) + Math.max(0, j1 - Math.max(j0, head)) * (rows - head);
        const total = work([0, cols]);
        if (cols >= 100) for (const range of ranges) expect(Math.abs(work(range) - total / shares)).toBeLessThan(4 * (2 * rows + b) + 1);
      }
    }
  });

  test("QR (reduced and complete, tall and wide), eigh with vectors and svd give the same bits with 1, 2 and 3 threads", async () => {
    const rng = randomGenerator(11);
    const tall = gaussian(rng, 450, 230);
    const wide = gaussian(rng, 230, 450);
    const G = gaussian(rng, 420, 420);
    const S = add(G, transpose(G));
    const runs: Float64Array[][] = [];
    for (const count of [1, 2, 3]) {
      await useThreads(count);
      const out: Float64Array[] = [];
      for (const A of [tall, wide, G]) for (const mode of ["reduced", "complete"] as const) {
        const f = qr(A, { mode });
        out.push(f.Q.data as Float64Array, f.R.data as Float64Array);
      }
      const e = eigh(S);
      out.push(e.values as Float64Array, e.vectors.data as Float64Array);
      const d = svd(tall);
      out.push(d.U.data as Float64Array, d.S as Float64Array, d.Vt.data as Float64Array);
      runs.push(out);
    }
    for (let t = 1; t < runs.length; t++) for (let i = 0; i < runs[0].length; i++) expect(sameBits(runs[t][i], runs[0][i])).toBe(true);
  });

  test("setGemmThreads checks its argument; the default is the machine's cores or PDL_THREADS", () => {
    expect(() => setGemmThreads(0)).toThrow(/setGemmThreads: n must be an integer from 1 to 64, got 0/);
    expect(() => setGemmThreads(1.5)).toThrow(/got 1.5/);
    expect(setGemmThreads(3)).toBe(3);
    expect(gemmThreads()).toBe(3);
    const child = (env: Record<string, string>) =>
      spawnSync(process.execPath, ["-e", "console.log(require('./dist/index.js').gemmThreads())"], {
        cwd: repoRoot,
        encoding: "utf8",
        env: { ...process.env, ...env },
      });
    expect(child({ PDL_THREADS: "1" }).stdout.trim()).toBe("1");
    const cores = Number(spawnSync(process.execPath, ["-e", "console.log(require('os').availableParallelism())"], { encoding: "utf8" }).stdout);
    expect(child({ PDL_THREADS: "" }).stdout.trim()).toBe(String(Math.min(cores, 64)));
  });

  test("without SharedArrayBuffer the product runs on the main thread with the same result, and a process with workers exits", () => {
    const script =
      "const pdl = require('./dist/index.js');" +
      "const A = pdl.ginibre(300, 300, 1, pdl.randomGenerator(2));" +
      "const C = pdl.matmul(A, A);" +
      "const t = Date.now(); while (pdl.gemmThreadsReady() < 2 && Date.now() - t < 5000) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);" +
      "const D = pdl.matmul(A, A);" +
      "let s = 0; for (let i = 0; i < D.data.length; i++) s += D.data[i] * (i % 7);" +
      "console.log(typeof SharedArrayBuffer, pdl.gemmThreadsReady(), s);";
    const withThreads = spawnSync(process.execPath, ["-e", script], { cwd: repoRoot, encoding: "utf8", timeout: 30_000, env: { ...process.env, PDL_THREADS: "2" } });
    expect(withThreads.status).toBe(0); // exited by itself: the workers do not keep it alive
    const [, readyWith, sumWith] = withThreads.stdout.trim().split(" ");
    expect(readyWith).toBe("2");
    // No SharedArrayBuffer, as in a browser page that is not cross-origin isolated (removing the global works on
    // every Node; the V8 flag --no-harmony-sharedarraybuffer is gone from Node 26).
    const withoutShared = "delete globalThis.SharedArrayBuffer;" + script.replace(/Atomics\.wait\([^;]*\);/, "break;");
    const fallback = spawnSync(process.execPath, ["-e", withoutShared], {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 30_000,
      env: { ...process.env, PDL_THREADS: "2" },
    });
    expect(fallback.stderr).toBe("");
    const [kind, readyWithout, sumWithout] = fallback.stdout.trim().split(" ");
    expect(kind).toBe("undefined");
    expect(readyWithout).toBe("1");
    expect(sumWithout).toBe(sumWith);
  });
});

describe("threaded gemm in the notebook kernel", () => {
  test("interrupting a long threaded product, or a QR, leaves the kernel usable and the next result correct", async () => {
    const kernel = await KernelClient.start(resolve(repoRoot, "tests", "fixtures"), {
      launcher: resolve(repoRoot, "jupyter", "kernels", "pdl-typescript", "launch.js"),
    });
    const text = (r: { messages: { msgType: string; content: any }[] }) =>
      r.messages.filter((m) => m.msgType === "stream").map((m) => m.content.text).join("").trim();
    try {
      const setup = await kernel.execute(
        'import { matmul, ginibre, randomGenerator, gemmThreadsReady, setGemmThreads } from "pdl";\n' +
          "setGemmThreads(2);\n" +
          "const A = ginibre(700, 700, 1, randomGenerator(3));\n" +
          "const reference = matmul(A, A);\n" +
          "const sameBits = (x, y) => x.length === y.length && x.every((v, i) => Object.is(v, y[i]));",
      );
      expect(setup.status).toBe("ok");
      await sleep(1000); // the workers start in the background
      const ready = await kernel.execute("console.log(gemmThreadsReady())");
      expect(text(ready)).toBe("2");
      // Runs `loop` (endless), interrupts it after 1.5 s, then runs `check` and returns what it printed.
      const interruptedThen = async (loop: string, check: string): Promise<string> => {
        const long = kernel.execute(loop);
        setTimeout(() => kernel.interrupt(), 1500);
        expect((await long).status).toBe("error");
        await sleep(400); // tslab aborts requests that arrive within 200 ms of an error reply
        const after = await kernel.execute(check);
        expect(after.status).toBe("ok");
        return text(after);
      };
      const afterProduct = await interruptedThen("for (;;) matmul(A, A);", "console.log(sameBits(matmul(A, A).data, reference.data), gemmThreadsReady());");
      expect(afterProduct).toBe("true 2");
      // the same for a decomposition, whose block reflectors run as jobs of their own on the threads
      const qrSetup = await kernel.execute('import { qr } from "pdl";\nconst B = ginibre(600, 600, 1, randomGenerator(4));\nconst before = qr(B);');
      expect(qrSetup.status).toBe("ok");
      const afterQr = await interruptedThen(
        "for (;;) qr(B);",
        "const after = qr(B);\nconsole.log(sameBits(after.Q.data, before.Q.data) && sameBits(after.R.data, before.R.data), gemmThreadsReady());",
      );
      expect(afterQr).toBe("true 2");
    } finally {
      await kernel.shutdown();
    }
  });
});
