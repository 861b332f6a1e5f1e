import { describe, expect, it, beforeAll, afterEach } from "vitest";
import { setLanguage } from "../../src/util/language";
import { check, setCheckPrinter } from "../../src/exercises/index";

beforeAll(() => setCheckPrinter(() => {}));

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);

describe("check.leastSquaresStep", () => {
  const gradient = (theta: number[], features: number[][], ys: number[], scale: number) =>
    theta.map((_, k) => features.reduce((s, phi, m) => s + scale * (dot(theta, phi) - ys[m]) * phi[k], 0));
  it("passes θ − η (2/N) Σ (θ·φ − y) φ", () => {
    const ok = check.leastSquaresStep((theta, f, ys, eta) => {
      const g = gradient(theta, f, ys, 2 / ys.length);
      return theta.map((t, k) => t - eta * g[k]);
    });
    expect(ok.passed).toBe(true);
  });
  it("names the missing 2, the missing 1/N, the sign and the stub", () => {
    const variant = (scale: (n: number) => number, sign = -1) => (theta: number[], f: number[][], ys: number[], eta: number) => {
      const g = gradient(theta, f, ys, scale(ys.length));
      return theta.map((t, k) => t + sign * eta * g[k]);
    };
    expect(check.leastSquaresStep(variant((n) => 1 / n)).message).toMatch(/factor 2 is missing/);
    expect(check.leastSquaresStep(variant(() => 2)).message).toMatch(/divide the summed gradient by N/);
    expect(check.leastSquaresStep(variant((n) => 2 / n, 1)).message).toMatch(/went up the gradient/);
    expect(check.leastSquaresStep((theta) => theta).message).toMatch(/unchanged/);
  });
});

describe("check.excessRiskSplit", () => {
  it("passes the three differences", () => {
    expect(check.excessRiskSplit((b, f, t, s) => ({ approximation: b - s, estimation: f - b, optimisation: t - f })).passed).toBe(true);
  });
  it("fails sums that do not add up, swapped signs and swapped terms", () => {
    expect(check.excessRiskSplit((b, f, t) => ({ approximation: b, estimation: f - b, optimisation: t - f })).message).toMatch(/add up/);
    expect(check.excessRiskSplit((b, f, t, s) => ({ approximation: b - s, estimation: t - b, optimisation: f - t + 2 * (t - f) + (f - t) })).passed).toBe(false);
    expect(check.excessRiskSplit((b, f, t, s) => ({ approximation: f - s, estimation: b - f, optimisation: t - b })).message).toMatch(/sign|compares/);
    expect(check.excessRiskSplit(() => ({ approximation: 0, estimation: 0, optimisation: 0 })).passed).toBe(false);
  });
});

describe("check.velocity", () => {
  const reference = (p: number[], fps: number) => p.map((_, t) =>
    t === 0 ? (p[1] - p[0]) * fps : t === p.length - 1 ? (p[t] - p[t - 1]) * fps : ((p[t + 1] - p[t - 1]) * fps) / 2);
  it("passes central differences with one-sided ends", () => {
    expect(check.velocity(reference).passed).toBe(true);
  });
  it("names a per-frame difference, a missing /2 and a shortened array", () => {
    expect(check.velocity((p, fps) => reference(p, fps).map((v) => v / fps)).message).toMatch(/multiply by fps/);
    expect(check.velocity((p, fps) => reference(p, fps).map((v, t) => (t === 0 || t === p.length - 1 ? v : 2 * v))).message).toMatch(/divide it by 2/);
    expect(check.velocity((p, fps) => p.slice(1).map((v, t) => (v - p[t]) * fps)).message).toMatch(/one velocity per frame/);
  });
});

describe("check.nearestLabel", () => {
  const d2 = (a: number[], b: number[]) => a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0);
  it("passes the argmin of the squared distance", () => {
    expect(check.nearestLabel((X, Y, x) => {
      const d = X.map((r) => d2(r, x));
      return Y[d.indexOf(Math.min(...d))];
    }).passed).toBe(true);
  });
  it("names argmax, the largest inner product and returning the index", () => {
    expect(check.nearestLabel((X, Y, x) => {
      const d = X.map((r) => d2(r, x));
      return Y[d.indexOf(Math.max(...d))];
    }).message).toMatch(/FARTHEST/);
    expect(check.nearestLabel((X, Y, x) => {
      const p = X.map((r) => dot(r, x));
      return Y[p.indexOf(Math.max(...p))];
    }).message).toMatch(/inner product/);
    expect(check.nearestLabel((X, _Y, x) => {
      const d = X.map((r) => d2(r, x));
      return d.indexOf(Math.min(...d));
    }).message).toMatch(/index m\*/);
  });
});

describe("check.arcsineProbability", () => {
  const F = (l: number) => (2 / Math.PI) * Math.asin(Math.sqrt(l));
  it("passes F(b) − F(a)", () => {
    expect(check.arcsineProbability((a, b) => F(b) - F(a)).passed).toBe(true);
  });
  it("names the uniform answer, the missing 2/π and the missing square root", () => {
    expect(check.arcsineProbability((a, b) => b - a).message).toMatch(/uniform/);
    expect(check.arcsineProbability((a, b) => Math.asin(Math.sqrt(b)) - Math.asin(Math.sqrt(a))).message).toMatch(/2\/π/);
    expect(check.arcsineProbability((a, b) => (2 / Math.PI) * (Math.asin(b) - Math.asin(a))).message).toMatch(/square root/);
  });
});

describe("check.parameterCount", () => {
  const count = (w: number[]) => w.slice(1).reduce((s, n, l) => s + n * (w[l] + 1), 0);
  it("passes Σ n_l (n_{l−1} + 1)", () => {
    expect(check.parameterCount(count).passed).toBe(true);
  });
  it("names the forgotten biases and a bias on the input", () => {
    expect(check.parameterCount((w) => w.slice(1).reduce((s, n, l) => s + n * w[l], 0)).message).toMatch(/bias/);
    expect(check.parameterCount((w) => count(w) + w[0]).message).toMatch(/input layer/);
  });
});

describe("the hints and confirmations of day1-risk in Japanese", () => {
  const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
  afterEach(() => {
    setLanguage("en");
  });
  it("prints the hint of a wrong answer and the confirmation of a right one in the selected language", () => {
    const unchanged = (theta: number[]) => theta;
    const english = check.leastSquaresStep(unchanged).message;
    setLanguage("ja");
    const hint = check.leastSquaresStep(unchanged).message;
    expect(english).toMatch(/returned θ unchanged/);
    expect(hint).toMatch(/θ を変えずに返しました/);
    expect(hint).toMatch(/N = 3 点/);
    const split = check.excessRiskSplit((b, f, t, s) => ({ approximation: b - s, estimation: f - b, optimisation: t - f }));
    expect(split.passed).toBe(true);
    expect(split.message).toMatch(japanese);
    const wrong = [
      check.arcsineProbability((a, b) => b - a),
      check.parameterCount((w) => w.slice(1).reduce((s, n, l) => s + n * w[l], 0)),
      check.nearestLabel((_x, y) => y[0] + 100),
      check.velocity((p) => p.map(() => 0)),
    ];
    for (const outcome of wrong) {
      expect(outcome.passed).toBe(false);
      expect(outcome.message).toMatch(japanese);
    }
  });
});
