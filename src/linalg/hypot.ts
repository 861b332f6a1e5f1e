/**
 * √(x² + y²) for the plane rotations of the QL and QR iterations. `Math.hypot` is exact but slow in V8
 * (it handles any number of arguments and guards every one); the rotations call it O(n²) times. Here the
 * direct formula is used when x² + y² can neither overflow nor underflow (rounding error ≤ 1 ulp or so),
 * and `Math.hypot` otherwise.
 */
export function hypot(x: number, y: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const big = ax > ay ? ax : ay;
  if (big < 1e150 && big > 1e-150) return Math.sqrt(x * x + y * y);
  return Math.hypot(x, y);
}

