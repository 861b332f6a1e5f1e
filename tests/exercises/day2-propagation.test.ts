import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { check, setCheckPrinter } from "../../src/exercises/index";
import { meanFieldChi1, meanFieldFixedPoint, meanFieldVarianceMap, preactivationVariances } from "../../src/propagation/index";
import { gaussianExpectation } from "../../src/special/index";
import { jacobianMomentPrediction } from "../../src/rmt/index";
import { setLanguage } from "../../src/util/language";

beforeAll(() => setCheckPrinter(() => {}));

const tanh = (sigmaW: number, sigmaB: number) => ({ sigmaW, sigmaB, activation: "tanh" as const });

/** What a student writes: bisection on χ₁ at the fixed point. */
function studentCritical(sigmaB: number): number {
  let lo = 0.5;
  let hi = 3;
  for (let it = 0; it < 50; it++) {
    const mid = (lo + hi) / 2;
    if (meanFieldFixedPoint(tanh(mid, sigmaB), { tol: 1e-13, maxIterations: 100000 }).chi1 < 1) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe("check.criticalSigmaW", () => {
  it("passes a bisection on χ₁(q*) = 1, whose answer is critical", () => {
    expect(check.criticalSigmaW(studentCritical).passed).toBe(true);
    const sw = studentCritical(0.3);
    expect(meanFieldFixedPoint(tanh(sw, 0.3), { tol: 1e-13, maxIterations: 100000 }).chi1).toBeCloseTo(1, 6);
  });
  it("fails σ_w², the σ_b = 0 answer, χ₁ = 1 at q = 1 instead of q*, and a loose bisection", () => {
    expect(check.criticalSigmaW((sb) => studentCritical(sb) ** 2).message).toMatch(/looks like σ_w²/);
    expect(check.criticalSigmaW(() => 1).message).toMatch(/only for σ_b = 0/);
    const atQ1 = (sb: number) => {
      let lo = 0.5;
      let hi = 3;
      for (let it = 0; it < 50; it++) {
        const mid = (lo + hi) / 2;
        if (meanFieldChi1(1, tanh(mid, sb)) < 1) lo = mid;
        else hi = mid;
      }
      return (lo + hi) / 2;
    };
    expect(check.criticalSigmaW(atQ1).message).toMatch(/at the fixed point q\*/);
    expect(check.criticalSigmaW((sb) => studentCritical(sb) * 1.005).message).toMatch(/close but not/);
    expect(check.criticalSigmaW(7 as any).message).toMatch(/as a function/);
  });
});

/** What a student writes: q_1 = σ_w² q_0 + σ_b², then V; the product of σ_w² and L − 1 factors χ₁. */
function studentMeanSq(depth: number, sw: number, sb: number, q0: number): number {
  let q = sw * sw * q0 + sb * sb;
  let m = sw * sw;
  for (let l = 1; l < depth; l++) {
    m *= sw * sw * gaussianExpectation((h) => (1 - Math.tanh(h) ** 2) ** 2, q, 100);
    q = sw * sw * gaussianExpectation((h) => Math.tanh(h) ** 2, q, 100) + sb * sb;
  }
  return m;
}

describe("check.meanSquaredSingularValue", () => {
  it("passes σ_w² Π χ₁(q_l), which is the library's free-probability first moment", () => {
    expect(check.meanSquaredSingularValue(studentMeanSq).passed).toBe(true);
    const m1 = jacobianMomentPrediction({ depth: 5, activation: "tanh", sigmaW: 1.2, sigmaB: 0.3, inputVariance: 0.5, K: 1 })[1];
    expect(studentMeanSq(5, 1.2, 0.3, 0.5)).toBeCloseTo(m1, 6);
  });
  it("fails L factors χ₁, a forgotten σ_w² of W_L, x_0 through tanh, q_1 = q_0, and Monte Carlo accuracy", () => {
    const product = (depth: number, sw: number, sb: number, q1: number, factors: number, lead: number) => {
      let q = q1;
      let m = lead;
      for (let l = 0; l < factors; l++) {
        m *= meanFieldChi1(q, tanh(sw, sb));
        q = meanFieldVarianceMap(q, tanh(sw, sb));
      }
      return m;
    };
    const q1 = (sw: number, sb: number, q0: number) => sw * sw * q0 + sb * sb;
    expect(check.meanSquaredSingularValue((L, sw, sb, q0) => product(L, sw, sb, q1(sw, sb, q0), L, 1)).message).toMatch(/only L − 1 factors/);
    expect(check.meanSquaredSingularValue((L, sw, sb, q0) => product(L, sw, sb, q1(sw, sb, q0), L - 1, 1)).message).toMatch(/W_L .* σ_w² too/);
    expect(
      check.meanSquaredSingularValue((L, sw, sb, q0) => product(L, sw, sb, meanFieldVarianceMap(q0, tanh(sw, sb)), L - 1, sw * sw)).message,
    ).toMatch(/does not pass through tanh/);
    expect(check.meanSquaredSingularValue((L, sw, sb, q0) => product(L, sw, sb, q0, L - 1, sw * sw)).message).toMatch(/q_1 = σ_w² q_0 \+ σ_b²/);
    expect(check.meanSquaredSingularValue((L, sw, sb, q0) => studentMeanSq(L, sw, sb, q0) * 1.01).message).toMatch(/Monte Carlo/);
    expect(check.meanSquaredSingularValue(() => 1).passed).toBe(false);
    expect(check.meanSquaredSingularValue(() => NaN).message).toMatch(/finite number/);
  });
  it("its critical case is critical: started at the fixed point, the reference equals σ_w²", () => {
    const qs = preactivationVariances(8, 0.3943, tanh(1.4674, 0.3885));
    for (const q of qs) expect(q).toBeCloseTo(1, 3);
    expect(studentMeanSq(8, 1.4674, 0.3885, 0.3943)).toBeCloseTo(1.4674 ** 2, 2);
  });
});

describe("check.reluSquaredNorm", () => {
  it("passes H_l = 2 + (X − 1)/2^{l−1}, which iterates H_l = H_{l−1}/2 + 1 from H_1 = X + 1", () => {
    const closed = (l: number, X: number) => 2 + (X - 1) / 2 ** (l - 1);
    expect(check.reluSquaredNorm(closed).passed).toBe(true);
    let H = 500 + 1;
    for (let l = 2; l <= 12; l++) H = H / 2 + 1;
    expect(closed(12, 500)).toBeCloseTo(H, 10);
    // and the iteration itself, written as a loop, passes too
    const loop = (l: number, X: number) => {
      let h = X + 1;
      for (let k = 2; k <= l; k++) h = h / 2 + 1;
      return h;
    };
    expect(check.reluSquaredNorm(loop).passed).toBe(true);
  });
  it("fails an off-by-one, X + 1 − 2 done wrong, a forgotten bias sum, and the stub", () => {
    expect(check.reluSquaredNorm((l, X) => 2 + (X - 1) / 2 ** l).message).toMatch(/off by one/);
    expect(check.reluSquaredNorm((l, X) => 2 + (X + 1) / 2 ** (l - 1)).message).toMatch(/H_1 − H\*/);
    expect(check.reluSquaredNorm((l, X) => (X + 1) / 2 ** (l - 1)).message).toMatch(/does not go to 0/);
    expect(check.reluSquaredNorm((l, X) => X / 2 ** (l - 1) + 1).message).toMatch(/add up over layers/);
    expect(check.reluSquaredNorm(() => 0).passed).toBe(false);
  });
});

describe('the hints in Japanese after setLanguage("ja")', () => {
  afterEach(() => setLanguage("en"));
  it("a wrong answer gets its hint in Japanese, a right one its confirmation, and English again after setLanguage(\"en\")", () => {
    const offByOne = (l: number, X: number) => 2 + (X - 1) / 2 ** l;
    setLanguage("ja");
    expect(check.reluSquaredNorm(offByOne).message).toMatch(/層が一つずれています/);
    expect(check.reluSquaredNorm((l, X) => 2 + (X - 1) / 2 ** (l - 1)).message).toMatch(/^正解：H_l − 2 は一層ごとに半分/);
    expect(check.criticalSigmaW(() => 1).message).toMatch(/カオスの縁になるのは σ_b = 0 のときだけです/);
    setLanguage("en");
    expect(check.reluSquaredNorm(offByOne).message).toMatch(/off by one layer/);
  });
});
