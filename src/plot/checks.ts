/**
 * The one rule for numbers in figures, shared by `show` and the figure builders: every number must be finite
 * (NaN/±Infinity would vanish from the picture without a word, JSON has no NaN); `null` is a deliberate gap;
 * anything else (a string, an object) is refused. A figure must also be plain JSON: no BigInt, no cycles,
 * `frames` an array of `{ data: [...] }`.
 */
import { describe } from "../util/errors";

/**
 * Throws unless every entry of `values` is a finite number (or `null` when `allowNull`): the error names the
 * argument, the first bad index and the value.
 */
export function requireFigureNumbers(values: ArrayLike<unknown>, name: string, where: string, allowNull = true): void {
  let bad = 0;
  let first = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null && allowNull) continue;
    if (typeof v !== "number") {
      throw new TypeError(`${where}: ${name} must hold numbers, but entry ${i} is ${describe(v)}`);
    }
    if (!Number.isFinite(v)) {
      bad++;
      if (first < 0) first = i;
    }
  }
  if (bad > 0) {
    throw new RangeError(
      `${where}: ${name} has ${bad} non-finite value${bad > 1 ? "s" : ""} (first at index ${first}: ${String(values[first])}); ` +
        `plotly would silently drop ${bad > 1 ? "them" : "it"}. ` +
        (allowNull ? "Replace with null for a deliberate gap, or fix the computation." : "Filter them out first if that is what you mean, or fix the computation."),
    );
  }
}

/** Throws unless `fig` is plain JSON (no BigInt, no function, no cycle) with `frames` (if any) an array of objects. */
export function checkFigureStructure(fig: object, where: string): void {
  const frames = (fig as { frames?: unknown }).frames;
  if (frames !== undefined) {
    if (!Array.isArray(frames)) throw new TypeError(`${where}: fig.frames must be an array of frames { name, data: [...] }, got ${describe(frames)}`);
    frames.forEach((frame, i) => {
      if (frame === null || typeof frame !== "object" || Array.isArray(frame)) {
        throw new TypeError(`${where}: fig.frames[${i}] must be a frame object { name, data: [...] }, got ${describe(frame)}`);
      }
      const data = (frame as { data?: unknown }).data;
      if (data !== undefined && !Array.isArray(data)) throw new TypeError(`${where}: fig.frames[${i}].data must be an array of traces, got ${describe(data)}`);
    });
  }
  const path: string[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown, key: string): void => {
    if (typeof value === "bigint") throw new TypeError(`${where}: fig${key} is a BigInt (${value}n), which JSON cannot hold; convert it with Number(…)`);
    if (typeof value === "function") throw new TypeError(`${where}: fig${key} is a function, which a figure (plain JSON) cannot hold`);
    if (value === null || typeof value !== "object" || ArrayBuffer.isView(value)) return;
    if (seen.has(value)) throw new TypeError(`${where}: fig${key} refers back to an object that contains it (a cycle); a figure must be plain JSON`);
    seen.add(value);
    path.push(key);
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${key}[${i}]`));
    else for (const [k, v] of Object.entries(value)) visit(v, `${key}.${k}`);
    path.pop();
    seen.delete(value);
  };
  visit(fig, "");
}
