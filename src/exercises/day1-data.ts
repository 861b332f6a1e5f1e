/**
 * Exercise checks of the Day 1 data notebooks (lecture §1–3): the empirical risk, one-hot labels, the HWC
 * index of a pixel, and the mixed label of mixup. Each check prints ✓ or a hint, never the solution.
 * Hints and confirmations are written in English and Japanese (`localized`); `setLanguage` picks one.
 */
import { runCheck, Hint, requireFunction, relativeError, type CheckOutcome } from "./check";
import { localized } from "../util/language";

function list(values: ArrayLike<number>): string {
  return `[${Array.from(values).join(", ")}]`;
}

/** The square loss L(f(x), y) = (f(x) − y)² averaged over the dataset: R̂_𝒟(f) = (1/N) Σ_m (f(x_m) − y_m)². */
function referenceEmpiricalRisk(f: (x: number) => number, xs: number[], ys: number[]): number {
  let total = 0;
  for (let m = 0; m < xs.length; m++) total += (f(xs[m]) - ys[m]) ** 2;
  return total / xs.length;
}

export const day1DataChecks = {
  /**
   * §1 exercise: `empiricalRisk(f, xs, ys)` = (1/N) Σ_m (f(x_m) − y_m)², the risk of f under the empirical
   * distribution of 𝒟 = {(x_m, y_m)}.
   */
  empiricalRisk(empiricalRisk: (f: (x: number) => number, xs: number[], ys: number[]) => number): CheckOutcome {
    return runCheck("empiricalRisk", () => {
      requireFunction(empiricalRisk, "your empiricalRisk");
      const cases: { f: (x: number) => number; name: string; xs: number[]; ys: number[] }[] = [
        { f: (x) => 2 * x, name: "f(x) = 2x", xs: [0, 0.5, 1], ys: [0, 2, 1.5] },
        { f: () => 0.5, name: "f(x) = 0.5", xs: [0.1, 0.2, 0.3, 0.9], ys: [0.5, 0.7, 0.1, 1] },
        { f: (x) => x * x, name: "f(x) = x²", xs: [0.3], ys: [0.4] },
      ];
      for (const { f, name, xs, ys } of cases) {
        const expected = referenceEmpiricalRisk(f, xs, ys);
        const got = empiricalRisk(f, xs.slice(), ys.slice());
        const what = `empiricalRisk(${name}, xs = ${list(xs)}, ys = ${list(ys)})`;
        if (typeof got !== "number" || Number.isNaN(got)) throw new Hint(localized({
          en: `${what} returned ${String(got)}; return one number`,
          ja: `${what} は ${String(got)} を返しました。数を一つ返してください`,
        }));
        if (got === 0 && expected > 0) throw new Hint(localized({
          en: `${what} returned 0, but f misses some of the points; add up the losses of all N points`,
          ja: `${what} は 0 を返しましたが、f が外している点があります。N 点すべての損失を足し合わせてください`,
        }));
        if (Math.abs(got - expected) <= 1e-12 * Math.max(1, expected)) continue;
        let sumSq = 0;
        let sumAbs = 0;
        let sumDiff = 0;
        for (let m = 0; m < xs.length; m++) {
          sumSq += (f(xs[m]) - ys[m]) ** 2;
          sumAbs += Math.abs(f(xs[m]) - ys[m]);
          sumDiff += f(xs[m]) - ys[m];
        }
        if (xs.length > 1 && Math.abs(got - sumSq) < 1e-12) throw new Hint(localized({
          en: `${what} returned the sum of the squared errors; the risk is their average (divide by N)`,
          ja: `${what} は二乗誤差の和を返しました。リスクはその平均です（N で割ってください）`,
        }));
        if (Math.abs(got - sumAbs / xs.length) < 1e-12) throw new Hint(localized({
          en: `${what} averaged |f(x) − y|; the square loss squares the error`,
          ja: `${what} は |f(x) − y| を平均しました。二乗損失では誤差を二乗します`,
        }));
        if (Math.abs(got - sumDiff / xs.length) < 1e-12 || Math.abs(got - (sumDiff / xs.length) ** 2) < 1e-12) {
          throw new Hint(localized({
            en: `${what}: square each error (f(x_m) − y_m) before averaging, so that errors of opposite signs do not cancel`,
            ja: `${what}: 平均する前に各誤差 (f(x_m) − y_m) を二乗してください。符号が逆の誤差が打ち消し合わないようにするためです`,
          }));
        }
        throw new Hint(localized({
          en: `${what} returned ${got}, which is not the mean squared error; evaluate f at each x_m and compare with y_m`,
          ja: `${what} は ${got} を返しましたが、これは平均二乗誤差ではありません。各 x_m で f を評価し、y_m と比べてください`,
        }));
      }
      return localized({ en: `correct on ${cases.length} small datasets`, ja: `${cases.length} 個の小さなデータセットで正解` });
    });
  },

  /** §2 exercise: `oneHot(label, classes)` = e_{label+1} ∈ ℝ^classes, a 1 in entry `label` and 0 elsewhere. */
  oneHot(oneHot: (label: number, classes: number) => ArrayLike<number>): CheckOutcome {
    return runCheck("oneHot", () => {
      requireFunction(oneHot, "your oneHot");
      const cases: [number, number][] = [[3, 10], [0, 10], [9, 10], [1, 3]];
      for (const [label, classes] of cases) {
        const got = oneHot(label, classes);
        const what = `oneHot(${label}, ${classes})`;
        if (got == null || typeof got.length !== "number") throw new Hint(localized({
          en: `${what} returned ${String(got)}; return an array of ${classes} numbers`,
          ja: `${what} は ${String(got)} を返しました。${classes} 個の数の配列を返してください`,
        }));
        if (got.length !== classes) throw new Hint(localized({
          en: `${what} has ${got.length} entries; a one-hot vector has one entry per class (${classes})`,
          ja: `${what} の成分は ${got.length} 個です。one-hot ベクトルの成分はクラスごとに一つ（${classes} 個）です`,
        }));
        const values = Array.from(got);
        const ones = values.map((v, i) => (v === 1 ? i : -1)).filter((i) => i >= 0);
        const others = values.filter((v) => v !== 0 && v !== 1);
        if (others.length > 0) throw new Hint(localized({
          en: `${what} contains ${others[0]}; a one-hot vector has only 0s and a single 1`,
          ja: `${what} に ${others[0]} が含まれています。one-hot ベクトルの成分は 0 と、ただ一つの 1 だけです`,
        }));
        if (ones.length !== 1) throw new Hint(localized({
          en: `${what} has ${ones.length} entries equal to 1; there must be exactly one`,
          ja: `${what} には 1 に等しい成分が ${ones.length} 個あります。ちょうど一つでなければなりません`,
        }));
        if (ones[0] !== label) {
          const offByOne = localized({
            en: " (off by one: label k goes to index k, arrays count from 0)",
            ja: "（1 ずれています：ラベル k は添字 k に入ります。配列は 0 から数えます）",
          });
          const hint = ones[0] === label + 1 || ones[0] === label - 1 ? offByOne : "";
          throw new Hint(localized({
            en: `${what} puts its 1 at index ${ones[0]}, not where the label says${hint}`,
            ja: `${what} は 1 を添字 ${ones[0]} に置いています。ラベルが指す位置ではありません${hint}`,
          }));
        }
      }
      return localized({ en: `correct on ${cases.length} labels`, ja: `${cases.length} 個のラベルで正解` });
    });
  },

  /**
   * §2 exercise: `hwcIndex(i, j, c, shape)` = (i·W + j)·C + c, the position of channel c of pixel (row i,
   * column j) in the vector of an H × W × C image.
   */
  hwcIndex(hwcIndex: (i: number, j: number, c: number, shape: [number, number, number]) => number): CheckOutcome {
    return runCheck("hwcIndex", () => {
      requireFunction(hwcIndex, "your hwcIndex");
      const shapes: [number, number, number][] = [[4, 5, 3], [2, 7, 3], [28, 28, 1], [3, 3, 2]];
      // Typical mistakes, recognised when the answer agrees with one of them on every position of a shape.
      const mistakes: [string, (i: number, j: number, c: number, h: number, w: number, ch: number) => number][] = [
        [
          localized({
            en: "that is the CHW order (all reds, then all greens, …); in HWC the channels of one pixel are next to each other",
            ja: "それは CHW の順です（赤をすべて、次に緑をすべて、…）。HWC では一つの画素のチャンネルが隣り合って並びます",
          }),
          (i, j, c, h, w) => (c * h + i) * w + j,
        ],
        [
          localized({
            en: "rows and columns are swapped; the image is stored row by row (row i first, then column j)",
            ja: "行と列が入れ替わっています。画像は行ごとに保存されています（まず行 i、次に列 j）",
          }),
          (i, j, c, h, _w, ch) => (j * h + i) * ch + c,
        ],
        [
          localized({
            en: "a row has W pixels (the width), so moving down one row skips W pixels, not H",
            ja: "一つの行には W 個（幅）の画素があるので、一行下がると H 個ではなく W 個の画素を飛ばします",
          }),
          (i, j, c, h, _w, ch) => (i * h + j) * ch + c,
        ],
        [
          localized({
            en: "each pixel occupies C consecutive entries; count how many entries come before pixel (i, j)",
            ja: "各画素は連続する C 個の成分を占めます。画素 (i, j) の前にいくつの成分があるか数えてください",
          }),
          (i, j, c, _h, w) => i * w + j + c,
        ],
      ];
      let checked = 0;
      for (const shape of shapes) {
        const [h, w, ch] = shape;
        const got: number[] = [];
        const positions: [number, number, number][] = [];
        for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) for (let c = 0; c < ch; c++) positions.push([i, j, c]);
        for (const [i, j, c] of positions) {
          const value = hwcIndex(i, j, c, [h, w, ch]);
          if (typeof value !== "number" || !Number.isInteger(value)) {
            throw new Hint(localized({
              en: `hwcIndex(${i}, ${j}, ${c}, [${shape.join(", ")}]) returned ${String(value)}; return an integer index`,
              ja: `hwcIndex(${i}, ${j}, ${c}, [${shape.join(", ")}]) は ${String(value)} を返しました。整数の添字を返してください`,
            }));
          }
          got.push(value);
        }
        const wrong = positions.findIndex(([i, j, c], k) => got[k] !== (i * w + j) * ch + c);
        if (wrong < 0) {
          checked += positions.length;
          continue;
        }
        const [i, j, c] = positions[wrong];
        const what = localized({
          en: `hwcIndex(${i}, ${j}, ${c}, [${shape.join(", ")}]) returned ${got[wrong]}`,
          ja: `hwcIndex(${i}, ${j}, ${c}, [${shape.join(", ")}]) は ${got[wrong]} を返しました`,
        });
        for (const [hint, formula] of mistakes) {
          if (positions.every(([a, b, d], k) => got[k] === formula(a, b, d, h, w, ch))) throw new Hint(`${what}: ${hint}`);
        }
        if (got[wrong] < 0 || got[wrong] >= h * w * ch) throw new Hint(localized({
          en: `${what}, outside 0…${h * w * ch - 1} (the vector has H·W·C entries)`,
          ja: `${what}。これは 0…${h * w * ch - 1} の外です（ベクトルの成分は H·W·C 個）`,
        }));
        throw new Hint(localized({
          en: `${what}; walk the vector: row 0 first, pixel by pixel, each pixel's C channels in order`,
          ja: `${what}。ベクトルをたどってみましょう：まず第 0 行、画素ごとに、各画素の C 個のチャンネルを順に`,
        }));
      }
      return localized({
        en: `correct on all ${checked} positions of ${shapes.length} image shapes`,
        ja: `${shapes.length} 通りの画像の形の、全 ${checked} 個の位置で正解`,
      });
    });
  },

  /**
   * §3 exercise: `mixLabels(yi, yj, lambda)` = λ yᵢ + (1 − λ) yⱼ, the label of the mixup example
   * x̃ = λ xᵢ + (1 − λ) xⱼ.
   */
  mixLabels(mixLabels: (yi: number[], yj: number[], lambda: number) => ArrayLike<number>): CheckOutcome {
    return runCheck("mixLabels", () => {
      requireFunction(mixLabels, "your mixLabels");
      const cases: [number[], number[], number][] = [
        [[0, 0, 1, 0], [1, 0, 0, 0], 0.7],
        [[0, 1, 0], [0, 1, 0], 0.25],
        [[1, 0, 0, 0, 0], [0, 0, 0, 0, 1], 0.1],
        [[0.5, 0.5, 0], [0, 0, 1], 0.6],
      ];
      for (const [yi, yj, lambda] of cases) {
        const expected = yi.map((a, k) => lambda * a + (1 - lambda) * yj[k]);
        const got = mixLabels(yi.slice(), yj.slice(), lambda);
        const what = `mixLabels(${list(yi)}, ${list(yj)}, λ = ${lambda})`;
        if (relativeError(got, expected, what) <= 1e-12) continue;
        const swapped = yi.map((a, k) => (1 - lambda) * a + lambda * yj[k]);
        if (relativeError(got, swapped, what) <= 1e-12) throw new Hint(localized({
          en: `${what}: the weights are swapped; λ multiplies yᵢ (the same λ that multiplies xᵢ)`,
          ja: `${what}: 重みが入れ替わっています。yᵢ に掛かるのは λ です（xᵢ に掛かるのと同じ λ）`,
        }));
        const sum = Array.from(got).reduce((s, v) => s + v, 0);
        if (Math.abs(sum - 1) > 1e-9) throw new Hint(localized({
          en: `${what} sums to ${sum}; a mixture of two probability vectors must still sum to 1`,
          ja: `${what} の和は ${sum} です。二つの確率ベクトルを混ぜたものの和も 1 でなければなりません`,
        }));
        throw new Hint(localized({
          en: `${what} returned ${list(Array.from(got).map((v) => +v.toFixed(4)))}; each entry should be a weighted average of yᵢ and yⱼ`,
          ja: `${what} は ${list(Array.from(got).map((v) => +v.toFixed(4)))} を返しました。各成分は yᵢ と yⱼ の重み付き平均になるはずです`,
        }));
      }
      return localized({ en: `correct on ${cases.length} pairs of labels`, ja: `${cases.length} 組のラベルで正解` });
    });
  },
};
