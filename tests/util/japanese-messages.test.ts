/**
 * The library's generic student-facing text in Japanese after `setLanguage("ja")` (the Japanese edition's first
 * cell): check results and their generic hints, `check.summary()`, progress displays, the training monitor,
 * the divergence hint, and the default titles and legend names of the figure builders. Each test also checks
 * that English comes back after `setLanguage("en")`, so no text is stuck in one language.
 */
import { afterEach, describe, expect, it } from "vitest";
import { setLanguage } from "../../src/util/language";
import { check } from "../../src/exercises/checks";
import { clearCheckRecord, numberAnswer, runCheck, setCheckPrinter, vectorAnswer, requireFunction, relativeError } from "../../src/exercises/check";
import { setDisplaySink, progressBar, histogramFigure, trainingMonitor, type Figure } from "../../src/plot/index";
import { bandTraces } from "../../src/plot/seeds";
import { excessRiskFigure } from "../../src/plot/excessRisk";
import { escapeHtml, figureBundle, loaderBundle, NOT_DRAWN_MESSAGE, LOADER_NOT_RUN_MESSAGE } from "../../src/plot/bundle";
import { lineFigure } from "../../src/plot/index";
import { fit, DivergenceError } from "../../src/train/index";
import { MLP, sgd } from "../../src/nn/index";
import { Tensor } from "../../src/autograd/index";
import { silentMonitor } from "../../src/nn/index";

afterEach(() => {
  setLanguage("en");
  setDisplaySink();
});

/** Runs `f` with the printer captured; returns what it printed. */
function printed(f: () => void): string[] {
  const lines: string[] = [];
  const previous = setCheckPrinter((line) => lines.push(line));
  try {
    f();
  } finally {
    setCheckPrinter(previous);
  }
  return lines;
}

describe("check results and generic hints in Japanese", () => {
  it("a passing check confirms in Japanese, a wrong answer gets the Japanese hint, English again after setLanguage('en')", () => {
    setLanguage("ja");
    expect(printed(() => check.mean((xs) => xs.reduce((s, x) => s + x, 0) / xs.length))).toEqual(["✓ mean: 3 個の配列で正解"]);
    expect(printed(() => check.mean((xs) => xs.reduce((s, x) => s + x, 0)))).toEqual(["✗ mean: mean([1,2,3,4]) が和を返しました。要素の個数で割ってください"]);
    expect(printed(() => check.mean(5 as never))).toEqual(["✗ mean: your mean は関数として渡してください（例: (x) => …）。渡されたのは number です"]);
    setLanguage("en");
    expect(printed(() => check.mean((xs) => xs.reduce((s, x) => s + x, 0)))).toEqual(["✗ mean: mean([1,2,3,4]) returned the sum; divide by the number of entries"]);
  });

  it("numberAnswer, vectorAnswer, relativeError and a throwing answer have Japanese hints", () => {
    setLanguage("ja");
    const hint = (f: () => unknown) => printed(() => runCheck("x", () => (f(), "ok")))[0];
    expect(hint(() => numberAnswer("3", "f(1)"))).toBe("✗ x: f(1) の戻り値が 3 でした。数を返してください");
    expect(hint(() => vectorAnswer(7, 3, "g()"))).toBe("✗ x: g() の戻り値が 7 でした。3 個の数の配列を返してください");
    expect(hint(() => vectorAnswer([1, 2], 3, "g()"))).toBe("✗ x: g() が返した数は 2 個ですが、3 個であるべきです");
    expect(hint(() => vectorAnswer([1, NaN, 3], 3, "g()"))).toBe("✗ x: g()[1] が NaN で、数ではありません");
    expect(hint(() => relativeError([1], [1, 2], "h()"))).toBe("✗ x: h() の要素数は 1 ですが、2 であるべきです");
    expect(hint(() => requireFunction(null, "f"))).toMatch(/^✗ x: f は関数として渡してください.*null です$/);
    expect(hint(() => { throw new TypeError("boom"); })).toBe("✗ x: あなたのコードが TypeError を投げました: boom");
  });

  it("check.summary() counts in Japanese", () => {
    clearCheckRecord();
    setLanguage("ja");
    expect(printed(() => check.summary())).toEqual(["このカーネルのセッションではまだ演習が一つもチェックされていません: 先にチェックのセルを実行してください"]);
    printed(() => check.mean((xs) => xs.length));
    expect(printed(() => check.summary())).toEqual(["1 問中 0 問が正解（未完了: mean）"]);
    printed(() => check.mean((xs) => xs.reduce((s, x) => s + x, 0) / xs.length));
    expect(printed(() => check.summary())[0]).toBe("1 問中 1 問が正解");
    setLanguage("en");
    expect(printed(() => check.summary())[0]).toBe("1 of 1 exercises pass");
    clearCheckRecord();
  });
});

describe("progress displays, training monitor and divergence in Japanese", () => {
  it("a progress bar reads 経過 / 残り and an interrupted loop says 中断", async () => {
    const sent: string[] = [];
    setDisplaySink((bundle) => sent.push(String(bundle.data["text/plain"])));
    setLanguage("ja");
    const bar = progressBar(3, "作業", { interval: 0 });
    await bar.tick();
    expect(sent[sent.length - 1]).toMatch(/^作業 .* 1\/3 33% .*it\/s 経過 0:00 残り 0:0\d/);
    bar.finish("interrupted");
    expect(sent[sent.length - 1]).toMatch(/経過 0:00 +\(中断\)$/);
  });

  it("the training monitor's default title, axis titles and curve names are Japanese", () => {
    const figures: Figure[] = [];
    const texts: string[] = [];
    setDisplaySink((bundle) => {
      const fig = bundle.data["application/vnd.plotly.v1+json"] as Figure | undefined;
      if (fig) figures.push(fig);
      else texts.push(String(bundle.data["text/plain"]));
    });
    setLanguage("ja");
    const monitor = trainingMonitor({ redrawMs: 0 });
    monitor.start({ epochs: 1, stepsPerEpoch: 2 });
    monitor.step({ epoch: 1, step: 1, loss: 0.5 });
    monitor.epoch({ epoch: 1, trainLoss: 0.4, trainAccuracy: 0.9, valLoss: 0.45, valAccuracy: 0.85, seconds: 0.1 });
    monitor.end({ reason: "done" });
    const fig = figures[figures.length - 1]!;
    expect(fig.layout.title).toEqual({ text: "訓練" });
    expect(fig.layout.xaxis.title.text).toBe("エポック");
    expect(fig.layout.yaxis.title.text).toBe("損失");
    expect(fig.layout.yaxis2.title.text).toBe("正解率");
    expect(fig.data.map((t) => t.name)).toEqual(["訓練損失（ステップごと、平滑化）", "訓練損失", "検証損失", "訓練正解率", "検証正解率"]);
    expect(texts.some((t) => /^訓練 .*エポック 1 損失 0\.5000/.test(t))).toBe(true);
  });

  it("a diverging fit says so in Japanese, with the hint to lower the learning rate", async () => {
    setLanguage("ja");
    const model = new MLP([2, 16, 1], { rng: 1 });
    const X = Tensor.randn([32, 2], 2).mul(10);
    const Y = Tensor.randn([32, 1], 3).mul(100);
    const err = await fit(model, { x: X, y: Y, loss: "l2", optimizer: sgd(model.parameters(), { learningRate: 10 }), epochs: 50, batchSize: 8, monitor: silentMonitor }).catch((e) => e);
    expect(err).toBeInstanceOf(DivergenceError);
    expect(err.message).toMatch(/^訓練が発散しました: エポック \d+ のステップ \d+\/4（最適化のステップ \d+、η = 10）で損失が (NaN|-?Infinity) になりました。学習率を小さくしてみてください。/);
  });
});

describe("default titles and legend names of the figure builders in Japanese", () => {
  it("histogram, seed bands and the excess-risk bars", () => {
    setLanguage("ja");
    const hist = histogramFigure([1, 2, 2, 3], { density: { x: [1, 2], y: [0.1, 0.2] } });
    expect(hist.layout.yaxis.title.text).toBe("密度");
    expect(hist.data.map((t) => t.name)).toEqual(["標本", "密度 1"]);
    expect(histogramFigure([1, 2], { normalize: false }).layout.yaxis.title.text).toBe("度数");
    expect(bandTraces([[1, 2], [2, 3]]).slice(1).map((t) => t.name)).toEqual(["平均 ± 1 標準偏差（2 回）", "平均: 2 回の平均"]);
    const terms = { approximation: 1, estimation: 2, optimisation: 3, total: 6 } as never;
    const bars = excessRiskFigure([{ title: "N", xLabel: "N", labels: [10], terms: [terms] }]);
    const names = bars.data.map((t) => t.name);
    expect(names).toEqual(["近似誤差（モデルのクラス）", "推定誤差（有限の N）", "最適化誤差（有限のステップ数）", "超過リスクの合計 R(f_t) − σ²"]);
    expect(JSON.stringify(bars.layout)).toContain("超過リスク");
    setLanguage("en");
    expect(histogramFigure([1, 2]).layout.yaxis.title.text).toBe("density");
  });

  it("a figure's not-drawn explanation and the plotly.js loader's status lines", () => {
    setLanguage("ja");
    const html = String(figureBundle(lineFigure({ y: [1, 2] }), "fig-ja").data["text/html"]);
    expect(html).toContain("図が描かれていません: このページには plotly.js が読み込まれていません。");
    expect(html).toContain("図が描かれていません: plotly.js のエラー ");
    expect(html).not.toContain(escapeHtml(NOT_DRAWN_MESSAGE));
    const loader = loaderBundle("loader-ja");
    expect(String(loader.data["text/plain"])).toMatch(/^plotly\.js \S+ をページに送りました（オフライン）$/);
    expect(String(loader.data["text/html"])).toContain("plotly.js が読み込まれていません: この出力のスクリプトが実行されなかったため");
    expect(String(loader.data["text/html"])).toContain("をこのノートブックにオフラインで読み込みました");
    setLanguage("en");
    expect(String(figureBundle(lineFigure({ y: [1, 2] }), "fig-en").data["text/html"])).toContain(escapeHtml(NOT_DRAWN_MESSAGE));
    expect(String(loaderBundle("loader-en").data["text/html"])).toContain(escapeHtml(LOADER_NOT_RUN_MESSAGE));
  });
});
