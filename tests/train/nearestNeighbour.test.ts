import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { nearestNeighbourIndices, nearestNeighbourLabels } from "../../src/train/index";
import { randomGenerator } from "../../src/random/index";

/** The definition, one distance at a time: argmin_m ‖a − x_m‖², first index on ties. */
function bruteForce(trainX: Float64Array, testX: Float64Array, dim: number): number[] {
  const n = trainX.length / dim;
  return Array.from({ length: testX.length / dim }, (_, i) => {
    let best = 0;
    let bestD = Infinity;
    for (let j = 0; j < n; j++) {
      let d = 0;
      for (let k = 0; k < dim; k++) d += (testX[i * dim + k] - trainX[j * dim + k]) ** 2;
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    return best;
  });
}

describe("nearestNeighbour", () => {
  it("finds the closest point in a small exact case (ties to the first index)", () => {
    const train = Float64Array.from([0, 0, 10, 0, 0, 10, 10, 0]); // (0,0), (10,0), (0,10), (10,0) again
    const test = Float64Array.from([1, 1, 9, -1, -2, 8, 5, 5.5]);
    expect(Array.from(nearestNeighbourIndices(train, test, 2))).toEqual([0, 1, 2, 2]);
    expect(Array.from(nearestNeighbourLabels(train, [7, 3, 5, 9], test, 2))).toEqual([7, 3, 5, 5]);
  });

  it("agrees with the brute-force argmin on random points, across block boundaries", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 1e6 }), (n, m, dim, seed) => {
          const rng = randomGenerator(seed);
          const train = rng.normalArray(n * dim, 0, 1);
          const test = rng.normalArray(m * dim, 0, 1);
          expect(Array.from(nearestNeighbourIndices(train, test, dim))).toEqual(bruteForce(train, test, dim));
        }),
      { numRuns: 30 },
    );
  });

  it("a training point is its own nearest neighbour", () => {
    const train = randomGenerator(3).normalArray(50 * 8, 0, 1);
    expect(Array.from(nearestNeighbourIndices(train, train, 8))).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("rejects bad input with the argument's name", () => {
    const x = new Float64Array(6);
    expect(() => nearestNeighbourIndices(x, x, 4)).toThrow(/trainX has length 6, not a multiple of dim = 4/);
    expect(() => nearestNeighbourIndices(x, x, 0)).toThrow(/dim must be an integer ≥ 1/);
    expect(() => nearestNeighbourIndices(new Float64Array(0), x, 2)).toThrow(/no rows/);
    expect(() => nearestNeighbourLabels(x, [1, 2], x, 2)).toThrow(/one label per training row \(3\)/);
    expect(() => nearestNeighbourIndices([1, 2] as unknown as Float64Array, x, 2)).toThrow(/must be a Float64Array/);
  });
});
