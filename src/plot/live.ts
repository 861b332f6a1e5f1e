/**
 * Live figures: sliders that recompute a figure in the page, with the library itself, on every move — no kernel
 * round trip, so they also work in an exported HTML page and on the static site.
 *
 * ```ts
 * liveFigure(
 *   { ratio: { min: 0.05, max: 1, step: 0.05, value: 0.3, label: "λ = m/n" } },
 *   (v, rng) => histogramFigure(eigvalsh(wishart(400, Math.round(400 * v.ratio), 1 / 20, rng)), { title: "…" }),
 *   { seed: 4 },
 * );
 * ```
 *
 * The function `fn(values, rng, seed)` returns an ordinary figure; `values` holds each slider's value by name,
 * `rng = randomGenerator(seed)`, and the "new sample" button adds 1 to the seed. It is sent to the page as its
 * source text, so what it uses from outside must exist there: the library's browser part (src/browser.ts),
 * standard JavaScript, and the plain data passed in `options.constants`. `liveFigure` checks this at cell time
 * (plot/liveNames.ts) and runs the function once in the kernel exactly as the page will (same names, the
 * constants' JSON copy), so an error appears in the cell and the first picture is the page's.
 */
import { displayBundle, displaySinkGeneration, ensurePlotlyLoaded } from "./display";
import { figureSummary, toPlainJson, validateFigure } from "./bundle";
import { liveFigureBundle, liveLoaderBundle } from "./liveBundle";
import type { LiveSpec } from "./liveSource";
import { freeNames, liveNameError, resolveLiveNames } from "./liveNames";
import { snapshotLiveData } from "./liveData";
import { compileLiveFunction, decodeLiveData, liveBindings, sliderValues, stepDecimals, type LiveSlider } from "./liveSource";
import { currentLanguage, localized } from "../util/language";
import { describe } from "../util/errors";
import type { Figure } from "./figure";

/** One slider: the values min, min + step, …, max; `value` the first one shown (default min). */
export interface LiveParameter {
  min: number;
  max: number;
  step: number;
  value?: number;
  /** The text beside the slider (default: the parameter's name). */
  label?: string;
}

export interface LiveFigureOptions {
  /** The seed of the generator `fn` receives (default 1); the "new sample" button adds 1. */
  seed?: number;
  /** Plain data the function uses from outside (numbers, strings, arrays, typed arrays, plain objects), by name. */
  constants?: Record<string, unknown>;
  /** Compute in a Web Worker, so that the page stays responsive while a heavy figure recomputes (default false). */
  worker?: boolean;
  /** Show the "new sample" button (default true). */
  sampleButton?: boolean;
}

/** The function of a live figure: slider values (by name), a generator seeded by `seed`, the seed. */
export type LiveFigureFunction = (values: Record<string, number>, rng: any, seed: number) => Figure;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Checks the slider declarations and turns them into what the page receives. */
export function liveSliders(params: Record<string, LiveParameter>): LiveSlider[] {
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    throw new TypeError(`liveFigure: params must be an object { name: { min, max, step } }, got ${describe(params)}`);
  }
  const names = Object.keys(params);
  if (names.length === 0) throw new RangeError("liveFigure: params must declare at least one slider, got {}");
  return names.map((name) => {
    const p = params[name];
    const where = `liveFigure: params.${name}`;
    if (p === null || typeof p !== "object") throw new TypeError(`${where} must be { min, max, step }, got ${describe(p)}`);
    for (const key of ["min", "max", "step"] as const) {
      if (typeof p[key] !== "number" || !Number.isFinite(p[key])) throw new TypeError(`${where}.${key} must be a finite number, got ${describe(p[key])}`);
    }
    if (!(p.max > p.min)) throw new RangeError(`${where}: max must be greater than min, got min ${p.min}, max ${p.max}`);
    if (!(p.step > 0)) throw new RangeError(`${where}.step must be > 0, got ${p.step}`);
    const steps = Math.round((p.max - p.min) / p.step);
    if (Math.abs(p.min + steps * p.step - p.max) > 1e-9 * Math.max(1, Math.abs(p.max)) || steps > 10_000) {
      throw new RangeError(`${where}: (max − min) / step must be a whole number ≤ 10000, got (${p.max} − ${p.min}) / ${p.step}`);
    }
    const value = p.value ?? p.min;
    if (typeof value !== "number" || !(value >= p.min && value <= p.max)) {
      throw new RangeError(`${where}.value must be a number in [${p.min}, ${p.max}], got ${describe(value)}`);
    }
    if (p.label !== undefined && typeof p.label !== "string") throw new TypeError(`${where}.label must be a string, got ${describe(p.label)}`);
    const decimals = Math.max(stepDecimals(p.step), stepDecimals(p.min));
    return { name, label: p.label ?? name, min: p.min, step: p.step, count: steps + 1, index: Math.round((value - p.min) / p.step), decimals };
  });
}

let liveLibrary: { browser: Record<string, unknown>; allNames: () => string[] } | undefined;

/**
 * Connects live figures to the library the page will have (src/browser.ts) and to the names of the whole
 * library (to tell a kernel-only name such as `show` from a misspelt one). The package root does this; plot/
 * itself does not import the numeric folders' entry.
 */
export function setLiveLibrary(browser: Record<string, unknown>, allNames: () => string[]): void {
  liveLibrary = { browser, allNames };
}

let loaderGeneration = -1;

/** Sends the library's browser part to the page again (after reloading a page whose outputs were cleared). */
export function loadLiveFigures(): void {
  displayBundle(liveLoaderBundle());
  loaderGeneration = displaySinkGeneration();
}

/** What the kernel resolved: the function compiled with the page's names, and the data for the page. */
export interface PreparedLiveFigure {
  spec: LiveSpec;
  run: (values: Record<string, number>, seed: number) => Figure;
}

/** Checks and compiles a live figure without displaying it (liveFigure's first half; also used by tests). */
export function prepareLiveFigure(params: Record<string, LiveParameter>, fn: LiveFigureFunction, options: LiveFigureOptions = {}): PreparedLiveFigure {
  const sliders = liveSliders(params);
  if (typeof fn !== "function") throw new TypeError(`liveFigure: fn must be a function (values, rng, seed) => figure, got ${describe(fn)}`);
  if (options === null || typeof options !== "object") throw new TypeError(`liveFigure: options must be an object, got ${describe(options)}`);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`liveFigure: options.seed must be an integer ≥ 0, got ${describe(seed)}`);
  const rawConstants = options.constants ?? {};
  if (rawConstants === null || typeof rawConstants !== "object" || Array.isArray(rawConstants)) {
    throw new TypeError(`liveFigure: options.constants must be an object { name: value }, got ${describe(rawConstants)}`);
  }
  for (const name of Object.keys(rawConstants)) {
    if (!IDENTIFIER.test(name) || name === "exports") throw new RangeError(`liveFigure: options.constants has the key ${JSON.stringify(name)}, which is not a usable variable name`);
  }
  const snapshot = snapshotLiveData(rawConstants, "constants") as Record<string, unknown>;
  const source = fn.toString();
  if (/^\s*(async\b|function\s*\*)/.test(source)) throw new TypeError("liveFigure: fn must be an ordinary (not async, not generator) function returning a figure");

  if (!liveLibrary) throw new Error("liveFigure: the page's library is not connected; import liveFigure from the package (\"pdl\")");
  const lib = liveLibrary.browser;
  const resolution = resolveLiveNames(freeNames(source), new Set(Object.keys(rawConstants)), new Set(Object.keys(lib)), new Set(liveLibrary.allNames()));
  if (resolution.problems.length > 0) throw liveNameError(resolution.problems);

  const constants = decodeLiveData(snapshot) as Record<string, unknown>;
  const { names, bindings } = liveBindings(resolution.libraryAliases, resolution.exportsFromLibrary, constants, lib);
  const compiled = compileLiveFunction(source, names, bindings);
  const randomGenerator = lib.randomGenerator as (seed: number) => unknown;
  const run = (values: Record<string, number>, s: number): Figure => {
    const fig = compiled(values, randomGenerator(s), s);
    validateFigure(fig, "liveFigure (the figure fn returned)");
    return fig;
  };
  const first = toPlainJson(run(sliderValues(sliders, sliders.map((s) => s.index)), seed));
  const spec: LiveSpec = {
    source,
    sliders,
    libraryAliases: resolution.libraryAliases,
    exportsFromLibrary: resolution.exportsFromLibrary,
    constants: snapshot,
    seed,
    sampleButton: options.sampleButton ?? true,
    sampleLabel: localized({ en: "new sample", ja: "新しいサンプル" }),
    seedLabel: localized({ en: "seed", ja: "シード" }),
    worker: options.worker ?? false,
    language: currentLanguage(),
    figure: first,
  };
  return { spec, run };
}

/**
 * Shows a figure with sliders that recompute it in the page: `params` declares the sliders by name
 * (`{ sigmaW: { min: 0.5, max: 3, step: 0.05, value: 1.4, label: "σ_w" } }`), `fn(values, rng, seed)` returns the
 * figure for the slider values. See the module comment for what `fn` may use; anything else stops the cell with
 * a message naming it and the fix.
 */
export function liveFigure(params: Record<string, LiveParameter>, fn: LiveFigureFunction, options: LiveFigureOptions = {}): void {
  const { spec } = prepareLiveFigure(params, fn, options);
  ensurePlotlyLoaded();
  if (loaderGeneration !== displaySinkGeneration()) loadLiveFigures();
  const summary = `Live ${figureSummary(spec.figure as Figure)}; sliders: ${spec.sliders.map((s) => s.label).join(", ")}`;
  displayBundle(liveFigureBundle(spec, summary));
}
