/**
 * Argument checks of the exported `gemm` (C ← α·op(A)·op(B) + β·C on raw row-major Float64Arrays).
 * Cheap (a few comparisons, no pass over the data) so that every product can afford them: a short buffer
 * would otherwise be read as `undefined` (NaN) or written past its end without a word.
 */
import { describe } from "../util/errors";

function requireSize(name: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`gemm: ${name} must be an integer ≥ 0, got ${describe(value)}`);
  }
}

function requireScalar(name: string, value: unknown): void {
  if (typeof value !== "number") throw new TypeError(`gemm: ${name} must be a number, got ${describe(value)}`);
}

function requireBuffer(name: string, value: unknown, needed: number, shape: string): void {
  if (!(value instanceof Float64Array)) {
    throw new TypeError(`gemm: ${name} must be a Float64Array, got ${describe(value)}`);
  }
  if (value.length < needed) {
    throw new RangeError(`gemm: ${name} must hold ${shape} = ${needed} numbers, got a Float64Array of length ${value.length}`);
  }
}

/** Throws a RangeError/TypeError naming the argument unless the sizes, scalars and buffers fit together. */
export function checkGemmArguments(
  transA: unknown,
  transB: unknown,
  m: unknown,
  n: unknown,
  k: unknown,
  alpha: unknown,
  a: unknown,
  b: unknown,
  beta: unknown,
  c: unknown,
): void {
  if (typeof transA !== "boolean") throw new TypeError(`gemm: transA must be a boolean, got ${describe(transA)}`);
  if (typeof transB !== "boolean") throw new TypeError(`gemm: transB must be a boolean, got ${describe(transB)}`);
  requireSize("m", m);
  requireSize("n", n);
  requireSize("k", k);
  requireScalar("alpha", alpha);
  requireScalar("beta", beta);
  const M = m as number, N = n as number, K = k as number;
  requireBuffer("a", a, M * K, transA ? `k×m = ${K}×${M}` : `m×k = ${M}×${K}`);
  requireBuffer("b", b, K * N, transB ? `n×k = ${N}×${K}` : `k×n = ${K}×${N}`);
  requireBuffer("c", c, M * N, `m×n = ${M}×${N}`);
}
