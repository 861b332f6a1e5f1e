/**
 * Exercise checks of the Day 2 notebooks on signal propagation and the Jacobian (day2/01, day2/03):
 * - `criticalSigmaW(sigmaB)`: the σ_w at which a tanh network with bias σ_b is at the edge of chaos, χ₁ = 1 at
 *   its fixed point q* (found by bisection on σ_w ↦ χ₁(q*(σ_w)) − 1);
 * - `meanSquaredSingularValue(depth, sigmaW, sigmaB, q0)`: the large-width mean of s² for the Jacobian of a tanh
 *   network, (1/n) E tr JJᵀ = σ_w² Π_{l=1}^{L−1} χ₁(q_l), with q_1 = σ_w² q_0 + σ_b² (x_0 skips φ), q_l = V(q_{l−1}).
 * - `reluSquaredNorm(l, X)`: the lecture's recursion H_l = H_{l−1}/2 + 1, H_1 = X + 1 (ReLU, W_ij, b_i ~ N(0, 1/n),
 *   ‖x_0‖² = X) in closed form, H_l = 2 + (X − 1)/2^{l−1};
 * Each check runs the student's function on fixed inputs, prints ✓ or a hint, and never prints the solution.
 */
import { runCheck, Hint, requireFunction, type CheckOutcome, fmt } from "./check";
import { localized } from "../util/language";
import { meanFieldChi1, meanFieldFixedPoint, meanFieldVarianceMap, preactivationVariances } from "../propagation/meanField";

const close = (a: number, b: number, tol: number): boolean => Math.abs(a - b) <= tol * Math.max(1e-12, Math.abs(b));

function numberAnswer(got: unknown, what: string): number {
  if (typeof got !== "number" || !Number.isFinite(got)) throw new Hint(localized({
    en: `${what} returned ${String(got)}; return a finite number`,
    ja: `${what} の戻り値が ${String(got)} です。有限の数を返してください`,
  }));
  return got;
}

// The library's default quadrature (80 Gauss–Hermite points), which is what a student calling meanFieldFixedPoint or
// gaussianExpectation gets; tanh′² converges slowly in the number of points (χ₁ moves by ≈ 2·10⁻⁴ from 80 to 100
// points at q ≈ 3), so the tolerances below are 10⁻³ (σ_w) and 10⁻⁴ (mean s²).
const tanhOpts = (sigmaW: number, sigmaB: number) => ({ sigmaW, sigmaB, activation: "tanh" as const });

/** χ₁ at the fixed point of tanh with (σ_w, σ_b). */
function chiAtFixedPoint(sigmaW: number, sigmaB: number): number {
  return meanFieldFixedPoint(tanhOpts(sigmaW, sigmaB), { tol: 1e-13, maxIterations: 100000 }).chi1;
}

/** The reference: bisection of χ₁(q*(σ_w)) = 1 on [0.5, 4] (χ₁ at the fixed point increases with σ_w). */
function referenceCriticalSigmaW(sigmaB: number): number {
  let lo = 0.5;
  let hi = 4;
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    if (chiAtFixedPoint(mid, sigmaB) < 1) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The reference mean of s²: σ_w² Π_{l=1}^{L−1} χ₁(q_l). */
function referenceMeanSq(depth: number, sigmaW: number, sigmaB: number, q0: number): number {
  const qs = preactivationVariances(depth, q0, tanhOpts(sigmaW, sigmaB));
  let m = sigmaW ** 2;
  for (let l = 0; l < depth - 1; l++) m *= meanFieldChi1(qs[l], tanhOpts(sigmaW, sigmaB));
  return m;
}

/** The same product with q_l from a chosen first variance and a chosen number of χ₁ factors (for the hints). */
function variantMeanSq(depth: number, sigmaW: number, sigmaB: number, q1: number, factors: number, lead: number): number {
  let q = q1;
  let m = lead;
  for (let l = 0; l < factors; l++) {
    m *= meanFieldChi1(q, tanhOpts(sigmaW, sigmaB));
    q = meanFieldVarianceMap(q, tanhOpts(sigmaW, sigmaB));
  }
  return m;
}

export const day2PropagationChecks = {
  /** day2/01: `reluSquaredNorm(l, X)` = E‖h_l‖² = 2 + (X − 1)/2^{l−1} for the lecture's ReLU network, ‖x_0‖² = X. */
  reluSquaredNorm(H: (l: number, inputSquaredNorm: number) => number): CheckOutcome {
    return runCheck("reluSquaredNorm", () => {
      requireFunction(H, localized({ en: "your closed form", ja: "閉じた形の式" }));
      const cases: [number, number][] = [[1, 500], [2, 500], [5, 3], [10, 0], [30, 500], [3, 2]];
      for (const [l, X] of cases) {
        const what = `reluSquaredNorm(l = ${l}, ‖x_0‖² = ${fmt(X)})`;
        const got = numberAnswer(H(l, X), what);
        const ref = 2 + (X - 1) / 2 ** (l - 1);
        if (close(got, ref, 1e-10)) continue;
        if (close(got, 2 + (X - 1) / 2 ** l, 1e-10)) throw new Hint(localized({
          en: `${what} = ${fmt(got)}: off by one layer; at l = 1 the formula must give H_1 = ‖x_0‖² + 1`,
          ja: `${what} = ${fmt(got)}：層が一つずれています。l = 1 で式が H_1 = ‖x_0‖² + 1 を与えるようにしましょう`,
        }));
        if (close(got, 2 + (X + 1) / 2 ** (l - 1), 1e-10)) throw new Hint(localized({
          en: `${what} = ${fmt(got)}: H_l − H* halves each layer, and H_1 − H* = (X + 1) − 2`,
          ja: `${what} = ${fmt(got)}：H_l − H* は一層ごとに半分になり、H_1 − H* = (X + 1) − 2 です`,
        }));
        if (close(got, (X + 1) / 2 ** (l - 1), 1e-10)) throw new Hint(localized({
          en: `${what} = ${fmt(got)}: each layer also adds the bias' 1, so H_l does not go to 0; look at H_l − H* with H* = H*/2 + 1`,
          ja: `${what} = ${fmt(got)}：各層はバイアスの 1 も加えるので、H_l は 0 には近づきません。H* = H*/2 + 1 となる H* について H_l − H* を考えましょう`,
        }));
        if (close(got, X / 2 ** (l - 1) + 1, 1e-10) || close(got, X / 2 ** l + 1, 1e-10)) throw new Hint(localized({
          en: `${what} = ${fmt(got)}: the bias' contributions add up over layers (1 + 1/2 + 1/4 + …), not only the last one`,
          ja: `${what} = ${fmt(got)}：バイアスの寄与は最後の層の分だけでなく、層をまたいで積み重なります（1 + 1/2 + 1/4 + …）`,
        }));
        throw new Hint(localized({
          en: `${what} = ${fmt(got)}; from H_l = H_{l−1}/2 + 1 and H_1 = X + 1, write H_l − 2 in terms of H_1 − 2`,
          ja: `${what} = ${fmt(got)} です。H_l = H_{l−1}/2 + 1 と H_1 = X + 1 から、H_l − 2 を H_1 − 2 で表してみましょう`,
        }));
      }
      return localized({
        en: "correct: H_l − 2 halves with every layer, and X = 500 is within 1 % of H* = 2 after l = 16 layers",
        ja: "正解：H_l − 2 は一層ごとに半分になり、X = 500 の入力は l = 16 層で H* = 2 の 1 % 以内に入ります",
      });
    });
  },

  /** day2/01: `criticalSigmaW(sigmaB)` = the σ_w with χ₁(q*) = 1 for tanh and bias σ_b (edge of chaos). */
  criticalSigmaW(find: (sigmaB: number) => number): CheckOutcome {
    return runCheck("criticalSigmaW", () => {
      requireFunction(find, localized({ en: "your critical σ_w function", ja: "臨界の σ_w を求める関数" }));
      const cases = [0.05, 0.3, 1];
      for (const sb of cases) {
        const what = `criticalSigmaW(σ_b = ${fmt(sb)})`;
        const got = numberAnswer(find(sb), what);
        const ref = referenceCriticalSigmaW(sb);
        if (close(got, ref, 1e-3)) continue;
        if (close(got, ref * ref, 1e-3)) throw new Hint(localized({
          en: `${what} = ${fmt(got)} looks like σ_w²; return σ_w, the standard deviation`,
          ja: `${what} = ${fmt(got)} は σ_w² のようです。標準偏差 σ_w を返してください`,
        }));
        if (close(got, 1, 1e-6)) throw new Hint(localized({
          en: `${what} = 1 is the edge only for σ_b = 0 (then q* = 0 and χ₁ = σ_w²); with a bias q* > 0 and tanh′(h)² < 1 there`,
          ja: `${what} = 1 を返していますが、σ_w = 1 がカオスの縁になるのは σ_b = 0 のときだけです（そのとき q* = 0 で χ₁ = σ_w²）。バイアスがあると q* > 0 で、そこでは tanh′(h)² < 1 です`,
        }));
        const chiAtQ1 = meanFieldChi1(1, tanhOpts(got, sb));
        if (Math.abs(chiAtQ1 - 1) < 1e-4) throw new Hint(localized({
          en: `${what} = ${fmt(got)} makes χ₁ = 1 at q = 1, but χ₁ must be evaluated at the fixed point q* of (σ_w, σ_b): find q* first (meanFieldFixedPoint)`,
          ja: `${what} = ${fmt(got)} では q = 1 で χ₁ = 1 になりますが、χ₁ は (σ_w, σ_b) の不動点 q* で評価しなければなりません。まず q* を求めましょう（meanFieldFixedPoint）`,
        }));
        if (close(got, ref, 3e-2)) throw new Hint(localized({
          en: `${what} = ${fmt(got)} is close but not within 10⁻³: run the bisection longer or iterate the fixed point to a tighter tolerance`,
          ja: `${what} = ${fmt(got)} は近いですが、誤差が 10⁻³ 以内に入っていません。二分法の反復を増やすか、不動点の反復の許容誤差を小さくしましょう`,
        }));
        throw new Hint(localized({
          en: `${what} = ${fmt(got)} gives χ₁(q*) = ${fmt(chiAtFixedPoint(got, sb))}, not 1; bisect on σ_w: χ₁ < 1 means σ_w is too small`,
          ja: `${what} = ${fmt(got)} では χ₁(q*) = ${fmt(chiAtFixedPoint(got, sb))} で、1 ではありません。σ_w について二分法を使いましょう：χ₁ < 1 なら σ_w が小さすぎます`,
        }));
      }
      return localized({
        en: `correct for σ_b = ${cases.join(", ")}: the edge of chaos moves to larger σ_w as σ_b grows`,
        ja: `正解（σ_b = ${cases.join(", ")}）：σ_b が大きくなるほど、カオスの縁は大きな σ_w へ移ります`,
      });
    });
  },

  /** day2/03: `meanSquaredSingularValue(depth, sigmaW, sigmaB, q0)` = σ_w² Π_{l=1}^{L−1} χ₁(q_l) for tanh. */
  meanSquaredSingularValue(m: (depth: number, sigmaW: number, sigmaB: number, q0: number) => number): CheckOutcome {
    return runCheck("meanSquaredSingularValue", () => {
      requireFunction(m, localized({ en: "your mean of s²", ja: "s² の平均を求める関数" }));
      const cases: [number, number, number, number][] = [
        [5, 1.2, 0.3, 0.5],
        [1, 1.3, 0.2, 0.7],
        [10, 1, 0, 1],
        [8, 1.4674, 0.3885, 0.3943],
      ];
      for (const [L, sw, sb, q0] of cases) {
        const what = `meanSquaredSingularValue(depth ${L}, σ_w = ${fmt(sw)}, σ_b = ${fmt(sb)}, q_0 = ${fmt(q0)})`;
        const got = numberAnswer(m(L, sw, sb, q0), what);
        const ref = referenceMeanSq(L, sw, sb, q0);
        if (close(got, ref, 1e-4)) continue;
        const q1 = sw * sw * q0 + sb * sb;
        if (close(got, variantMeanSq(L, sw, sb, q1, L, 1), 1e-4)) throw new Hint(localized({
          en: `${what}: you multiplied L factors χ₁; J = W_L D_{L−1} ⋯ D_1 W_1 has only L − 1 factors D, and the last W_L adds σ_w² alone`,
          ja: `${what}：χ₁ を L 個掛けています。J = W_L D_{L−1} ⋯ D_1 W_1 には D が L − 1 個しかなく、最後の W_L は σ_w² だけを掛けます`,
        }));
        if (L > 1 && close(got, variantMeanSq(L, sw, sb, q1, L - 1, 1), 1e-4)) throw new Hint(localized({
          en: `${what}: the product of the χ₁(q_l) is right, but W_L (no D after it) multiplies the mean of s² by σ_w² too`,
          ja: `${what}：χ₁(q_l) の積は正しいですが、W_L（その後に D がない）も s² の平均に σ_w² を掛けます`,
        }));
        const qViaPhi = meanFieldVarianceMap(q0, tanhOpts(sw, sb));
        if (L > 1 && close(got, variantMeanSq(L, sw, sb, qViaPhi, L - 1, sw * sw), 1e-4)) throw new Hint(localized({
          en: `${what}: the input x_0 does not pass through tanh: q_1 = σ_w² q_0 + σ_b², not V(q_0)`,
          ja: `${what}：入力 x_0 は tanh を通りません。q_1 = σ_w² q_0 + σ_b² であり、V(q_0) ではありません`,
        }));
        if (L > 1 && close(got, variantMeanSq(L, sw, sb, q0, L - 1, sw * sw), 1e-4)) throw new Hint(localized({
          en: `${what}: q_0 is the input's variance, not the first pre-activation's: q_1 = σ_w² q_0 + σ_b²`,
          ja: `${what}：q_0 は入力の分散で、最初の活性化前の値の分散ではありません：q_1 = σ_w² q_0 + σ_b²`,
        }));
        if (close(got, ref, 2e-2)) throw new Hint(localized({
          en: `${what} = ${fmt(got)} is within 2 % but not 10⁻⁴: use gaussianExpectation (quadrature), not Monte Carlo`,
          ja: `${what} = ${fmt(got)} は 2 % 以内ですが、10⁻⁴ 以内ではありません。モンテカルロ法ではなく gaussianExpectation（求積）を使いましょう`,
        }));
        throw new Hint(localized({
          en: `${what} = ${fmt(got)}; expected a different value. Build q_1, …, q_{L−1}, then multiply σ_w² by χ₁(q_l) = σ_w² E[tanh′(h)²] for each`,
          ja: `${what} = ${fmt(got)} ですが、正しい値とは違います。q_1, …, q_{L−1} を順に求め、σ_w² にそれぞれの χ₁(q_l) = σ_w² E[tanh′(h)²] を掛けましょう`,
        }));
      }
      return localized({
        en: "correct, including a critical network started at its fixed point (mean s² = σ_w²) and one that is not",
        ja: "正解：不動点から始めた臨界のネットワーク（s² の平均 = σ_w²）でも、そうでないネットワークでも一致します",
      });
    });
  },
};
