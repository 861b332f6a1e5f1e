import { describe, expect, it } from "vitest";
import { semicircleLaw, quarterCircleLaw, marchenkoPasturLaw, fussCatalanLaw, circularLaw, SpectralLaw, eigenvalueSpectrum, singularValueSpectrum, empiricalSpectrum } from "../../src/rmt/index";
import { catalanNumber, narayanaNumber, fussCatalanNumber } from "../../src/special/index";
import { ginibre, wishart } from "../../src/random/index";
import { randomGenerator } from "../../src/random/index";
import { fromFloat64 } from "../../src/linalg/index";

/** ∫ g(x) ρ(x) dx over the continuous part, by the midpoint rule in x = a + (b−a)(1−cos πu)/2 (edge clustering). */
function integrate(law: SpectralLaw, g: (x: number) => number, n = 20000): number {
  const [a, b] = law.support;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const u = (i + 0.5) / n;
    const x = a + ((b - a) * (1 - Math.cos(Math.PI * u))) / 2;
    s += g(x) * law.density(x) * ((b - a) * Math.PI * Math.sin(Math.PI * u)) / 2 / n;
  }
  return s + (law.atom ? law.atom.mass * g(law.atom.at) : 0);
}

describe("combinatorial numbers", () => {
  it("Catalan, Narayana, Fuss–Catalan", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(catalanNumber)).toEqual([1, 1, 2, 5, 14, 42, 132]);
    // Narayana rows sum to Catalan numbers.
    for (let k = 1; k <= 8; k++) {
      let s = 0;
      for (let r = 1; r <= k; r++) s += narayanaNumber(k, r);
      expect(s).toBe(catalanNumber(k));
    }
    expect(narayanaNumber(4, 2)).toBe(6);
    expect([0, 1, 2, 3, 4].map((k) => fussCatalanNumber(2, k))).toEqual([1, 1, 3, 12, 55]);
    for (let k = 0; k < 8; k++) expect(fussCatalanNumber(1, k)).toBe(catalanNumber(k));
  });
});

describe("spectral laws", () => {
  const laws: [SpectralLaw, number][] = [
    [semicircleLaw(1), 1e-6],
    [semicircleLaw(2.5), 1e-6],
    [quarterCircleLaw(1.3), 1e-6],
    [marchenkoPasturLaw(0.3, 1), 1e-6],
    [marchenkoPasturLaw(1, 2), 1e-4],
    [marchenkoPasturLaw(2.5, 0.7), 1e-6],
    [fussCatalanLaw(1), 1e-4],
    [fussCatalanLaw(2), 2e-3],
    [fussCatalanLaw(3), 1e-2], // density ~ x^{−3/4} at 0: the test integrator converges slowly there
  ];
  for (const [law, tol] of laws) {
    it(`${law.name}: density integrates to 1 and moments match the closed forms`, () => {
      expect(Math.abs(integrate(law, () => 1) - 1)).toBeLessThan(tol);
      for (let k = 1; k <= 4; k++) {
        const m = law.moment(k);
        expect(Math.abs(integrate(law, (x) => x ** k) - m)).toBeLessThan(5 * tol * Math.max(1, Math.abs(m)));
      }
      expect(law.cdf(law.support[1] + 1)).toBeCloseTo(1, 9);
      expect(law.cdf(law.support[0] - 1)).toBe(0);
    });
  }
  it("closed-form moments: semicircle Catalan, MP Narayana, FC", () => {
    expect(semicircleLaw(2).moment(6)).toBe(5 * 8);
    expect(marchenkoPasturLaw(0.5, 1).moment(3)).toBeCloseTo(1 + 3 * 0.5 + 0.25, 12);
    expect(marchenkoPasturLaw(1, 1).moment(4)).toBe(14);
    expect(quarterCircleLaw(1).moment(2)).toBeCloseTo(1, 12);
    expect(quarterCircleLaw(1).moment(4)).toBeCloseTo(2, 12);
    expect(fussCatalanLaw(2).moment(3)).toBe(12);
  });
  it("MP with λ > 1 has its atom 1 − 1/λ at 0", () => {
    const law = marchenkoPasturLaw(4, 1);
    expect(law.atom!.mass).toBeCloseTo(0.75, 14);
    expect(law.cdf(0)).toBeCloseTo(0.75, 12);
  });
  it("circular law", () => {
    const c = circularLaw(2);
    expect(c.modulusCdf(1)).toBeCloseTo(0.25, 14);
    expect(c.absoluteMoment(1)).toBeCloseTo(2, 14);
  });
});

describe("empirical spectra approach the laws", () => {
  function wigner(n: number, seed: number) {
    const G = ginibre(n, n, 1, seed).data;
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i * n + j] = (G[i * n + j] + G[j * n + i]) / Math.sqrt(2 * n);
    return fromFloat64(A, n, n);
  }
  it("Wigner → semicircle, KS shrinking with n", () => {
    const law = semicircleLaw(1);
    const d50 = eigenvalueSpectrum(wigner(50, 1)).ksDistance(law);
    const d300 = eigenvalueSpectrum(wigner(300, 2)).ksDistance(law);
    expect(d300).toBeLessThan(d50);
    expect(d300).toBeLessThan(0.03);
  });
  it("Ginibre singular values → quarter circle; Wishart → MP", () => {
    const n = 200;
    const sv = singularValueSpectrum(ginibre(n, n, 1 / Math.sqrt(n), 3));
    expect(sv.ksDistance(quarterCircleLaw(1))).toBeLessThan(0.04);
    const small = eigenvalueSpectrum(wishart(40, 20, 1 / Math.sqrt(40), 4)).ksDistance(marchenkoPasturLaw(0.5));
    const big = eigenvalueSpectrum(wishart(400, 200, 1 / Math.sqrt(400), 5)).ksDistance(marchenkoPasturLaw(0.5));
    expect(big).toBeLessThan(small);
    expect(big).toBeLessThan(0.03);
  });
  it("KS distance to a law with an atom at 0: rounding-level eigenvalues count as the atom (Wishart ratio 2)", () => {
    // m = 2n: WᵀW has rank n, so half its eigenvalues are 0 up to rounding (±1e-15), matching MP's atom ½δ_0.
    const small = eigenvalueSpectrum(wishart(50, 100, 1 / Math.sqrt(50), 6));
    const big = eigenvalueSpectrum(wishart(300, 600, 1 / Math.sqrt(300), 7));
    const law = marchenkoPasturLaw(2);
    expect(small.values[0]).not.toBe(0);
    expect(big.ksDistance(law)).toBeLessThan(small.ksDistance(law));
    expect(big.ksDistance(law)).toBeLessThan(0.02);
    // Without the tolerance the negative ones (−1e-15) fall below the atom and KS is large.
    expect(big.ksDistance(law, 0)).toBeGreaterThan(10 * big.ksDistance(law));
    // Exact small case: values {0, 0, 1, 1} against ½δ_0 + ½δ_1 (a law given by its cdf and atom) is 0.
    const twoAtoms = { cdf: (x: number) => (x < 0 ? 0 : x < 1 ? 0.5 : 1), atom: { at: 0, mass: 0.5 } };
    expect(empiricalSpectrum([1e-20, -1e-20, 1, 1]).ksDistance(twoAtoms)).toBe(0);
    expect(empiricalSpectrum([0.2, 0.2, 1, 1]).ksDistance(twoAtoms)).toBe(0.5);
  });
  it("histogram is normalised and moments are averages", () => {
    const s = empiricalSpectrum([1, 2, 2, 3]);
    const h = s.histogram(4);
    let tot = 0;
    for (let i = 0; i < 4; i++) tot += h.density[i] * (h.edges[i + 1] - h.edges[i]);
    expect(tot).toBeCloseTo(1, 12);
    expect(s.moment(2)).toBeCloseTo((1 + 4 + 4 + 9) / 4, 14);
    expect(s.cdf(2)).toBe(0.75);
    expect(s.toString()).toContain("4 values");
    expect(() => empiricalSpectrum([1, NaN])).toThrow(/entry 1/);
  });
});
