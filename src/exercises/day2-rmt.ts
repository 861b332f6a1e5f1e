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
import { runCheck, Hint, requireFunction, type CheckOutcome, near, numberAnswer, fmt, type Mat } from "./check";
import { localized } from "../util/language";

/** A reference ReLU variance map, used to recognise mistakes. */
const reluMap = (q: number, sw: number, sb: number): number => (sw * sw * q) / 2 + sb * sb;

export const day2RmtChecks = {
  /**
   * §7: `reluVarianceMap(q, sigmaW, sigmaB)` = V(q) = σ_w² E_{h~N(0,q)}[max(h,0)²] + σ_b² in closed form.
   */
  reluVarianceMap(V: (q: number, sigmaW: number, sigmaB: number) => number): CheckOutcome {
    return runCheck("reluVarianceMap", () => {
      requireFunction(V, localized({ en: "your variance map", ja: "分散写像の関数" }));
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
        if (near(got, sw * sw * q + sb * sb)) throw new Hint(localized({
          en: `${what}: you used E[φ(h)²] = q, but ReLU sets every negative h to 0: E[max(h,0)²] is only part of E[h²] (which part, by symmetry of h?)`,
          ja: `${what}：E[φ(h)²] = q としていますが、ReLU は負の h をすべて 0 にします。E[max(h,0)²] は E[h²] の一部にすぎません（h の対称性から、どれだけの部分でしょうか）`,
        }));
        if (near(got, (sw * q) / 2 + sb * sb) || near(got, (sw * q) / 2 + sb)) throw new Hint(localized({
          en: `${what}: σ_w and σ_b are standard deviations; the map uses the variances σ_w² and σ_b²`,
          ja: `${what}：σ_w と σ_b は標準偏差です。写像には分散 σ_w² と σ_b² を使います`,
        }));
        if (near(got, (sw * sw * q) / 2 + sb)) throw new Hint(localized({
          en: `${what}: the bias adds its variance σ_b², not σ_b`,
          ja: `${what}：バイアスが加えるのは分散 σ_b² で、σ_b ではありません`,
        }));
        if (near(got, (sw * sw * q) / 2)) throw new Hint(localized({
          en: `${what}: you forgot the bias term; b_i ~ N(0, σ_b²) adds its variance to every h_i`,
          ja: `${what}：バイアスの項を忘れています。b_i ~ N(0, σ_b²) はすべての h_i にその分散を加えます`,
        }));
        if (near(got, (sw * sw * Math.sqrt(q)) / 2 + sb * sb)) throw new Hint(localized({
          en: `${what}: q is already a variance (E h² = q); do not take its square root`,
          ja: `${what}：q はすでに分散です（E h² = q）。平方根をとる必要はありません`,
        }));
        throw new Hint(localized({
          en: `${what} returned ${fmt(got)}; write V(q) = σ_w² E[max(h,0)²] + σ_b² with h ~ N(0, q) and compute the expectation exactly`,
          ja: `${what} の戻り値は ${fmt(got)} です。h ~ N(0, q) として V(q) = σ_w² E[max(h,0)²] + σ_b² と書き、期待値を厳密に計算しましょう`,
        }));
      }
      return localized({
        en: `correct on ${cases.length} (q, σ_w, σ_b), including the He initialisation σ_w² = 2`,
        ja: `正解：${cases.length} 組の (q, σ_w, σ_b) で一致します（He 初期化 σ_w² = 2 を含む）`,
      });
    });
  },

  /**
   * §7: `reluFixedPoint(sigmaW, sigmaB)` = q* with V(q*) = q* for ReLU, defined when σ_w² < 2 (ordered phase).
   */
  reluFixedPoint(qStar: (sigmaW: number, sigmaB: number) => number): CheckOutcome {
    return runCheck("reluFixedPoint", () => {
      requireFunction(qStar, localized({ en: "your fixed point", ja: "不動点を求める関数" }));
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
        if (near(got, (sb * sb) / (1 - sw * sw), 1e-7)) throw new Hint(localized({
          en: `${what}: solve V(q) = q with the ReLU map of the previous exercise; you dropped the factor that ReLU contributes to E[φ(h)²]`,
          ja: `${what}：前の演習の ReLU の写像で V(q) = q を解きましょう。ReLU が E[φ(h)²] にもたらす係数が抜けています`,
        }));
        if (near(got, sb / (1 - sw / 2), 1e-7) || near(got, sb / (1 - (sw * sw) / 2), 1e-7)) throw new Hint(localized({
          en: `${what}: use the variances σ_w², σ_b², not the standard deviations`,
          ja: `${what}：標準偏差ではなく、分散 σ_w², σ_b² を使いましょう`,
        }));
        if (Number.isFinite(got) && Math.abs(reluMap(got, sw, sb) - got) > 1e-6 * Math.max(1, Math.abs(got))) {
          throw new Hint(localized({
            en: `${what} returned ${fmt(got)}, but V(${fmt(got)}) = ${fmt(reluMap(got, sw, sb))} ≠ ${fmt(got)}: a fixed point satisfies V(q*) = q*`,
            ja: `${what} の戻り値は ${fmt(got)} ですが、V(${fmt(got)}) = ${fmt(reluMap(got, sw, sb))} ≠ ${fmt(got)} です。不動点は V(q*) = q* を満たします`,
          }));
        }
        throw new Hint(localized({
          en: `${what} returned ${fmt(got)}; for ReLU, V(q) is linear in q: solve V(q) = q for q`,
          ja: `${what} の戻り値は ${fmt(got)} です。ReLU では V(q) は q の一次式です。V(q) = q を q について解きましょう`,
        }));
      }
      return localized({
        en: `correct on ${cases.length} (σ_w, σ_b) with σ_w² < 2`,
        ja: `正解：σ_w² < 2 の ${cases.length} 組の (σ_w, σ_b) で一致します`,
      });
    });
  },

  /** §8: `quarterCircle(x)` = the density of the singular values of W (n×n, W_ij ~ N(0, 1/n)) as n → ∞. */
  quarterCircle(rho: (x: number) => number): CheckOutcome {
    return runCheck("quarterCircle", () => {
      requireFunction(rho, localized({ en: "your density", ja: "密度の関数" }));
      const ref = (x: number) => (x < 0 || x > 2 ? 0 : Math.sqrt(4 - x * x) / Math.PI);
      const inside = [0, 0.3, 1, 1.5, 1.9, 2];
      const outside = [-1, -0.2, 2.5, 3];
      for (const x of outside) {
        const got = numberAnswer(rho(x), `density(${fmt(x)})`);
        if (got !== 0) throw new Hint(localized({
          en: `density(${fmt(x)}) = ${fmt(got)}, but singular values lie in [0, 2] (they are ≥ 0, and the largest tends to 2): the density must be 0 outside`,
          ja: `density(${fmt(x)}) = ${fmt(got)} ですが、特異値は [0, 2] にあります（特異値は ≥ 0 で、最大のものは 2 に近づきます）。その外では密度は 0 でなければなりません`,
        }));
      }
      for (const x of inside) {
        const got = numberAnswer(rho(x), `density(${fmt(x)})`);
        if (near(got, ref(x), 1e-9)) continue;
        if (near(got, Math.sqrt(4 - x * x), 1e-9)) throw new Hint(localized({
          en: `density(${fmt(x)}) = ${fmt(got)}: the shape is right but the total mass is not 1; compute ∫₀² √(4 − x²) dx (a quarter of a disc) and normalise`,
          ja: `density(${fmt(x)}) = ${fmt(got)}：形は正しいですが、全体の質量が 1 ではありません。∫₀² √(4 − x²) dx（円板の四分の一）を計算して正規化しましょう`,
        }));
        if (near(got, Math.sqrt(4 - x * x) / (2 * Math.PI), 1e-9)) throw new Hint(localized({
          en: `density(${fmt(x)}) = ${fmt(got)}: that is the semicircle's normalisation on [−2, 2]; on [0, 2] alone the area must still be 1`,
          ja: `density(${fmt(x)}) = ${fmt(got)}：それは [−2, 2] 上の半円則の正規化です。[0, 2] だけでも面積は 1 でなければなりません`,
        }));
        if (near(got, Math.sqrt(1 - x * x / 4) / Math.PI, 1e-9) || near(got, Math.sqrt(2 - x * x) / Math.PI, 1e-9)) throw new Hint(localized({
          en: `density(${fmt(x)}) = ${fmt(got)}: check the radius; the support is [0, 2]`,
          ja: `density(${fmt(x)}) = ${fmt(got)}：半径を確かめましょう。台は [0, 2] です`,
        }));
        throw new Hint(localized({
          en: `density(${fmt(x)}) returned ${fmt(got)}, which is not the quarter circle's value; compare with the histogram of singular values above`,
          ja: `density(${fmt(x)}) の戻り値 ${fmt(got)} は四分円則の値ではありません。上の特異値のヒストグラムと比べてみましょう`,
        }));
      }
      return localized({
        en: `correct on [0, 2] and 0 outside`,
        ja: `正解：[0, 2] 上でも、その外（値 0）でも一致します`,
      });
    });
  },

  /** §8: `mpEdges(ratio)` = [a, b], the support of Marčenko–Pastur with λ = m/n ≤ 1 (eigenvalues of WᵀW, W_ij ~ N(0, 1/n)). */
  mpEdges(edges: (ratio: number) => [number, number] | number[]): CheckOutcome {
    return runCheck("mpEdges", () => {
      requireFunction(edges, localized({ en: "your edges function", ja: "端を返す関数" }));
      for (const lambda of [0.25, 0.5, 0.1, 1]) {
        const what = `edges(λ = ${fmt(lambda)})`;
        const got = edges(lambda);
        if (got == null || typeof (got as number[]).length !== "number" || (got as number[]).length !== 2) throw new Hint(localized({
          en: `${what} returned ${String(got)}; return the two edges [a, b]`,
          ja: `${what} の戻り値は ${String(got)} です。二つの端 [a, b] を返してください`,
        }));
        const a = numberAnswer(got[0], `${what}[0]`);
        const b = numberAnswer(got[1], `${what}[1]`);
        const s = Math.sqrt(lambda);
        const [ea, eb] = [(1 - s) ** 2, (1 + s) ** 2];
        if (near(a, ea) && near(b, eb)) continue;
        if (near(a, eb) && near(b, ea)) throw new Hint(localized({
          en: `${what}: return [smaller edge, larger edge]`,
          ja: `${what}：[小さい端, 大きい端] の順に返してください`,
        }));
        if (near(a, (1 - lambda) ** 2) && near(b, (1 + lambda) ** 2)) throw new Hint(localized({
          en: `${what}: the edges involve √λ, not λ (the eigenvalues of WᵀW are squared singular values)`,
          ja: `${what}：端に現れるのは λ ではなく √λ です（WᵀW の固有値は特異値の二乗です）`,
        }));
        if (near(a, 1 - s) && near(b, 1 + s)) throw new Hint(localized({
          en: `${what}: these are edges for the singular values; the eigenvalues of WᵀW are their squares`,
          ja: `${what}：これは特異値の端です。WᵀW の固有値はその二乗です`,
        }));
        if (near(a, 0) && near(b, eb)) throw new Hint(localized({
          en: `${what}: the lower edge is 0 only for λ = 1; for a tall W (λ < 1) the smallest eigenvalue stays away from 0`,
          ja: `${what}：下の端が 0 になるのは λ = 1 のときだけです。縦長の W（λ < 1）では、最小の固有値は 0 から離れたままです`,
        }));
        throw new Hint(localized({
          en: `${what} returned [${fmt(a)}, ${fmt(b)}]; look at where the histograms for several λ start and stop, and compare with (1 ± ?)²`,
          ja: `${what} の戻り値は [${fmt(a)}, ${fmt(b)}] です。いくつかの λ についてヒストグラムがどこで始まりどこで終わるかを見て、(1 ± ?)² と比べてみましょう`,
        }));
      }
      return localized({
        en: "correct for λ = 0.1, 0.25, 0.5, 1",
        ja: "正解：λ = 0.1, 0.25, 0.5, 1 で一致します",
      });
    });
  },

  /**
   * §8: `signCorrection(Q, R)` = Q·diag(sign R_11, …, sign R_nn) (Mezzadri 2007): multiply column j of Q by the
   * sign of R_jj, so that the factorisation W = QR becomes unique with R_jj > 0 and Q is Haar distributed.
   */
  signCorrection(correct: (Q: number[][], R: number[][]) => number[][]): CheckOutcome {
    return runCheck("signCorrection", () => {
      requireFunction(correct, localized({ en: "your sign correction", ja: "符号補正の関数" }));
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
        const what = localized({
          en: `signCorrection(Q, R with diagonal signs [${signs.join(", ")}])`,
          ja: `signCorrection(Q, R)（R の対角成分の符号 [${signs.join(", ")}]）`,
        });
        const got = correct(Q.map((r) => r.slice()), R.map((r) => r.slice()));
        if (!Array.isArray(got) || got.length !== 3 || got.some((row) => !row || (row as number[]).length !== 3)) throw new Hint(localized({
          en: `${what} should return a 3×3 matrix (number[][]), got ${String(got)}`,
          ja: `${what} は 3×3 行列（number[][]）を返すはずですが、戻り値は ${String(got)} です`,
        }));
        const same = (M: Mat) => M.every((row, i) => row.every((v, j) => near(got[i][j], v)));
        if (same(Q.map((row) => row.map((v, j) => v * signs[j])))) continue;
        if (same(Q)) throw new Hint(localized({
          en: `${what} returned Q unchanged; some diagonal entries R_jj are negative here`,
          ja: `${what} は Q をそのまま返しています。ここでは対角成分 R_jj のいくつかが負です`,
        }));
        if (same(Q.map((row, i) => row.map((v) => v * signs[i])))) throw new Hint(localized({
          en: `${what} flipped ROWS of Q; flip COLUMN j (and row j of R), so that QR is unchanged: Q D · D R with D = diag(sign R_jj)`,
          ja: `${what} は Q の「行」の符号を反転しています。反転するのは「列」j（R では行 j）です。そうすれば QR は変わりません：D = diag(sign R_jj) として Q D · D R`,
        }));
        if (same(Q.map((row) => row.map((v) => -v)))) throw new Hint(localized({
          en: `${what} negated all of Q; only the columns j with R_jj < 0 change sign`,
          ja: `${what} は Q 全体の符号を反転しています。符号が変わるのは R_jj < 0 となる列 j だけです`,
        }));
        throw new Hint(localized({
          en: `${what} is not Q·diag(sign R_jj); the result must stay orthogonal and QR must stay the same product`,
          ja: `${what} は Q·diag(sign R_jj) になっていません。結果は直交行列のままで、QR も同じ積のままでなければなりません`,
        }));
      }
      return localized({
        en: "correct: columns flipped where R_jj < 0, so the new R has a positive diagonal",
        ja: "正解：R_jj < 0 の列の符号が反転し、新しい R の対角成分は正になります",
      });
    });
  },
};
