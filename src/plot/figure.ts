/**
 * A figure is plain plotly JSON, exactly what plotly.js draws: `{ data, layout, config?, frames? }`.
 * Builders in this folder return such objects; a student can read and edit any field before `show(fig)`.
 * See https://plotly.com/javascript/reference/ for every trace and layout attribute.
 */

/** One trace (a line, a histogram, a heatmap …): plotly's attribute object. */
export type Trace = Record<string, any>;

/** Plotly's layout object (title, axes, sliders, updatemenus, grid …). */
export type Layout = Record<string, any>;

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
