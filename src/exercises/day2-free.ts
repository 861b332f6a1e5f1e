/**
 * Exercise checks of the Day 2 notebooks on the Jacobian, free probability and the NTK (lecture §9–11):
 * - `jacobianProduct`: J = W_L D_{L−1} W_{L−1} ⋯ D_1 W_1, D_l = diag(φ′(h_l)), for one input;
 * - `jjtVariance`: the variance L of the Fuss–Catalan law of JJᵀ for a depth-L linear Gaussian network (m₁ = 1, m₂ = L + 1);
 * - `semicircleFreeCumulants`: κ_1…κ_K of the semicircle of variance σ² (κ_2 = σ², all others 0);
 * - `mpSTransform`: the S-transform S(z) = 1/(σ²(1 + λz)) of Marčenko–Pastur(λ, σ²) (free cumulants κ_k = σ^{2k}λ^{k−1});
 * - `linearNtk`: the NTK of f(x) = w·x + b on inputs x_1…x_N, Θ_mn = x_m·x_n + 1 (a Gram matrix);
 * - `semicircleSum`: the density of semicircle(v₁) ⊞ semicircle(v₂) = semicircle(v₁ + v₂) (R-transforms add);
 * - `freeAlternatingMoment`: tr(ABAB) = a₂b₁² + a₁²b₂ − a₁²b₁² for free A, B (from the definition of freeness);
 * - `reluJjtSecondMoment`: m₂(JJᵀ) = 8L for a depth-L ReLU network with Gaussian weights, σ_w² = 2 (S-transforms);
 * - `gdLinearizedLoss`: ½ Σ_i (1 − ηλ_i)^{2t} c_i², the loss of t discrete gradient steps on the linearised model;
 * - `reluCkLimit`: the limit (1/n)⟨φ(h(x)), φ(h(y))⟩ of the conjugate kernel of one hidden ReLU layer.
 * Each check runs the student's function on fixed inputs, prints ✓ or a hint, and never prints the solution.
 * Hints and confirmations are written in English and Japanese (`localized`; `setLanguage("ja")` selects Japanese).
 */
import { runCheck, Hint, requireFunction, type CheckOutcome, near, numberAnswer, fmt, matMul, type Mat } from "./check";
import { localized } from "../util/language";

function scaleRows(A: Mat, d: number[]): Mat {
  return A.map((row, i) => row.map((v) => v * d[i]));
}

function sameMatrix(got: unknown, expected: Mat, tol = 1e-9): boolean {
  if (!Array.isArray(got) || got.length !== expected.length) return false;
  return expected.every((row, i) => Array.isArray(got[i]) && got[i].length === row.length && row.every((v, j) => near(got[i][j], v, tol)));
}

/** "r × c" of a nested array, or a description of what it is. */
function shapeOf(m: unknown): string {
  if (!Array.isArray(m)) return typeof m;
  const cols = Array.isArray(m[0]) ? m[0].length : "?";
  return `${m.length} × ${cols}`;
}

/** Small fixed networks: weights W_1…W_L and pre-activations h_1…h_{L−1}. */
const jacobianCases: { weights: Mat[]; preacts: number[][] }[] = [
  {
    weights: [
      [[0.5, -1.2, 0.3], [0.8, 0.1, -0.7]],
      [[1.1, -0.4], [0.2, 0.9], [-0.6, 0.5]],
      [[0.7, -0.3, 1.4], [0.25, 0.6, -0.9]],
    ],
    preacts: [[0.4, -1.3], [0.9, -0.2, 2.1]],
  },
  {
    weights: [
      [[1.3, 0.2], [-0.5, 0.9]],
      [[0.6, -1.1], [0.4, 0.8]],
    ],
    preacts: [[-0.7, 1.5]],
  },
];

const tanhPrime = (h: number): number => 1 - Math.tanh(h) ** 2;

function referenceJacobian(weights: Mat[], preacts: number[][], dphi: (h: number) => number): Mat {
  let J = weights[0];
  for (let l = 1; l < weights.length; l++) J = matMul(weights[l], scaleRows(J, preacts[l - 1].map(dphi)));
  return J;
}

export const day2FreeChecks = {
  /** §9: `jacobian(weights, preacts, dphi)` = W_L D_{L−1} ⋯ D_1 W_1 with D_l = diag(dphi(h_l)). */
  jacobianProduct(jacobian: (weights: Mat[], preacts: number[][], dphi: (h: number) => number) => Mat): CheckOutcome {
    return runCheck("jacobianProduct", () => {
      requireFunction(jacobian, "your jacobian");
      for (const [c, { weights, preacts }] of jacobianCases.entries()) {
        const copyW = weights.map((W) => W.map((r) => r.slice()));
        const copyH = preacts.map((h) => h.slice());
        const got = jacobian(copyW, copyH, tanhPrime);
        const expected = referenceJacobian(weights, preacts, tanhPrime);
        if (sameMatrix(got, expected)) continue;
        const what = localized({ en: `network ${c + 1} (L = ${weights.length}, φ = tanh)`, ja: `ネットワーク ${c + 1}（L = ${weights.length}、φ = tanh）` });
        if (shapeOf(got) !== shapeOf(expected)) {
          throw new Hint(localized({ en: `${what}: J should be n_L × n_0 = ${shapeOf(expected)}, got ${shapeOf(got)}; multiply W_l on the LEFT of the product so far`, ja: `${what}：J は n_L × n_0 = ${shapeOf(expected)} のはずですが、${shapeOf(got)} が返りました。W_l はそれまでの積の左から掛けます` }));
        }
        if (sameMatrix(got, referenceJacobian(weights, preacts, (h) => h))) throw new Hint(localized({ en: `${what}: D_l holds φ′(h_l), the derivative at h_l, not h_l itself`, ja: `${what}：D_l に入るのは h_l での微分 φ′(h_l) で、h_l そのものではありません` }));
        if (sameMatrix(got, referenceJacobian(weights, preacts, () => 1))) throw new Hint(localized({ en: `${what}: you left out the D_l = diag(φ′(h_l)) between the weight matrices`, ja: `${what}：重み行列の間の D_l = diag(φ′(h_l)) が抜けています` }));
        if (sameMatrix(got, referenceJacobian(weights, preacts, Math.tanh))) throw new Hint(localized({ en: `${what}: D_l holds the derivative φ′(h_l); you used φ(h_l)`, ja: `${what}：D_l に入るのは微分 φ′(h_l) ですが、φ(h_l) を使っています` }));
        // D applied to columns instead of rows (possible when the sizes allow it)
        const shifted = weights.length > 1 ? referenceJacobian(weights, [...preacts.slice(1), preacts[0]], tanhPrime) : null;
        if (shifted && sameMatrix(got, shifted)) throw new Hint(localized({ en: `${what}: use h_l (preacts[l − 1]) between W_l and W_{l+1}`, ja: `${what}：W_l と W_{l+1} の間では h_l（preacts[l − 1]）を使います` }));
        throw new Hint(localized({ en: `${what}: J has the right shape but wrong entries; J ← W_l · diag(φ′(h_{l−1})) · J for l = 2…L, starting from J = W_1`, ja: `${what}：J の形は正しいのですが成分が違います。J = W_1 から始めて、l = 2…L について J ← W_l · diag(φ′(h_{l−1})) · J とします` }));
      }
      return localized({ en: `correct on ${jacobianCases.length} small tanh networks`, ja: `${jacobianCases.length} 個の小さな tanh ネットワークで正解` });
    });
  },

  /** §9: `jjtVariance(L)` = the variance of the Fuss–Catalan law of JJᵀ (linear Gaussian net, σ_w = 1, depth L). */
  jjtVariance(variance: (L: number) => number): CheckOutcome {
    return runCheck("jjtVariance", () => {
      requireFunction(variance, "your jjtVariance");
      const depths = [1, 3, 10, 32];
      for (const L of depths) {
        const got = numberAnswer(variance(L), `jjtVariance(${L})`);
        const m2 = L + 1;
        if (near(got, m2 - 1)) continue;
        if (near(got, m2)) throw new Hint(localized({ en: `jjtVariance(${L}) = ${fmt(got)} is the second moment m₂; the variance subtracts the squared mean`, ja: `jjtVariance(${L}) = ${fmt(got)} は二次モーメント m₂ です。分散は平均の二乗を引いたものです` }));
        if (near(got, Math.sqrt(m2 - 1))) throw new Hint(localized({ en: `jjtVariance(${L}): you returned a standard deviation; the variance is its square`, ja: `jjtVariance(${L})：返したのは標準偏差です。分散はその二乗です` }));
        throw new Hint(localized({ en: `jjtVariance(${L}) returned ${fmt(got)}; Var = m₂ − m₁² with the moments given above`, ja: `jjtVariance(${L}) が ${fmt(got)} を返しました。上に与えたモーメントで Var = m₂ − m₁² を計算します` }));
      }
      return localized({ en: `correct for L = ${depths.join(", ")}: the spread of JJᵀ grows linearly with depth`, ja: `L = ${depths.join(", ")} で正解：JJᵀ の広がりは深さに比例して大きくなります` });
    });
  },

  /** §10: `freeCumulants(variance, K)` = [κ_1, …, κ_K] of the semicircle law of variance σ². */
  semicircleFreeCumulants(freeCumulants: (variance: number, K: number) => number[]): CheckOutcome {
    return runCheck("semicircleFreeCumulants", () => {
      requireFunction(freeCumulants, "your semicircleFreeCumulants");
      const cases: [number, number][] = [[1, 6], [2.5, 5], [0.3, 8]];
      for (const [v, K] of cases) {
        const what = `semicircleFreeCumulants(${fmt(v)}, ${K})`;
        const got = freeCumulants(v, K);
        if (!Array.isArray(got) || got.length !== K) throw new Hint(localized({ en: `${what} should return an array of K = ${K} numbers [κ_1, …, κ_K], got ${Array.isArray(got) ? `${got.length} entries` : typeof got}`, ja: `${what} は K = ${K} 個の数の配列 [κ_1, …, κ_K] を返すはずですが、${Array.isArray(got) ? `${got.length} 個の要素` : typeof got} が返りました` }));
        const expected = Array.from({ length: K }, (_, i) => (i === 1 ? v : 0));
        if (got.every((g, i) => near(g, expected[i]))) continue;
        // the moments of the semicircle: m_{2k} = C_k σ^{2k}
        let catalan = 1;
        const moments = Array.from({ length: K }, (_, i) => {
          const k = i + 1;
          if (k % 2 === 1) return 0;
          const h = k / 2;
          catalan = (catalan * 2 * (2 * h - 1)) / (h + 1);
          return catalan * v ** h;
        });
        if (got.every((g, i) => near(g, moments[i]))) throw new Hint(localized({ en: `${what}: these are the moments m_k (Catalan numbers), not the free cumulants; the semicircle is the free analogue of the Gaussian`, ja: `${what}：これはモーメント m_k（Catalan 数）で、自由キュムラントではありません。半円則はガウス分布の自由版です` }));
        if (near(got[1], Math.sqrt(v))) throw new Hint(localized({ en: `${what}: κ_2 is the variance σ², not the standard deviation`, ja: `${what}：κ_2 は分散 σ² で、標準偏差ではありません` }));
        if (!near(got[0], 0)) throw new Hint(localized({ en: `${what}: κ_1 is the mean of the law; the semicircle is centred`, ja: `${what}：κ_1 は分布の平均です。半円則は中心化されています` }));
        throw new Hint(localized({ en: `${what}: the free cumulants of the semicircle play the role of the cumulants of the Gaussian: which of them are non-zero?`, ja: `${what}：半円則の自由キュムラントは、ガウス分布のキュムラントの役割を果たします。どれがゼロでないでしょうか？` }));
      }
      return localized({ en: `correct for ${cases.length} variances: only κ_2 = σ² is non-zero`, ja: `${cases.length} 通りの分散で正解：ゼロでないのは κ_2 = σ² だけです` });
    });
  },

  /** §10: `S(z, ratio, variance)` = the S-transform of Marčenko–Pastur(λ, σ²). */
  mpSTransform(S: (z: number, ratio: number, variance: number) => number): CheckOutcome {
    return runCheck("mpSTransform", () => {
      requireFunction(S, "your mpSTransform");
      const cases: [number, number, number][] = [[0.1, 1, 1], [-0.3, 0.5, 2], [0.25, 2, 0.7], [0, 0.3, 1.5]];
      for (const [z, lam, v] of cases) {
        const what = `mpSTransform(z = ${fmt(z)}, λ = ${fmt(lam)}, σ² = ${fmt(v)})`;
        const got = numberAnswer(S(z, lam, v), what);
        const expected = 1 / (v * (1 + lam * z));
        if (near(got, expected)) continue;
        if (near(got, 1 / (1 + lam * z))) throw new Hint(localized({ en: `${what}: scaling the matrix by σ² divides its S-transform by σ² (S_{cA}(z) = S_A(z)/c)`, ja: `${what}：行列を σ² 倍すると、その S 変換は σ² で割られます（S_{cA}(z) = S_A(z)/c）` }));
        if (near(got, v / (1 + lam * z))) throw new Hint(localized({ en: `${what}: S_{cA}(z) = S_A(z)/c: a larger variance makes S smaller, not larger`, ja: `${what}：S_{cA}(z) = S_A(z)/c なので、分散が大きいほど S は小さくなります（大きくはなりません）` }));
        if (near(got, 1 / (v * (1 + z)))) throw new Hint(localized({ en: `${what}: your answer does not depend on the ratio λ; derive S from κ_k = σ^{2k} λ^{k−1}`, ja: `${what}：答えが比 λ に依存していません。κ_k = σ^{2k} λ^{k−1} から S を導きます` }));
        if (near(got, 1 / (v * (1 + z / lam)))) throw new Hint(localized({ en: `${what}: check where λ enters; with κ_k = σ^{2k} λ^{k−1} the R-transform is R(z) = σ²/(1 − σ²λz)`, ja: `${what}：λ が入る場所を確かめましょう。κ_k = σ^{2k} λ^{k−1} なら R 変換は R(z) = σ²/(1 − σ²λz) です` }));
        if (near(got, v / (1 - v * lam * z))) throw new Hint(localized({ en: `${what}: that is the R-transform; the S-transform satisfies S(z) = 1/R(z S(z))`, ja: `${what}：それは R 変換です。S 変換は S(z) = 1/R(z S(z)) を満たします` }));
        throw new Hint(localized({ en: `${what} returned ${fmt(got)}; use S(z) = 1/R(z·S(z)) with the R-transform of the free Poisson law and solve for S`, ja: `${what} が ${fmt(got)} を返しました。自由 Poisson 則の R 変換で S(z) = 1/R(z·S(z)) とし、S について解きます` }));
      }
      return localized({ en: `correct on ${cases.length} (z, λ, σ²); S(0) = 1/σ² = 1/mean`, ja: `${cases.length} 通りの (z, λ, σ²) で正解：S(0) = 1/σ² = 1/平均` });
    });
  },

  /** §11: `ntk(X)` = Θ for f(x) = w·x + b, θ = (w, b): the N × N matrix Θ_mn = ∂f(x_m)/∂θ · ∂f(x_n)/∂θ. */
  linearNtk(ntk: (X: Mat) => Mat): CheckOutcome {
    return runCheck("linearNtk", () => {
      requireFunction(ntk, "your linearNtk");
      const cases: Mat[] = [
        [[1, 2], [0.5, -1], [3, 0.25]],
        [[0.3, -0.7, 1.1, 2], [1.5, 0.2, -0.4, 0.8]],
      ];
      for (const [c, X] of cases.entries()) {
        const what = localized({ en: `linearNtk(X) for X ${X.length} × ${X[0].length} (case ${c + 1})`, ja: `X が ${X.length} × ${X[0].length} のときの linearNtk(X)（ケース ${c + 1}）` });
        const got = ntk(X.map((r) => r.slice()));
        const gram = X.map((a) => X.map((b) => a.reduce((s, v, i) => s + v * b[i], 0)));
        const expected = gram.map((row) => row.map((v) => v + 1));
        if (sameMatrix(got, expected)) continue;
        if (shapeOf(got) === `${X[0].length} × ${X[0].length}` && X.length !== X[0].length) {
          throw new Hint(localized({ en: `${what}: Θ is N × N (one row and column per input x_m), got ${shapeOf(got)}: that is a p × p matrix in parameter space`, ja: `${what}：Θ は N × N（入力 x_m ごとに一つの行と列）ですが、${shapeOf(got)} が返りました。それはパラメータ空間の p × p 行列です` }));
        }
        if (shapeOf(got) !== `${X.length} × ${X.length}`) throw new Hint(localized({ en: `${what}: Θ should be N × N = ${X.length} × ${X.length}, got ${shapeOf(got)}`, ja: `${what}：Θ は N × N = ${X.length} × ${X.length} のはずですが、${shapeOf(got)} が返りました` }));
        if (sameMatrix(got, gram)) throw new Hint(localized({ en: `${what}: close — but b is a parameter too: what is ∂f(x)/∂b?`, ja: `${what}：惜しい。でも b もパラメータです。∂f(x)/∂b は何でしょう？` }));
        throw new Hint(localized({ en: `${what}: Θ_mn is the inner product of the parameter gradients ∂f(x_m)/∂θ and ∂f(x_n)/∂θ; work out ∂f/∂w and ∂f/∂b first`, ja: `${what}：Θ_mn はパラメータについての勾配 ∂f(x_m)/∂θ と ∂f(x_n)/∂θ の内積です。まず ∂f/∂w と ∂f/∂b を求めましょう` }));
      }
      return localized({ en: `correct on ${cases.length} datasets: for a linear model the NTK is a (shifted) Gram matrix and never changes during training`, ja: `${cases.length} 個のデータセットで正解：線形モデルの NTK は（ずらした）Gram 行列で、訓練中に変化しません` });
    });
  },

  /** §10: `density(x, v1, v2)` = the density at x of semicircle(v1) ⊞ semicircle(v2). */
  semicircleSum(density: (x: number, v1: number, v2: number) => number): CheckOutcome {
    return runCheck("semicircleSum", () => {
      requireFunction(density, "your semicircleSum");
      const sc = (x: number, v: number) => (x * x < 4 * v ? Math.sqrt(4 * v - x * x) / (2 * Math.PI * v) : 0);
      const cases: [number, number, number][] = [[0, 1, 1], [1.2, 1, 1], [-0.7, 0.5, 2], [2.5, 1, 0.25], [3.9, 2, 2], [4.5, 2, 2]];
      for (const [x, v1, v2] of cases) {
        const what = `semicircleSum(x = ${fmt(x)}, v₁ = ${fmt(v1)}, v₂ = ${fmt(v2)})`;
        const got = numberAnswer(density(x, v1, v2), what);
        const expected = sc(x, v1 + v2);
        if (near(got, expected, 1e-7)) continue;
        if (near(got, sc(x, (Math.sqrt(v1) + Math.sqrt(v2)) ** 2), 1e-7)) {
          throw new Hint(localized({ en: `${what}: you added the standard deviations (radii); the R-transforms R(w) = v·w add, so the variances add`, ja: `${what}：標準偏差（半径）を足しています。足し算になるのは R 変換 R(w) = v·w なので、足されるのは分散です` }));
        }
        if (near(got, sc(x, v1 * v2), 1e-7)) throw new Hint(localized({ en: `${what}: ⊞ adds R-transforms; R of the semicircle of variance v is v·w`, ja: `${what}：⊞ は R 変換を足します。分散 v の半円則の R は v·w です` }));
        if (near(got, sc(x, v1) + sc(x, v2), 1e-7)) throw new Hint(localized({ en: `${what}: that is a mixture of the two laws, not the law of the sum`, ja: `${what}：それは二つの分布の混合で、和の分布ではありません` }));
        const gaussian = Math.exp((-x * x) / (2 * (v1 + v2))) / Math.sqrt(2 * Math.PI * (v1 + v2));
        if (near(got, gaussian, 1e-7)) throw new Hint(localized({ en: `${what}: that is the classical (Gaussian) answer; the free one solves (v₁ + v₂)G + 1/G = z`, ja: `${what}：それは古典的な（ガウス分布の）答えです。自由な場合は (v₁ + v₂)G + 1/G = z を解きます` }));
        if (expected === 0) throw new Hint(localized({ en: `${what}: x lies outside the support [−2√v, 2√v] of the sum; the density is 0 there`, ja: `${what}：x は和の台 [−2√v, 2√v] の外にあります。そこでは密度は 0 です` }));
        throw new Hint(localized({ en: `${what} returned ${fmt(got)}; solve R(G) + 1/G = z with R(w) = (v₁ + v₂)w and take ρ = −Im G(x + i0)/π`, ja: `${what} が ${fmt(got)} を返しました。R(w) = (v₁ + v₂)w として R(G) + 1/G = z を解き、ρ = −Im G(x + i0)/π をとります` }));
      }
      return localized({ en: `correct at ${cases.length} points: semicircle(v₁) ⊞ semicircle(v₂) = semicircle(v₁ + v₂), the free central limit law is stable`, ja: `${cases.length} 点で正解：半円則(v₁) ⊞ 半円則(v₂) = 半円則(v₁ + v₂)。自由中心極限の分布は安定です` });
    });
  },

  /** §10: `moment(a, b)` = tr(ABAB) for free A, B with moments a = [1, a₁, a₂], b = [1, b₁, b₂]. */
  freeAlternatingMoment(moment: (a: number[], b: number[]) => number): CheckOutcome {
    return runCheck("freeAlternatingMoment", () => {
      requireFunction(moment, "your freeAlternatingMoment");
      const cases: [number[], number[]][] = [[[1, 0, 1], [1, 0, 1]], [[1, 1, 2], [1, 0.5, 1]], [[1, 2, 5], [1, -1, 3]], [[1, 0.3, 0.2], [1, 1.5, 2.5]]];
      for (const [a, b] of cases) {
        const what = `freeAlternatingMoment(a = [${a.map(fmt)}], b = [${b.map(fmt)}])`;
        const got = numberAnswer(moment(a.slice(), b.slice()), what);
        const expected = a[2] * b[1] ** 2 + a[1] ** 2 * b[2] - a[1] ** 2 * b[1] ** 2;
        if (near(got, expected)) continue;
        if (near(got, a[2] * b[2])) throw new Hint(localized({ en: `${what}: a₂b₂ = tr(A²B²) is the answer for COMMUTING A, B; for free ones write A = a₁ + A°, B = b₁ + B° and use tr(A°B°A°B°) = 0`, ja: `${what}：a₂b₂ = tr(A²B²) は「可換な」A, B の答えです。自由な場合は A = a₁ + A°, B = b₁ + B° と書き、tr(A°B°A°B°) = 0 を使います` }));
        if (near(got, a[1] ** 2 * b[1] ** 2)) throw new Hint(localized({ en: `${what}: the centred parts do not all drop out: terms like tr(A°² B)·b₁ survive`, ja: `${what}：中心化した部分がすべて消えるわけではありません。tr(A°² B)·b₁ のような項は残ります` }));
        if (near(got, a[2] * b[1] ** 2 + a[1] ** 2 * b[2])) throw new Hint(localized({ en: `${what}: nearly; the term a₁²b₁² is counted twice in a₂b₁² + a₁²b₂`, ja: `${what}：もう少しです。a₂b₁² + a₁²b₂ では項 a₁²b₁² が二回数えられています` }));
        throw new Hint(localized({ en: `${what} returned ${fmt(got)}; expand tr((a₁ + A°)(b₁ + B°)(a₁ + A°)(b₁ + B°)) and drop every centred alternating product`, ja: `${what} が ${fmt(got)} を返しました。tr((a₁ + A°)(b₁ + B°)(a₁ + A°)(b₁ + B°)) を展開し、中心化した交互積をすべて落とします` }));
      }
      return localized({ en: `correct on ${cases.length} pairs of moment sequences: the free tr(ABAB) is fixed by the moments of A and B alone`, ja: `${cases.length} 組のモーメント列で正解：自由な場合の tr(ABAB) は A と B のモーメントだけで決まります` });
    });
  },

  /** §10: `m2(L)` = m₂ = tr((JJᵀ)²) in the limit, depth-L ReLU network, Gaussian weights, σ_w² = 2, σ_b = 0. */
  reluJjtSecondMoment(m2: (L: number) => number): CheckOutcome {
    return runCheck("reluJjtSecondMoment", () => {
      requireFunction(m2, "your reluJjtSecondMoment");
      for (const L of [2, 1, 5, 12]) {
        const got = numberAnswer(m2(L), `reluJjtSecondMoment(${L})`);
        const what = `reluJjtSecondMoment(${L})`;
        if (near(got, 8 * L)) continue;
        if (near(got, 4 * (L + 1))) throw new Hint(localized({ en: `${what}: you counted only the L weight factors; J also has L − 1 factors D_l² with law ½δ₀ + ½δ₁`, ja: `${what}：数えたのは L 個の重みの因子だけです。J には分布 ½δ₀ + ½δ₁ の因子 D_l² も L − 1 個あります` }));
        if (near(got, L + 1)) throw new Hint(localized({ en: `${what}: L + 1 is the linear network with σ_w = 1; here each WᵀW has mean σ_w² = 2 and there are D_l² factors`, ja: `${what}：L + 1 は σ_w = 1 の線形ネットワークの値です。ここでは各 WᵀW の平均は σ_w² = 2 で、因子 D_l² もあります` }));
        if (near(got, 4 * (2 * L + 1)) || near(got, 2 * (2 * L + 1))) throw new Hint(localized({ en: `${what}: J = W_L D_{L−1} ⋯ D_1 W_1 has L − 1 D factors, not L`, ja: `${what}：J = W_L D_{L−1} ⋯ D_1 W_1 の D の因子は L 個ではなく L − 1 個です` }));
        if (near(got, 2)) throw new Hint(localized({ en: `${what}: 2 is the first moment m₁ = σ_w²; the exercise asks for the second`, ja: `${what}：2 は一次モーメント m₁ = σ_w² です。演習が求めているのは二次モーメントです` }));
        throw new Hint(localized({ en: `${what} returned ${fmt(got)}; use m₁ = Π m₁(factor) and m₂/m₁² − 1 = Σ (m₂/m₁² − 1)(factor)`, ja: `${what} が ${fmt(got)} を返しました。m₁ = Π m₁(因子) と m₂/m₁² − 1 = Σ (m₂/m₁² − 1)(因子) を使います` }));
      }
      return localized({ en: "correct for L = 2, 1, 5, 12: m₂ = 8L, so the spread of JJᵀ grows linearly with depth even at criticality", ja: "L = 2, 1, 5, 12 で正解：m₂ = 8L なので、臨界点でも JJᵀ の広がりは深さに比例して大きくなります" });
    });
  },

  /** §11: `loss(lambdas, c, eta, t)` = ½ Σ_i (1 − ηλ_i)^{2t} c_i², t discrete gradient steps of the linearised model. */
  gdLinearizedLoss(loss: (lambdas: number[], c: number[], eta: number, t: number) => number): CheckOutcome {
    return runCheck("gdLinearizedLoss", () => {
      requireFunction(loss, "your gdLinearizedLoss");
      const cases: [number[], number[], number, number][] = [
        [[2, 1, 0.1], [0.5, -1, 2], 0.3, 4],
        [[10, 0.5], [1, 1], 0.15, 7],
        [[1.5, 0.2, 0.05, 3], [-0.3, 0.8, 0.1, 1.2], 0.5, 0],
      ];
      for (const [lam, c, eta, t] of cases) {
        const what = `gdLinearizedLoss(λ = [${lam.map(fmt)}], c = [${c.map(fmt)}], η = ${fmt(eta)}, t = ${t})`;
        const got = numberAnswer(loss(lam.slice(), c.slice(), eta, t), what);
        const sum = (f: (l: number, ci: number) => number) => lam.reduce((s, l, i) => s + f(l, c[i]), 0);
        const expected = 0.5 * sum((l, ci) => (1 - eta * l) ** (2 * t) * ci * ci);
        if (near(got, expected)) continue;
        if (near(got, 0.5 * sum((l, ci) => Math.exp(-2 * eta * l * t) * ci * ci))) {
          throw new Hint(localized({ en: `${what}: e^{−ηλt} is gradient FLOW; one discrete step multiplies the error along u_i by (1 − ηλ_i)`, ja: `${what}：e^{−ηλt} は勾配「流」です。離散的な一ステップは u_i 方向の誤差を (1 − ηλ_i) 倍します` }));
        }
        if (near(got, 2 * expected)) throw new Hint(localized({ en: `${what}: the loss is ½‖f_t − Y‖²: keep the ½`, ja: `${what}：損失は ½‖f_t − Y‖² です。½ を忘れずに` }));
        if (near(got, 0.5 * sum((l, ci) => (1 - eta * l) ** t * ci * ci))) throw new Hint(localized({ en: `${what}: the error is (1 − ηλ_i)^t c_i; the loss squares it`, ja: `${what}：誤差は (1 − ηλ_i)^t c_i で、損失はそれを二乗します` }));
        if (near(got, 0.5 * sum((l, ci) => (1 - eta * l) ** (2 * t) * ci))) throw new Hint(localized({ en: `${what}: square the coefficients c_i too`, ja: `${what}：係数 c_i も二乗します` }));
        throw new Hint(localized({ en: `${what} returned ${fmt(got)}; write f_t − Y in the eigenbasis of Θ after t steps of f ← f − ηΘ(f − Y)`, ja: `${what} が ${fmt(got)} を返しました。f ← f − ηΘ(f − Y) を t ステップ行った後の f_t − Y を、Θ の固有基底で書きます` }));
      }
      return localized({ en: `correct on ${cases.length} cases: each eigen-direction of Θ shrinks by (1 − ηλ_i) per step`, ja: `${cases.length} ケースで正解：Θ の各固有方向はステップごとに (1 − ηλ_i) 倍に縮みます` });
    });
  },

  /** §11: `ck(x, y, sigmaW, sigmaB)` = lim (1/n)⟨φ(h(x)), φ(h(y))⟩, h = σ_w W x/√n₀ + σ_b b, φ = ReLU. */
  reluCkLimit(ck: (x: number[], y: number[], sigmaW: number, sigmaB: number) => number): CheckOutcome {
    return runCheck("reluCkLimit", () => {
      requireFunction(ck, "your reluCkLimit");
      const cases: [number[], number[], number, number][] = [
        [[1, 0], [0.6, 0.8], Math.SQRT2, 0.1],
        [[1, 2, -1], [0.5, -1, 2], 1, 0.5],
        [[0.3, -0.2, 0.9, 1.1], [0.3, -0.2, 0.9, 1.1], 1.5, 0],
      ];
      const dot = (u: number[], v: number[]) => u.reduce((s, a, i) => s + a * v[i], 0);
      for (const [x, y, sw, sb] of cases) {
        const what = `reluCkLimit(x = [${x.map(fmt)}], y = [${y.map(fmt)}], σ_w = ${fmt(sw)}, σ_b = ${fmt(sb)})`;
        const got = numberAnswer(ck(x.slice(), y.slice(), sw, sb), what);
        const arcCos = (n0: number, sb2: number) => {
          const s11 = (sw * sw * dot(x, x)) / n0 + sb2;
          const s22 = (sw * sw * dot(y, y)) / n0 + sb2;
          const s12 = (sw * sw * dot(x, y)) / n0 + sb2;
          const th = Math.acos(Math.max(-1, Math.min(1, s12 / Math.sqrt(s11 * s22))));
          return (Math.sqrt(s11 * s22) * (Math.sin(th) + (Math.PI - th) * Math.cos(th))) / (2 * Math.PI);
        };
        const expected = arcCos(x.length, sb * sb);
        if (near(got, expected)) continue;
        if (near(got, sw * sw * expected + sb * sb)) throw new Hint(localized({ en: `${what}: that is K∞ = σ_w² E[φ(u)φ(v)] + σ_b², the kernel of the NEXT pre-activation; the CK is E[φ(u)φ(v)]`, ja: `${what}：それは K∞ = σ_w² E[φ(u)φ(v)] + σ_b²、つまり「次の」前活性化のカーネルです。CK は E[φ(u)φ(v)] です` }));
        if (near(got, arcCos(1, sb * sb))) throw new Hint(localized({ en: `${what}: h = σ_w W x/√n₀ + σ_b b, so Var h(x) = σ_w²‖x‖²/n₀ + σ_b²: divide by n₀`, ja: `${what}：h = σ_w W x/√n₀ + σ_b b なので Var h(x) = σ_w²‖x‖²/n₀ + σ_b² です。n₀ で割ります` }));
        if (near(got, arcCos(x.length, 0))) throw new Hint(localized({ en: `${what}: the bias adds σ_b² to every entry of the covariance of (h(x), h(y))`, ja: `${what}：バイアスは (h(x), h(y)) の共分散のすべての成分に σ_b² を加えます` }));
        throw new Hint(localized({ en: `${what} returned ${fmt(got)}; (h(x), h(y)) is Gaussian: compute its covariance, then E[ReLU(u)ReLU(v)] by the arc-cosine formula`, ja: `${what} が ${fmt(got)} を返しました。(h(x), h(y)) はガウス分布に従います。その共分散を計算し、arc-cosine の公式で E[ReLU(u)ReLU(v)] を求めます` }));
      }
      return localized({ en: `correct on ${cases.length} pairs: the conjugate kernel's limit is an arc-cosine kernel`, ja: `${cases.length} 組で正解：共役カーネルの極限は arc-cosine カーネルです` });
    });
  },
};
