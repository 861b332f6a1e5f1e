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
}

type Exports = {
  memory: WebAssembly.Memory;
  dotAxpy4(a: number, ld: number, len: number, v: number, y: number, u0: number, u1: number, u2: number, u3: number, out: number): void;
  dot4(a: number, ld: number, len: number, v: number, out: number): void;
  axpy4(a: number, ld: number, len: number, y: number, u0: number, u1: number, u2: number, u3: number): void;
};

let kernel: Exports | null | undefined;
let enabled = true;

/** Turns the WebAssembly kernels off (the plain loops of the callers run instead) or on; for tests and comparisons. */
export function setMatvecWasm(on: boolean): void {
  enabled = on;
}

function load(): Exports | null {
  try {
    const bytes = Uint8Array.from(atob(matvecKernelWasmBase64), (ch) => ch.charCodeAt(0));
    if (!WebAssembly.validate(bytes)) return null;
    return new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as Exports;
  } catch {
    return null;
  }
}

/** A view of the kernel's memory with room for `size` float64 numbers (old contents not kept), or null. */
export function matvecWorkspace(size: number): MatvecWorkspace | null {
  if (kernel === undefined) kernel = load();
  const k = kernel;
  if (!enabled || !k || size * 8 > 2 ** 31) return null;
  const have = k.memory.buffer.byteLength;
  if (size * 8 > have) k.memory.grow(Math.ceil((size * 8 - have) / 65536));
  const heap = new Float64Array(k.memory.buffer, 0, size);
  return {
    heap,
    dotAxpy4: (row, ld, len, v, y, u0, u1, u2, u3, out) => k.dotAxpy4(row * 8, ld * 8, len, v * 8, y * 8, u0, u1, u2, u3, out * 8),
    dot4: (row, ld, len, v, out) => k.dot4(row * 8, ld * 8, len, v * 8, out * 8),
    axpy4: (row, ld, len, y, u0, u1, u2, u3) => k.axpy4(row * 8, ld * 8, len, y * 8, u0, u1, u2, u3),
  };
}
