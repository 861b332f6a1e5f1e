/**
 * The excess-risk decomposition as stacked bars: for each setting (a sample size N, a degree d or a number of
 * gradient steps t) one bar made of the approximation, estimation and optimisation terms, stacked "relative"
 * (a negative optimisation term, when stopping early helps, is drawn below zero), and a black diamond at the
 * total R(f_t) − σ², which is their sum.
 */
import { describe } from "../util/errors";
import type { ExcessRiskTerms } from "../data/excessRisk";
import type { Figure, Trace } from "./figure";
import { subplots } from "./builders";
import { localized, type Localized } from "../util/language";

/** One panel: the settings' labels along x (e.g. N = 15, 30, …) and the decomposition at each. */
export interface ExcessRiskPanel {
  title: string;
  xLabel: string;
  labels: (string | number)[];
  terms: ExcessRiskTerms[];
}

const PARTS: { key: keyof ExcessRiskTerms; name: Localized; color: string }[] = [
  { key: "approximation", name: { en: "approximation (model class)", ja: "近似誤差（モデルのクラス）" }, color: "#1f77b4" },
  { key: "estimation", name: { en: "estimation (finite N)", ja: "推定誤差（有限の N）" }, color: "#ff7f0e" },
  { key: "optimisation", name: { en: "optimisation (finite steps)", ja: "最適化誤差（有限のステップ数）" }, color: "#2ca02c" },
];

/** Panels of stacked bars side by side, one legend for all; the y axis of each panel is the excess risk. */
export function excessRiskFigure(panels: ExcessRiskPanel[], options: { title?: string; height?: number } = {}): Figure {
  if (!Array.isArray(panels) || panels.length === 0) throw new RangeError(`excessRiskFigure: panels must be a non-empty array, got ${describe(panels)}`);
  const figures = panels.map((panel, i) => {
    if (panel.labels.length !== panel.terms.length) {
      throw new RangeError(`excessRiskFigure: panel ${i} has ${panel.labels.length} labels but ${panel.terms.length} decompositions`);
    }
    const x = panel.labels.map(String);
    const bars: Trace[] = PARTS.map((part) => ({
      type: "bar",
      x,
      y: panel.terms.map((t) => t[part.key]),
      name: localized(part.name),
      legendgroup: part.key,
      showlegend: i === 0,
      marker: { color: part.color },
    }));
    const total: Trace = {
      type: "scatter",
      mode: "markers",
      x,
      y: panel.terms.map((t) => t.total),
      name: localized({ en: "total excess risk R(f_t) − σ²", ja: "超過リスクの合計 R(f_t) − σ²" }),
      legendgroup: "total",
      showlegend: i === 0,
      marker: { color: "black", symbol: "diamond", size: 9 },
    };
    const layout = { title: { text: panel.title }, xaxis: { title: { text: panel.xLabel }, type: "category", tickangle: 0 }, yaxis: { title: { text: i === 0 ? localized({ en: "excess risk", ja: "超過リスク" }) : "" } } };
    return { data: [...bars, total], layout };
  });
  const fig = subplots(figures, { cols: panels.length, height: options.height ?? 420, title: options.title });
  fig.layout.barmode = "relative";
  fig.layout.legend = { orientation: "h", y: -0.25 };
  return fig;
}
