import { describe, expect, test } from "vitest";
import {
  ginibre, haarOrthogonal, naiveQrOrthogonal, wishart, gram, eigvalsh, svdvals, add, transpose, trace, matmulTN,
  randomGenerator, matrix, toNested, eye, frobeniusNorm, sub,
} from "../../src/index";

/** Φ, the standard normal CDF (erf by Abramowitz & Stegun 7.1.26, error < 1.5e-7: plenty for a KS test). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** The Kolmogorov–Smirnov statistic √N · sup |F_N − F| of a sample against the CDF F. */
function ksStatistic(sample: number[], cdf: (x: number) => number): number {
  const xs = [...sample].sort((a, b) => a - b);
  const n = xs.length;
  let d = 0;
  xs.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs(f - i / n), Math.abs(f - (i + 1) / n));
  });
  return Math.sqrt(n) * d;
}
/** The KS critical value at level 1% (asymptotic): reject when the statistic exceeds it. */
const KS_CRITICAL_1_PERCENT = 1.628;

/** Mean and standard error of a sample. */
function meanAndError(xs: number[]): [number, number] {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return [mean, Math.sqrt(variance / n)];
}

/** The eigenvalue angles θ ∈ [0, π] of an orthogonal Q: Q + Qᵀ has eigenvalues 2 cos θ_j. */
function eigenAngles(Q: ReturnType<typeof eye>): number[] {
  return Array.from(eigvalsh(add(Q, transpose(Q)))).map((l) => Math.acos(Math.max(-1, Math.min(1, l / 2))));
}

describe("ginibre", () => {
  test("shape, reproducibility, entry moments, bad input", () => {
    const W = ginibre(300, 200, 0.5, 1);
    expect(W.shape).toEqual([300, 200]);
    expect(toNested(ginibre(3, 2, 0.5, 1))).toEqual(toNested(ginibre(3, 2, 0.5, randomGenerator(1))));
    const [mean, se] = meanAndError(Array.from(W.data));
    expect(Math.abs(mean)).toBeLessThan(4 * se);
    const [meanSq, seSq] = meanAndError(Array.from(W.data, (x) => x * x));
    expect(Math.abs(meanSq - 0.25)).toBeLessThan(4 * seSq);
    expect(() => ginibre(2, 2, -1, 1)).toThrow(/sigma must be ≥ 0/);
    expect(() => ginibre(2.5, 2, 1, 1)).toThrow(/n must be an integer/);
    expect(() => ginibre(2, 2, 1, "seed" as never)).toThrow(/RandomGenerator or a seed/);
    expect(ginibre(0, 3, 1, 1).shape).toEqual([0, 3]);
  });

  test("spectral moments of WᵀW match theory within Monte-Carlo error", () => {
    // W n×m with σ² = 1/n: E[(1/m) tr WᵀW] = 1 and E[(1/m) tr (WᵀW)²] = (n + m + 1)/n exactly
    // (→ 1 + c, the Marčenko–Pastur second moment, with c = m/n).
    const rng = randomGenerator(2024);
    for (const [n, m] of [[30, 30], [40, 20]]) {
      const m1: number[] = [];
      const m2: number[] = [];
      for (let s = 0; s < 150; s++) {
        const W = ginibre(n, m, 1 / Math.sqrt(n), rng);
        const lambda = eigvalsh(gram(W));
        m1.push(lambda.reduce((a, l) => a + l, 0) / m);
        m2.push(lambda.reduce((a, l) => a + l * l, 0) / m);
        // The singular values of W are the square roots of these eigenvalues.
        const sv = svdvals(W);
        const sorted = Array.from(lambda).reverse();
        sv.forEach((x, i) => expect(Math.abs(x * x - sorted[i])).toBeLessThan(1e-12));
      }
      const [mean1, se1] = meanAndError(m1);
      const [mean2, se2] = meanAndError(m2);
      expect(Math.abs(mean1 - 1)).toBeLessThan(4 * se1);
      expect(Math.abs(mean2 - (n + m + 1) / n)).toBeLessThan(4 * se2);
    }
  });

  test("square Ginibre: the largest singular value approaches the quarter-circle edge 2", () => {
    const n = 200;
    const s = svdvals(ginibre(n, n, 1 / Math.sqrt(n), 5));
    expect(s[0]).toBeGreaterThan(1.9);
    expect(s[0]).toBeLessThan(2.1);
    // Quarter-circle law: the fraction of σ ≤ 1 is ∫₀¹ √(4 − x²)/π dx = 1/3 + √3/(2π) ≈ 0.609.
    const fraction = Array.from(s).filter((x) => x <= 1).length / n;
    expect(Math.abs(fraction - (1 / 3 + Math.sqrt(3) / (2 * Math.PI)))).toBeLessThan(0.03);
  });
});

describe("haarOrthogonal vs naiveQrOrthogonal", () => {
  test("both are orthogonal: all singular values 1", () => {
    for (const sampler of [haarOrthogonal, naiveQrOrthogonal]) {
      const Q = sampler(25, 3);
      expect(frobeniusNorm(sub(matmulTN(Q, Q), eye(25)))).toBeLessThan(1e-13);
      svdvals(Q).forEach((x) => expect(Math.abs(x - 1)).toBeLessThan(1e-13));
    }
    expect(haarOrthogonal(0, 1).shape).toEqual([0, 0]);
    expect(Math.abs(haarOrthogonal(1, 1).get(0, 0))).toBe(1);
  });

  test("KS test: tr Q is N(0, 1) for Haar (Diaconis–Shahshahani), and the naive QR fails it", () => {
    // For Haar Q ∈ O(n), tr Q = Σ_j e^{iθ_j} is asymptotically N(0, 1) (exactly E = 0, Var = 1 for n ≥ 2), the
    // first Fourier mode of the eigenvalue angles; with n = 20 the normal law is accurate far below KS resolution.
    const N = 300;
    const rng = randomGenerator(77);
    const haar = Array.from({ length: N }, () => trace(haarOrthogonal(20, rng)));
    const naive = Array.from({ length: N }, () => trace(naiveQrOrthogonal(20, rng)));
    expect(ksStatistic(haar, normalCdf)).toBeLessThan(KS_CRITICAL_1_PERCENT);
    expect(ksStatistic(naive, normalCdf)).toBeGreaterThan(3 * KS_CRITICAL_1_PERCENT);
    const [mean, se] = meanAndError(haar);
    expect(Math.abs(mean)).toBeLessThan(4 * se);
  });

  test("eigenvalue angles are uniform on the circle for Haar, not for the naive QR", () => {
    // Pooled angles of 25 matrices of size 40: sup-distance of their CDF to the uniform law on [0, π].
    const rng = randomGenerator(8);
    const pooled = (sampler: typeof haarOrthogonal) => {
      const all: number[] = [];
      for (let s = 0; s < 25; s++) all.push(...eigenAngles(sampler(40, rng)));
      return ksStatistic(all, (x) => x / Math.PI) / Math.sqrt(all.length);
    };
    const dHaar = pooled(haarOrthogonal);
    const dNaive = pooled(naiveQrOrthogonal);
    expect(dHaar).toBeLessThan(0.04);
    expect(dNaive).toBeGreaterThan(0.06);
  });

  test("Mezzadri's correction: Haar's R-sign-corrected Q differs from the naive Q only by column signs", () => {
    const Q1 = haarOrthogonal(6, 42);
    const Q0 = naiveQrOrthogonal(6, 42);
    for (let j = 0; j < 6; j++) {
      const sign = Math.sign(Q1.get(0, j) * Q0.get(0, j));
      for (let i = 0; i < 6; i++) expect(Q1.get(i, j)).toBeCloseTo(sign * Q0.get(i, j), 15);
    }
  });
});

describe("gram and wishart", () => {
  test("gram(W) = WᵀW, exactly symmetric", () => {
    expect(toNested(gram(matrix([[1, 2], [3, 4], [5, 6]])))).toEqual([[35, 44], [44, 56]]);
    const G = gram(ginibre(50, 30, 1, 9));
    for (let i = 0; i < 30; i++) for (let j = 0; j < i; j++) expect(G.get(i, j)).toBe(G.get(j, i));
  });

  test("wishart(n, m, σ) is m×m with E[WᵀW] = nσ² I", () => {
    const rng = randomGenerator(10);
    const n = 20;
    const m = 5;
    const diagonal: number[] = [];
    const off: number[] = [];
    for (let s = 0; s < 200; s++) {
      const S = wishart(n, m, 0.5, rng);
      expect(S.shape).toEqual([m, m]);
      diagonal.push(S.get(0, 0));
      off.push(S.get(0, 1));
      eigvalsh(S).forEach((l) => expect(l).toBeGreaterThan(0));
    }
    const [md, sed] = meanAndError(diagonal);
    const [mo, seo] = meanAndError(off);
    expect(Math.abs(md - n * 0.25)).toBeLessThan(4 * sed);
    expect(Math.abs(mo)).toBeLessThan(4 * seo);
  });
});
