/**
 * The 1-nearest-neighbour rule, a classifier without learning: a test point a gets the label of the closest
 * training point b in Euclidean distance,
 *
 *   ŷ(a) = y_{m*},   m* = argmin_m ‖a − x_m‖².
 *
 * Expanding ‖a − b‖² = ‖a‖² − 2⟨a, b⟩ + ‖b‖², all the inner products of a block of test points with the
 * training set are one matrix product A Bᵀ (`gemm`), and ‖a‖² is the same for every candidate b, so it is
 * dropped: m* = argmin_m (‖x_m‖² − 2⟨a, x_m⟩). Points are the rows of flat row-major arrays of `dim` columns.
 * Ties go to the first (smallest) index.
 */
import { gemm } from "../linalg/gemm";
import { describe, requireInteger } from "../util/errors";

/** Test rows handled per matrix product: the block of inner products holds `BLOCK × (training rows)` numbers. */
const BLOCK = 256;

function rowsOf(name: string, values: Float64Array, dim: number): number {
  if (!(values instanceof Float64Array)) throw new TypeError(`nearestNeighbour: ${name} must be a Float64Array, got ${describe(values)}`);
  if (values.length % dim !== 0) {
    throw new RangeError(`nearestNeighbour: ${name} has length ${values.length}, not a multiple of dim = ${dim}`);
  }
  return values.length / dim;
}

/**
 * For each row a of `testX`, the index m* of the closest row of `trainX` (Euclidean distance):
 * an Int32Array with one index per test row.
 */
export function nearestNeighbourIndices(trainX: Float64Array, testX: Float64Array, dim: number): Int32Array {
  requireInteger("nearestNeighbour: dim", dim, 1);
  const n = rowsOf("trainX", trainX, dim);
  const m = rowsOf("testX", testX, dim);
  if (n === 0) throw new RangeError("nearestNeighbour: trainX has no rows; there is no neighbour to find");
  const trainNormSq = new Float64Array(n); // ‖x_j‖²
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < dim; k++) s += trainX[j * dim + k] ** 2;
    trainNormSq[j] = s;
  }
  const nearest = new Int32Array(m);
  const inner = new Float64Array(Math.min(BLOCK, m) * n);
  for (let start = 0; start < m; start += BLOCK) {
    const rows = Math.min(BLOCK, m - start);
    const block = testX.subarray(start * dim, (start + rows) * dim);
    gemm(false, true, rows, n, dim, 1, block, trainX, 0, inner); // inner[i·n + j] = ⟨a_i, x_j⟩
    for (let i = 0; i < rows; i++) {
      let best = 0;
      let bestScore = trainNormSq[0] - 2 * inner[i * n];
      for (let j = 1; j < n; j++) {
        const score = trainNormSq[j] - 2 * inner[i * n + j]; // ‖a − x_j‖² − ‖a‖²
        if (score < bestScore) {
          best = j;
          bestScore = score;
        }
      }
      nearest[start + i] = best;
    }
  }
  return nearest;
}

/**
 * The 1-nearest-neighbour prediction ŷ(a) = y_{m*} for each row a of `testX`: the label `trainLabels[m*]` of
 * the closest row of `trainX`. `dim` is the length of a row (784 for MNIST digits).
 */
export function nearestNeighbourLabels(
  trainX: Float64Array,
  trainLabels: ArrayLike<number>,
  testX: Float64Array,
  dim: number,
): Int32Array {
  requireInteger("nearestNeighbour: dim", dim, 1);
  const n = rowsOf("trainX", trainX, dim);
  if (trainLabels == null || trainLabels.length !== n) {
    throw new RangeError(`nearestNeighbourLabels: trainLabels must have one label per training row (${n}), got ${describe(trainLabels)}`);
  }
  const indices = nearestNeighbourIndices(trainX, testX, dim);
  return Int32Array.from(indices, (j) => trainLabels[j]);
}
