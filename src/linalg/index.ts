/**
 * Linear algebra on row-major float64 matrices (`Matrix` = ndarray over a Float64Array):
 * creation, products (through the packed, blocked `gemm`), norms, and the decompositions the lectures use:
 * Householder QR, linear systems and least squares (`solve`, `lstsq`, `solveTriangular`), the symmetric
 * eigenproblem, the SVD.
 */
export { gemm, setGemmKernel, gemmKernel } from "./gemm";
export { setGemmThreads, gemmThreads, gemmThreadsReady } from "./gemmThreads";
export type { Matrix, MatrixInput, VectorInput, FormatOptions, StridedMatrix, DenseMatrixLike } from "./matrix";
export {
  isMatrix,
  isContiguous,
  stridedView,
  asMatrix,
  asVector,
  fromFloat64,
  zeros,
  eye,
  matrix,
  toNested,
  cloneMatrix,
  formatMatrix,
} from "./matrix";
export {
  transpose,
  matmul,
  matmulTN,
  matmulNT,
  matvec,
  matvecT,
  add,
  sub,
  scale,
  vectorNorm,
  frobeniusNorm,
  spectralNorm,
  trace,
  diag,
} from "./ops";
export { qr } from "./qr";
export { lstsq, solve, solveTriangular } from "./solve";
export type { LstsqOptions, TriangularOptions } from "./solve";
export type { QR, QrOptions } from "./qr";
export { eigh, eigvalsh } from "./eigh";
export type { Eigh } from "./eigh";
export { svd, svdvals } from "./svd";
export type { SVD } from "./svd";
export { jacobiSvd } from "./jacobi";
export type { JacobiSVD } from "./jacobi";
