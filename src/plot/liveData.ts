/**
 * The snapshot of a live figure's constants: plain data copied into the page as JSON. Numbers (finite), strings,
 * booleans, null, arrays, plain objects and typed arrays pass; anything else (a Matrix, a random generator, a
 * function, a class instance) is refused with a message that names it and says what to pass instead.
 */
import { describe } from "../util/errors";
import { LIVE_TYPED_ARRAYS } from "./liveSource";

/** Writes `value` as JSON data (typed arrays as `{ "$typed", "values" }`); throws naming `path` for anything else. */
export function snapshotLiveData(value: unknown, path: string, seen: Set<object> = new Set()): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`liveFigure: ${path} is ${value}; only finite numbers can be copied to the page (JSON has no ${value})`);
    return value;
  }
  if (typeof value === "function") {
    throw new TypeError(
      `liveFigure: ${path} is a function; only data can be copied to the page. Define the function inside the ` +
        `live figure's function (or use one of the library's).`,
    );
  }
  if (typeof value !== "object") throw new TypeError(`liveFigure: ${path} is ${describe(value)}; only plain data can be copied to the page`);
  if (seen.has(value)) throw new TypeError(`liveFigure: ${path} refers back to itself (a cycle); only tree-shaped data can be copied`);
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor.name;
    if (!LIVE_TYPED_ARRAYS.includes(name)) throw new TypeError(`liveFigure: ${path} is ${describe(value)}; pass Array.from(…) of it`);
    const values = Array.from(value as unknown as ArrayLike<number>);
    values.forEach((v, i) => snapshotLiveData(v, `${path}[${i}]`));
    return { $typed: name, values };
  }
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v, i) => snapshotLiveData(v, `${path}[${i}]`, seen));
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new TypeError(notPlain(value, path));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = snapshotLiveData(v, `${path}.${key}`, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

function notPlain(value: object, path: string): string {
  const name = value.constructor?.name ?? "object";
  if (name === "RandomGenerator") {
    return (
      `liveFigure: ${path} is a random generator; its state cannot be copied to the page. Use the generator the ` +
      `function receives as its second argument (seeded by options.seed, advanced by the "new sample" button).`
    );
  }
  if (Array.isArray((value as { shape?: unknown }).shape)) {
    return (
      `liveFigure: ${path} is a matrix (${describe(value)}), not plain data. Pass what makes it (its size and a ` +
        `seed) and build it inside the function, or pass toNested(…) of it and rebuild it with matrix(…).`
    );
  }
  return `liveFigure: ${path} is a ${name} object, not plain data (numbers, strings, arrays, plain objects): pass the numbers it holds instead.`;
}
