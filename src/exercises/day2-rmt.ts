/**
 * Exercise checks of the Day 2 notebooks on signal propagation and random matrices (lecture §7–8):
 * - the mean-field variance map of ReLU, V(q) = σ_w² E_{h~N(0,q)}[max(h,0)²] + σ_b² = σ_w² q/2 + σ_b², and its
 *   fixed point q* = σ_b²/(1 − σ_w²/2) for σ_w² < 2;
 * - the quarter-circle density ρ(x) = √(4 − x²)/π on [0, 2] (singular values of a square Ginibre matrix with
 *   entry variance 1/n);
 * - the Marčenko–Pastur support edges [(1 − √λ)², (1 + √λ)²] for the eigenvalues of WᵀW, W n×m, λ = m/n ≤ 1;
 * - Mezzadri's sign correction Q ← Q·diag(sign R_jj) that makes the Q of a QR decomposition Haar distributed.
 * Each check runs the student's function on fixed inputs, prints ✓ or a hint, and never prints the solution.
 */
import { runCheck, Hint, requireFunction, type CheckOutcome, near, numberAnswer } from "./check";

type Mat = number[][];

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(4));

/** A reference ReLU variance map, used to recognise mistakes. */
const reluMap = (q: number, sw: number, sb: number): number => (sw * sw * q) / 2 + sb * sb;

export const day2RmtChecks = {
  /**
   * §7: `reluVarianceMap(q, sigmaW, sigmaB)` = V(q) = σ_w² E_{h~N(0,q)}[max(h,0)²] + σ_b² in closed form.
   */
  reluVarianceMap(V: (q: number, sigmaW: number, sigmaB: number) => number): CheckOutcome {
    return runCheck("reluVarianceMap", () => {
      requireFunction(V, "your variance map");
      const cases: [number, number, number][] = [
        [1, 1, 0],
        [2.5, 1.3, 0.4],
        [0.7, 0.8, 1.1],
        [4, Math.SQRT2, 0.2],
      ];
      for (const [q, sw, sb] of cases) {
        const what = `V(q = ${fmt(q)}; σ_w = ${fmt(sw)}, σ_b = ${fmt(sb)})`;
        const got = numberAnswer(V(q, sw, sb), what);
        if (near(got, reluMap(q, sw, sb))) continue;
        if (near(got, sw * sw * q + sb * sb)) throw new Hint(`${what}: you used E[φ(h)²] = q, but ReLU sets every negative h to 0: E[max(h,0)²] is only part of E[h²] (which part, by symmetry of h?)`);
        if (near(got, (sw * q) / 2 + sb * sb) || near(got, (sw * q) / 2 + sb)) throw new Hint(`${what}: σ_w and σ_b are standard deviations; the map uses the variances σ_w² and σ_b²`);
        if (near(got, (sw * sw * q) / 2 + sb)) throw new Hint(`${what}: the bias adds its variance σ_b², not σ_b`);
        if (near(got, (sw * sw * q) / 2)) throw new Hint(`${what}: you forgot the bias term; b_i ~ N(0, σ_b²) adds its variance to every h_i`);
        if (near(got, (sw * sw * Math.sqrt(q)) / 2 + sb * sb)) throw new Hint(`${what}: q is already a variance (E h² = q); do not take its square root`);
        throw new Hint(`${what} returned ${fmt(got)}; write V(q) = σ_w² E[max(h,0)²] + σ_b² with h ~ N(0, q) and compute the expectation exactly`);
      }
      return `correct on ${cases.length} (q, σ_w, σ_b), including the He initialisation σ_w² = 2`;
    });
  },

  /**
   * §7: `reluFixedPoint(sigmaW, sigmaB)` = q* with V(q*) = q* for ReLU, defined when σ_w² < 2 (ordered phase).
   */
  reluFixedPoint(qStar: (sigmaW: number, sigmaB: number) => number): CheckOutcome {
    return runCheck("reluFixedPoint", () => {
      requireFunction(qStar, "your fixed point");
      const cases: [number, number][] = [
        [0.5, 0.8],
        [1.2, 0.3],
        [1, 0.5],
        [1.4, 0.1],
      ];
      for (const [sw, sb] of cases) {
        const what = `q*(σ_w = ${fmt(sw)}, σ_b = ${fmt(sb)})`;
        const got = numberAnswer(qStar(sw, sb), what);
        const expected = (sb * sb) / (1 - (sw * sw) / 2);
        if (near(got, expected, 1e-7)) continue;
        if (near(got, (sb * sb) / (1 - sw * sw), 1e-7)) throw new Hint(`${what}: solve V(q) = q with the ReLU map of the previous exercise; you dropped the factor that ReLU contributes to E[φ(h)²]`);
        if (near(got, sb / (1 - sw / 2), 1e-7) || near(got, sb / (1 - (sw * sw) / 2), 1e-7)) throw new Hint(`${what}: use the variances σ_w², σ_b², not the standard deviations`);
        if (Number.isFinite(got) && Math.abs(reluMap(got, sw, sb) - got) > 1e-6 * Math.max(1, Math.abs(got))) {
          throw new Hint(`${what} returned ${fmt(got)}, but V(${fmt(got)}) = ${fmt(reluMap(got, sw, sb))} ≠ ${fmt(got)}: a fixed point satisfies V(q*) = q*`);
        }
        throw new Hint(`${what} returned ${fmt(got)}; for ReLU, V(q) is linear in q: solve V(q) = q for q`);
      }
      return `correct on ${cases.length} (σ_w, σ_b) with σ_w² < 2`;
    });
  },

  /** §8: `quarterCircle(x)` = the density of the singular values of W (n×n, W_ij ~ N(0, 1/n)) as n → ∞. */
  quarterCircle(rho: (x: number) => number): CheckOutcome {
    return runCheck("quarterCircle", () => {
      requireFunction(rho, "your density");
      const ref = (x: number) => (x < 0 || x > 2 ? 0 : Math.sqrt(4 - x * x) / Math.PI);
      const inside = [0, 0.3, 1, 1.5, 1.9, 2];
      const outside = [-1, -0.2, 2.5, 3];
      for (const x of outside) {
        const got = numberAnswer(rho(x), `density(${fmt(x)})`);
        if (got !== 0) throw new Hint(`density(${fmt(x)}) = ${fmt(got)}, but singular values lie in [0, 2] (they are ≥ 0, and the largest tends to 2): the density must be 0 outside`);
      }
      for (const x of inside) {
        const got = numberAnswer(rho(x), `density(${fmt(x)})`);
        if (near(got, ref(x), 1e-9)) continue;
        if (near(got, Math.sqrt(4 - x * x), 1e-9)) throw new Hint(`density(${fmt(x)}) = ${fmt(got)}: the shape is right but the total mass is not 1; compute ∫₀² √(4 − x²) dx (a quarter of a disc) and normalise`);
        if (near(got, Math.sqrt(4 - x * x) / (2 * Math.PI), 1e-9)) throw new Hint(`density(${fmt(x)}) = ${fmt(got)}: that is the semicircle's normalisation on [−2, 2]; on [0, 2] alone the area must still be 1`);
        if (near(got, Math.sqrt(1 - x * x / 4) / Math.PI, 1e-9) || near(got, Math.sqrt(2 - x * x) / Math.PI, 1e-9)) throw new Hint(`density(${fmt(x)}) = ${fmt(got)}: check the radius; the support is [0, 2]`);
        throw new Hint(`density(${fmt(x)}) returned ${fmt(got)}, which is not the quarter circle's value; compare with the histogram of singular values above`);
      }
      return `correct on [0, 2] and 0 outside`;
    });
  },

  /** §8: `mpEdges(ratio)` = [a, b], the support of Marčenko–Pastur with λ = m/n ≤ 1 (eigenvalues of WᵀW, W_ij ~ N(0, 1/n)). */
  mpEdges(edges: (ratio: number) => [number, number] | number[]): CheckOutcome {
    return runCheck("mpEdges", () => {
      requireFunction(edges, "your edges function");
      for (const lambda of [0.25, 0.5, 0.1, 1]) {
        const what = `edges(λ = ${fmt(lambda)})`;
        const got = edges(lambda);
        if (got == null || typeof (got as number[]).length !== "number" || (got as number[]).length !== 2) throw new Hint(`${what} returned ${String(got)}; return the two edges [a, b]`);
        const a = numberAnswer(got[0], `${what}[0]`);
        const b = numberAnswer(got[1], `${what}[1]`);
        const s = Math.sqrt(lambda);
        const [ea, eb] = [(1 - s) ** 2, (1 + s) ** 2];
        if (near(a, ea) && near(b, eb)) continue;
        if (near(a, eb) && near(b, ea)) throw new Hint(`${what}: return [smaller edge, larger edge]`);
        if (near(a, (1 - lambda) ** 2) && near(b, (1 + lambda) ** 2)) throw new Hint(`${what}: the edges involve √λ, not λ (the eigenvalues of WᵀW are squared singular values)`);
        if (near(a, 1 - s) && near(b, 1 + s)) throw new Hint(`${what}: these are edges for the singular values; the eigenvalues of WᵀW are their squares`);
        if (near(a, 0) && near(b, eb)) throw new Hint(`${what}: the lower edge is 0 only for λ = 1; for a tall W (λ < 1) the smallest eigenvalue stays away from 0`);
        throw new Hint(`${what} returned [${fmt(a)}, ${fmt(b)}]; look at where the histograms for several λ start and stop, and compare with (1 ± ?)²`);
      }
      return "correct for λ = 0.1, 0.25, 0.5, 1";
    });
  },

  /**
   * §8: `signCorrection(Q, R)` = Q·diag(sign R_11, …, sign R_nn) (Mezzadri 2007): multiply column j of Q by the
   * sign of R_jj, so that the factorisation W = QR becomes unique with R_jj > 0 and Q is Haar distributed.
   */
  signCorrection(correct: (Q: number[][], R: number[][]) => number[][]): CheckOutcome {
    return runCheck("signCorrection", () => {
      requireFunction(correct, "your sign correction");
      // A fixed 3×3 orthogonal Q (a rotation) and upper-triangular R with mixed diagonal signs.
      const c = Math.cos(0.7);
      const s = Math.sin(0.7);
      const Q: Mat = [
        [c, -s, 0],
        [s * 0.6, c * 0.6, -0.8],
        [s * 0.8, c * 0.8, 0.6],
      ];
      const cases: Mat[] = [
        [[-2, 1, 0.5], [0, 1.5, -1], [0, 0, -0.7]],
        [[1, 2, 3], [0, -1, 1], [0, 0, 2]],
      ];
      for (const R of cases) {
        const signs = R.map((row, j) => Math.sign(row[j]));
        const what = `signCorrection(Q, R with diagonal signs [${signs.join(", ")}])`;
        const got = correct(Q.map((r) => r.slice()), R.map((r) => r.slice()));
        if (!Array.isArray(got) || got.length !== 3 || got.some((row) => !row || (row as number[]).length !== 3)) throw new Hint(`${what} should return a 3×3 matrix (number[][]), got ${String(got)}`);
        const same = (M: Mat) => M.every((row, i) => row.every((v, j) => near(got[i][j], v)));
        if (same(Q.map((row) => row.map((v, j) => v * signs[j])))) continue;
        if (same(Q)) throw new Hint(`${what} returned Q unchanged; some diagonal entries R_jj are negative here`);
        if (same(Q.map((row, i) => row.map((v) => v * signs[i])))) throw new Hint(`${what} flipped ROWS of Q; flip COLUMN j (and row j of R), so that QR is unchanged: Q D · D R with D = diag(sign R_jj)`);
        if (same(Q.map((row) => row.map((v) => -v)))) throw new Hint(`${what} negated all of Q; only the columns j with R_jj < 0 change sign`);
        throw new Hint(`${what} is not Q·diag(sign R_jj); the result must stay orthogonal and QR must stay the same product`);
      }
      return "correct: columns flipped where R_jj < 0, so the new R has a positive diagonal";
    });
  },
};
