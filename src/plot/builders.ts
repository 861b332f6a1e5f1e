/**
 * Figure builders for what the lectures draw. Each returns a plain plotly figure `{ data, layout }` (see
 * figure.ts) that you can inspect and edit before `show(fig)`: builders save typing, they hide nothing.
 *
 * ```ts
 * show(lineFigure([{ x, y: loss, name: "train" }], { title: "loss", xLabel: "epoch", logY: true }));
 * show(histogramFigure(eigenvalues, { density: { x: grid, y: mpDensity, name: "Marčenko–Pastur" } }));
 * ```
 */
import { requireFigureNumbers } from "./checks";
import type { Figure, Frame, Layout, Trace } from "./figure";
import { describe, requireObject } from "../util/errors";
import { axesLayout, isNdarray, toNumbers, toRows, type AxesOptions, type Grid, type NdarrayLike, type Numbers } from "./axes";
import { localized } from "../util/language";

export * from "./axes";

/** One curve or point set: `y` against `x` (default 0, 1, 2, …). */
export interface SeriesSpec {
  x?: Numbers;
  y: Numbers;
  name?: string;
  /** "lines", "markers" or "lines+markers". */
  mode?: string;
  /** Extra plotly attributes merged into the trace (line.dash, marker.size, …). */
  style?: Trace;
}

function seriesTrace(s: SeriesSpec, defaultMode: string, i: number): Trace {
  requireObject("figure", `series[${i}]`, s, "a series { x?, y, name? }");
  const y = toNumbers(s.y, `series[${i}].y`);
  const x = s.x === undefined ? y.map((_, j) => j) : toNumbers(s.x, `series[${i}].x`);
  if (x.length !== y.length) throw new RangeError(`series[${i}]: x has ${x.length} values but y has ${y.length}; they must match`);
  return { type: "scatter", mode: s.mode ?? defaultMode, x, y, ...(s.name ? { name: s.name } : {}), ...(s.style ?? {}) };
}

/** One line trace (a `SeriesSpec` drawn as lines), to combine with other traces in `traceFigure`. */
export function lineTrace(series: SeriesSpec): Trace {
  return seriesTrace(series, "lines", 0);
}

/** One marker trace (a `SeriesSpec` drawn as points), to combine with other traces in `traceFigure`. */
export function scatterTrace(series: SeriesSpec): Trace {
  return seriesTrace(series, "markers", 0);
}

/** One item or a list of them, as a list. */
function listOf<T>(items: T | T[]): T[] {
  return Array.isArray(items) ? items : [items];
}

/** Lines: one trace per series. */
export function lineFigure(series: SeriesSpec | SeriesSpec[], options: AxesOptions = {}): Figure {
  return { data: listOf(series).map((s, i) => seriesTrace(s, "lines", i)), layout: axesLayout(options) };
}

/** Points: one marker trace per series. */
export function scatterFigure(series: SeriesSpec | SeriesSpec[], options: AxesOptions = {}): Figure {
  return { data: listOf(series).map((s, i) => seriesTrace(s, "markers", i)), layout: axesLayout(options) };
}

/** Options of `histogramTrace`: how the samples are binned and drawn. */
export interface HistogramTraceOptions {
  /** Number of bins (default: about √n, between 10 and 80). */
  bins?: number;
  /** Bin range (default: the data's min and max). */
  range?: [number, number];
  /** Normalise to a probability density (default true), so a density curve can be overlaid. */
  normalize?: boolean;
  /** Legend name (default "samples"). */
  name?: string;
  /** Bar colour (default a translucent blue; with several histograms pick `palette[i]`). */
  color?: string;
  /** Bar opacity (default 0.55, so overlaid histograms stay readable). */
  opacity?: number;
}

/** Options of `histogramFigure`. */
export interface HistogramOptions extends AxesOptions, HistogramTraceOptions {
  /** A density curve (or several) drawn over the histogram, e.g. the law the samples should follow. */
  density?: SeriesSpec | SeriesSpec[];
}

/**
 * The bars of a histogram of `samples` as one plotly trace, by default normalised as a density (area 1).
 * Bins are computed here (not by plotly), so the trace's JSON holds the exact heights. Samples that are not
 * finite (NaN, ±∞) are refused: a histogram that silently drops them would hide a bug.
 */
export function histogramTrace(samples: Numbers, options: HistogramTraceOptions = {}): Trace {
  return histogramBars(samples, options, "histogramTrace");
}

function histogramBars(samples: Numbers, options: HistogramTraceOptions, where: string): Trace {
  if (samples != null && typeof (samples as ArrayLike<unknown>).length === "number" && typeof samples !== "string") {
    requireFigureNumbers(samples as ArrayLike<unknown>, "samples", where, false); // NaN refused, as by show
  }
  const values = toNumbers(samples, "samples");
  if (values.length === 0) throw new RangeError(`${where}: samples is empty`);
  const bins = options.bins ?? Math.max(10, Math.min(80, Math.round(Math.sqrt(values.length))));
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`${where}: bins must be a positive integer, got ${describe(bins)}`);
  let lo = options.range?.[0] ?? values.reduce((m, v) => Math.min(m, v), Infinity);
  let hi = options.range?.[1] ?? values.reduce((m, v) => Math.max(m, v), -Infinity);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`${where}: range must be two finite numbers, got ${describe(options.range)}`);
  if (hi <= lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    if (v < lo || v > hi) continue;
    counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  }
  const normalize = options.normalize ?? true;
  return {
    type: "bar",
    x: counts.map((_, i) => lo + (i + 0.5) * width),
    y: counts.map((c) => (normalize ? c / (values.length * width) : c)),
    width,
    name: options.name ?? localized({ en: "samples", ja: "標本" }),
    marker: { color: options.color ?? "rgb(31,119,180)" },
    opacity: options.opacity ?? 0.55,
    hovertemplate: "%{x:.4g}: %{y:.4g}<extra></extra>",
  };
}

/**
 * A histogram of `samples`, by default normalised as a density (area 1), with optional density curves on
 * top: the way to compare an empirical spectrum with its limiting law. `yRange` caps a spike (an atom)
 * that would flatten the rest.
 */
export function histogramFigure(samples: Numbers, options: HistogramOptions = {}): Figure {
  const data: Trace[] = [histogramBars(samples, options, "histogramFigure")];
  const curves = options.density === undefined ? [] : listOf(options.density);
  curves.forEach((c, i) => data.push(seriesTrace({ name: localized({ en: `density ${i + 1}`, ja: `密度 ${i + 1}` }), ...c }, "lines", i)));
  const normalize = options.normalize ?? true;
  const yLabel = normalize ? localized({ en: "density", ja: "密度" }) : localized({ en: "count", ja: "度数" });
  const layout = axesLayout({ yLabel: yLabel, barmode: "overlay", ...options });
  layout.bargap = 0;
  return { data, layout };
}

/** One bar series: heights `y` at positions or category names `x` (default 0, 1, 2, …). */
export interface BarSpec {
  x?: Numbers | string[];
  y: Numbers;
  name?: string;
  /** Extra plotly attributes merged into the trace (marker.color, error_y for error bars, …). */
  style?: Trace;
}

/**
 * Bars: one bar trace per series, `barmode` "group" (default, side by side) or "stack". `x` may name
 * categories (e.g. the methods compared); `style: { error_y: { type: "data", array: stds } }` adds error bars.
 */
export function barFigure(series: BarSpec | BarSpec[], options: AxesOptions = {}): Figure {
  const data = listOf(series).map((s, i) => {
    requireObject("barFigure", `series[${i}]`, s, "a bar series { x?, y, name? }");
    const y = toNumbers(s.y, `series[${i}].y`);
    const categories = Array.isArray(s.x) && s.x.some((v) => typeof v === "string");
    const x = s.x === undefined ? y.map((_, j) => j) : categories ? (s.x as string[]).map(String) : toNumbers(s.x as Numbers, `series[${i}].x`);
    if (x.length !== y.length) throw new RangeError(`series[${i}]: x has ${x.length} values but y has ${y.length}; they must match`);
    return { type: "bar", x, y, ...(s.name ? { name: s.name } : {}), ...(s.style ?? {}) };
  });
  return { data, layout: axesLayout({ barmode: "group", ...options }) };
}

/** Options of `heatmapFigure`. */
export interface HeatmapOptions extends AxesOptions {
  colorscale?: string;
  /** Colour range (default: data min..max). */
  zmin?: number;
  zmax?: number;
  /** Row 0 at the top, as in a matrix (default true). */
  matrixOrientation?: boolean;
  /** The value at the middle of a diverging colour scale (e.g. 0 for log χ₁: order below, chaos above). */
  zmid?: number;
  /** Title of the colour bar, e.g. "log χ₁ (< 0: order, > 0: chaos)". */
  colorbarTitle?: string;
  /** Write each cell's value in it (e.g. the counts of a confusion matrix). */
  showValues?: boolean;
  /** Reverse the colour scale (e.g. "Blues" reversed: 0 is white). */
  reverseScale?: boolean;
  /** A tick every `tickStep` on both axes (1: every row and column labelled). */
  tickStep?: number;
  x?: Numbers;
  y?: Numbers;
}

/** A heatmap of a matrix (row i, column j), e.g. a weight matrix, a kernel, a confusion matrix. */
export function heatmapFigure(z: Grid, options: HeatmapOptions = {}): Figure {
  const rows = toRows(z);
  const trace: Trace = { type: "heatmap", z: rows, colorscale: options.colorscale ?? "Viridis" };
  if (options.zmin !== undefined) trace.zmin = options.zmin;
  if (options.zmax !== undefined) trace.zmax = options.zmax;
  if (options.zmid !== undefined) trace.zmid = options.zmid;
  if (options.colorbarTitle) trace.colorbar = { title: { text: options.colorbarTitle, side: "right" } };
  if (options.showValues) trace.texttemplate = "%{z}";
  if (options.reverseScale) trace.reversescale = true;
  if (options.x) trace.x = toNumbers(options.x, "x");
  if (options.y) trace.y = toNumbers(options.y, "y");
  const layout = axesLayout(options);
  if (options.tickStep !== undefined) {
    if (!(typeof options.tickStep === "number" && options.tickStep > 0)) throw new RangeError(`heatmapFigure: tickStep must be a number > 0, got ${describe(options.tickStep)}`);
    layout.xaxis.dtick = options.tickStep;
    layout.yaxis.dtick = options.tickStep;
  }
  if (options.matrixOrientation ?? true) layout.yaxis.autorange = "reversed";
  return { data: [trace], layout };
}

/**
 * An image: a grey H×W grid (values in [0, 1] unless `zmax` says otherwise) or an RGB H×W×3 array
 * (nested arrays or a 3-D ndarray, values in [0, 1]).
 */
export function imageFigure(
  pixels: Grid | ArrayLike<ArrayLike<ArrayLike<number>>> | NdarrayLike,
  options: AxesOptions & { zmax?: number } = {},
): Figure {
  if (pixels == null || typeof pixels !== "object") throw new TypeError(`imageFigure: pixels must be an image (rows of numbers, rows of RGB triples, or an ndarray), got ${describe(pixels)}`);
  const nd = isNdarray(pixels) ? pixels : undefined;
  const is3d = nd ? nd.shape.length === 3 : Array.isArray((pixels as ArrayLike<ArrayLike<unknown>>)[0]?.[0]) || ArrayBuffer.isView((pixels as ArrayLike<ArrayLike<unknown>>)[0]?.[0]);
  const layout = axesLayout(options);
  layout.xaxis = { visible: false };
  layout.yaxis = { visible: false, autorange: "reversed", scaleanchor: "x" };
  if (!is3d) {
    const rows = toRows(pixels as Grid, "pixels");
    return { data: [{ type: "heatmap", z: rows, colorscale: "Greys", reversescale: true, zmin: 0, zmax: options.zmax ?? 1, showscale: false }], layout };
  }
  const scale = 255 / (options.zmax ?? 1);
  let z: number[][][];
  if (nd) {
    const [h, w, c] = nd.shape;
    if (c !== 3 && c !== 4) throw new RangeError(`imageFigure: an H×W×C image needs C = 3 (RGB) or 4, got shape [${nd.shape.join(", ")}]`);
    z = Array.from({ length: h }, (_, i) => Array.from({ length: w }, (_, j) => [0, 1, 2].map((k) => Math.round(nd.get(i, j, k) * scale))));
  } else {
    z = Array.from(pixels as ArrayLike<ArrayLike<ArrayLike<number>>>, (row) => Array.from(row, (px) => Array.from(px).slice(0, 3).map((v) => Math.round(v * scale))));
  }
  return { data: [{ type: "image", z }], layout };
}

/** A point cloud or polyline in 3-D. */
export interface Series3d {
  x: Numbers;
  y: Numbers;
  z: Numbers;
  name?: string;
  mode?: string;
  style?: Trace;
}

function trace3d(s: Series3d, i: number): Trace {
  requireObject("scatter3dFigure", `series[${i}]`, s, "a series { x, y, z }");
  const x = toNumbers(s.x, `series[${i}].x`);
  const y = toNumbers(s.y, `series[${i}].y`);
  const z = toNumbers(s.z, `series[${i}].z`);
  if (x.length !== y.length || x.length !== z.length) {
    throw new RangeError(`series[${i}]: x, y, z have lengths ${x.length}, ${y.length}, ${z.length}; they must match`);
  }
  return { type: "scatter3d", mode: s.mode ?? "markers", x, y, z, ...(s.name ? { name: s.name } : {}), ...(s.style ?? {}) };
}

/** A 3-D scatter (or lines with `mode: "lines"`). */
export function scatter3dFigure(series: Series3d | Series3d[], options: AxesOptions & { zLabel?: string } = {}): Figure {
  const layout: Layout = {
    scene: { xaxis: { title: { text: options.xLabel ?? "x" } }, yaxis: { title: { text: options.yLabel ?? "y" } }, zaxis: { title: { text: options.zLabel ?? "z" } }, aspectmode: "data" },
    margin: { t: options.title ? 50 : 10, r: 0, b: 0, l: 0 },
    height: options.height ?? 500,
  };
  if (options.title) layout.title = { text: options.title };
  return { data: listOf(series).map(trace3d), layout };
}

/** One precomputed frame for `animatedFigure` / `sliderFigure`. */
export interface FrameSpec {
  /** Slider label, e.g. "depth 8" or "t = 0.5". */
  label: string;
  /** The traces of this frame (same number and kinds as the first frame's). */
  data: Trace[];
  /** Layout changes for this frame (e.g. a title). */
  layout?: Layout;
}

/**
 * A figure with a slider over precomputed frames (and a play button when `play` is true): exploration
 * without re-running the cell. Frame `active` (default the first) is what shows initially.
 */
export function sliderFigure(
  frames: FrameSpec[],
  options: AxesOptions & { sliderLabel?: string; play?: boolean; frameMs?: number; layout?: Layout; active?: number } = {},
): Figure {
  if (!Array.isArray(frames) || frames.length === 0) throw new RangeError(`sliderFigure: frames must be a non-empty array, got ${describe(frames)}`);
  const active = options.active ?? 0;
  if (!Number.isInteger(active) || active < 0 || active >= frames.length) {
    throw new RangeError(`sliderFigure: active must be a frame index 0…${frames.length - 1}, got ${describe(options.active)}`);
  }
  const n = frames[0].data.length;
  frames.forEach((f, i) => {
    if (!Array.isArray(f.data) || f.data.length !== n) {
      throw new RangeError(`sliderFigure: frame ${i} ("${f.label}") has ${f.data?.length} traces but frame 0 has ${n}; every frame needs the same traces`);
    }
  });
  const ms = options.frameMs ?? 300;
  const plotlyFrames: Frame[] = frames.map((f) => ({ name: f.label, data: f.data, ...(f.layout ? { layout: f.layout } : {}) }));
  const layout: Layout = { ...(options.layout?.scene ? {} : axesLayout(options)), ...(options.layout ?? {}) };
  if (options.title && !layout.title) layout.title = { text: options.title };
  layout.sliders = [
    {
      active,
      currentvalue: { prefix: options.sliderLabel ? `${options.sliderLabel}: ` : "", font: { size: 13 } },
      pad: { t: 45 },
      steps: frames.map((f) => ({ label: f.label, method: "animate", args: [[f.label], { mode: "immediate", frame: { duration: ms, redraw: true }, transition: { duration: 0 } }] })),
    },
  ];
  if (options.play) {
    layout.updatemenus = [
      {
        type: "buttons",
        showactive: false,
        x: 0,
        y: 0,
        xanchor: "right",
        yanchor: "top",
        pad: { t: 45, r: 10 },
        buttons: [
          { label: "▶", method: "animate", args: [null, { fromcurrent: true, frame: { duration: ms, redraw: true }, transition: { duration: 0 } }] },
          { label: "❚❚", method: "animate", args: [[null], { mode: "immediate", frame: { duration: 0, redraw: false } }] },
        ],
      },
    ];
  }
  return { data: frames[active].data.map((t) => ({ ...t })), layout: { ...layout, ...(frames[active].layout ?? {}) }, frames: plotlyFrames };
}

/** An animation over precomputed frames: a slider with a play button. */
export function animatedFigure(frames: FrameSpec[], options: AxesOptions & { sliderLabel?: string; frameMs?: number; layout?: Layout } = {}): Figure {
  return sliderFigure(frames, { ...options, play: true });
}

/**
 * Several figures side by side in a grid (`cols` per row), each keeping its traces and axis titles. 3-D,
 * image and animated figures are not combined; show them on their own.
 */
export function subplots(figures: Figure[], options: { cols?: number; title?: string; titles?: string[]; height?: number; width?: number } = {}): Figure {
  if (!Array.isArray(figures) || figures.length === 0) throw new RangeError(`subplots: figures must be a non-empty array, got ${describe(figures)}`);
  const cols = options.cols ?? Math.min(figures.length, 3);
  const rows = Math.ceil(figures.length / cols);
  const gap = 0.08;
  const cellW = (1 - gap * (cols - 1)) / cols;
  const cellH = (1 - gap * 1.5 * (rows - 1)) / rows;
  const data: Trace[] = [];
  const layout: Layout = {
    height: options.height ?? 320 * rows,
    margin: { t: 60, r: 20, b: 50, l: 60 },
    annotations: [] as Trace[],
    showlegend: true,
  };
  if (options.width) layout.width = options.width;
  if (options.title) layout.title = { text: options.title };
  figures.forEach((fig, i) => {
    if (fig.frames?.length || fig.data.some((t) => t.type === "scatter3d" || t.type === "image" || t.type === "surface")) {
      throw new RangeError(`subplots: figure ${i} is 3-D, an image or animated; show it on its own`);
    }
    const r = Math.floor(i / cols);
    const c = i % cols;
    const suffix = i === 0 ? "" : String(i + 1);
    const x0 = c * (cellW + gap);
    const y1 = 1 - r * (cellH + gap * 1.5);
    layout[`xaxis${suffix}`] = { ...(fig.layout.xaxis ?? {}), domain: [x0, x0 + cellW], anchor: `y${suffix}` };
    layout[`yaxis${suffix}`] = { ...(fig.layout.yaxis ?? {}), domain: [y1 - cellH, y1], anchor: `x${suffix}` };
    if (fig.layout.yaxis?.scaleanchor) layout[`yaxis${suffix}`].scaleanchor = `x${suffix}`;
    if (fig.layout.barmode) layout.barmode = fig.layout.barmode;
    for (const t of fig.data) data.push({ ...t, xaxis: `x${suffix}`, yaxis: `y${suffix}` });
    const sub = options.titles?.[i] ?? (typeof fig.layout.title === "string" ? fig.layout.title : fig.layout.title?.text);
    if (sub) {
      (layout.annotations as Trace[]).push({ text: sub, x: x0 + cellW / 2, y: y1, xref: "paper", yref: "paper", xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 13 } });
    }
  });
  return { data, layout };
}
