/**
 * Pictures of the lecture's data (lecture §2–3): a grid of digits with their labels, a grid of any image
 * batch, before/after pictures of an augmentation, a spectrogram with its waveform, and a 3D animation of a
 * skeleton motion. Every builder returns a plain plotly `Figure`; show it with `show(fig)`.
 *
 * (A single H × W × 3 photo is drawn by `imageFigure(loadImage("chelsea"))` from the generic builders.)
 */
import { describe } from "../util/errors";
import { ImageBatch, imageBatch } from "../data/augment";
import type { LabeledImages } from "../data/mnist";
import { AudioSignal, Spectrogram } from "../data/audio";
import { SkeletonSequence } from "../data/skeleton";
import { RiskCurve, ScalarModel, ToyDataset, ToyProblem, trueRisk } from "../data/toy1d";
import type { Figure, Frame, Layout, Trace } from "./figure";
import { localized } from "../util/language";

function toBatch(images: ImageBatch | LabeledImages, where: string): ImageBatch {
  if (images instanceof ImageBatch) return images;
  if (images != null && (images as LabeledImages).images instanceof Float64Array) return imageBatch(images as LabeledImages);
  throw new TypeError(`${where}: images must be an ImageBatch or a LabeledImages (e.g. loadMnist()), got ${describe(images)}`);
}

/** One tile of a mosaic: image `index` of `batch`, drawn at tile row `row`, column `col`. */
interface Tile {
  batch: ImageBatch;
  index: number;
  row: number;
  col: number;
  caption?: string;
}

const GAP = 2;

/**
 * Tiles images into one RGB picture (an `image` trace, 0…255; grey images are repeated on the three
 * channels, 1 = white), with a caption band above each tile written as annotations.
 */
function mosaicFigure(tiles: Tile[], rows: number, cols: number, h: number, w: number, options: { title?: string; scale?: number }): Figure {
  const band = tiles.some((t) => t.caption) ? Math.max(6, Math.round(h / 3)) : 0;
  const cellH = h + band + GAP;
  const cellW = w + GAP;
  const totalH = rows * cellH;
  const totalW = cols * cellW;
  const background = [255, 255, 255];
  const z: number[][][] = Array.from({ length: totalH }, () => Array.from({ length: totalW }, () => [...background]));
  const annotations: Trace[] = [];
  for (const { batch, index, row, col, caption } of tiles) {
    const img = batch.images;
    const c = batch.channels;
    const offset = index * batch.imageSize;
    for (let y = 0; y < h; y++) {
      const line = z[row * cellH + band + y];
      for (let x = 0; x < w; x++) {
        const p = offset + (y * w + x) * c;
        const px = line[col * cellW + x];
        for (let k = 0; k < 3; k++) px[k] = Math.round(255 * Math.min(1, Math.max(0, img[p + (c >= 3 ? k : 0)])));
      }
    }
    if (caption) {
      annotations.push({
        x: col * cellW + w / 2 - 0.5,
        y: row * cellH + band / 2 - 0.5,
        text: caption,
        showarrow: false,
        font: { size: 11 },
        xref: "x",
        yref: "y",
      });
    }
  }
  const scale = options.scale ?? Math.max(1, Math.min(4, Math.floor(900 / totalW)));
  const layout: Layout = {
    width: Math.max(250, totalW * scale + 40),
    height: totalH * scale + (options.title ? 80 : 40),
    margin: { t: options.title ? 50 : 10, r: 10, b: 10, l: 10 },
    xaxis: { visible: false },
    yaxis: { visible: false, autorange: "reversed", scaleanchor: "x" },
    annotations,
  };
  if (options.title) layout.title = { text: options.title };
  return { data: [{ type: "image", z, hoverinfo: "skip" }], layout };
}

/** The largest entries of a label row as "3" (one-hot) or "3:0.62 7:0.38" (mixed). */
function labelCaption(batch: ImageBatch, i: number): string | undefined {
  if (!batch.labels) return undefined;
  const row = Array.from(batch.labels.subarray(i * batch.classes, (i + 1) * batch.classes));
  const ranked = row.map((v, k) => [v, k] as [number, number]).filter(([v]) => v > 0.005).sort((a, b) => b[0] - a[0]);
  if (ranked.length === 1 && Math.abs(ranked[0][0] - 1) < 1e-9) return String(ranked[0][1]);
  return ranked.slice(0, 2).map(([v, k]) => `${k}:${v.toFixed(2)}`).join(" ");
}

/**
 * A grid of images with captions: `count` images (default 20) starting at `start`, or the ones in `indices`,
 * `cols` per row. Captions are the labels (one-hot → the class; mixed → the two largest weights), or
 * `captions` if given; with `predictions`, each caption reads "label→prediction".
 */
export function imageGridFigure(
  images: ImageBatch | LabeledImages,
  options: { count?: number; start?: number; indices?: ArrayLike<number>; cols?: number; captions?: string[]; predictions?: ArrayLike<number>; title?: string; scale?: number } = {},
): Figure {
  const batch = toBatch(images, "imageGridFigure");
  const indices = options.indices
    ? Array.from(options.indices)
    : Array.from({ length: Math.min(options.count ?? 20, batch.count - (options.start ?? 0)) }, (_, i) => i + (options.start ?? 0));
  if (indices.length === 0) throw new RangeError("imageGridFigure: no images to show (check count/start/indices)");
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= batch.count) throw new RangeError(`imageGridFigure: image index ${i} is outside 0…${batch.count - 1}`);
  }
  const cols = Math.max(1, Math.min(options.cols ?? 10, indices.length));
  const rows = Math.ceil(indices.length / cols);
  const tiles: Tile[] = indices.map((index, n) => {
    let caption = options.captions ? options.captions[n] : labelCaption(batch, index);
    if (options.predictions) caption = `${caption ?? ""}→${options.predictions[n]}`;
    return { batch, index, row: Math.floor(n / cols), col: n % cols, caption };
  });
  return mosaicFigure(tiles, rows, cols, batch.height, batch.width, options);
}

/** A grid of MNIST digits with their labels: `digitGridFigure(loadMnist(), { indices: split.test.slice(0, 30) })`. */
export function digitGridFigure(
  digits: ImageBatch | LabeledImages,
  options: { count?: number; start?: number; indices?: ArrayLike<number>; cols?: number; predictions?: ArrayLike<number>; title?: string } = {},
): Figure {
  return imageGridFigure(digits, { title: localized({ en: "MNIST digits (label above each)", ja: "MNIST の数字（上はラベル）" }), ...options });
}

/**
 * Before/after picture of an augmentation: the first `count` images (default 8) of `before` on the top
 * row, the same images of `after` below, with their labels (mixup shows the two mixed classes and weights).
 */
export function augmentationFigure(before: ImageBatch, after: ImageBatch, options: { count?: number; title?: string; scale?: number } = {}): Figure {
  const a = toBatch(before, "augmentationFigure");
  const b = toBatch(after, "augmentationFigure");
  if (a.height !== b.height || a.width !== b.width || a.channels !== b.channels || a.count !== b.count) {
    throw new RangeError(`augmentationFigure: before is ${a} but after is ${b}; they must have the same shape`);
  }
  const count = Math.min(options.count ?? 8, a.count);
  const tiles: Tile[] = [];
  for (let i = 0; i < count; i++) {
    tiles.push({ batch: a, index: i, row: 0, col: i, caption: labelCaption(a, i) ?? (i === 0 ? localized({ en: "before", ja: "前" }) : undefined) });
    tiles.push({ batch: b, index: i, row: 1, col: i, caption: labelCaption(b, i) ?? (i === 0 ? localized({ en: "after", ja: "後" }) : undefined) });
  }
  return mosaicFigure(tiles, 2, count, a.height, a.width, { title: options.title ?? localized({ en: "before (top) and after (bottom) augmentation", ja: "データ拡張の前（上）と後（下）" }), scale: options.scale });
}

/**
 * A spectrogram as an image (time → x in s, frequency → y in Hz, colour = dB), with the waveform above it
 * when `signal` is given.
 */
export function spectrogramFigure(spec: Spectrogram, options: { signal?: AudioSignal; title?: string; maxFrequency?: number } = {}): Figure {
  if (!(spec instanceof Spectrogram)) throw new TypeError(`spectrogramFigure: spec must be a Spectrogram (from spectrogram(sound)), got ${describe(spec)}`);
  const maxFrequency = options.maxFrequency ?? Infinity;
  let bins = 0;
  while (bins < spec.bins && spec.frequencies[bins] <= maxFrequency) bins++;
  const z: number[][] = Array.from({ length: bins }, (_, k) => Array.from({ length: spec.frames }, (_, t) => spec.get(t, k)));
  const heatmap: Trace = {
    type: "heatmap",
    x: Array.from(spec.times),
    y: Array.from(spec.frequencies.subarray(0, bins)),
    z,
    colorscale: "Viridis",
    colorbar: { title: { text: "dB" }, len: options.signal ? 0.65 : 1, y: options.signal ? 0.33 : 0.5 },
    hovertemplate: "t = %{x:.3f} s<br>f = %{y:.0f} Hz<br>%{z:.1f} dB<extra></extra>",
  };
  const layout: Layout = {
    height: options.signal ? 520 : 400,
    margin: { t: options.title ? 50 : 20, r: 20, b: 50, l: 70 },
    xaxis: { title: { text: localized({ en: "time (s)", ja: "時間 (s)" }) } },
    yaxis: { title: { text: localized({ en: "frequency (Hz)", ja: "周波数 (Hz)" }) } },
  };
  if (options.title) layout.title = { text: options.title };
  const data: Trace[] = [heatmap];
  if (options.signal) {
    const s = options.signal;
    if (!(s instanceof AudioSignal)) throw new TypeError(`spectrogramFigure: signal must be an AudioSignal, got ${describe(s)}`);
    // At most ~4000 points: keep the min and max of each chunk so the envelope stays visible.
    const chunk = Math.max(1, Math.ceil(s.samples.length / 2000));
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < s.samples.length; i += chunk) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let j = i; j < Math.min(i + chunk, s.samples.length); j++) {
        lo = Math.min(lo, s.samples[j]);
        hi = Math.max(hi, s.samples[j]);
      }
      x.push(i / s.sampleRate, i / s.sampleRate);
      y.push(lo, hi);
    }
    data.push({ type: "scatter", mode: "lines", x, y, xaxis: "x", yaxis: "y2", line: { width: 1, color: "#444" }, name: localized({ en: "waveform", ja: "波形" }), showlegend: false });
    layout.yaxis.domain = [0, 0.66];
    layout.yaxis2 = { domain: [0.72, 1], title: { text: localized({ en: "amplitude", ja: "振幅" }) } };
  }
  return { data, layout };
}

/** Bones as one line trace: segments separated by nulls. */
function boneCoordinates(seq: SkeletonSequence, t: number): { x: (number | null)[]; y: (number | null)[]; z: (number | null)[] } {
  const x: (number | null)[] = [];
  const y: (number | null)[] = [];
  const z: (number | null)[] = [];
  for (const [a, b] of seq.bones) {
    const p = seq.joint(t, a);
    const q = seq.joint(t, b);
    x.push(p[0], q[0], null);
    y.push(p[1], q[1], null);
    z.push(p[2], q[2], null);
  }
  return { x, y, z };
}

function frameTraces(seq: SkeletonSequence, t: number): Trace[] {
  const joints = Array.from({ length: seq.joints.length }, (_, j) => seq.joint(t, j));
  return [
    { type: "scatter3d", mode: "lines", ...boneCoordinates(seq, t), line: { width: 6, color: "#1f77b4" }, name: localized({ en: "bones", ja: "骨" }), hoverinfo: "skip" },
    {
      type: "scatter3d",
      mode: "markers",
      x: joints.map((p) => p[0]),
      y: joints.map((p) => p[1]),
      z: joints.map((p) => p[2]),
      text: [...seq.joints],
      marker: { size: 4, color: "#d62728" },
      name: localized({ en: "joints", ja: "関節" }),
      hovertemplate: "%{text}<br>(%{x:.2f}, %{y:.2f}, %{z:.2f})<extra></extra>",
    },
  ];
}

/**
 * A 3D animation of a skeleton motion: bones as lines, joints as dots, one plotly frame per time step
 * (every `frameStep`-th), a ▶ play / ❚❚ pause button and a time slider. Axes are fixed to the whole motion
 * so the figure walks through the scene.
 */
export function skeletonAnimationFigure(seq: SkeletonSequence, options: { frameStep?: number; title?: string } = {}): Figure {
  if (!(seq instanceof SkeletonSequence)) throw new TypeError(`skeletonAnimationFigure: seq must be a SkeletonSequence (from skeletonMotion("walk")), got ${describe(seq)}`);
  const step = options.frameStep ?? 1;
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`frameStep must be an integer ≥ 1, got ${describe(step)}`);
  const lo = [Infinity, Infinity, 0];
  const hi = [-Infinity, -Infinity, -Infinity];
  const data = seq.positions.data;
  for (let i = 0; i < data.length; i++) {
    const k = i % 3;
    lo[k] = Math.min(lo[k], data[i]);
    hi[k] = Math.max(hi[k], data[i]);
  }
  const ranges = [0, 1, 2].map((k) => [lo[k] - 0.1, hi[k] + 0.1]);
  const spans = ranges.map(([a, b]) => b - a);
  const longest = Math.max(...spans);
  const times: number[] = [];
  for (let t = 0; t < seq.frames; t += step) times.push(t);
  const frames: Frame[] = times.map((t) => ({ name: String(t), data: frameTraces(seq, t) }));
  const ms = Math.round((1000 * step) / seq.fps);
  const layout: Layout = {
    height: 560,
    margin: { t: 50, r: 10, b: 10, l: 10 },
    title: {
      text: options.title ?? localized({
        en: `skeleton: ${seq.motion} (${seq.frames} frames × ${seq.joints.length} joints × 3)`,
        ja: `骨格: ${seq.motion}（${seq.frames} フレーム × ${seq.joints.length} 関節 × 3）`,
      }),
    },
    showlegend: false,
    scene: {
      xaxis: { range: ranges[0], title: { text: localized({ en: "x (right)", ja: "x（右）" }) } },
      yaxis: { range: ranges[1], title: { text: localized({ en: "y (forward)", ja: "y（前）" }) } },
      zaxis: { range: ranges[2], title: { text: localized({ en: "z (up)", ja: "z（上）" }) } },
      aspectmode: "manual",
      aspectratio: { x: spans[0] / longest, y: spans[1] / longest, z: spans[2] / longest },
      camera: { eye: { x: 1.25, y: 0.9, z: 0.35 } }, // front-right view: the figure faces +y
    },
    updatemenus: [
      {
        type: "buttons",
        showactive: false,
        x: 0.05,
        y: 0.05,
        xanchor: "right",
        yanchor: "top",
        direction: "left",
        buttons: [
          { label: "▶", method: "animate", args: [null, { fromcurrent: true, frame: { duration: ms, redraw: true }, transition: { duration: 0 } }] },
          { label: "❚❚", method: "animate", args: [[null], { mode: "immediate", frame: { duration: 0, redraw: false }, transition: { duration: 0 } }] },
        ],
      },
    ],
    sliders: [
      {
        active: 0,
        x: 0.1,
        len: 0.9,
        y: 0.05,
        currentvalue: { prefix: "t = ", suffix: " s" },
        steps: times.map((t) => ({
          label: (t / seq.fps).toFixed(2),
          method: "animate",
          args: [[String(t)], { mode: "immediate", frame: { duration: 0, redraw: true }, transition: { duration: 0 } }],
        })),
      },
    ],
  };
  return { data: frameTraces(seq, 0), layout, frames };
}

/**
 * The 1-D problem at a glance: the target g on [0, 1], the dataset 𝒟 as dots, and each fitted model f as a
 * curve whose legend shows its true risk R(f). The y axis spans the data with a margin (`yRange` to choose):
 * a wild fit is clipped at the frame.
 */
export function toyFitFigure(
  problem: ToyProblem,
  data: ToyDataset,
  models: Record<string, ScalarModel> = {},
  options: { title?: string; yRange?: [number, number] } = {},
): Figure {
  if (!(problem instanceof ToyProblem)) throw new TypeError(`toyFitFigure: problem must be a ToyProblem, got ${describe(problem)}`);
  if (!(data instanceof ToyDataset)) throw new TypeError(`toyFitFigure: data must be a ToyDataset, got ${describe(data)}`);
  const grid = Array.from({ length: 401 }, (_, i) => i / 400);
  const traces: Trace[] = [
    { type: "scatter", mode: "lines", x: grid, y: grid.map(problem.target), name: localized({ en: `target g (${problem.name})`, ja: `目標 g（${problem.name}）` }), line: { color: "black", dash: "dash" } },
    { type: "scatter", mode: "markers", x: Array.from(data.x), y: Array.from(data.y), name: `𝒟 (N = ${data.size})`, marker: { size: 6, color: "#888" } },
  ];
  for (const [name, model] of Object.entries(models)) {
    const f = typeof model === "function" ? model : (x: number) => model.predict(x);
    traces.push({ type: "scatter", mode: "lines", x: grid, y: grid.map(f), name: `${name}: R(f) = ${trueRisk(model, problem).toFixed(4)}` });
  }
  return {
    data: traces,
    layout: {
      title: { text: options.title ?? `${problem}` },
      xaxis: { title: { text: "x" }, range: [0, 1] },
      // Default: the data's range with a margin, so that a wild fit (a high degree) is clipped at the frame
      // instead of squeezing the data into a thin band.
      yaxis: { title: { text: "y" }, range: options.yRange ?? defaultToyRange(data) },
      height: 420,
    },
  };
}

function defaultToyRange(data: ToyDataset): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of data.y) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const margin = 0.5 * (hi - lo) + 0.1;
  return [lo - margin, hi + margin];
}

/** Empirical (training) risk and true risk against model size or N, with the Bayes risk σ² as a floor line. */
export function riskCurveFigure(curve: RiskCurve, options: { xTitle?: string; title?: string; logY?: boolean } = {}): Figure {
  if (curve == null || !Array.isArray(curve.x) || !Array.isArray(curve.true)) {
    throw new TypeError(`riskCurveFigure: curve must come from riskVersusDegree or riskVersusSampleSize, got ${describe(curve)}`);
  }
  return {
    data: [
      { type: "scatter", mode: "lines+markers", x: curve.x, y: curve.empirical, name: localized({ en: "empirical risk R̂_𝒟(f̂)", ja: "経験リスク R̂_𝒟(f̂)" }) },
      { type: "scatter", mode: "lines+markers", x: curve.x, y: curve.true, name: localized({ en: "true risk R(f̂)", ja: "期待リスク R(f̂)" }) },
      {
        type: "scatter", mode: "lines", x: [curve.x[0], curve.x[curve.x.length - 1]], y: [curve.bayes, curve.bayes],
        name: localized({ en: "Bayes risk σ²", ja: "ベイズリスク σ²" }), line: { dash: "dot", color: "gray" },
      },
    ],
    layout: {
      title: { text: options.title ?? localized({ en: "empirical vs true risk", ja: "経験リスクと期待リスク" }) },
      xaxis: { title: { text: options.xTitle ?? localized({ en: "degree (model size)", ja: "次数（モデルの大きさ）" }) } },
      yaxis: { title: { text: localized({ en: "risk", ja: "リスク" }) }, type: options.logY === false ? "linear" : "log" },
      height: 420,
    },
  };
}
