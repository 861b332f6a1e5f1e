import { describe, expect, it, beforeAll } from "vitest";
import { check, setCheckPrinter } from "../../src/exercises/index";
import {
  fussCatalanLaw,
  semicircleLaw,
  marchenkoPasturLaw,
  freeCumulantsFromMoments,
  sTransformSeries,
  evaluateSeries,
  freeAdditiveConvolution,
  freeAdditiveMoments,
  jacobianMomentPrediction,
} from "../../src/rmt/index";
import { infiniteWidthKernels } from "../../src/kernels/index";
import { setLanguage } from "../../src/util/language";

const printed: string[] = [];
beforeAll(() => setCheckPrinter((line) => printed.push(line)));

type Mat = number[][];
const matMul = (A: Mat, B: Mat): Mat => A.map((row) => B[0].map((_, j) => row.reduce((s, a, k) => s + a * B[k][j], 0)));

/** A student's correct Jacobian: J ← W_l diag(φ′(h_{l−1})) J. */
function jacobian(weights: Mat[], preacts: number[][], dphi: (h: number) => number): Mat {
  let J = weights[0];
  for (let l = 1; l < weights.length; l++) {
    const d = preacts[l - 1].map(dphi);
    J = matMul(weights[l], J.map((row, i) => row.map((v) => v * d[i])));
  }
  return J;
}

describe("check.jacobianProduct", () => {
  it("passes the layer-by-layer product", () => {
    expect(check.jacobianProduct(jacobian).passed).toBe(true);
  });
  it("the reference agrees with a finite-difference Jacobian of a tiny tanh network", () => {
    const W1 = [[0.5, -1.2], [0.8, 0.1]];
    const W2 = [[1.1, -0.4], [0.2, 0.9]];
    const f = (x: number[]) => matMul(W2, matMul(W1, [[x[0]], [x[1]]]).map((r) => [Math.tanh(r[0])])).map((r) => r[0]);
    const x = [0.3, -0.6];
    const h1 = matMul(W1, [[x[0]], [x[1]]]).map((r) => r[0]);
    const J = jacobian([W1, W2], [h1], (h) => 1 - Math.tanh(h) ** 2);
    const eps = 1e-6;
    for (let j = 0; j < 2; j++) {
      const xp = x.slice();
      const xm = x.slice();
      xp[j] += eps;
      xm[j] -= eps;
      const col = f(xp).map((v, i) => (v - f(xm)[i]) / (2 * eps));
      for (let i = 0; i < 2; i++) expect(J[i][j]).toBeCloseTo(col[i], 8);
    }
  });
  it("fails typical mistakes with specific hints", () => {
    const noD = (weights: Mat[]) => weights.slice(1).reduce((J, W) => matMul(W, J), weights[0]);
    expect(check.jacobianProduct(noD).message).toMatch(/left out the D_l/);
    const withH = (weights: Mat[], preacts: number[][]) => jacobian(weights, preacts, (h) => h);
    expect(check.jacobianProduct(withH).message).toMatch(/derivative at h_l/);
    const withPhi = (weights: Mat[], preacts: number[][]) => jacobian(weights, preacts, Math.tanh);
    expect(check.jacobianProduct(withPhi).message).toMatch(/you used φ\(h_l\)/);
    // the product in the wrong order: transposed shapes
    const wrongOrder = (weights: Mat[]) => [[1, 2], [3, 4], [5, 6]].slice(0, weights[0][0].length).map((r) => r.slice(0, weights[weights.length - 1].length));
    expect(check.jacobianProduct(wrongOrder).message).toMatch(/n_L × n_0/);
    expect(check.jacobianProduct((w: Mat[]) => w[0]).passed).toBe(false);
    expect(check.jacobianProduct(null as any).message).toMatch(/as a function/);
  });
});

describe("check.jjtVariance", () => {
  it("passes L, which is the variance of the library's Fuss–Catalan law", () => {
    expect(check.jjtVariance((L) => L).passed).toBe(true);
    for (const L of [1, 3, 5]) {
      const law = fussCatalanLaw(L);
      expect(law.moment(2) - law.moment(1) ** 2).toBeCloseTo(L, 6);
    }
  });
  it("fails the second moment and the standard deviation with hints", () => {
    expect(check.jjtVariance((L) => L + 1).message).toMatch(/second moment/);
    expect(check.jjtVariance((L) => Math.sqrt(L)).message).toMatch(/standard deviation/);
    expect(check.jjtVariance(() => 0).passed).toBe(false);
  });
});

describe("check.semicircleFreeCumulants", () => {
  const reference = (v: number, K: number) => Array.from({ length: K }, (_, i) => (i === 1 ? v : 0));
  it("passes [0, σ², 0, …], which the library computes from the semicircle's moments", () => {
    expect(check.semicircleFreeCumulants(reference).passed).toBe(true);
    const law = semicircleLaw(2.5);
    const kappa = freeCumulantsFromMoments(Array.from({ length: 7 }, (_, k) => law.moment(k)));
    reference(2.5, 6).forEach((v, i) => expect(kappa[i + 1]).toBeCloseTo(v, 8));
  });
  it("fails the moments, the standard deviation and a wrong length with hints", () => {
    const moments = (v: number, K: number) => Array.from({ length: K }, (_, i) => semicircleLaw(v).moment(i + 1));
    expect(check.semicircleFreeCumulants(moments).message).toMatch(/moments m_k/);
    expect(check.semicircleFreeCumulants((v, K) => Array.from({ length: K }, (_, i) => (i === 1 ? Math.sqrt(v) : 0))).message).toMatch(/not the standard deviation/);
    expect(check.semicircleFreeCumulants(() => [0, 1]).message).toMatch(/array of K = 6/);
  });
});

describe("check.mpSTransform", () => {
  const reference = (z: number, lam: number, v: number) => 1 / (v * (1 + lam * z));
  it("passes 1/(σ²(1 + λz)), which matches the library's S-transform series of the MP moments", () => {
    expect(check.mpSTransform(reference).passed).toBe(true);
    for (const [lam, v] of [[0.5, 2], [2, 0.7]]) {
      const law = marchenkoPasturLaw(lam, v);
      const S = sTransformSeries(Array.from({ length: 12 }, (_, k) => law.moment(k)));
      const z = 0.05;
      expect(evaluateSeries(S, z)).toBeCloseTo(reference(z, lam, v), 6);
    }
  });
  it("fails typical mistakes with specific hints", () => {
    expect(check.mpSTransform((z, lam) => 1 / (1 + lam * z)).message).toMatch(/divides its S-transform by σ²/);
    expect(check.mpSTransform((z, lam, v) => v / (1 + lam * z)).message).toMatch(/not larger/);
    expect(check.mpSTransform((z, lam, v) => 1 / (v * (1 + z))).message).toMatch(/does not depend on the ratio/);
    expect(check.mpSTransform((z, lam, v) => v / (1 - v * lam * z)).message).toMatch(/R-transform/);
    expect(check.mpSTransform(() => 1).passed).toBe(false);
  });
});

describe("check.linearNtk", () => {
  const gram = (X: Mat) => X.map((a) => X.map((b) => a.reduce((s, v, i) => s + v * b[i], 0)));
  it("passes XXᵀ + 1", () => {
    expect(check.linearNtk((X) => gram(X).map((r) => r.map((v) => v + 1))).passed).toBe(true);
  });
  it("fails the Gram matrix without the bias, the parameter-space matrix and a stub", () => {
    expect(check.linearNtk(gram).message).toMatch(/b is a parameter too/);
    const XtX = (X: Mat) => X[0].map((_, i) => X[0].map((_, j) => X.reduce((s, r) => s + r[i] * r[j], 0)));
    expect(check.linearNtk(XtX).message).toMatch(/p × p/);
    expect(check.linearNtk((X) => X).passed).toBe(false);
  });
});

describe("no check prints a solution", () => {
  it("hints never contain the reference formulas", () => {
    for (const line of printed) {
      expect(line).not.toMatch(/1\s*\/\s*\(σ²\s*\(1 \+ λz\)\)/);
      expect(line).not.toMatch(/x_m·x_n \+ 1/);
      expect(line).not.toMatch(/variance (is|=) L\b/);
    }
    expect(printed.length).toBeGreaterThan(10);
  });
});

describe("check.semicircleSum", () => {
  const sc = (x: number, v: number) => (x * x < 4 * v ? Math.sqrt(4 * v - x * x) / (2 * Math.PI * v) : 0);
  it("passes the semicircle of variance v₁ + v₂, which the library's ⊞ reproduces", () => {
    expect(check.semicircleSum((x, v1, v2) => sc(x, v1 + v2)).passed).toBe(true);
    const sum = freeAdditiveConvolution(semicircleLaw(1), semicircleLaw(0.5));
    const i = sum.x.findIndex((x) => x > 0.4);
    expect(sum.density[i]).toBeCloseTo(sc(sum.x[i], 1.5), 2);
  });
  it("fails typical mistakes with specific hints", () => {
    expect(check.semicircleSum((x, v1, v2) => sc(x, (Math.sqrt(v1) + Math.sqrt(v2)) ** 2)).message).toMatch(/standard deviations/);
    expect(check.semicircleSum((x, v1, v2) => sc(x, v1) + sc(x, v2)).message).toMatch(/mixture/);
    expect(check.semicircleSum((x, v1, v2) => Math.exp((-x * x) / (2 * (v1 + v2))) / Math.sqrt(2 * Math.PI * (v1 + v2))).message).toMatch(/classical/);
    expect(check.semicircleSum((x, v1, v2) => Math.sqrt(Math.max(0, 4 * (v1 + v2) - x * x)) / (2 * Math.PI * (v1 + v2)) + (x > 4 ? 1 : 0)).message).toMatch(/outside the support/);
    expect(check.semicircleSum(() => NaN).passed).toBe(false);
  });
});

describe("check.freeAlternatingMoment", () => {
  const free = (a: number[], b: number[]) => a[2] * b[1] ** 2 + a[1] ** 2 * b[2] - a[1] ** 2 * b[1] ** 2;
  it("passes a₂b₁² + a₁²b₂ − a₁²b₁², which agrees with free cumulants (κ of A + B) on an example", () => {
    expect(check.freeAlternatingMoment(free).passed).toBe(true);
    // tr((A + B)^4) for free A, B from the library's free additive moments, expanded by hand:
    // = a4 + b4 + 4 tr(A³B) + 4 tr(AB³) + 4 tr(A²B²) + 2 tr(ABAB), with tr(A^kB^j) = a_k b_j for free A, B.
    const a = [1, 1, 2, 5, 14];
    const b = [1, 0.5, 1, 2.5, 7];
    const m4 = freeAdditiveMoments(a, b)[4];
    const byHand = a[4] + b[4] + 4 * a[3] * b[1] + 4 * a[1] * b[3] + 4 * a[2] * b[2] + 2 * free(a, b);
    expect(m4).toBeCloseTo(byHand, 9);
  });
  it("fails typical mistakes with specific hints", () => {
    expect(check.freeAlternatingMoment((a, b) => a[2] * b[2]).message).toMatch(/COMMUTING/);
    expect(check.freeAlternatingMoment((a, b) => a[1] ** 2 * b[1] ** 2).message).toMatch(/do not all drop out/);
    expect(check.freeAlternatingMoment((a, b) => a[2] * b[1] ** 2 + a[1] ** 2 * b[2]).message).toMatch(/counted twice/);
  });
});

describe("check.reluJjtSecondMoment", () => {
  it("passes 8L, which is the library's exact moment prediction", () => {
    expect(check.reluJjtSecondMoment((L) => 8 * L).passed).toBe(true);
    for (const L of [1, 3, 6]) {
      const m = jacobianMomentPrediction({ depth: L, activation: "relu", sigmaW: Math.SQRT2, weights: "gaussian", K: 2 });
      expect(m[2]).toBeCloseTo(8 * L, 8);
    }
  });
  it("fails typical mistakes with specific hints", () => {
    expect(check.reluJjtSecondMoment((L) => 4 * (L + 1)).message).toMatch(/only the L weight factors/);
    expect(check.reluJjtSecondMoment((L) => L + 1).message).toMatch(/linear network/);
    expect(check.reluJjtSecondMoment((L) => 4 * (2 * L + 1)).message).toMatch(/L − 1 D factors/);
    expect(check.reluJjtSecondMoment(() => 2).message).toMatch(/first moment/);
  });
});

describe("check.gdLinearizedLoss", () => {
  const ref = (lam: number[], c: number[], eta: number, t: number) => 0.5 * lam.reduce((s, l, i) => s + (1 - eta * l) ** (2 * t) * c[i] ** 2, 0);
  it("passes ½ Σ (1 − ηλ_i)^{2t} c_i², the loss of t gradient steps on a quadratic", () => {
    expect(check.gdLinearizedLoss(ref).passed).toBe(true);
    // t explicit steps f ← f − η diag(λ)(f − Y) from f − Y = c give the same loss
    const lam = [2, 0.5];
    let r = [1, -2];
    for (let t = 0; t < 5; t++) r = r.map((v, i) => v - 0.2 * lam[i] * v);
    expect(0.5 * (r[0] ** 2 + r[1] ** 2)).toBeCloseTo(ref(lam, [1, -2], 0.2, 5), 12);
  });
  it("fails typical mistakes with specific hints", () => {
    const flow = (lam: number[], c: number[], eta: number, t: number) => 0.5 * lam.reduce((s, l, i) => s + Math.exp(-2 * eta * l * t) * c[i] ** 2, 0);
    expect(check.gdLinearizedLoss(flow).message).toMatch(/gradient FLOW/);
    expect(check.gdLinearizedLoss((l, c, e, t) => 2 * ref(l, c, e, t)).message).toMatch(/keep the ½/);
    const notSquared = (lam: number[], c: number[], eta: number, t: number) => 0.5 * lam.reduce((s, l, i) => s + (1 - eta * l) ** t * c[i] ** 2, 0);
    expect(check.gdLinearizedLoss(notSquared).message).toMatch(/squares it/);
  });
});

describe("check.reluCkLimit", () => {
  const ref = (x: number[], y: number[], sw: number, sb: number) => {
    const n0 = x.length;
    const dot = (u: number[], v: number[]) => u.reduce((s, a, i) => s + a * v[i], 0);
    const s11 = (sw * sw * dot(x, x)) / n0 + sb * sb;
    const s22 = (sw * sw * dot(y, y)) / n0 + sb * sb;
    const s12 = (sw * sw * dot(x, y)) / n0 + sb * sb;
    const th = Math.acos(Math.max(-1, Math.min(1, s12 / Math.sqrt(s11 * s22))));
    return (Math.sqrt(s11 * s22) * (Math.sin(th) + (Math.PI - th) * Math.cos(th))) / (2 * Math.PI);
  };
  it("passes the arc-cosine kernel, which is (K∞ − σ_b²)/σ_w² of the library", () => {
    expect(check.reluCkLimit(ref).passed).toBe(true);
    const X = [[1, 2, -1], [0.5, -1, 2]];
    const { nngp } = infiniteWidthKernels(X, { depth: 2, activation: "relu", sigmaW: 1.3, sigmaB: 0.4 });
    expect((nngp.get(0, 1) - 0.16) / 1.69).toBeCloseTo(ref(X[0], X[1], 1.3, 0.4), 12);
  });
  it("fails typical mistakes with specific hints", () => {
    expect(check.reluCkLimit((x, y, sw, sb) => sw * sw * ref(x, y, sw, sb) + sb * sb).message).toMatch(/K∞/);
    expect(check.reluCkLimit((x, y, sw, sb) => ref(x, y, sw * Math.sqrt(x.length), sb)).message).toMatch(/divide by n₀/);
    expect(check.reluCkLimit((x, y, sw) => ref(x, y, sw, 0)).message).toMatch(/bias adds/);
  });
});

describe("the hints and confirmations in Japanese (setLanguage(\"ja\"), as in notebooks/ja)", () => {
  const sc = (x: number, v: number) => (x * x < 4 * v ? Math.sqrt(4 * v - x * x) / (2 * Math.PI * v) : 0);
  const mixture = (x: number, v1: number, v2: number) => sc(x, v1) + sc(x, v2);
  it("a hint and a confirmation appear in Japanese after setLanguage(\"ja\"), and in English again after setLanguage(\"en\")", () => {
    const previous = setLanguage("ja");
    try {
      const hint = check.semicircleSum(mixture);
      expect(hint.passed).toBe(false);
      expect(hint.message).toMatch(/二つの分布の混合/);
      expect(hint.message).not.toMatch(/mixture/);
      const confirmation = check.reluJjtSecondMoment((L) => 8 * L);
      expect(confirmation.passed).toBe(true);
      expect(confirmation.message).toMatch(/正解/);
      // the nested description of the case is Japanese too
      expect(check.linearNtk((X) => X).message).toMatch(/ケース 1/);
    } finally {
      setLanguage(previous);
    }
    expect(check.semicircleSum(mixture).message).toMatch(/mixture of the two laws/);
  });
});
