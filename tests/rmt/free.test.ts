import { describe, expect, it } from "vitest";
import { freeCumulantsFromMoments, momentsFromFreeCumulants, freeAdditiveMoments, freeMultiplicativeMoments, sTransformSeries, rTransformSeries, seriesInverse, seriesCompose, freeAdditiveConvolution, freeMultiplicativeConvolution, classicalConvolution, cauchyTransform, semicircleLaw, marchenkoPasturLaw, fussCatalanLaw, empiricalSpectrum, eigenvalueSpectrum } from "../../src/rmt/index";
import { catalanNumber, fussCatalanNumber } from "../../src/special/index";
import { haarOrthogonal } from "../../src/random/index";
import { fromFloat64, matmul, matmulNT } from "../../src/linalg/index";

const mpMoments = (lambda: number, K: number) => Array.from({ length: K + 1 }, (_, k) => marchenkoPasturLaw(lambda).moment(k));

describe("moments ↔ free cumulants, R and S", () => {
  it("semicircle has κ_2 = σ² and no other cumulant; MP has κ_k = λ^{k−1}", () => {
    const sc = Array.from({ length: 9 }, (_, k) => semicircleLaw(2).moment(k));
    const k = freeCumulantsFromMoments(sc);
    k.forEach((v, i) => expect(v).toBeCloseTo(i === 2 ? 2 : 0, 9));
    const kmp = freeCumulantsFromMoments(mpMoments(0.4, 7));
    for (let j = 1; j <= 7; j++) expect(kmp[j]).toBeCloseTo(0.4 ** (j - 1), 10);
    expect(rTransformSeries(sc)[1]).toBeCloseTo(2, 12);
  });
  it("cumulants → moments inverts moments → cumulants", () => {
    const m = [1, 0.3, 1.2, 0.7, 3.1, 2.2, 9];
    momentsFromFreeCumulants(freeCumulantsFromMoments(m)).forEach((v, i) => expect(v).toBeCloseTo(m[i], 10));
  });
  it("series inverse composes to the identity", () => {
    const f = [0, 2, 1, -0.5, 0.25];
    const g = seriesInverse(f, 4);
    expect(seriesCompose(f, g, 4)).toEqual([0, 1, 0, 0, 0].map((v, i) => expect.closeTo(v, 12) as unknown as number));
  });
  it("S-transform of MP(λ) is 1/(1 + λz)", () => {
    const S = sTransformSeries(mpMoments(0.5, 6));
    S.forEach((v, k) => expect(v).toBeCloseTo((-0.5) ** k, 10));
  });
  it("⊞ of semicircles adds variances; ⊠ of two MP(1) is Fuss–Catalan of order 2", () => {
    const a = Array.from({ length: 9 }, (_, k) => semicircleLaw(1).moment(k));
    const b = Array.from({ length: 9 }, (_, k) => semicircleLaw(3).moment(k));
    freeAdditiveMoments(a, b).forEach((v, k) => expect(v).toBeCloseTo(semicircleLaw(4).moment(k), 8));
    const c = Array.from({ length: 8 }, (_, k) => catalanNumber(k));
    freeMultiplicativeMoments(c, c).forEach((v, k) => expect(v).toBeCloseTo(fussCatalanNumber(2, k), 6));
  });
});

describe("numerical free convolutions", () => {
  it("Cauchy transform of the semicircle: G(z) = (z − √(z² − 4))/2", () => {
    const [gr, gi] = cauchyTransform(semicircleLaw(1), 0.5, 1);
    // z = 0.5 + i: z² − 4 = −4.75 + i; principal sqrt, then the branch with G ~ 1/z.
    const zr = 0.5, zi = 1;
    const wr = zr * zr - zi * zi - 4, wi = 2 * zr * zi;
    const mod = Math.hypot(wr, wi);
    let sr = Math.sqrt((mod + wr) / 2), si = Math.sign(wi) * Math.sqrt((mod - wr) / 2);
    if (sr * zr + si * zi < 0) { sr = -sr; si = -si; }
    expect(gr).toBeCloseTo((zr - sr) / 2, 3);
    expect(gi).toBeCloseTo((zi - si) / 2, 3);
  });
  it("semicircle(1) ⊞ semicircle(2) = semicircle(3)", () => {
    const r = freeAdditiveConvolution(semicircleLaw(1), semicircleLaw(2), { points: 300 });
    const target = semicircleLaw(3);
    let ks = 0;
    for (const x of r.x) ks = Math.max(ks, Math.abs(r.cdf(x) - target.cdf(x)));
    expect(ks).toBeLessThan(0.01);
    expect(Math.abs(r.moment(2) - 3)).toBeLessThan(0.15); // the Cauchy smoothing (η) fattens the tails a little
    // Classical convolution of two semicircles is NOT a semicircle: its 4th moment is 3·(σ²)² + … ≠ 2·9.
    const c = classicalConvolution(semicircleLaw(1), semicircleLaw(2), { points: 300 });
    expect(Math.abs(c.moment(4) - 18)).toBeGreaterThan(1);
  });
  it("MP(0.5) ⊠ MP(0.25) matches the moments from S-transforms", () => {
    const r = freeMultiplicativeConvolution(marchenkoPasturLaw(0.5), marchenkoPasturLaw(0.25), { points: 600, eta: 1e-3 });
    const m = freeMultiplicativeMoments(mpMoments(0.5, 4), mpMoments(0.25, 4));
    for (let k = 1; k <= 3; k++) expect(Math.abs(r.moment(k) / m[k] - 1)).toBeLessThan(0.02);
  });
  it("MP(1) ⊠ MP(1) is the Fuss–Catalan law of order 2; MP(2) keeps its atom", () => {
    const r = freeMultiplicativeConvolution(marchenkoPasturLaw(1), marchenkoPasturLaw(1), { points: 400 });
    const fc = fussCatalanLaw(2);
    let ks = 0;
    for (const x of r.x) if (x > 0.05) ks = Math.max(ks, Math.abs(r.cdf(x) - fc.cdf(x)));
    expect(ks).toBeLessThan(0.03);
    // Densities agree in the bulk.
    for (const x of [0.5, 1, 2, 4, 6]) expect(Math.abs(r.density[r.x.findIndex((v) => v >= x)] / fc.density(r.x[r.x.findIndex((v) => v >= x)]) - 1)).toBeLessThan(0.06);
    const s = freeMultiplicativeConvolution(marchenkoPasturLaw(2), marchenkoPasturLaw(0.5), { points: 300 });
    expect(s.atom!.mass).toBeCloseTo(0.5, 12);
    expect(s.moment(0)).toBeCloseTo(1, 2);
  });
  it("Monte Carlo: spectra of A + UBUᵀ and A^{1/2}UBUᵀA^{1/2} with U Haar", () => {
    const n = 300;
    const a = new Float64Array(n).map((_, i) => (i % 2 ? 1 : -1));
    // Three values of mass 1/3 each: no μ({a}) + ν({b}) > 1, so μ ⊞ ν has no atom.
    const b = new Float64Array(n).map((_, i) => (i % 3 === 0 ? 2 : i % 3 === 1 ? 0.5 : 1));
    const U = haarOrthogonal(n, 11);
    const B = fromFloat64(new Float64Array(n * n), n, n);
    for (let i = 0; i < n; i++) B.data[i * n + i] = b[i];
    const UBUt = matmulNT(matmul(U, B), U);
    const S = UBUt.data.slice();
    for (let i = 0; i < n; i++) S[i * n + i] += a[i];
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) S[i * n + j] = S[j * n + i] = 0.5 * (S[i * n + j] + S[j * n + i]);
    const sum = eigenvalueSpectrum(fromFloat64(S, n, n));
    const free = freeAdditiveConvolution(empiricalSpectrum(a), empiricalSpectrum(b), { points: 400, eta: 0.01 });
    expect(sum.ksDistance(free)).toBeLessThan(0.05);
    // A^{1/2} UBUᵀ A^{1/2} with A = diag(a + 2) ≥ 0.
    const sa = a.map((v) => Math.sqrt(v + 2));
    const P = UBUt.data.slice();
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) P[i * n + j] *= sa[i] * sa[j];
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) P[i * n + j] = P[j * n + i] = 0.5 * (P[i * n + j] + P[j * n + i]);
    const prod = eigenvalueSpectrum(fromFloat64(P, n, n));
    const freeProd = freeMultiplicativeConvolution(empiricalSpectrum(a.map((v) => v + 2)), empiricalSpectrum(b), { points: 400, eta: 0.01 });
    expect(prod.ksDistance(freeProd)).toBeLessThan(0.05);
  });
});

import { rTransform, sTransform } from "../../src/rmt/index";
describe("R- and S-transforms of measures", () => {
  it("semicircle R(w) = σ²w; MP R(w) = σ²/(1 − σ²λw) and S(y) = 1/(σ²(1 + λy))", () => {
    for (const w of [0.1, -0.2, 0.3]) expect(rTransform(semicircleLaw(2), w)).toBeCloseTo(2 * w, 3);
    expect(rTransform(marchenkoPasturLaw(0.5, 1), 0.2)).toBeCloseTo(1 / (1 - 0.1), 3);
    for (const y of [-0.2, -0.5, -0.8]) expect(sTransform(marchenkoPasturLaw(0.5, 2), y)).toBeCloseTo(1 / (2 * (1 + 0.5 * y)), 3);
    // With an atom at 0 (λ = 2: μ({0}) = 1/2), S is defined on (−1/2, 0).
    expect(sTransform(marchenkoPasturLaw(2, 1), -0.3)).toBeCloseTo(1 / (1 - 0.6), 3);
    expect(() => sTransform(marchenkoPasturLaw(2, 1), -0.7)).toThrow(/y must lie/);
  });
  it("S-transforms multiply under ⊠ (checked on the numerical convolution)", () => {
    const r = freeMultiplicativeConvolution(marchenkoPasturLaw(0.5), marchenkoPasturLaw(0.25), { points: 800, eta: 1e-3 });
    const y = -0.3;
    expect(sTransform(r, y)).toBeCloseTo(sTransform(marchenkoPasturLaw(0.5), y) * sTransform(marchenkoPasturLaw(0.25), y), 2);
  });
});

describe("re-discretising a ⊠ result", () => {
  it("keeps the mass that the grid does not hold near 0 (mass and mean preserved)", async () => {
    const { freeMultiplicativeConvolution, toDiscreteMeasure, marchenkoPasturLaw } = await import("../../src/rmt/index");
    for (const ratio of [1, 2]) {
      const r = freeMultiplicativeConvolution(marchenkoPasturLaw(ratio), marchenkoPasturLaw(1));
      const d = toDiscreteMeasure(r);
      let mass = 0;
      let mean = 0;
      d.atoms.forEach((t, i) => {
        mass += d.weights[i];
        mean += d.weights[i] * t;
      });
      expect(mass).toBeCloseTo(1, 12);
      expect(mean).toBeCloseTo(r.densityMoment(1), 6);
      // m₁(MP(λ) ⊠ MP(1)) = m₁(MP(λ))·m₁(MP(1)) = 1 (MP(λ) has mean σ² = 1 for every ratio).
      expect(Math.abs(mean - 1)).toBeLessThan(0.01);
    }
  });
});

describe("rescaleConvolution", () => {
  it("gives the law of c·X: cdf(c·x) and moments scale, for a ⊠ result (mass left of its grid) and a truncated ⊞ one", async () => {
    const { freeMultiplicativeConvolution, freeAdditiveConvolution, rescaleConvolution, marchenkoPasturLaw, semicircleLaw } = await import(
      "../../src/rmt/index"
    );
    const results = [
      freeMultiplicativeConvolution(marchenkoPasturLaw(1), marchenkoPasturLaw(1)),
      freeAdditiveConvolution(semicircleLaw(1), semicircleLaw(1), { range: [-1.5, 1.5] }), // grid misses the tails
    ];
    for (const r of results) {
      const s = rescaleConvolution(r, 2.5);
      for (const x of [r.x[0], r.x[3], 0.3, 1, r.x[r.x.length - 1]]) expect(s.cdf(2.5 * x)).toBeCloseTo(r.cdf(x), 12);
      expect(s.moment(2)).toBeCloseTo(2.5 ** 2 * r.moment(2), 10);
      expect(s.densityMoment(2)).toBeCloseTo(2.5 ** 2 * r.densityMoment(2), 10);
    }
  });
});
