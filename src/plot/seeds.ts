/**
 * Results over several seeds (independent runs): their mean and spread per point, and a figure trace set that
 * draws the mean as a line with a shaded band of ± one standard deviation. A comparison shown this way says how
 * much of a difference is the effect and how much the luck of one run.
 *
 * ```ts
 * const runs = seeds.map((s) => train(s).stepLosses);   // one curve per seed, same length
 * show(traceFigure([...bandTraces(runs, { name: "orthogonal", color: palette[1] })], { xLabel: "step" }));
 * ```
 */
import type { Trace } from "./figure";
import { toNumbers, type Numbers } from "./axes";
import { describe } from "../util/errors";
import { spread } from "../train/seeds";
import { localized } from "../util/language";

/** Pointwise statistics over runs: `mean[i]`, `std[i]` (sample standard deviation, n − 1), min and max. */
export interface SeedStatistics {
  runs: number;
  mean: number[];
  std: number[];
  min: number[];
  max: number[];
  toString(): string;
}

/** Pointwise mean, sample standard deviation, min and max of `runs` (each a curve of the same length). */
export function acrossSeeds(runs: Numbers[]): SeedStatistics {
  if (!Array.isArray(runs) || runs.length === 0) throw new RangeError(`acrossSeeds: runs must be a non-empty array of curves, got ${describe(runs)}`);
  const curves = runs.map((r, k) => toNumbers(r, `runs[${k}]`));
  const len = curves[0].length;
  curves.forEach((c, k) => {
    if (c.length !== len) throw new RangeError(`acrossSeeds: runs[${k}] has ${c.length} points but runs[0] has ${len}; every run must have the same length`);
  });
  const n = curves.length;
  // At each point i, the spread of the runs' values there.
  const at = Array.from({ length: len }, (_, i) => spread(curves.map((c) => c[i])));
  const mean = at.map((s) => s.mean);
  const std = at.map((s) => s.std);
  const min = at.map((s) => s.min);
  const max = at.map((s) => s.max);
  return {
    runs: n,
    mean,
    std,
    min,
    max,
    toString: () => `over ${n} runs: ${mean.map((m, i) => `${m.toPrecision(4)} ± ${std[i].toPrecision(2)}`).join(", ")}`,
  };
}

/** Options of `bandTraces`. */
export interface BandOptions {
  /** x of each point (default 0, 1, 2, …). */
  x?: Numbers;
  /** Legend name of the mean line; the band is named "… ± 1 std". */
  name?: string;
  color?: string;
  /** Draw the mean as "lines" (default) or "lines+markers". */
  mode?: string;
}

/** `#rrggbb` as `rgba(r,g,b,a)`, for a translucent band in the line's colour. */
function translucent(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) return color;
  return `rgba(${parseInt(m[1], 16)},${parseInt(m[2], 16)},${parseInt(m[3], 16)},${alpha})`;
}

/**
 * Three traces for `traceFigure`: the upper edge mean + std (invisible), the lower edge mean − std filled up to it
 * (the band), and the mean line, all in one colour.
 */
export function bandTraces(runs: Numbers[], options: BandOptions = {}): Trace[] {
  const stats = acrossSeeds(runs);
  const x = options.x === undefined ? stats.mean.map((_, i) => i) : toNumbers(options.x, "x");
  if (x.length !== stats.mean.length) throw new RangeError(`bandTraces: x has ${x.length} values but each run has ${stats.mean.length}`);
  const color = options.color ?? "#1f77b4";
  const name = options.name ?? localized({ en: "mean", ja: "平均" });
  const group = { legendgroup: name };
  return [
    { type: "scatter", mode: "lines", x, y: stats.mean.map((m, i) => m + stats.std[i]), line: { width: 0 }, showlegend: false, hoverinfo: "skip", ...group },
    {
      type: "scatter", mode: "lines", x, y: stats.mean.map((m, i) => m - stats.std[i]), line: { width: 0 },
      fill: "tonexty", fillcolor: translucent(color, 0.25), name: localized({ en: `${name} ± 1 std (${stats.runs} runs)`, ja: `${name} ± 1 標準偏差（${stats.runs} 回）` }), hoverinfo: "skip", ...group,
    },
    { type: "scatter", mode: options.mode ?? "lines", x, y: stats.mean, name: localized({ en: `${name}: mean of ${stats.runs} runs`, ja: `${name}: ${stats.runs} 回の平均` }), line: { color }, marker: { color }, ...group },
  ];
}
