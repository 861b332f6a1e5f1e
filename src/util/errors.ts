/**
 * Clear errors for bad input. Every public function checks its arguments before it changes any state and
 * throws an error that names the argument, what was expected and what came (shapes, for arrays).
 */

/** A short description of a value for an error message: `3`, `"abc"`, `NaN`, `a Float64Array of length 4`. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" || value == null) {
    return String(value);
  }
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  const shape = (value as { shape?: unknown }).shape;
  if (Array.isArray(shape)) return `an array of shape [${shape.join(", ")}]`;
  if (typeof value === "function") return "a function";
  return `a ${(value as object).constructor?.name ?? typeof value}`;
}

/** `[2, 3]` → `"[2, 3]"`. */
export function formatShape(shape: readonly number[]): string {
  if (!Array.isArray(shape)) throw new TypeError(`formatShape: shape must be an array of integers, got ${describe(shape)}`);
  return `[${shape.join(", ")}]`;
}

/** Throws unless `value` is a finite number. */
export function requireFinite(name: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new TypeError(`${name} must be a finite number, got ${describe(value)}`);
  }
}

/** Throws unless `value` is a finite number > 0. */
export function requirePositive(name: string, value: unknown): asserts value is number {
  requireFinite(name, value);
  if (value <= 0) throw new RangeError(`${name} must be > 0, got ${value}`);
}

/** Throws unless `value` is an integer ≥ `min` (default 0). */
export function requireInteger(name: string, value: unknown, min = 0): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${describe(value)}`);
  }
}

/**
 * The index of the first NaN or ±∞ among `values`, or −1 when every entry is finite.
 * The usual answer, −1, is found in one cheap pass: x·0 is 0 for every finite x and NaN for NaN and ±∞, so a sum
 * of the x·0 is 0 exactly when all entries are finite (four sums, so that the additions need not wait for each
 * other); only when it is not is the entry searched for.
 */
export function firstNonFinite(values: ArrayLike<number>): number {
  if (values == null || typeof values !== "object" || typeof values.length !== "number") {
    throw new TypeError(`firstNonFinite: values must be an array of numbers, got ${describe(values)}`);
  }
  const n = values.length;
  const n4 = n - (n % 4);
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < n4; i += 4) {
    s0 += values[i] * 0;
    s1 += values[i + 1] * 0;
    s2 += values[i + 2] * 0;
    s3 += values[i + 3] * 0;
  }
  for (let i = n4; i < n; i++) s0 += values[i] * 0;
  if (s0 + s1 + s2 + s3 === 0) return -1;
  for (let i = 0; i < n; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

/** Throws unless every entry of `values` is finite; names the first bad index. */
export function requireAllFinite(name: string, values: ArrayLike<number>): void {
  if (values == null || typeof values !== "object" || typeof values.length !== "number") {
    throw new TypeError(`${name} must be an array of numbers, got ${describe(values)}`);
  }
  const i = firstNonFinite(values);
  if (i >= 0) throw new RangeError(`${name} must contain only finite numbers, but entry ${i} is ${values[i]}`);
}

/** Throws a shape error naming both shapes: `matmul: A is [2, 3] but B is [4, 5]; A's columns must equal B's rows`. */
export function shapeMismatch(
  where: string,
  nameA: string,
  shapeA: readonly number[],
  nameB: string,
  shapeB: readonly number[],
  rule: string,
): never {
  throw new RangeError(
    `${where}: ${nameA} has shape ${formatShape(shapeA)} but ${nameB} has shape ${formatShape(shapeB)}; ${rule}`,
  );
}

/** Throws unless `value` is a (non-array) object, e.g. an options object: `${where}: ${name} must be …, got …`. */
export function requireObject(where: string, name: string, value: unknown, expected = "an object"): asserts value is object {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`${where}: ${name} must be ${expected}, got ${describe(value)}`);
  }
}

/** Throws unless `value` is an array or typed array of numbers (entries may be any number, NaN included). */
export function requireNumberArray(name: string, value: unknown): asserts value is ArrayLike<number> {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new TypeError(`${name} must be an array of numbers, got ${describe(value)}`);
  }
  const list = value as ArrayLike<unknown>;
  for (let i = 0; i < list.length; i++) {
    if (typeof list[i] !== "number") throw new TypeError(`${name} must be an array of numbers, but entry ${i} is ${describe(list[i])}`);
  }
}
