/**
 * What every figure builder shares: the accepted number containers, the axis options (titles, log axes with
 * power-of-ten labels, ranges, equal aspect, legend, bar mode) and `traceFigure`, which puts traces you built
 * into a figure with those options.
 */
import type { Figure, Layout, Trace } from "./figure";
import { describe } from "../util/errors";
import { requireFigureNumbers } from "./checks";

/** An ndarray (scijs) as the builders read it: its shape and `get(i, j, …)`. */
export type NdarrayLike = { shape: number[]; get(...i: number[]): number };

/** Numbers as a 1-D array: a plain array, a typed array or a 1-D ndarray. */
export type Numbers = ArrayLike<number> | NdarrayLike;

/** A 2-D grid of numbers: nested arrays or a 2-D ndarray. */
export type Grid = ArrayLike<ArrayLike<number>> | NdarrayLike;

/** Common options of the builders. */
export interface AxesOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Logarithmic x axis, ticks labelled as powers of ten (10⁻³, not plotly's "1m"). */
  logX?: boolean;
  /** Logarithmic y axis, ticks labelled as powers of ten. */
  logY?: boolean;
  /** Visible x range [from, to] in data units (also on a log axis: `[1e-3, 1]`, not its logarithms). */
  xRange?: [number, number];
  /** Visible y range [from, to] in data units, e.g. to cap a spike that would flatten the rest. */
  yRange?: [number, number];
  /** One unit on x is as long as one unit on y (contour plots, 2-D trajectories, images of matrices). */
  equalAspect?: boolean;
  /** Show the legend (plotly's default: only when there are several traces). */
  legend?: boolean;
  /** How bar traces share an x position: "overlay" (default for histograms), "group" side by side, "stack". */
  barmode?: "overlay" | "group" | "stack";
  width?: number;
  height?: number;
}

export function isNdarray(value: unknown): value is NdarrayLike {
  return value !== null && typeof value === "object" && Array.isArray((value as { shape?: unknown }).shape) && typeof (value as { get?: unknown }).get === "function";
}

/** Plain number[] from any `Numbers`. */
export function toNumbers(values: Numbers, name = "values"): number[] {
  if (isNdarray(values)) {
    if (values.shape.length !== 1) throw new RangeError(`${name} must be 1-D, got an ndarray of shape [${values.shape.join(", ")}]`);
    return Array.from({ length: values.shape[0] }, (_, i) => values.get(i));
  }
  if (values == null || typeof values === "string" || typeof (values as ArrayLike<number>).length !== "number") {
    throw new TypeError(`${name} must be an array of numbers, got ${describe(values)}`);
  }
  requireFigureNumbers(values as ArrayLike<unknown>, name, "figure"); // the same rule as show (plot/checks.ts)
  return Array.from(values as ArrayLike<number>, (v) => v);
}

/** number[][] (rows) from any `Grid`. */
export function toRows(values: Grid, name = "z"): number[][] {
  if (isNdarray(values)) {
    if (values.shape.length !== 2) throw new RangeError(`${name} must be 2-D, got an ndarray of shape [${values.shape.join(", ")}]`);
    const [r, c] = values.shape;
    return Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => values.get(i, j)));
  }
  if (values == null || typeof values === "string" || typeof (values as ArrayLike<unknown>).length !== "number") {
    throw new TypeError(`${name} must be a 2-D array (rows of numbers), got ${describe(values)}`);
  }
  return Array.from(values as ArrayLike<ArrayLike<number>>, (row, i) => {
    if (row == null || typeof row === "string" || typeof row.length !== "number") throw new TypeError(`${name}[${i}] must be a row of numbers, got ${describe(row)}`);
    return Array.from(row);
  });
}

/** The colours plotly uses by default, in order: pick `palette[i]` to keep one thing one colour across figures. */
export const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

function checkRange(range: unknown, name: string, log: boolean | undefined): [number, number] {
  const ok = Array.isArray(range) && range.length === 2 && range.every((v) => typeof v === "number" && Number.isFinite(v)) && range[0] !== range[1];
  if (!ok) throw new RangeError(`${name} must be two different finite numbers [from, to], got ${describe(range)}`);
  const [a, b] = range as [number, number];
  if (log && (a <= 0 || b <= 0)) throw new RangeError(`${name} on a log axis must be positive, got [${a}, ${b}]`);
  return log ? [Math.log10(a), Math.log10(b)] : [a, b];
}

/** One axis: its title, log type with power-of-ten labels, and range (plotly wants log₁₀ of the ends on a log axis). */
function axis(label: string | undefined, log: boolean | undefined, range: [number, number] | undefined, name: string): Layout {
  const a: Layout = { title: { text: label ?? "" }, exponentformat: "power" };
  if (log) a.type = "log";
  if (range !== undefined) a.range = checkRange(range, name, log);
  return a;
}

export function axesLayout(o: AxesOptions): Layout {
  if (o == null || typeof o !== "object") throw new TypeError(`options must be an object { title, xLabel, yLabel, … }, got ${describe(o)}`);
  const layout: Layout = {
    xaxis: axis(o.xLabel, o.logX, o.xRange, "xRange"),
    yaxis: axis(o.yLabel, o.logY, o.yRange, "yRange"),
    margin: { t: o.title ? 50 : 25, r: 20, b: 50, l: 60 },
  };
  if (o.equalAspect) Object.assign(layout.yaxis, { scaleanchor: "x", scaleratio: 1 });
  if (o.title) layout.title = { text: o.title };
  if (o.width) layout.width = o.width;
  if (o.height) layout.height = o.height;
  if (o.legend !== undefined) layout.showlegend = o.legend;
  if (o.barmode) layout.barmode = o.barmode;
  return layout;
}

/**
 * A figure from traces you built (with `lineTrace`, `histogramTrace`, … or by hand) and the common axis
 * options: the way to put different kinds of traces, or several histograms, in one picture.
 */
export function traceFigure(traces: Trace[], options: AxesOptions = {}): Figure {
  if (!Array.isArray(traces) || traces.some((t) => t === null || typeof t !== "object")) {
    throw new TypeError(`traceFigure: traces must be an array of plotly trace objects, got ${describe(traces)}`);
  }
  return { data: traces, layout: axesLayout(options) };
}

