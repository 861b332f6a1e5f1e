import { describe, expect, it } from "vitest";
import {
  barFigure, heatmapFigure, histogramFigure, histogramTrace, lineFigure, lineTrace, palette, scatterTrace, sliderFigure,
  subplots, traceFigure,
} from "../../src/plot/index";

describe("axis options of the figure builders", () => {
  it("log axes are labelled with powers of ten, and their range is given in data units", () => {
    const fig = lineFigure({ x: [1, 10, 100], y: [1e-6, 1e-3, 1] }, { logX: true, logY: true, xRange: [1, 1000], yRange: [1e-6, 10] });
    expect(fig.layout.xaxis).toMatchObject({ type: "log", exponentformat: "power" });
    expect(fig.layout.xaxis.range).toEqual([0, 3]);
    expect(fig.layout.yaxis.range[0]).toBeCloseTo(-6, 12);
    expect(fig.layout.yaxis.range[1]).toBeCloseTo(1, 12);
  });

  it("linear axes keep their range as given and never use SI prefixes", () => {
    const fig = lineFigure({ y: [0.001, 0.002] }, { yRange: [0, 0.003] });
    expect(fig.layout.yaxis.range).toEqual([0, 0.003]);
    expect(fig.layout.yaxis.exponentformat).toBe("power");
    expect(fig.layout.yaxis.type).toBeUndefined();
  });

  it("refuses a bad range, naming the option", () => {
    expect(() => lineFigure({ y: [1] }, { xRange: [1, 1] })).toThrow(/xRange.*\[1,1\]|xRange/);
    expect(() => lineFigure({ y: [1] }, { yRange: [0, NaN] as [number, number] })).toThrow(/yRange/);
    expect(() => lineFigure({ y: [1] }, { logY: true, yRange: [0, 1] })).toThrow(/yRange on a log axis must be positive/);
  });

  it("equal aspect anchors y to x, also inside subplots", () => {
    const a = lineFigure({ y: [1, 2] }, { equalAspect: true });
    expect(a.layout.yaxis).toMatchObject({ scaleanchor: "x", scaleratio: 1 });
    const grid = subplots([lineFigure({ y: [1] }), a]);
    expect(grid.layout.yaxis2.scaleanchor).toBe("x2");
    expect(grid.layout.yaxis.scaleanchor).toBeUndefined();
  });

  it("legend and barmode are options", () => {
    const fig = barFigure([{ x: [0, 1], y: [3, 4], name: "a" }, { x: [0, 1], y: [1, 2], name: "b" }], { barmode: "stack", legend: true });
    expect(fig.data.map((t) => t.type)).toEqual(["bar", "bar"]);
    expect(fig.data[0].mode).toBeUndefined();
    expect(fig.layout).toMatchObject({ barmode: "stack", showlegend: true });
    expect(barFigure({ y: [1] }).layout.barmode).toBe("group");
  });
});

describe("trace builders", () => {
  it("histogramTrace is a density whose bars integrate to 1, with the colour asked for", () => {
    const samples = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3);
    const t = histogramTrace(samples, { bins: 20, color: palette[1], name: "sin" });
    const area = (t.y as number[]).reduce((s, h) => s + h * t.width, 0);
    expect(area).toBeCloseTo(1, 12);
    expect(t.marker.color).toBe(palette[1]);
    expect(t.name).toBe("sin");
  });

  it("histogramFigure is built from histogramTrace and overlays its bars", () => {
    const fig = histogramFigure([1, 2, 2, 3], { bins: 3, yRange: [0, 2] });
    expect(fig.data[0]).toEqual(histogramTrace([1, 2, 2, 3], { bins: 3 }));
    expect(fig.layout.barmode).toBe("overlay");
    expect(fig.layout.yaxis.range).toEqual([0, 2]);
  });

  it("non-finite samples are refused with their index, not silently dropped", () => {
    expect(() => histogramTrace([1, NaN, 2])).toThrow(/histogramTrace: samples has 1 non-finite value \(first at index 1: NaN\)/);
    expect(() => histogramFigure([1, 2, Infinity])).toThrow(/histogramFigure: samples has 1 non-finite value \(first at index 2: Infinity\)/);
    expect(() => histogramTrace([])).toThrow(/histogramTrace: samples is empty/);
  });

  it("traceFigure combines traces of different kinds with the axis options", () => {
    const fig = traceFigure([histogramTrace([1, 2, 3]), lineTrace({ x: [1, 3], y: [0.5, 0.5], name: "law" }), scatterTrace({ y: [1] })], { logY: true });
    expect(fig.data.map((t) => t.type)).toEqual(["bar", "scatter", "scatter"]);
    expect(fig.data.map((t) => t.mode)).toEqual([undefined, "lines", "markers"]);
    expect(fig.layout.yaxis.type).toBe("log");
    expect(() => traceFigure([null as any])).toThrow(/traceFigure: traces/);
  });
});

describe("heatmap and slider options", () => {
  it("a diverging heatmap centred at zmid, with a colour-bar title", () => {
    const fig = heatmapFigure([[-1, 2], [0.5, -3]], { zmid: 0, colorbarTitle: "log χ₁ (< 0: order)" });
    expect(fig.data[0].zmid).toBe(0);
    expect(fig.data[0].colorbar.title.text).toBe("log χ₁ (< 0: order)");
  });

  it("a confusion-matrix heatmap: values written in the cells, reversed scale, a tick per class", () => {
    const fig = heatmapFigure([[5, 1], [0, 7]], { showValues: true, reverseScale: true, tickStep: 1, zmax: 3 });
    expect(fig.data[0]).toMatchObject({ texttemplate: "%{z}", reversescale: true, zmax: 3 });
    expect(fig.layout.xaxis.dtick).toBe(1);
    expect(fig.layout.yaxis.dtick).toBe(1);
    expect(() => heatmapFigure([[1]], { tickStep: 0 })).toThrow(/tickStep must be a number > 0, got 0/);
  });

  it("a slider can start on any frame, which is then the one drawn", () => {
    const frames = [0, 1, 2].map((k) => ({ label: `k=${k}`, data: [{ type: "scatter", y: [k] }] }));
    const fig = sliderFigure(frames, { active: 2 });
    expect(fig.layout.sliders[0].active).toBe(2);
    expect(fig.data[0].y).toEqual([2]);
    expect(() => sliderFigure(frames, { active: 3 })).toThrow(/active must be a frame index 0…2, got 3/);
  });
});

describe("bar categories", () => {
  it("barFigure accepts category names on x and error bars through style", () => {
    const fig = barFigure({ x: ["plain", "mixup"], y: [91, 90.5], style: { error_y: { type: "data", array: [0.2, 0.3] } } });
    expect(fig.data[0]).toMatchObject({ type: "bar", x: ["plain", "mixup"], y: [91, 90.5], error_y: { array: [0.2, 0.3] } });
    expect(() => barFigure({ x: ["a"], y: [1, 2] })).toThrow(/x has 1 values but y has 2/);
  });
});
