/**
 * Live figures, kernel side: the name analysis of the function's source (as tslab compiles it: `pdl_1.eye`,
 * `exports.n`), its messages, the snapshot of constants, the sliders' values, and the escaping of the output.
 */
import { describe, expect, it } from "vitest";
import * as pdl from "../../src/index";
import * as browserPart from "../../src/browser";
import { prepareLiveFigure, liveSliders } from "../../src/plot/live";
import { freeNames, resolveLiveNames } from "../../src/plot/liveNames";
import { liveFigureBundle } from "../../src/plot/liveBundle";
import { sliderValue } from "../../src/plot/liveSource";

/** A function whose source reads like a tslab cell's: library names through `pdl_1`, earlier cells' through `exports`. */
function cellFunction(source: string, exportsObject: Record<string, unknown> = {}): any {
  return new Function("pdl_1", "exports", `return (${source});`)(browserPart, exportsObject);
}

const browserNames = new Set(Object.keys(browserPart));
const allNames = new Set(Object.keys(pdl));
const resolve = (source: string, constants: string[] = []) => resolveLiveNames(freeNames(source), new Set(constants), browserNames, allNames);

describe("freeNames", () => {
  it("finds what the function uses from outside, not what it declares, property names, keys or labels", () => {
    const names = freeNames(
      "(v, rng) => { const { a, b: [c] } = v; let d = a + c + n; function helper(x) { return x * k; } " +
        "outer: for (const i of [1]) { if (i) continue outer; } return { title: d, a, y: Math.sqrt(helper(d)), z: v.width }; }",
    );
    expect(names.free).toEqual(["n", "k"]);
    expect(names.usesThis).toBe(false);
  });

  it("records library members (pdl_1.eye), earlier cells' names (exports.n) and `this`", () => {
    const names = freeNames("function (v) { return (0, pdl_1.eye)(exports.n + this.k + pdl_2.ginibre); }");
    expect(names.free).toEqual(["pdl_1", "exports", "pdl_2"]);
    expect(names.libraryMembers).toEqual({ pdl_1: ["eye"], pdl_2: ["ginibre"] });
    expect(names.earlierCells).toEqual(["n"]);
    expect(names.usesThis).toBe(true);
  });
});

describe("resolveLiveNames: one line per name the page cannot provide, with the fix", () => {
  it("accepts library names, standard JavaScript and constants", () => {
    const r = resolve("(v) => (0, pdl_1.lineFigure)({ x: [0, 1], y: [exports.eye, n, Math.PI] })", ["n"]);
    expect(r.problems).toEqual([]);
    expect(r.libraryAliases).toEqual(["pdl_1"]);
    expect(r.exportsFromLibrary).toEqual(["eye"]); // an earlier cell's `import { eye }`
  });

  it("refuses show (the function returns the figure), kernel-only library names, variables and `this`", () => {
    const r = resolve("function (v) { (0, pdl_1.show)(1); pdl_1.loadMnist(); exports.loadPlotly(); return f(exports.W, this, process); }");
    expect(r.problems).toHaveLength(7);
    expect(r.problems[0]).toMatch(/^`this`: .*arrow function/);
    expect(r.problems[1]).toMatch(/^`show` draws in the kernel only: the function must return the figure/);
    expect(r.problems[2]).toMatch(/^`loadMnist` needs the kernel .* pass its result as plain data in `constants`/);
    expect(r.problems[3]).toMatch(/^`loadPlotly` needs the kernel/);
    expect(r.problems[4]).toMatch(/^`W` comes from an earlier cell, .*`constants: \{ W: W \}`/);
    expect(r.problems[5]).toMatch(/^`f` comes from this cell, .*define it inside the function/);
    expect(r.problems[6]).toMatch(/^`process` exists only in the kernel/);
  });

  it("liveFigure stops the cell with every problem listed, before anything is displayed", () => {
    const fn = cellFunction("(v) => (0, pdl_1.show)((0, pdl_1.lineFigure)({ x: [0], y: [exports.n] }))", { n: 1 });
    expect(() => prepareLiveFigure({ a: { min: 0, max: 1, step: 0.5 } }, fn)).toThrow(
      /cannot run in the page, because of the names it uses:\n {2}- `show` draws in the kernel only[^\n]*\n {2}- `n` comes from an earlier cell/,
    );
  });
});

describe("prepareLiveFigure", () => {
  const fn = cellFunction(
    "(v, rng, seed) => (0, pdl_1.lineFigure)({ x: exports.xs, y: exports.xs.map((x) => v.a * x + rng.normal(0, 1)), name: exports.label + seed })",
  );

  it("runs the function once as the page will: the constants' JSON copy, the seeded generator, the snapped values", () => {
    const xs = Float64Array.from([0, 0.5, 1]);
    const live = prepareLiveFigure({ a: { min: 0, max: 1, step: 0.1, value: 0.3, label: "slope" } }, fn, { seed: 7, constants: { xs: xs, label: "s" } });
    const fig = live.spec.figure as { data: { x: number[]; y: number[]; name: string }[] };
    const noise = pdl.randomGenerator(7);
    expect(fig.data[0].x).toEqual([0, 0.5, 1]);
    expect(fig.data[0].y).toEqual([0, 0.5, 1].map((x) => 0.3 * x + noise.normal(0, 1)));
    expect(fig.data[0].name).toBe("s7");
    expect(live.spec.constants).toEqual({ xs: { $typed: "Float64Array", values: [0, 0.5, 1] }, label: "s" });
    expect(live.run({ a: 0.3 }, 7)).toEqual(live.run({ a: 0.3 }, 7)); // same values and seed, same figure
  });

  it("refuses constants that are not plain data, naming the path and what to pass instead", () => {
    const params = { a: { min: 0, max: 1, step: 0.5 } };
    const run = (constants: Record<string, unknown>) => () => prepareLiveFigure(params, fn, { constants: constants });
    expect(run({ xs: pdl.eye(2) })).toThrow(/constants\.xs is a matrix .*build it inside the function/);
    expect(run({ xs: [1], label: pdl.randomGenerator(1) })).toThrow(/constants\.label is a random generator; .*second argument/);
    expect(run({ xs: [1], label: { f: () => 1 } })).toThrow(/constants\.label\.f is a function; only data can be copied/);
    expect(run({ xs: [1, NaN], label: "" })).toThrow(/constants\.xs\[1\] is NaN/);
    expect(run({ xs: new Map() })).toThrow(/constants\.xs is a Map object, not plain data/);
    expect(run({ "not a name": 1 })).toThrow(/key "not a name", which is not a usable variable name/);
  });

  it("checks the slider declarations, naming the parameter", () => {
    expect(() => liveSliders({ a: { min: 1, max: 0, step: 0.1 } })).toThrow("params.a: max must be greater than min, got min 1, max 0");
    expect(() => liveSliders({ a: { min: 0, max: 1, step: 0.3 } })).toThrow(/params\.a: \(max − min\) \/ step must be a whole number/);
    expect(() => liveSliders({ a: { min: 0, max: 1, step: 0.1, value: 2 } })).toThrow("params.a.value must be a number in [0, 1], got 2");
    expect(() => liveSliders({})).toThrow("at least one slider");
    const [slider] = liveSliders({ a: { min: 0.1, max: 1, step: 0.1, value: 0.3 } });
    expect(slider.count).toBe(10);
    expect(sliderValue(slider, slider.index)).toBe(0.3); // not 0.30000000000000004
    expect(Array.from({ length: 10 }, (_, k) => sliderValue(slider, k))).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it("says when the function does not return a figure", () => {
    const bad = cellFunction("(v) => v.a");
    expect(() => prepareLiveFigure({ a: { min: 0, max: 1, step: 0.5 } }, bad)).toThrow(/liveFigure \(the figure fn returned\): expected a figure/);
  });
});

describe("the output's HTML", () => {
  it("keeps </script> and <img onerror> in labels and data inert: escaped JSON, never markup", () => {
    const evil = `</script><img src=x onerror="alert(1)"><!--`;
    const fn = cellFunction("(v) => (0, pdl_1.lineFigure)({ x: [0, 1], y: [0, v.a], name: exports.label }, { title: exports.label })");
    const live = prepareLiveFigure({ a: { min: 0, max: 1, step: 0.5, label: evil } }, fn, { constants: { label: evil } });
    const html = String(liveFigureBundle(live.spec, "summary").data["text/html"]);
    expect(html.match(/<\/script>/g)).toHaveLength(1); // only the script element's own end
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<!--");
    const json = html.slice(html.indexOf("var spec = ") + 11, html.indexOf(";\n  function mount"));
    expect(JSON.parse(json).sliders[0].label).toBe(evil); // the page gets the text back exactly
    expect(liveFigureBundle(live.spec, "s").data).not.toHaveProperty("application/vnd.plotly.v1+json");
  });
});
