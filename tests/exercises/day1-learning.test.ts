import { describe, expect, it, beforeAll } from "vitest";
import { check, setCheckPrinter } from "../../src/exercises/index";
import { setLanguage } from "../../src/util/language";

const printed: string[] = [];
beforeAll(() => setCheckPrinter((line) => printed.push(line)));

const matVec = (W: number[][], x: number[]) => W.map((row) => row.reduce((s, w, j) => s + w * x[j], 0));
const matTVec = (W: number[][], d: number[]) => W[0].map((_, j) => W.reduce((s, row, i) => s + row[j] * d[i], 0));
const matMul = (A: number[][], B: number[][]) => A.map((row) => B[0].map((_, j) => row.reduce((s, a, k) => s + a * B[k][j], 0)));
const softmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

/** A hint must not contain a numeric answer vector that equals the reference on the check's own inputs. */
function noSolutionPrinted(message: string, forbidden: RegExp[]): void {
  for (const r of forbidden) expect(message).not.toMatch(r);
}

describe("check.affine", () => {
  it("passes W x + b", () => {
    expect(check.affine((W, x, b) => matVec(W, x).map((v, i) => v + b[i])).passed).toBe(true);
  });
  it("fails a forgotten bias, Wᵀx and the stub with specific hints", () => {
    expect(check.affine((W, x) => matVec(W, x)).message).toMatch(/add the bias b/);
    expect(check.affine((W, x, b) => matTVec(W, x).map((v, i) => v + b[i])).message).toMatch(/ROW i of W/);
    const stub = check.affine((_W, x) => x);
    expect(stub.passed).toBe(false);
    expect(stub.message).toMatch(/ROW|returned/);
  });
});

describe("check.compose", () => {
  it("passes the product AB", () => {
    expect(check.compose((A, B) => matMul(A, B)).passed).toBe(true);
  });
  it("fails BA, the entrywise product and a wrong shape", () => {
    expect(check.compose((A, B) => matMul(B, A)).message).toMatch(/computed B·A/);
    expect(check.compose((A, B) => A.map((r, i) => r.map((a, j) => a * B[i][j]))).message).toMatch(/entry by entry/);
    expect(check.compose((A) => A).passed).toBe(false);
  });
});

describe("check.softmax", () => {
  it("passes the stable softmax", () => {
    expect(check.softmax(softmax).passed).toBe(true);
  });
  it("fails the naive softmax on large logits, a missing normalisation and z/Σz", () => {
    const naive = (z: number[]) => {
      const e = z.map(Math.exp);
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    };
    expect(check.softmax(naive).message).toMatch(/overflows/);
    expect(check.softmax((z) => z.map(Math.exp)).message).toMatch(/sum to 1/);
    expect(check.softmax((z) => z.map((v) => v / z.reduce((a, b) => a + b, 0))).passed).toBe(false);
    expect(check.softmax((z) => z).passed).toBe(false);
  });
});

describe("check.softmaxCrossEntropyGrad", () => {
  const ref = (z: number[], y: number) => softmax(z).map((p, c) => p - (c === y ? 1 : 0));
  it("passes p − e_y", () => {
    expect(check.softmaxCrossEntropyGrad(ref).passed).toBe(true);
  });
  it("fails the wrong sign, p alone and the zero stub", () => {
    expect(check.softmaxCrossEntropyGrad((z, y) => ref(z, y).map((v) => -v)).message).toMatch(/wrong sign/);
    expect(check.softmaxCrossEntropyGrad((z) => softmax(z)).message).toMatch(/true class contributes/);
    const stub = check.softmaxCrossEntropyGrad((z) => z.map(() => 0));
    expect(stub.passed).toBe(false);
    expect(stub.message).toMatch(/differentiate/);
  });
});

describe("check.lossGradients", () => {
  const l2 = (f: number[], y: number[]) => f.map((v, i) => 2 * (v - y[i]));
  const l1 = (f: number[], y: number[]) => f.map((v, i) => Math.sign(v - y[i]));
  it("passes 2(f − y) and sign(f − y)", () => {
    expect(check.lossGradients(l2, l1).passed).toBe(true);
  });
  it("fails the missing factor 2, the L1 gradient taken as the error, and |f − y|", () => {
    expect(check.lossGradients((f, y) => f.map((v, i) => v - y[i]), l1).message).toMatch(/2u/);
    expect(check.lossGradients(l2, (f, y) => f.map((v, i) => v - y[i])).message).toMatch(/slope ±1/);
    expect(check.lossGradients(l2, (f, y) => f.map((v, i) => Math.abs(v - y[i]))).message).toMatch(/never negative/);
    expect(check.lossGradients((f, y) => f.map((v, i) => 2 * (y[i] - v)), l1).message).toMatch(/wrong sign/);
  });
});

describe("check.gradientStep", () => {
  it("passes θ − ηg", () => {
    expect(check.gradientStep((t, g, eta) => t.map((v, i) => v - eta * g[i])).passed).toBe(true);
  });
  it("fails ascent, a forgotten η and returning only the update", () => {
    expect(check.gradientStep((t, g, eta) => t.map((v, i) => v + eta * g[i])).message).toMatch(/UP the gradient/);
    expect(check.gradientStep((t, g) => t.map((v, i) => v - g[i])).message).toMatch(/ignored the learning rate/);
    expect(check.gradientStep((_t, g, eta) => g.map((v) => -eta * v)).message).toMatch(/only the update/);
    expect(check.gradientStep((t) => t).passed).toBe(false);
  });
});

describe("check.deltaStep", () => {
  const ref = (W: number[][], d: number[], h: number[], dphi: (x: number) => number) => matTVec(W, d).map((v, i) => dphi(h[i]) * v);
  it("passes φ′(h) ⊙ Wᵀδ", () => {
    expect(check.deltaStep(ref).passed).toBe(true);
  });
  it("fails a missing transpose, a forgotten φ′ and φ instead of φ′", () => {
    expect(check.deltaStep((W, d, h, dphi) => matVec(W, d).map((v, i) => dphi(h[i]) * v)).message).toMatch(/transposed/);
    expect(check.deltaStep((W, d) => matTVec(W, d)).message).toMatch(/forgot the activation/);
    expect(check.deltaStep((W, d, h) => matTVec(W, d).map((v, i) => Math.tanh(h[i]) * v)).message).toMatch(/derivative φ′/);
    expect(check.deltaStep((_W, _d, h) => h).passed).toBe(false);
  });
});

describe("check.weightGradient", () => {
  it("passes δ xᵀ", () => {
    expect(check.weightGradient((d, x) => d.map((a) => x.map((b) => a * b))).passed).toBe(true);
  });
  it("fails x δᵀ (transposed) and the zero stub", () => {
    expect(check.weightGradient((d, x) => x.map((a) => d.map((b) => a * b))).message).toMatch(/shape of W_l/);
    const stub = check.weightGradient((d, x) => d.map(() => x.map(() => 0)));
    expect(stub.passed).toBe(false);
    expect(stub.message).toMatch(/∂L\/∂W_ij/);
  });
});

describe("check.squaredDistances", () => {
  const sq = (u: number[]) => u.reduce((s, v) => s + v * v, 0);
  const dot = (u: number[], v: number[]) => u.reduce((s, a, k) => s + a * v[k], 0);
  it("passes ‖a‖² + ‖b‖² − 2a·b", () => {
    expect(check.squaredDistances((A, B) => A.map((a) => B.map((b) => sq(a) + sq(b) - 2 * dot(a, b)))).passed).toBe(true);
  });
  it("fails +2a·b, a single a·b and distances that are not squared", () => {
    expect(check.squaredDistances((A, B) => A.map((a) => B.map((b) => sq(a) + sq(b) + 2 * dot(a, b)))).message).toMatch(/minus sign/);
    expect(check.squaredDistances((A, B) => A.map((a) => B.map((b) => sq(a) + sq(b) - dot(a, b)))).message).toMatch(/twice/);
    expect(check.squaredDistances((A, B) => A.map((a) => B.map((b) => Math.sqrt(sq(a.map((v, k) => v - b[k])))))).message).toMatch(/square them/);
  });
});

describe("no hint prints the reference answer", () => {
  it("hints do not contain the expected vectors of the checks' own cases", () => {
    const failures = [
      check.softmaxCrossEntropyGrad((z) => z.map(() => 0)).message,
      check.gradientStep((t) => t).message,
      check.affine((_W, x) => x).message,
      check.deltaStep((_W, _d, h) => h).message,
    ];
    // e.g. the first gradientStep answer is [0.95, 2.1], the first affine answer [-0.5, -1.5]
    for (const m of failures) noSolutionPrinted(m, [/0\.95, 2\.1/, /\[-0\.5, -1\.5\]/, /\[-0\.910/]);
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.every((line) => line.startsWith("✓") || line.startsWith("✗"))).toBe(true);
  });
});

describe("the Day 1 learning hints in Japanese", () => {
  it("a softmax that forgets to normalise gets its hint in Japanese after setLanguage(\"ja\"), in English again after \"en\"", () => {
    const unnormalised = (z: number[]) => z.map((v) => Math.exp(v - Math.max(...z)));
    const previous = setLanguage("ja");
    try {
      const outcome = check.softmax(unnormalised);
      expect(outcome.passed).toBe(false);
      expect(outcome.message).toMatch(/確率の和は 1 でなければなりません/);
      expect(check.gradientStep((th, g, eta) => th.map((t, i) => t - eta * g[i])).message).toMatch(/二つの場合の両方で/);
    } finally {
      setLanguage(previous);
    }
    expect(check.softmax(unnormalised).message).toMatch(/probabilities must sum to 1/);
  });
});
