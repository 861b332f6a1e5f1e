import { describe, expect, it, afterEach } from "vitest";
import {
  figureBundle, loaderBundle, loadPlotly, validateFigure, jsonForScript, show, setDisplaySink, PLOTLY_MIMETYPE,
  lineFigure, histogramFigure, sliderFigure, subplots, imageFigure, heatmapFigure, progressBar, liveCurves,
  type DisplayBundle, type Figure,
} from "../../src/plot/index";
import { InterruptedError } from "../../src/util/interrupt";

afterEach(() => setDisplaySink());

/** The JSON embedded in a figure's HTML, read back the way the browser reads it. */
function embeddedFigure(html: string): unknown {
  const match = html.match(/var fig = (.*);\n/);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]);
}

describe("figureBundle", () => {
  const fig: Figure = { data: [{ type: "scatter", x: [1, 2, 3], y: [4, 5, 6], name: "a" }], layout: { title: { text: "T" } } };

  it("carries the plotly JSON as an object, an HTML fallback and a text summary", () => {
    const bundle = figureBundle(fig, "fig-1");
    expect(Object.keys(bundle.data).sort()).toEqual([PLOTLY_MIMETYPE, "text/html", "text/plain"].sort());
    expect(typeof bundle.data[PLOTLY_MIMETYPE]).toBe("object");
    expect(bundle.data[PLOTLY_MIMETYPE]).toEqual(fig);
    expect(bundle.data["text/html"]).toContain('<div id="fig-1" class="pdl-plot"');
    expect(bundle.data["text/html"]).toContain("window.__plotlyQueue");
    expect(bundle.data["text/plain"]).toBe('Figure: 1 trace (scatter), title "T"');
  });

  it("the figure's box explains why it is empty until the script draws (the script removes the explanation)", () => {
    const html = String(figureBundle(fig, "fig-3").data["text/html"]);
    const box = html.slice(0, html.indexOf("<script"));
    expect(box).toContain('class="pdl-plot-missing"');
    expect(box).toContain("Figure not drawn: plotly.js is not loaded in this page.");
    expect(box).toContain("loadPlotly()");
    expect(box).toContain("Trust Notebook");
    expect(html).toContain('el.removeChild(missing)');
  });

  it("escapes data that contains </script>, <!-- and & so it cannot break out of the script", () => {
    const evil = "</script><script>alert('x')</script><!-- & \u2028";
    const bundle = figureBundle({ data: [{ x: [1], y: [2], name: evil, text: [evil] }], layout: { title: { text: evil } } }, "fig-2");
    const html = String(bundle.data["text/html"]);
    expect(html.match(/<\/script>/gi)).toHaveLength(1); // only the closing tag of our own script
    expect(html).not.toContain("<!--");
    expect(html).not.toContain("<script>alert");
    const back = embeddedFigure(html) as Figure;
    expect(back.data[0].name).toBe(evil);
    expect(back.layout.title.text).toBe(evil);
  });

  it("jsonForScript round-trips any JSON value", () => {
    const value = { a: "<b>&</b>", list: [1, "x</SCRIPT>", null], u: "\u2028\u2029" };
    expect(JSON.parse(jsonForScript(value))).toEqual(value);
    expect(jsonForScript(value)).not.toMatch(/[<>&\u2028\u2029]/);
  });

  it("turns typed arrays into plain arrays", () => {
    const bundle = figureBundle({ data: [{ x: new Float64Array([1, 2]), y: new Int32Array([3, 4]) }], layout: {} });
    expect((bundle.data[PLOTLY_MIMETYPE] as Figure).data[0]).toEqual({ x: [1, 2], y: [3, 4] });
  });
});

describe("validateFigure", () => {
  it("rejects things that are not figures with a message saying what came", () => {
    expect(() => validateFigure(42)).toThrow(/expected a figure \{ data: \[\.\.\.\], layout: \{\.\.\.\} \}, got 42/);
    expect(() => validateFigure({ x: [1, 2] })).toThrow(/`data` array of traces, got undefined.*did you pass a trace/);
    expect(() => validateFigure({ data: [1] })).toThrow(/data\[0\] must be a trace object, got 1/);
    expect(() => validateFigure({ data: [], layout: 3 })).toThrow(/layout must be an object, got 3/);
  });

  it("names the trace, the field and the first index of NaN or Infinity", () => {
    expect(() => validateFigure({ data: [{ y: [1, 2] }, { y: [1, NaN, 3, NaN] }], layout: {} })).toThrow(
      /data\[1\]\.y has 2 non-finite values \(first at index 1: NaN\)/,
    );
    expect(() => validateFigure({ data: [{ z: [[1, 2], [3, Infinity]] }], layout: {} })).toThrow(/data\[0\]\.z\[1\] has 1 non-finite value \(first at index 1: Infinity\)/);
    expect(() => validateFigure({ data: [{ y: [1] }], layout: {}, frames: [{ name: "f", data: [{ y: [NaN] }] }] })).toThrow(/frames\[0\]\.data\[0\]\.y/);
  });

  it("accepts null as a deliberate gap", () => {
    expect(() => validateFigure({ data: [{ y: [1, null, 3] }], layout: {} })).not.toThrow();
  });
});

describe("show", () => {
  it("outputs the loader once, then one bundle per figure", () => {
    const sent: DisplayBundle[] = [];
    setDisplaySink((bundle) => sent.push(bundle));
    show(lineFigure({ y: [1, 2, 3] }));
    show(lineFigure({ y: [3, 2, 1] }));
    expect(sent).toHaveLength(3);
    expect(String(sent[0].data["text/html"])).toContain("plotly.js");
    expect(String(sent[0].data["text/html"]).length).toBeGreaterThan(1_000_000); // plotly.js itself, inlined
    expect(sent[1].data[PLOTLY_MIMETYPE]).toBeDefined();
    expect(sent[2].data[PLOTLY_MIMETYPE]).toBeDefined();
  });

  it("loadPlotly() sends the loader again every time it is called; show() does not repeat it", () => {
    const sent: DisplayBundle[] = [];
    setDisplaySink((bundle) => sent.push(bundle));
    show(lineFigure({ y: [1, 2, 3] }));
    loadPlotly();
    loadPlotly();
    show(lineFigure({ y: [1, 2, 3] }));
    const isLoader = sent.map((b) => b.data[PLOTLY_MIMETYPE] === undefined);
    expect(isLoader).toEqual([true, false, true, true, false]);
  });

  it("displays nothing when the figure is bad", () => {
    const sent: DisplayBundle[] = [];
    setDisplaySink((bundle) => sent.push(bundle));
    expect(() => show({ data: [{ y: [NaN] }], layout: {} })).toThrow(/non-finite/);
    expect(() => show("not a figure" as unknown as Figure)).toThrow(/got "not a figure"/);
    expect(sent).toHaveLength(0);
  });

  it("the inlined plotly.js cannot end its script element early", () => {
    const html = String(loaderBundle().data["text/html"]);
    expect(html.match(/<\/script/gi)).toHaveLength(2); // plotly.js's own element, then the status and queue one
    expect(html).not.toMatch(/<!--/);
  });
});

describe("builders", () => {
  it("histogramFigure is a density: bar heights × width sum to 1", () => {
    const samples = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3);
    const fig = histogramFigure(samples, { bins: 25 });
    const bar = fig.data[0];
    const area = (bar.y as number[]).reduce((s: number, h: number) => s + h * bar.width, 0);
    expect(area).toBeCloseTo(1, 12);
    expect(bar.x).toHaveLength(25);
  });

  it("sliderFigure makes one slider step per frame and rejects frames with other traces", () => {
    const frames = [1, 2, 3].map((k) => ({ label: `k=${k}`, data: [{ type: "scatter", x: [0, 1], y: [0, k] }] }));
    const fig = sliderFigure(frames, { sliderLabel: "k", play: true });
    expect(fig.frames).toHaveLength(3);
    expect(fig.layout.sliders[0].steps.map((s: any) => s.label)).toEqual(["k=1", "k=2", "k=3"]);
    expect(fig.layout.updatemenus).toHaveLength(1);
    expect(() => sliderFigure([frames[0], { label: "bad", data: [] }])).toThrow(/frame 1 \("bad"\) has 0 traces but frame 0 has 1/);
  });

  it("subplots puts each figure on its own axes in a grid", () => {
    const fig = subplots([lineFigure({ y: [1] }), lineFigure({ y: [2] }), lineFigure({ y: [3] })], { cols: 2 });
    expect(fig.data.map((t) => t.xaxis)).toEqual(["x", "x2", "x3"]);
    expect(fig.layout.xaxis.domain[1]).toBeLessThan(fig.layout.xaxis2.domain[0]);
    expect(fig.layout.yaxis3.domain[1]).toBeLessThan(fig.layout.yaxis.domain[0]);
  });

  it("imageFigure draws RGB as an image trace (0..255) and grey as a heatmap", () => {
    const rgb = [[[1, 0, 0], [0, 1, 0]], [[0, 0, 1], [1, 1, 1]]];
    expect(imageFigure(rgb).data[0]).toMatchObject({ type: "image", z: [[[255, 0, 0], [0, 255, 0]], [[0, 0, 255], [255, 255, 255]]] });
    expect(imageFigure([[0, 0.5], [1, 0]]).data[0].type).toBe("heatmap");
  });

  it("builders reject mismatched lengths and non-arrays with the argument's name", () => {
    expect(() => lineFigure({ x: [1, 2], y: [1, 2, 3] })).toThrow(/series\[0\]: x has 2 values but y has 3/);
    expect(() => heatmapFigure(5 as unknown as number[][])).toThrow(/z must be a 2-D array/);
  });
});

describe("progress displays", () => {
  it("a progress bar redraws one display in place and reports count and rate", async () => {
    const sent: Array<{ id?: string; update: boolean; text: string }> = [];
    setDisplaySink((bundle, id, update) => sent.push({ id, update, text: String(bundle.data["text/plain"]) }));
    const bar = progressBar(3, "work", { interval: 0 });
    await bar.tick();
    await bar.tick();
    await bar.tick();
    bar.finish();
    expect(new Set(sent.map((s) => s.id)).size).toBe(1);
    expect(sent[0].update).toBe(false);
    expect(sent.slice(1).every((s) => s.update)).toBe(true);
    expect(sent[sent.length - 1].text).toMatch(/^work .* 3\/3 100% .*it\/s elapsed 0:00/);
  });

  it("tick() throws InterruptedError after SIGINT", async () => {
    setDisplaySink(() => {});
    const bar = progressBar(100, "long", { interval: 0 });
    await bar.tick();
    process.emit("SIGINT");
    await expect(bar.tick()).rejects.toBeInstanceOf(InterruptedError);
  });

  it("live curves keep one display and a figure with the points so far", () => {
    const sent: string[] = [];
    setDisplaySink((_bundle, id) => sent.push(id ?? ""));
    const live = liveCurves({ title: "loss" });
    live.add("train", 1, 0.5);
    live.add("train", 2, 0.25);
    live.draw();
    live.add("train", 3, NaN); // a diverged value becomes a gap, not an error
    live.draw();
    expect(live.figure().data[0].y).toEqual([0.5, 0.25, null]);
    const ids = sent.filter((id) => id !== "");
    expect(new Set(ids).size).toBe(1);
  });
});
