import { afterEach, describe, expect, it, beforeAll } from "vitest";
import { check, setCheckPrinter } from "../../src/exercises/index";
import { meanFieldVarianceMap, meanFieldFixedPoint } from "../../src/propagation/index";
import { quarterCircleDensity } from "../../src/rmt/index";
import { qr } from "../../src/linalg/index";
import { ginibre } from "../../src/random/index";
import { setLanguage } from "../../src/util/language";

const printed: string[] = [];
beforeAll(() => setCheckPrinter((line) => printed.push(line)));

/** No printed line may contain the reference formula's characteristic text. */
function printedNothingLike(patterns: RegExp[]): void {
  for (const line of printed) for (const p of patterns) expect(line).not.toMatch(p);
}

describe("check.reluVarianceMap", () => {
  it("passes the closed form, and the closed form agrees with the library's quadrature", () => {
    const V = (q: number, sw: number, sb: number) => (sw * sw * q) / 2 + sb * sb;
    expect(check.reluVarianceMap(V).passed).toBe(true);
    for (const [q, sw, sb] of [[1, 1, 0], [2.5, 1.3, 0.4]]) {
      expect(V(q, sw, sb)).toBeCloseTo(meanFieldVarianceMap(q, { sigmaW: sw, sigmaB: sb, activation: "relu" }), 10);
    }
  });
  it("also passes the quadrature-based map of the library", () => {
    expect(check.reluVarianceMap((q, sw, sb) => meanFieldVarianceMap(q, { sigmaW: sw, sigmaB: sb, activation: "relu" })).passed).toBe(true);
  });
  it("fails typical mistakes with specific hints", () => {
    expect(check.reluVarianceMap((q, sw, sb) => sw * sw * q + sb * sb).message).toMatch(/ReLU sets every negative h to 0/);
    expect(check.reluVarianceMap((q, sw, sb) => (sw * q) / 2 + sb * sb).message).toMatch(/variances σ_w² and σ_b²/);
    expect(check.reluVarianceMap((q, sw) => (sw * sw * q) / 2).message).toMatch(/forgot the bias/);
    expect(check.reluVarianceMap((q, sw, sb) => (sw * sw * q) / 2 + sb).message).toMatch(/σ_b², not σ_b/);
    const stub = check.reluVarianceMap((q) => q);
    expect(stub.passed).toBe(false);
    expect(check.reluVarianceMap(3 as any).message).toMatch(/as a function/);
  });
});

describe("check.reluFixedPoint", () => {
  it("passes q* = σ_b²/(1 − σ_w²/2), which is the library's iterated fixed point", () => {
    const f = (sw: number, sb: number) => (sb * sb) / (1 - (sw * sw) / 2);
    expect(check.reluFixedPoint(f).passed).toBe(true);
    expect(f(1.2, 0.3)).toBeCloseTo(meanFieldFixedPoint({ sigmaW: 1.2, sigmaB: 0.3, activation: "relu" }).qStar, 8);
  });
  it("fails a forgotten 1/2, standard deviations and a non-fixed point", () => {
    expect(check.reluFixedPoint((sw, sb) => (sb * sb) / (1 - sw * sw)).message).toMatch(/dropped the factor/);
    expect(check.reluFixedPoint((sw, sb) => sb / (1 - sw / 2)).message).toMatch(/variances/);
    expect(check.reluFixedPoint(() => 3).message).toMatch(/V\(q\*\) = q\*/);
  });
});

describe("check.quarterCircle", () => {
  it("passes the density, and the library's density", () => {
    expect(check.quarterCircle((x) => (x < 0 || x > 2 ? 0 : Math.sqrt(4 - x * x) / Math.PI)).passed).toBe(true);
    expect(check.quarterCircle((x) => quarterCircleDensity(x, 1)).passed).toBe(true);
  });
  it("fails the unnormalised shape, the semicircle normalisation, a nonzero tail and the stub", () => {
    expect(check.quarterCircle((x) => (x < 0 || x > 2 ? 0 : Math.sqrt(4 - x * x))).message).toMatch(/total mass is not 1/);
    expect(check.quarterCircle((x) => (x < 0 || x > 2 ? 0 : Math.sqrt(4 - x * x) / (2 * Math.PI))).message).toMatch(/semicircle/);
    expect(check.quarterCircle((x) => (Math.abs(x) > 2 ? 0 : Math.sqrt(4 - x * x) / Math.PI)).message).toMatch(/must be 0 outside/);
    expect(check.quarterCircle(() => 0).passed).toBe(false);
  });
});

describe("check.mpEdges", () => {
  it("passes (1 ∓ √λ)²", () => {
    expect(check.mpEdges((l) => [(1 - Math.sqrt(l)) ** 2, (1 + Math.sqrt(l)) ** 2]).passed).toBe(true);
  });
  it("fails λ instead of √λ, the singular-value edges, swapped edges and the stub", () => {
    expect(check.mpEdges((l) => [(1 - l) ** 2, (1 + l) ** 2]).message).toMatch(/involve √λ/);
    expect(check.mpEdges((l) => [1 - Math.sqrt(l), 1 + Math.sqrt(l)]).message).toMatch(/singular values/);
    expect(check.mpEdges((l) => [(1 + Math.sqrt(l)) ** 2, (1 - Math.sqrt(l)) ** 2]).message).toMatch(/smaller edge/);
    expect(check.mpEdges(() => [0, 4]).passed).toBe(false);
    expect(check.mpEdges((() => 4) as any).message).toMatch(/return the two edges/);
  });
});

describe("check.signCorrection", () => {
  const reference = (Q: number[][], R: number[][]) => Q.map((row) => row.map((v, j) => v * Math.sign(R[j][j])));
  it("passes Q·diag(sign R_jj), which gives a QR factorisation with positive diagonal on a real QR", () => {
    expect(check.signCorrection(reference).passed).toBe(true);
    const n = 5;
    const W = ginibre(n, n, 1, 7);
    const { Q, R } = qr(W);
    const rows = (M: { data: Float64Array }) => Array.from({ length: n }, (_, i) => Array.from(M.data.slice(i * n, i * n + n)));
    const Qc = reference(rows(Q), rows(R));
    const Rc = rows(R).map((row, i) => row.map((v) => v * Math.sign(R.data[i * n + i])));
    for (let i = 0; i < n; i++) {
      expect(Rc[i][i]).toBeGreaterThan(0);
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += Qc[i][k] * Rc[k][j];
        expect(s).toBeCloseTo(W.data[i * n + j], 10);
      }
    }
  });
  it("fails the unchanged Q, flipped rows and a global sign", () => {
    expect(check.signCorrection((Q) => Q).message).toMatch(/unchanged/);
    expect(check.signCorrection((Q, R) => Q.map((row, i) => row.map((v) => v * Math.sign(R[i][i])))).message).toMatch(/ROWS/);
    expect(check.signCorrection((Q) => Q.map((row) => row.map((v) => -v))).message).toMatch(/negated all/);
    expect(check.signCorrection(() => [[1]]).message).toMatch(/3×3/);
  });
});

describe("the checks print ✓/✗ lines and never the solution formulas", () => {
  it("printed lines carry no closed form", () => {
    expect(printed.length).toBeGreaterThan(10);
    printedNothingLike([/σ_b²\s*\/\s*\(1/, /√\(4 − x²\)\s*\/\s*π/, /\(1 ± √λ\)²/, /q\/2 \+ σ_b²/]);
  });
});

describe('the hints in Japanese after setLanguage("ja")', () => {
  afterEach(() => setLanguage("en"));
  it("a wrong answer gets its hint in Japanese, a right one its confirmation, and English again after setLanguage(\"en\")", () => {
    setLanguage("ja");
    const unchanged = check.signCorrection((Q) => Q).message;
    expect(unchanged).toMatch(/R の対角成分の符号 \[-1, 1, -1\]/);
    expect(unchanged).toMatch(/Q をそのまま返しています/);
    expect(check.reluVarianceMap((q, sw, sb) => (sw * sw * q) / 2).message).toMatch(/バイアスの項を忘れています/);
    const edges = (l: number) => [(1 - Math.sqrt(l)) ** 2, (1 + Math.sqrt(l)) ** 2];
    expect(check.mpEdges(edges).message).toBe("正解：λ = 0.1, 0.25, 0.5, 1 で一致します");
    setLanguage("en");
    expect(check.signCorrection((Q) => Q).message).toMatch(/returned Q unchanged/);
  });
});
