import { describe, expect, it } from "vitest";
import { skeletonMotion, SKELETON_JOINTS } from "../../src/data/index";

describe("skeleton velocities (3D + 3D per joint)", () => {
  it("the walking pelvis moves forward at the generator's 1.1 m/s, and velocities are central differences", () => {
    const walk = skeletonMotion("walk", { frames: 60, fps: 30 });
    const v = walk.velocities();
    expect(v.shape).toEqual([60, 16, 3]);
    for (let t = 0; t < 60; t++) expect(v.get(t, 0, 1)).toBeCloseTo(1.1, 10); // pelvis y = 1.1 t exactly
    const t = 17;
    const j = SKELETON_JOINTS.indexOf("right hand");
    for (let k = 0; k < 3; k++) expect(v.get(t, j, k)).toBeCloseTo(((walk.joint(t + 1, j)[k] - walk.joint(t - 1, j)[k]) * 30) / 2, 12);
    expect(v.get(0, j, 2)).toBeCloseTo((walk.joint(1, j)[2] - walk.joint(0, j)[2]) * 30, 12);
    expect(v.get(59, j, 2)).toBeCloseTo((walk.joint(59, j)[2] - walk.joint(58, j)[2]) * 30, 12);
  });

  it("converge to the time derivative as the frame rate grows (second order inside)", () => {
    const at = (fps: number) => skeletonMotion("wave", { frames: Math.round(0.8 * fps) + 2, fps }).velocities();
    const j = SKELETON_JOINTS.indexOf("right hand");
    // the same instant t = 0.8 s at 100, 200 and 400 fps: the differences shrink by about 4 per doubling
    const values = [100, 200, 400].map((fps) => at(fps).get(Math.round(0.8 * fps), j, 0));
    const e1 = Math.abs(values[0] - values[2]);
    const e2 = Math.abs(values[1] - values[2]);
    expect(e1 / e2).toBeGreaterThan(3);
    expect(e1 / e2).toBeLessThan(6);
  });

  it("positionsAndVelocities puts the 3 + 3 numbers of each joint side by side", () => {
    const wave = skeletonMotion("wave", { frames: 20, fps: 30 });
    const both = wave.positionsAndVelocities();
    const v = wave.velocities();
    expect(both.shape).toEqual([20, 16, 6]);
    expect([0, 1, 2].map((k) => both.get(7, 9, k))).toEqual(wave.joint(7, 9));
    expect([3, 4, 5].map((k) => both.get(7, 9, k))).toEqual([0, 1, 2].map((k) => v.get(7, 9, k)));
    expect(Array.from(skeletonMotion("walk", { frames: 1 }).velocities().data).every((x) => x === 0)).toBe(true);
  });
});
