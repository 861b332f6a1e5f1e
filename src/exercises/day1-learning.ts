/**
 * Exercise checks of the Day 1 learning notebooks (lecture §4–6): the affine layer W x + b, composing two
 * linear maps, softmax and the gradient of the softmax cross entropy, the L2 and L1 gradients, one step of
 * gradient descent, one step of the δ recursion, the weight gradient δ xᵀ and squared distances for 1-NN.
 * Each check runs the student's function on small fixed inputs, prints ✓ or a hint, never the solution.
 */
import { runCheck, Hint, requireFunction, relativeError, type CheckOutcome, vectorAnswer, allNear, fmtVector, matMul, type Mat } from "./check";
import { localized } from "../util/language";

const copyMat = (A: Mat): Mat => A.map((row) => row.slice());
const matVec = (A: Mat, x: number[]): number[] => A.map((row) => row.reduce((s, a, j) => s + a * x[j], 0));
const matTVec = (A: Mat, x: number[]): number[] => A[0].map((_, j) => A.reduce((s, row, i) => s + row[j] * x[i], 0));

/** A returned matrix must be rows × cols nested arrays of numbers. */
function matrixAnswer(got: unknown, rows: number, cols: number, what: string, transposedHint: string): Mat {
  if (!Array.isArray(got) || got.some((r) => r == null || typeof r.length !== "number")) {
    throw new Hint(localized({ en: `${what} returned ${String(got)}; return a matrix as an array of rows (number[][])`, ja: `${what} が ${String(got)} を返しました。行列は行の配列（number[][]）として返してください` }));
  }
  const r = got.length;
  const c = r > 0 ? (got[0] as ArrayLike<number>).length : 0;
  if (r === cols && c === rows && rows !== cols) throw new Hint(localized({ en: `${what} has shape ${r} × ${c} but should be ${rows} × ${cols}: ${transposedHint}`, ja: `${what} の形が ${r} × ${c} ですが、${rows} × ${cols} であるべきです：${transposedHint}` }));
  if (r !== rows || got.some((row) => (row as ArrayLike<number>).length !== cols)) throw new Hint(localized({ en: `${what} has shape ${r} × ${c} but should be ${rows} × ${cols}`, ja: `${what} の形が ${r} × ${c} ですが、${rows} × ${cols} であるべきです` }));
  return (got as ArrayLike<number>[]).map((row, i) => vectorAnswer(row, cols, `${what} row ${i}`));
}

function softmaxRef(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export const day1LearningChecks = {
  /** §4: `affine(W, x, b)` = W x + b for W ∈ ℝ^{n₁×n₀}, x ∈ ℝ^{n₀}, b ∈ ℝ^{n₁} (n₀ inputs, n₁ outputs). */
  affine(affine: (W: number[][], x: number[], b: number[]) => ArrayLike<number>): CheckOutcome {
    return runCheck("affine", () => {
      requireFunction(affine, "your affine");
      const cases: { W: Mat; x: number[]; b: number[] }[] = [
        { W: [[1, 2], [3, 4]], x: [1, -1], b: [0.5, -0.5] },
        { W: [[1, 0, 2], [0, -1, 1]], x: [2, 3, -1], b: [1, 2] },
        { W: [[2, -1, 0.5]], x: [1, 1, 2], b: [-3] },
      ];
      for (const { W, x, b } of cases) {
        const what = `affine(W ${W.length}×${W[0].length}, x = ${fmtVector(x)}, b = ${fmtVector(b)})`;
        const expected = matVec(W, x).map((v, i) => v + b[i]);
        const raw = affine(copyMat(W), x.slice(), b.slice());
        if (raw != null && typeof (raw as ArrayLike<number>).length === "number" && (raw as ArrayLike<number>).length === x.length && x.length !== b.length) {
          throw new Hint(localized({ en: `${what} returned ${x.length} numbers (the input size n₀); W x has one entry per ROW of W (n₁ = ${W.length})`, ja: `${what} が ${x.length} 個の数（入力の大きさ n₀）を返しました。W x の成分は W の「行」ごとに一つです（n₁ = ${W.length}）` }));
        }
        const got = vectorAnswer(raw, expected.length, what);
        if (allNear(got, expected)) continue;
        if (allNear(got, matVec(W, x))) throw new Hint(localized({ en: `${what} returned W x; add the bias b`, ja: `${what} は W x を返しました。バイアス b を足してください` }));
        if (W.length === W[0].length && allNear(got, matTVec(W, x).map((v, i) => v + b[i]))) {
          throw new Hint(localized({ en: `${what} used the columns of W; entry i of W x is the dot product of ROW i of W with x`, ja: `${what} は W の列を使っています。W x の第 i 成分は、W の第 i「行」と x の内積です` }));
        }
        throw new Hint(localized({ en: `${what} returned ${fmtVector(got)}; entry i should be Σ_j W[i][j] x[j] + b[i]`, ja: `${what} が ${fmtVector(got)} を返しました。第 i 成分は Σ_j W[i][j] x[j] + b[i] になるはずです` }));
      }
      return localized({ en: `correct on ${cases.length} layers (square, wide and a single output)`, ja: `${cases.length} 個の層（正方、横長、出力が一つ）で正解です` });
    });
  },

  /** §4: `compose(A, B)` = the one matrix C with C x = A(B x) for all x (y = ABx). */
  compose(compose: (A: number[][], B: number[][]) => number[][]): CheckOutcome {
    return runCheck("compose", () => {
      requireFunction(compose, "your compose");
      const cases: { A: Mat; B: Mat }[] = [
        { A: [[1, 2], [0, 1]], B: [[1, 0], [3, 1]] },
        { A: [[1, -1, 2]], B: [[1, 0], [2, 1], [0, 3]] },
      ];
      for (const { A, B } of cases) {
        const what = `compose(A ${A.length}×${A[0].length}, B ${B.length}×${B[0].length})`;
        const expected = matMul(A, B);
        const got = matrixAnswer(compose(copyMat(A), copyMat(B)), A.length, B[0].length, what, localized({ en: "x goes into B first, and the result has as many rows as A", ja: "x は先に B に入ります。結果の行数は A の行数と同じです" }));
        if (got.every((row, i) => allNear(row, expected[i]))) continue;
        if (A.length === B[0].length && A[0].length === B.length) {
          const ba = matMul(B, A);
          if (ba.length === got.length && got.every((row, i) => allNear(row, ba[i]))) throw new Hint(localized({ en: `${what} computed B·A; in y = A(Bx), B acts first, so C = (which product?)`, ja: `${what} は B·A を計算しました。y = A(Bx) では B が先に作用します。では C =（どちらの積？）` }));
        }
        if (A.length === B.length && A[0].length === B[0].length && got.every((row, i) => allNear(row, A[i].map((a, j) => a * B[i][j])))) {
          throw new Hint(localized({ en: `${what} multiplied entry by entry; composing linear maps is the matrix product`, ja: `${what} は成分ごとに掛けています。線形写像の合成は行列の積です` }));
        }
        throw new Hint(localized({ en: `${what} is not the matrix of x ↦ A(Bx); test it: C applied to e_j should equal A applied to column j of B`, ja: `${what} は x ↦ A(Bx) の行列ではありません。確かめ方：C を e_j に作用させたものは、A を B の第 j 列に作用させたものと等しいはずです` }));
      }
      return localized({ en: "C x = A(B x) for both pairs", ja: "二つの組の両方で C x = A(B x) です" });
    });
  },

  /** §5: `softmax(z)` = e^{z_c} / Σ_k e^{z_k}, computed without overflow. */
  softmax(softmax: (z: number[]) => ArrayLike<number>): CheckOutcome {
    return runCheck("softmax", () => {
      requireFunction(softmax, "your softmax");
      const cases = [[1, 2, 3], [0, 0, 0, 0], [-1, 0.5, 2, -3], [1000, 1001, 1002]];
      for (const z of cases) {
        const what = `softmax(${fmtVector(z)})`;
        const expected = softmaxRef(z);
        const raw = softmax(z.slice());
        const values = raw != null && typeof raw.length === "number" ? Array.from(raw) : [];
        if (values.some((v) => typeof v === "number" && !Number.isFinite(v))) {
          throw new Hint(localized({ en: `${what} contains ${values.find((v) => !Number.isFinite(v))}: e^1000 overflows; softmax(z) = softmax(z − c) for any constant c — use that`, ja: `${what} に ${values.find((v) => !Number.isFinite(v))} が含まれています：e^1000 はオーバーフローします。任意の定数 c について softmax(z) = softmax(z − c) です。これを使いましょう` }));
        }
        const got = vectorAnswer(raw, z.length, what);
        if (relativeError(got, expected, what) < 1e-9) continue;
        const sum = got.reduce((a, b) => a + b, 0);
        if (Math.abs(sum - 1) > 1e-9) throw new Hint(localized({ en: `${what} sums to ${sum.toPrecision(4)}; probabilities must sum to 1 (normalise)`, ja: `${what} の和が ${sum.toPrecision(4)} です。確率の和は 1 でなければなりません（正規化しましょう）` }));
        const zs = z.reduce((a, b) => a + b, 0);
        if (zs !== 0 && allNear(got, z.map((v) => v / zs))) throw new Hint(localized({ en: `${what} normalised z itself; softmax exponentiates first`, ja: `${what} は z そのものを正規化しています。softmax はまず指数をとります` }));
        throw new Hint(localized({ en: `${what} returned ${fmtVector(got)}; check the exponentials`, ja: `${what} が ${fmtVector(got)} を返しました。指数関数の計算を確かめてください` }));
      }
      return localized({ en: `correct on ${cases.length} inputs, including large logits`, ja: `大きなロジットを含む ${cases.length} 個の入力で正解です` });
    });
  },

  /** §5: `softmaxCrossEntropyGrad(z, y)` = ∂/∂z of L = −log softmax(z)_y (y a class index). */
  softmaxCrossEntropyGrad(grad: (z: number[], label: number) => ArrayLike<number>): CheckOutcome {
    return runCheck("softmaxCrossEntropyGrad", () => {
      requireFunction(grad, "your softmaxCrossEntropyGrad");
      const cases: [number[], number][] = [[[1, 2, 3], 0], [[0.5, -1, 0, 2], 3], [[2, 2], 1]];
      for (const [z, y] of cases) {
        const what = `softmaxCrossEntropyGrad(${fmtVector(z)}, ${y})`;
        const p = softmaxRef(z);
        const expected = p.map((v, c) => v - (c === y ? 1 : 0));
        const got = vectorAnswer(grad(z.slice(), y), z.length, what);
        if (relativeError(got, expected, what) < 1e-8) continue;
        if (allNear(got, expected.map((v) => -v))) throw new Hint(localized({ en: `${what} has the wrong sign: increasing the logit of the true class must DECREASE the loss`, ja: `${what} は符号が逆です：正解クラスのロジットを増やすと、損失は「減る」はずです` }));
        if (allNear(got, p)) throw new Hint(localized({ en: `${what} returned softmax(z); the true class contributes one more term (from −z_y)`, ja: `${what} は softmax(z) を返しました。正解クラスにはもう一つ項（−z_y から来るもの）が加わります` }));
        const sum = got.reduce((a, b) => a + b, 0);
        if (Math.abs(sum) > 1e-8) throw new Hint(localized({ en: `${what} sums to ${sum.toPrecision(3)}, but adding a constant to every logit does not change the loss, so the gradient entries sum to 0`, ja: `${what} の和が ${sum.toPrecision(3)} です。しかし、すべてのロジットに定数を足しても損失は変わらないので、勾配の成分の和は 0 になります` }));
        throw new Hint(localized({ en: `${what} returned ${fmtVector(got)}; differentiate log Σ_k e^{z_k} − z_y with respect to each z_c`, ja: `${what} が ${fmtVector(got)} を返しました。log Σ_k e^{z_k} − z_y を各 z_c で微分してください` }));
      }
      return localized({ en: `correct on ${cases.length} logit vectors`, ja: `${cases.length} 個のロジットベクトルで正解です` });
    });
  },

  /** §5: `l2Gradient(f, y)` = ∂/∂f ‖f − y‖² and `l1Gradient(f, y)` = ∂/∂f ‖f − y‖₁ (f ≠ y entrywise). */
  lossGradients(l2Gradient: (f: number[], y: number[]) => ArrayLike<number>, l1Gradient: (f: number[], y: number[]) => ArrayLike<number>): CheckOutcome {
    return runCheck("lossGradients", () => {
      requireFunction(l2Gradient, "your l2Gradient");
      requireFunction(l1Gradient, "your l1Gradient");
      const cases: [number[], number[]][] = [[[1, 2, 3], [0, 2.5, 5]], [[0.2, -0.4], [1, -1]]];
      for (const [f, y] of cases) {
        const d = f.map((v, i) => v - y[i]);
        const w2 = `l2Gradient(${fmtVector(f)}, ${fmtVector(y)})`;
        const g2 = vectorAnswer(l2Gradient(f.slice(), y.slice()), f.length, w2);
        if (!allNear(g2, d.map((v) => 2 * v))) {
          if (allNear(g2, d)) throw new Hint(localized({ en: `${w2} is half the gradient: the derivative of u² is 2u`, ja: `${w2} は勾配の半分です：u² の微分は 2u です` }));
          if (allNear(g2, d.map((v) => -2 * v))) throw new Hint(localized({ en: `${w2} has the wrong sign: if f is above y, the loss grows with f`, ja: `${w2} は符号が逆です：f が y より大きいとき、損失は f とともに増えます` }));
          throw new Hint(localized({ en: `${w2} returned ${fmtVector(g2)}; differentiate Σ_c (f_c − y_c)² with respect to f_c`, ja: `${w2} が ${fmtVector(g2)} を返しました。Σ_c (f_c − y_c)² を f_c で微分してください` }));
        }
        const w1 = `l1Gradient(${fmtVector(f)}, ${fmtVector(y)})`;
        const g1 = vectorAnswer(l1Gradient(f.slice(), y.slice()), f.length, w1);
        if (!allNear(g1, d.map(Math.sign))) {
          if (allNear(g1, d) || allNear(g1, d.map((v) => 2 * v))) throw new Hint(localized({ en: `${w1} grows with the error; |u| has slope ±1, whatever the size of u`, ja: `${w1} は誤差とともに大きくなっています。|u| の傾きは u の大きさによらず ±1 です` }));
          if (allNear(g1, d.map(Math.abs))) throw new Hint(localized({ en: `${w1} is never negative; the slope of |u| is −1 for u < 0`, ja: `${w1} は決して負になりません。u < 0 では |u| の傾きは −1 です` }));
          if (allNear(g1, d.map((v) => -Math.sign(v)))) throw new Hint(localized({ en: `${w1} has the wrong sign`, ja: `${w1} は符号が逆です` }));
          throw new Hint(localized({ en: `${w1} returned ${fmtVector(g1)}; differentiate Σ_c |f_c − y_c| with respect to f_c`, ja: `${w1} が ${fmtVector(g1)} を返しました。Σ_c |f_c − y_c| を f_c で微分してください` }));
        }
      }
      return localized({ en: "both gradients correct: L2 is proportional to the error, L1 only sees its sign", ja: "両方の勾配が正解です：L2 は誤差に比例し、L1 は誤差の符号だけを見ます" });
    });
  },

  /** §5: `gradientStep(θ, g, η)` = θ − η g, one step of gradient descent. */
  gradientStep(step: (theta: number[], grad: number[], eta: number) => ArrayLike<number>): CheckOutcome {
    return runCheck("gradientStep", () => {
      requireFunction(step, "your gradientStep");
      const cases: [number[], number[], number][] = [[[1, 2], [0.5, -1], 0.1], [[0, 0, 3], [1, 2, 3], 0.5]];
      for (const [theta, g, eta] of cases) {
        const what = `gradientStep(θ = ${fmtVector(theta)}, g = ${fmtVector(g)}, η = ${eta})`;
        const thetaCopy = theta.slice();
        const got = vectorAnswer(step(thetaCopy, g.slice(), eta), theta.length, what);
        const expected = theta.map((v, i) => v - eta * g[i]);
        if (allNear(got, expected)) continue;
        if (allNear(got, theta.map((v, i) => v + eta * g[i]))) throw new Hint(localized({ en: `${what} went UP the gradient; descent moves against it`, ja: `${what} は勾配の方向に「上って」います。降下法は勾配と逆向きに進みます` }));
        if (allNear(got, theta.map((v, i) => v - g[i]))) throw new Hint(localized({ en: `${what} ignored the learning rate η`, ja: `${what} は学習率 η を無視しています` }));
        if (allNear(got, g.map((v) => -eta * v))) throw new Hint(localized({ en: `${what} returned only the update; add it to θ`, ja: `${what} は更新量だけを返しています。それを θ に足してください` }));
        throw new Hint(localized({ en: `${what} returned ${fmtVector(got)}; θ_{t+1} = θ_t − η_t ∇L₀(θ_t)`, ja: `${what} が ${fmtVector(got)} を返しました。θ_{t+1} = θ_t − η_t ∇L₀(θ_t) です` }));
      }
      return localized({ en: "θ − η∇L₀ on both cases", ja: "二つの場合の両方で θ − η∇L₀ です" });
    });
  },

  /**
   * §6: `deltaStep(W, δ, h, dphi)` = δ_l = φ′(h_l) ⊙ (W_{l+1}ᵀ δ_{l+1}), with W = W_{l+1} ∈ ℝ^{n_{l+1}×n_l},
   * δ = δ_{l+1} ∈ ℝ^{n_{l+1}}, h = h_l ∈ ℝ^{n_l}.
   */
  deltaStep(deltaStep: (W: number[][], delta: number[], h: number[], dphi: (x: number) => number) => ArrayLike<number>): CheckOutcome {
    return runCheck("deltaStep", () => {
      requireFunction(deltaStep, "your deltaStep");
      const tanhPrime = (x: number) => 1 - Math.tanh(x) ** 2;
      const reluPrime = (x: number) => (x > 0 ? 1 : 0);
      const cases: { W: Mat; delta: number[]; h: number[]; dphi: (x: number) => number; name: string }[] = [
        { W: [[1, 2, -1], [0.5, 0, 1]], delta: [0.3, -0.2], h: [0.1, -0.5, 1], dphi: tanhPrime, name: "tanh" },
        { W: [[1, -1], [2, 1], [0, 3]], delta: [1, -1, 0.5], h: [0.7, -0.2], dphi: reluPrime, name: "relu" },
        { W: [[1, 2], [3, 4]], delta: [1, -2], h: [0.5, 0.25], dphi: tanhPrime, name: "tanh" },
      ];
      for (const { W, delta, h, dphi, name } of cases) {
        const what = `deltaStep(W ${W.length}×${W[0].length}, δ = ${fmtVector(delta)}, h = ${fmtVector(h)}, ${name}′)`;
        const back = matTVec(W, delta);
        const expected = back.map((v, i) => dphi(h[i]) * v);
        const raw = deltaStep(copyMat(W), delta.slice(), h.slice(), dphi);
        if (raw != null && typeof (raw as ArrayLike<number>).length === "number" && (raw as ArrayLike<number>).length === W.length && W.length !== W[0].length) {
          throw new Hint(localized({ en: `${what} returned ${W.length} numbers (n_{l+1}); δ_l has one entry per unit of layer l (n_l = ${W[0].length}): W_{l+1} must be transposed`, ja: `${what} が ${W.length} 個の数（n_{l+1}）を返しました。δ_l の成分は層 l のユニットごとに一つです（n_l = ${W[0].length}）：W_{l+1} を転置する必要があります` }));
        }
        const got = vectorAnswer(raw, h.length, what);
        if (allNear(got, expected)) continue;
        if (allNear(got, back)) throw new Hint(localized({ en: `${what} forgot the activation: multiply entrywise by φ′(h_l)`, ja: `${what} は活性化関数を忘れています：φ′(h_l) を成分ごとに掛けてください` }));
        if (W.length === W[0].length && allNear(got, matVec(W, delta).map((v, i) => dphi(h[i]) * v))) throw new Hint(localized({ en: `${what} used W instead of its transpose`, ja: `${what} は W の転置ではなく W を使っています` }));
        if (allNear(got, back.map((v, i) => Math.tanh(h[i]) * v)) || allNear(got, back.map((v, i) => Math.max(0, h[i]) * v))) throw new Hint(localized({ en: `${what} used φ(h_l); the recursion needs the derivative φ′(h_l)`, ja: `${what} は φ(h_l) を使っています。漸化式に必要なのは導関数 φ′(h_l) です` }));
        throw new Hint(localized({ en: `${what} returned ${fmtVector(got)}; check the order: first the matrix–vector product, then the entrywise φ′`, ja: `${what} が ${fmtVector(got)} を返しました。順序を確かめてください：まず行列とベクトルの積、次に成分ごとの φ′ です` }));
      }
      return localized({ en: `δ_l correct on ${cases.length} layers`, ja: `${cases.length} 個の層で δ_l が正解です` });
    });
  },

  /** §6: `weightGradient(δ, x)` = ∂L/∂W_l = δ_l x_{l−1}ᵀ (an n_l × n_{l−1} matrix). */
  weightGradient(weightGradient: (delta: number[], xPrev: number[]) => number[][]): CheckOutcome {
    return runCheck("weightGradient", () => {
      requireFunction(weightGradient, "your weightGradient");
      const cases: [number[], number[]][] = [[[1, -2], [0.5, 1, 3]], [[0.3, 0.1, -1], [2, -1]]];
      for (const [delta, x] of cases) {
        const what = `weightGradient(δ = ${fmtVector(delta)}, x = ${fmtVector(x)})`;
        const got = matrixAnswer(weightGradient(delta.slice(), x.slice()), delta.length, x.length, what, localized({ en: "∂L/∂W_l has the shape of W_l (n_l × n_{l−1}): one row per entry of δ", ja: "∂L/∂W_l は W_l と同じ形（n_l × n_{l−1}）です：δ の成分ごとに一行" }));
        const expected = delta.map((d) => x.map((v) => d * v));
        if (got.every((row, i) => allNear(row, expected[i]))) continue;
        throw new Hint(localized({ en: `${what} returned ${JSON.stringify(got)}; since h_i = Σ_j W_ij x_j + b_i, ∂L/∂W_ij = (∂L/∂h_i)(∂h_i/∂W_ij)`, ja: `${what} が ${JSON.stringify(got)} を返しました。h_i = Σ_j W_ij x_j + b_i なので、∂L/∂W_ij = (∂L/∂h_i)(∂h_i/∂W_ij) です` }));
      }
      return localized({ en: "∂L/∂W_l correct on both cases", ja: "二つの場合の両方で ∂L/∂W_l が正解です" });
    });
  },

  /** §6 (1-NN): `squaredDistances(A, B)`[i][j] = ‖a_i − b_j‖² for rows a_i of A and b_j of B. */
  squaredDistances(squaredDistances: (A: number[][], B: number[][]) => number[][]): CheckOutcome {
    return runCheck("squaredDistances", () => {
      requireFunction(squaredDistances, "your squaredDistances");
      const A: Mat = [[1, 0, 2], [0, 1, -1]];
      const B: Mat = [[0, 0, 0], [1, 1, 1], [2, -1, 0.5]];
      const what = "squaredDistances(A 2×3, B 3×3)";
      const got = matrixAnswer(squaredDistances(copyMat(A), copyMat(B)), 2, 3, what, localized({ en: "row i should belong to row a_i of A", ja: "第 i 行は A の行 a_i に対応するはずです" }));
      const sq = (u: number[]) => u.reduce((s, v) => s + v * v, 0);
      const dot = (u: number[], v: number[]) => u.reduce((s, a, k) => s + a * v[k], 0);
      const expected = A.map((a) => B.map((b) => sq(a.map((v, k) => v - b[k]))));
      if (got.every((row, i) => allNear(row, expected[i]))) return localized({ en: "‖a_i − b_j‖² correct for all 6 pairs", ja: "6 組すべてで ‖a_i − b_j‖² が正解です" });
      if (got.every((row, i) => allNear(row, expected[i].map(Math.sqrt)))) throw new Hint(localized({ en: `${what} returned distances; square them (the square root is not needed to find the nearest)`, ja: `${what} は距離を返しています。二乗してください（最も近いものを見つけるのに平方根は要りません）` }));
      if (got.every((row, i) => allNear(row, B.map((b) => sq(A[i]) + sq(b) + 2 * dot(A[i], b))))) throw new Hint(localized({ en: `${what}: the cross term of ‖a − b‖² enters with a minus sign`, ja: `${what}：‖a − b‖² の交差項はマイナスの符号で入ります` }));
      if (got.every((row, i) => allNear(row, B.map((b) => sq(A[i]) + sq(b) - dot(A[i], b))))) throw new Hint(localized({ en: `${what}: the cross term of ‖a − b‖² is twice a·b`, ja: `${what}：‖a − b‖² の交差項は a·b の 2 倍です` }));
      throw new Hint(localized({ en: `${what} returned ${JSON.stringify(got)}; expand ‖a − b‖² into three terms`, ja: `${what} が ${JSON.stringify(got)} を返しました。‖a − b‖² を三つの項に展開してください` }));
    });
  },
};
