/**
 * What a live figure is made of, shared by the kernel (plot/live.ts) and the page (plot/livePage.ts), so both
 * compute the same picture from the same numbers:
 *
 * - the sliders: a parameter `{ min, max, step }` takes the values `min + k·step`, k = 0, 1, …, rounded to the
 *   step's decimals (so 0.1 + 0.2 shows as 0.3 in both places);
 * - the data copied to the page: plain JSON, with typed arrays written `{ "$typed": "Float64Array", "values": […] }`;
 * - the function: its source text compiled with `new Function`, with exactly the names the kernel resolved
 *   (the library, `exports` for names of earlier cells, the constants) as its only outside names.
 *
 * Nothing here needs Node or a DOM.
 */

/** One slider as the page receives it (`count` positions, `index` the one shown first). */
export interface LiveSlider {
  name: string;
  label: string;
  min: number;
  step: number;
  count: number;
  index: number;
  decimals: number;
}

/**
 * What the page needs to run one live figure, as the kernel sends it (JSON): the function's source, the sliders,
 * the names it takes from the library, the data snapshot, the seed, the labels, and the first figure.
 */
export interface LiveSpec {
  source: string;
  sliders: LiveSlider[];
  libraryAliases: string[];
  exportsFromLibrary: string[];
  constants: unknown;
  seed: number;
  sampleButton: boolean;
  sampleLabel: string;
  seedLabel: string;
  worker: boolean;
  language: string;
  figure: { data: unknown[]; layout?: unknown; config?: unknown };
}

/** Decimal places of a step such as 0.05 (2) or 1e-3 (3); at most 12. */
export function stepDecimals(step: number): number {
  for (let d = 0; d <= 12; d++) {
    if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9 * 10 ** d) return d;
  }
  return 12;
}

/** The value of slider position `k`: min + k·step, rounded to the step's decimals. */
export function sliderValue(slider: LiveSlider, k: number): number {
  return Number((slider.min + k * slider.step).toFixed(slider.decimals));
}

/** The values object `fn` receives: each slider's name with its current value. */
export function sliderValues(sliders: LiveSlider[], indices: number[]): Record<string, number> {
  const values: Record<string, number> = {};
  sliders.forEach((s, i) => (values[s.name] = sliderValue(s, indices[i])));
  return values;
}

const TYPED = ["Float64Array", "Float32Array", "Int32Array", "Int16Array", "Int8Array", "Uint32Array", "Uint16Array", "Uint8Array"];

/** Rebuilds typed arrays in data written by the kernel's snapshot (`{ "$typed": name, values }`). */
export function decodeLiveData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeLiveData);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const typed = record.$typed;
    if (typeof typed === "string" && TYPED.includes(typed) && Array.isArray(record.values)) {
      const Constructor = (globalThis as unknown as Record<string, { from(v: number[]): unknown }>)[typed];
      return Constructor.from(record.values as number[]);
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) out[key] = decodeLiveData(record[key]);
    return out;
  }
  return value;
}

/** The typed-array names the snapshot can carry. */
export const LIVE_TYPED_ARRAYS: readonly string[] = TYPED;

/** A live figure's function: `fn(values, rng, seed)` returns a figure. */
export type LiveFunction = (values: Record<string, number>, rng: unknown, seed: number) => unknown;

/**
 * Compiles the function's source text with `names` as its only outside names, bound to `bindings[name]`.
 * The source is data (a string), never pasted into a script element.
 */
export function compileLiveFunction(source: string, names: string[], bindings: Record<string, unknown>): LiveFunction {
  const make = new Function(...names, `"use strict";\nreturn (\n${source}\n);`) as (...args: unknown[]) => unknown;
  const fn = make(...names.map((n) => bindings[n]));
  if (typeof fn !== "function") throw new TypeError(`liveFigure: the source did not compile to a function`);
  return fn as LiveFunction;
}

/**
 * The names a live figure's function sees, bound: library aliases (`pdl_1`) → lib; `exports` (an earlier cell's
 * names) → the library names imported there and the constants; each constant by its own name.
 */
export function liveBindings(
  libraryAliases: string[],
  exportsFromLibrary: string[],
  constants: Record<string, unknown>,
  lib: Record<string, unknown>,
): { names: string[]; bindings: Record<string, unknown> } {
  const bindings: Record<string, unknown> = {};
  for (const alias of libraryAliases) bindings[alias] = lib;
  const exported: Record<string, unknown> = {};
  for (const name of exportsFromLibrary) exported[name] = lib[name];
  bindings.exports = Object.assign(exported, constants);
  for (const key of Object.keys(constants)) if (!(key in bindings)) bindings[key] = constants[key];
  return { names: Object.keys(bindings), bindings };
}
