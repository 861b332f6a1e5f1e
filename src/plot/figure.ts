/**
 * A figure is plain plotly JSON, exactly what plotly.js draws: `{ data, layout, config?, frames? }`.
 * Builders in this folder return such objects; a student can read and edit any field before `show(fig)`.
 * See https://plotly.com/javascript/reference/ for every trace and layout attribute.
 */

import type { PlotData, Layout as PlotlyLayout } from "plotly.js";

/** Every field name of `T`, each optional and of any value: names to complete, without plotly's value types. */
type FieldNames<T> = { [K in keyof T]?: any };

/**
 * One trace (a line, a histogram, a heatmap …): plotly's attribute object. Its field names come from
 * @types/plotly.js, so the editor (tslab's Tab) completes them (`mode`, `marker`, `line`, `hovertemplate` …);
 * values are not checked against plotly's types, and any other field is allowed, so a figure from anywhere can
 * be stored and edited.
 */
export type Trace = FieldNames<PlotData> & Record<string, any>;

/** Plotly's layout object (title, axes, sliders, updatemenus, grid …), with plotly's field names like `Trace`. */
export type Layout = FieldNames<PlotlyLayout> & Record<string, any>;

/** One animation frame: traces that replace the figure's traces when the frame is shown. */
export interface Frame {
  name: string;
  data: Trace[];
  layout?: Layout;
  traces?: number[];
}

/** A plotly figure as plain JSON. */
export interface Figure {
  data: Trace[];
  layout: Layout;
  config?: Record<string, any>;
  frames?: Frame[];
}
