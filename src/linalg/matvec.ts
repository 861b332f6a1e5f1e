/**
 * The matrix–vector products of the blocked decompositions, four rows at a time, in WebAssembly SIMD
 * (matvec-kernel.wat) when the engine supports it. They are the part of the tridiagonal and bidiagonal
 * reductions that the matrix product cannot take over (each step needs A v for a new v), and they are bound
 * by the speed of reading A, which two doubles per instruction help.
 *
 * The kernel reads only its own memory, so the decomposition keeps its matrix and vectors there:
 * `matvecWorkspace(size)` returns a Float64Array view of that memory with room for `size` numbers (null
 * without WebAssembly SIMD, and then the callers use plain loops). Positions below are indices into that view.
 */
import { matvecKernelWasmBase64 } from "./matvecKernelWasm";

export interface MatvecWorkspace {
  heap: Float64Array;
  /** s_i = Σ_{c<len} A[r+i, c0+c] v[c0+c] for i = 0…3 (written to heap[out + i]) and y[c0+c] += Σ_i A[r+i, c0+c] u_i; `row` = the position of A[r, c0], rows `ld` apart. */
  dotAxpy4(row: number, ld: number, len: number, v: number, y: number, u0: number, u1: number, u2: number, u3: number, out: number): void;
  /** s_i = Σ_{c<len} A[r+i, c0+c] v[c0+c], written to heap[out + i]. */
  dot4(row: number, ld: number, len: number, v: number, out: number): void;
  /** y[c0+c] += Σ_i A[r+i, c0+c] u_i for c < len. */
  axpy4(row: number, ld: number, len: number, y: number, u0: number, u1: number, u2: number, u3: number): void;
  /**
   * The row update of the one-reflection-at-a-time QR (`householderQRStrided`, qrPanel.ts): for `rows` rows
   * from position `row` (the row's entry u in the reflector's column; rows `ld` apart), x ← x − u·z[0] for the
   * next entry x, and a_c ← a_c − u·z[c], y[c−1] += x·a_c for c = 1 … w−1. z needs room for 2w + 1 numbers.
   */
  reflectRows(row: number, ld: number, rows: number, w: number, z: number, y: number): void;
}

type Exports = {
  dotAxpy4(a: number, ld: number, len: number, v: number, y: number, u0: number, u1: number, u2: number, u3: number, out: number): void;
  dot4(a: number, ld: number, len: number, v: number, out: number): void;
  axpy4(a: number, ld: number, len: number, y: number, u0: number, u1: number, u2: number, u3: number): void;
  reflectRows(p: number, ld: number, rows: number, w: number, z: number, y: number): void;
};

let compiled: WebAssembly.Module | null | undefined;
let kernel: { memory: WebAssembly.Memory; exports: Exports } | null = null;
let enabled = true;

/** Turns the WebAssembly kernels off (the plain loops of the callers run instead) or on; for tests and comparisons. */
export function setMatvecWasm(on: boolean): void {
  enabled = on;
}

function compile(): WebAssembly.Module | null {
  try {
    const bytes = Uint8Array.from(atob(matvecKernelWasmBase64), (ch) => ch.charCodeAt(0));
    if (!WebAssembly.validate(bytes)) return null;
    return new WebAssembly.Module(bytes);
  } catch {
    return null;
  }
}

/**
 * The kernel on a memory of at least `bytes` bytes. A bigger memory is a new one with a new instance, never a
 * grown one: V8 reads typed arrays on a grown WebAssembly memory through a slower path, and once the matrix
 * product has seen such an array it stays about 6 % slower on every array (measured on Node 20).
 */
function kernelWith(bytes: number): { memory: WebAssembly.Memory; exports: Exports } | null {
  if (compiled === undefined) compiled = compile();
  if (!compiled) return null;
  if (kernel && kernel.memory.buffer.byteLength >= bytes) return kernel;
  try {
    const have = kernel ? kernel.memory.buffer.byteLength : 0;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(Math.max(bytes, 2 * have) / 65536) });
    const instance = new WebAssembly.Instance(compiled, { env: { memory } });
    kernel = { memory, exports: instance.exports as unknown as Exports };
  } catch {
    return null;
  }
  return kernel;
}

/** A view of the kernel's memory with room for `size` float64 numbers (old contents not kept), or null. */
export function matvecWorkspace(size: number): MatvecWorkspace | null {
  if (!enabled || size * 8 > 2 ** 31) return null;
  const made = kernelWith(size * 8);
  if (!made) return null;
  const k = made.exports;
  const heap = new Float64Array(made.memory.buffer, 0, size);
  return {
    heap,
    dotAxpy4: (row, ld, len, v, y, u0, u1, u2, u3, out) => k.dotAxpy4(row * 8, ld * 8, len, v * 8, y * 8, u0, u1, u2, u3, out * 8),
    dot4: (row, ld, len, v, out) => k.dot4(row * 8, ld * 8, len, v * 8, out * 8),
    axpy4: (row, ld, len, y, u0, u1, u2, u3) => k.axpy4(row * 8, ld * 8, len, y * 8, u0, u1, u2, u3),
    reflectRows: (row, ld, rows, w, z, y) => k.reflectRows(row * 8, ld * 8, rows, w, z * 8, y * 8),
  };
}
