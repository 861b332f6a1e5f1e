import { describe, expect, it, beforeAll } from "vitest";
import { check, setCheckPrinter } from "../../src/exercises/index";
import { setLanguage } from "../../src/util/language";

const printed: string[] = [];
beforeAll(() => setCheckPrinter((line) => printed.push(line)));

describe("check.cosineRate", () => {
  const reference = (t: number, eta0: number, T: number) => (t >= T ? 0 : 0.5 * eta0 * (1 + Math.cos((Math.PI * t) / T)));
  it("passes the cosine schedule", () => {
    expect(check.cosineRate(reference).passed).toBe(true);
  });
  it("fails the typical mistakes with their hints", () => {
    expect(check.cosineRate((t, e, T) => e * (1 + Math.cos((Math.PI * t) / T))).message).toMatch(/factor ½/);
    expect(check.cosineRate((t, e, T) => 0.5 * e * (1 + Math.cos(t / T))).message).toMatch(/radians/);
    expect(check.cosineRate((t, e, T) => 0.5 * e * (1 + Math.cos((Math.PI * t) / T))).message).toMatch(/stays at 0/);
    expect(check.cosineRate((_t, e) => e).passed).toBe(false);
  });
});

describe("check.meanAndStd", () => {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const ss = (xs: number[]) => xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0);
  it("passes the sample standard deviation", () => {
    expect(check.meanAndStd((xs) => ({ mean: mean(xs), std: Math.sqrt(ss(xs) / (xs.length - 1)) })).passed).toBe(true);
  });
  it("fails dividing by k, the variance and the stub", () => {
    expect(check.meanAndStd((xs) => ({ mean: mean(xs), std: Math.sqrt(ss(xs) / xs.length) })).message).toMatch(/k − 1/);
    expect(check.meanAndStd((xs) => ({ mean: mean(xs), std: ss(xs) / (xs.length - 1) })).message).toMatch(/square root/);
    expect(check.meanAndStd(() => ({ mean: 0, std: 0 })).message).toMatch(/mean/);
  });
});

describe("check.weightDecayStep", () => {
  it("passes θ − η(g + 2λθ)", () => {
    expect(check.weightDecayStep((th, g, eta, l) => th.map((t, i) => t - eta * (g[i] + 2 * l * t))).passed).toBe(true);
  });
  it("fails λθ instead of 2λθ, a missing penalty and the wrong sign", () => {
    expect(check.weightDecayStep((th, g, eta, l) => th.map((t, i) => t - eta * (g[i] + l * t))).message).toMatch(/2λθ, not λθ/);
    expect(check.weightDecayStep((th, g, eta) => th.map((t, i) => t - eta * g[i])).message).toMatch(/missing/);
    expect(check.weightDecayStep((th, g, eta, l) => th.map((t, i) => t - eta * (g[i] - 2 * l * t))).message).toMatch(/towards 0/);
    expect(check.weightDecayStep((th) => th).passed).toBe(false);
  });
});

describe("check.centralDifference", () => {
  const central = (L: (t: number[]) => number, theta: number[], k: number, eps: number) => {
    const p = theta.slice();
    const m = theta.slice();
    p[k] += eps;
    m[k] -= eps;
    return (L(p) - L(m)) / (2 * eps);
  };
  it("passes the central difference", () => {
    expect(check.centralDifference(central).passed).toBe(true);
  });
  it("fails the forward difference, a missing 2, and a θ changed in place", () => {
    const forward = (L: (t: number[]) => number, theta: number[], k: number, eps: number) => {
      const p = theta.slice();
      p[k] += eps;
      return (L(p) - L(theta)) / eps;
    };
    expect(check.centralDifference(forward).message).toMatch(/forward difference/);
    expect(check.centralDifference((L, t, k, e) => 2 * central(L, t, k, e)).message).toMatch(/2ε/);
    const inPlace = (L: (t: number[]) => number, theta: number[], k: number, eps: number) => {
      theta[k] += eps;
      const up = L(theta);
      theta[k] -= 2 * eps;
      return (up - L(theta)) / (2 * eps);
    };
    expect(check.centralDifference(inPlace).message).toMatch(/changed θ/);
  });
});

describe("check.accuracyFromConfusion and check.mostConfused", () => {
  const acc = (C: number[][]) => C.reduce((s, r, i) => s + r[i], 0) / C.flat().reduce((a, b) => a + b, 0);
  const most = (C: number[][]): [number, number] => {
    let best: [number, number] = [0, 1];
    C.forEach((r, i) => r.forEach((c, j) => { if (i !== j && c > C[best[0]][best[1]]) best = [i, j]; }));
    return best;
  };
  it("pass the references", () => {
    expect(check.accuracyFromConfusion(acc).passed).toBe(true);
    expect(check.mostConfused(most).passed).toBe(true);
  });
  it("fail the count of correct answers, the error rate, a transposed pair and the diagonal", () => {
    expect(check.accuracyFromConfusion((C) => C.reduce((s, r, i) => s + r[i], 0)).message).toMatch(/divide by the total/);
    expect(check.accuracyFromConfusion((C) => 1 - acc(C)).message).toMatch(/error rate/);
    expect(check.mostConfused((C) => { const [i, j] = most(C); return [j, i]; }).message).toMatch(/\[row, column\]/);
    expect(check.mostConfused(() => [0, 0]).message).toMatch(/diagonal/);
  });
});

describe("the Day 1 training hints in Japanese", () => {
  it("the missing factor ½ of the cosine schedule is hinted in Japanese after setLanguage(\"ja\")", () => {
    const previous = setLanguage("ja");
    try {
      const outcome = check.cosineRate((t, e, T) => e * (1 + Math.cos((Math.PI * t) / T)));
      expect(outcome.passed).toBe(false);
      expect(outcome.message).toMatch(/係数 ½ を忘れていませんか/);
      expect(check.weightDecayStep((th, g, eta, l) => th.map((t, i) => t - eta * (g[i] + 2 * l * t))).message).toMatch(/罰則が θ を 0 の方へ引き戻します/);
    } finally {
      setLanguage(previous);
    }
    expect(check.cosineRate((t, e, T) => e * (1 + Math.cos((Math.PI * t) / T))).message).toMatch(/factor ½/);
  });
});
