import { describe, expect, it } from "vitest";
import { fitPolynomial, riskVersusDegree, sampleToyData, toyProblem, trueRisk, imageBatch, loadMnist, loadSpokenDigit, mixup, selectImages, skeletonMotion, spectrogram, randomErasing } from "../../src/data/index";
import { augmentationFigure, digitGridFigure, riskCurveFigure, toyFitFigure, imageGridFigure, skeletonAnimationFigure, spectrogramFigure } from "../../src/plot/datasets";
import { validateFigure } from "../../src/plot/bundle";

describe("dataset figures", () => {
  it("a digit grid shows the digits' pixels with their labels", () => {
    const data = selectImages(loadMnist(), [0, 1500, 3000, 4500, 6000, 7500]);
    const fig = digitGridFigure(data, { cols: 3 });
    validateFigure(fig);
    const z = fig.data[0].z as number[][][];
    const band = fig.layout.annotations.length ? Math.max(6, Math.round(28 / 3)) : 0;
    // Tile 4 (row 1, col 1): pixel (14, 14) of image 4.
    const cellH = 28 + band + 2;
    expect(z[cellH + band + 14][30 + 14]).toEqual(Array(3).fill(Math.round(255 * data.images[4 * 784 + 14 * 28 + 14])));
    expect(fig.layout.annotations.map((a: { text: string }) => a.text)).toEqual(Array.from(data.labels, String));
    expect(z.length).toBe(2 * cellH);
    expect(z[0].length).toBe(3 * 30);
    const withPredictions = digitGridFigure(data, { predictions: [0, 1, 2, 3, 4, 5] });
    expect(withPredictions.layout.annotations[1].text).toBe(`${data.labels[1]}→1`);
    expect(() => imageGridFigure(data, { indices: [6] })).toThrow(/index 6 is outside 0…5/);
  });

  it("before/after pictures, with mixed labels for mixup", () => {
    const batch = imageBatch(selectImages(loadMnist(), [0, 2000, 4000, 6000]));
    const mixed = mixup()(batch, 1);
    const fig = augmentationFigure(batch, mixed, { count: 4 });
    validateFigure(fig);
    const texts = fig.layout.annotations.map((a: { text: string }) => a.text);
    // Tiles alternate before/after; the originals carry plain one-hot labels.
    expect(texts.filter((_: string, i: number) => i % 2 === 0)).toEqual(Array.from(batch.labels!.keys()).filter((k) => batch.labels![k] === 1).map((k) => String(k % 10)));
    expect(texts.some((t: string) => /\d:0\.\d\d/.test(t))).toBe(true);
    const unlabeled = imageBatch(batch.images, [28, 28, 1]);
    const erased = augmentationFigure(unlabeled, randomErasing({ p: 1 })(unlabeled, 2));
    expect(erased.layout.annotations.map((a: { text: string }) => a.text)).toEqual(["before", "after"]);
    expect(() => augmentationFigure(batch, imageBatch(new Float64Array(4 * 4), [2, 2, 1]))).toThrow(/same shape/);
  });

  it("a spectrogram heatmap (bins × frames) with the waveform above", () => {
    const sound = loadSpokenDigit(7);
    const spec = spectrogram(sound);
    const fig = spectrogramFigure(spec, { signal: sound, maxFrequency: 4000 });
    validateFigure(fig);
    const heat = fig.data[0];
    expect(heat.type).toBe("heatmap");
    expect(heat.z.length).toBe(heat.y.length);
    expect(heat.y[heat.y.length - 1]).toBeLessThanOrEqual(4000);
    expect(heat.z[0].length).toBe(spec.frames);
    expect(heat.z[5][3]).toBe(spec.get(3, 5));
    expect(fig.data[1].yaxis).toBe("y2");
    expect(() => spectrogramFigure([1, 2] as never)).toThrow(/must be a Spectrogram/);
  });

  it("a 3D skeleton animation with frames, play button and slider", () => {
    const seq = skeletonMotion("walk", { frames: 30 });
    const fig = skeletonAnimationFigure(seq, { frameStep: 2 });
    validateFigure(fig);
    expect(fig.frames!.length).toBe(15);
    expect(fig.layout.sliders[0].steps.length).toBe(15);
    expect(fig.layout.updatemenus[0].buttons[0].label).toBe("▶");
    expect(fig.data[0].type).toBe("scatter3d");
    // The bone trace holds 3 entries (two ends + a gap) per bone.
    expect(fig.frames![3].data[0].x.length).toBe(3 * seq.bones.length);
    expect(fig.frames![3].data[1].z[3]).toBe(seq.joint(6, 3)[2]);
    expect(JSON.stringify(fig).length).toBeLessThan(2_000_000);
  });

  it("toy-problem figures: target, data, fits with their true risk; risk curves", () => {
    const mu = toyProblem("sine", 0.1);
    const data = sampleToyData(mu, 12, 1);
    const fit = fitPolynomial(data.x, data.y, 3);
    const fig = toyFitFigure(mu, data, { "degree 3": fit });
    validateFigure(fig);
    expect(fig.data.length).toBe(3);
    expect(fig.data[1].x).toEqual(Array.from(data.x));
    expect(fig.data[2].name).toBe(`degree 3: R(f) = ${trueRisk(fit, mu).toFixed(4)}`);
    expect(fig.data[2].y[200]).toBeCloseTo(fit.predict(0.5), 12);
    const curve = riskVersusDegree(mu, 12, [0, 2, 4], 1, { trials: 3 });
    const risk = riskCurveFigure(curve);
    validateFigure(risk);
    expect(risk.data[1].y).toEqual(curve.true);
    expect(risk.data[2].y).toEqual([0.01, 0.01].map((v) => expect.closeTo(v, 15)));
  });
});
