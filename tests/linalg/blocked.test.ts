/**
 * The blocked decompositions (block reflectors through the matrix product) against the one-reflector-at-a-time
 * versions and against reconstruction. Sizes cross several blocks of 32 and leave a ragged last block.
 */
import { describe, expect, test } from "vitest";
import { diag, matmulNT, qr, fromFloat64, matmul, matmulTN, sub, frobeniusNorm, randomGenerator, svdvals, transpose, add } from "../../src/index";
import { householderQR, householderQRBlocked, formQ, formQBlocked } from "../../src/linalg/qr";
import { tridiagonalize, tridiagonalQL, tridiagonalQTransposed } from "../../src/linalg/tridiagonal";
import { tridiagonalizeBlocked, tridiagonalQTransposedBlocked } from "../../src/linalg/tridiagonalBlocked";
import { bidiagonalize, bidiagonalVectorsUnblocked } from "../../src/linalg/svd";
import { bidiagonalizeBlocked, bidiagonalVectorsBlocked } from "../../src/linalg/bidiagonalBlocked";
import { setMatvecWasm } from "../../src/linalg/matvec";
import { gaussian, graded, orthogonalityError } from "./helpers";

function maxDiff(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

function symmetric(seed: number, n: number) {
  const G = gaussian(randomGenerator(seed), n, n);
  return add(G, transpose(G));
}

describe("blocked Householder QR (compact WY)", () => {
  for (const [m, n] of [[150, 150], [200, 97], [97, 200], [130, 129]]) {
    test(`${m}×${n}: same R and Q as the unblocked QR, QR = A, QᵀQ = I`, () => {
      const A = gaussian(randomGenerator(m + n), m, n);
      const k = Math.min(m, n);
      const fu = householderQR(A.data.slice(), m, n);
      const fb = householderQRBlocked(A.data.slice(), m, n);
      expect(maxDiff(fb.tau, fu.tau)).toBeLessThan(1e-13);
      expect(maxDiff(fb.a, fu.a)).toBeLessThan(1e-12 * Math.sqrt(m));
      const qu = formQ(fu, k);
      const qb = formQBlocked(fb, k);
      expect(maxDiff(qb, qu)).toBeLessThan(1e-13);
      const Q = fromFloat64(qb, m, k);
      const r = new Float64Array(k * n);
      for (let i = 0; i < k; i++) for (let j = i; j < n; j++) r[i * n + j] = fb.a[i * n + j];
      expect(frobeniusNorm(sub(matmul(Q, fromFloat64(r, k, n)), A)) / frobeniusNorm(A)).toBeLessThan(1e-14);
      expect(orthogonalityError(Q)).toBeLessThan(1e-14);
      // complete Q (m×m) from the same blocks
      const full = fromFloat64(formQBlocked(fb, m), m, m);
      expect(orthogonalityError(full)).toBeLessThan(1e-14);
    });
  }
});

describe("blocked tridiagonalisation", () => {
  for (const [n, wasm] of [[150, true], [161, true], [161, false]] as const) {
    test(`n = ${n}, matrix–vector products in ${wasm ? "WebAssembly" : "TypeScript"}: the eigenvalues of the unblocked version, and QᵀAQ = T with Q orthogonal`, () => {
      const A = symmetric(n, n);
      const tu = tridiagonalize(A.data.slice(), n);
      setMatvecWasm(wasm);
      const tb = tridiagonalizeBlocked(A.data.slice(), n);
      setMatvecWasm(true);
      const du = tu.d.slice();
      tridiagonalQL(du, tu.e.slice());
      const db = tb.d.slice();
      const qt = tridiagonalQTransposedBlocked(tb);
      expect(maxDiff(qt, tridiagonalQTransposed(tb))).toBeLessThan(1e-13);
      const T = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        T[i * n + i] = tb.d[i];
        if (i + 1 < n) T[(i + 1) * n + i] = T[i * n + i + 1] = tb.e[i];
      }
      tridiagonalQL(db, tb.e.slice());
      const scale = frobeniusNorm(A);
      expect(maxDiff(db.sort(), du.sort()) / scale).toBeLessThan(1e-14);
      const Qt = fromFloat64(qt, n, n);
      expect(orthogonalityError(Qt)).toBeLessThan(1e-14);
      const QtAQ = matmul(matmul(Qt, A), transpose(Qt));
      expect(frobeniusNorm(sub(QtAQ, fromFloat64(T, n, n))) / scale).toBeLessThan(1e-14);
    });
  }
});

describe("blocked bidiagonalisation", () => {
  for (const [m, n, wasm] of [[150, 150, true], [230, 141, true], [230, 141, false]] as const) {
    test(`${m}×${n}, matrix–vector products in ${wasm ? "WebAssembly" : "TypeScript"}: the bidiagonal of the unblocked version, and QᵀAP = B with Q, P orthonormal`, () => {
      const A = gaussian(randomGenerator(3 * m + n), m, n);
      const bu = bidiagonalize(A.data.slice(), m, n);
      setMatvecWasm(wasm);
      const bb = bidiagonalizeBlocked(A.data.slice(), m, n, bidiagonalize);
      setMatvecWasm(true);
      const scale = frobeniusNorm(A);
      // (s and e are a forward error: rounding differences grow along the steps; the backward error is below)
      expect(maxDiff(bb.s, bu.s) / scale).toBeLessThan(1e-12);
      expect(maxDiff(bb.e, bu.e) / scale).toBeLessThan(1e-12);
      const vb = bidiagonalVectorsBlocked(bb);
      const vu = bidiagonalVectorsUnblocked(bb);
      expect(maxDiff(vb.q, vu.q)).toBeLessThan(1e-13);
      expect(maxDiff(vb.p, vu.p)).toBeLessThan(1e-13);
      const Q = fromFloat64(vb.q, m, n);
      const P = fromFloat64(vb.p, n, n);
      expect(orthogonalityError(Q)).toBeLessThan(1e-14);
      expect(orthogonalityError(P)).toBeLessThan(1e-14);
      const B = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        B[i * n + i] = bb.s[i];
        if (i + 1 < n) B[i * n + i + 1] = bb.e[i];
      }
      const QtAP = matmul(matmulTN(Q, A), P);
      expect(frobeniusNorm(sub(QtAP, fromFloat64(B, n, n))) / scale).toBeLessThan(1e-14);
    });
  }

  test("svdvals through the blocked path (n ≥ 300) keeps small singular values: condition number 1e12", () => {
    const n = 400;
    const s = graded(n, 1e-12);
    const rng = randomGenerator(11);
    const U = qr(gaussian(rng, n, n)).Q;
    const V = qr(gaussian(rng, n, n)).Q;
    const A = matmulNT(matmul(U, diag(Float64Array.from(s))), V);
    const got = svdvals(A);
    for (let i = 0; i < n; i++) expect(Math.abs(got[i] - s[i])).toBeLessThan(1e-13 * Math.sqrt(n));
  });
});
