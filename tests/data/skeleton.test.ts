import { describe, expect, it } from "vitest";
import { inspect } from "node:util";
import { SKELETON_BONES, SKELETON_JOINTS, SKELETON_MOTIONS, skeletonMotion } from "../../src/data/index";

function boneLength(seq: ReturnType<typeof skeletonMotion>, t: number, [a, b]: readonly [number, number]): number {
  const p = seq.joint(t, a);
  const q = seq.joint(t, b);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

describe("3D skeleton motions", () => {
  it("are T × J × 3 arrays with a bone list", () => {
    for (const motion of SKELETON_MOTIONS) {
      const seq = skeletonMotion(motion, { frames: 45, fps: 15 });
      expect(seq.positions.shape).toEqual([45, SKELETON_JOINTS.length, 3]);
      expect(seq.toVector().length).toBe(45 * 16 * 3);
      for (const v of seq.positions.data) expect(Number.isFinite(v)).toBe(true);
      expect(inspect(seq)).toMatch(/^SkeletonSequence\("[a-z-]+": 45 frames × 16 joints × 3/);
    }
    for (const [a, b] of SKELETON_BONES) expect(a < SKELETON_JOINTS.length && b < SKELETON_JOINTS.length).toBe(true);
  });

  it("keep every bone's length over time (rigid limbs) and stay above the floor", () => {
    for (const motion of SKELETON_MOTIONS) {
      const seq = skeletonMotion(motion, { frames: 60 });
      for (const bone of SKELETON_BONES) {
        const l0 = boneLength(seq, 0, bone);
        expect(l0).toBeGreaterThan(0.05);
        for (let t = 1; t < seq.frames; t++) expect(boneLength(seq, t, bone)).toBeCloseTo(l0, 12);
      }
      for (let t = 0; t < seq.frames; t++) for (let j = 0; j < 16; j++) expect(seq.joint(t, j)[2]).toBeGreaterThan(-0.01);
    }
  });

  it("walking moves forward and swings the legs; waving raises the right hand above the head", () => {
    const walk = skeletonMotion("walk", { frames: 60, fps: 30 });
    expect(walk.joint(59, 0)[1] - walk.joint(0, 0)[1]).toBeGreaterThan(1);
    const leftFootAhead = Array.from({ length: 60 }, (_, t) => walk.joint(t, 12)[1] - walk.joint(t, 15)[1]);
    expect(Math.max(...leftFootAhead)).toBeGreaterThan(0.3);
    expect(Math.min(...leftFootAhead)).toBeLessThan(-0.3);
    const wave = skeletonMotion("wave", { frames: 60, fps: 30 });
    expect(wave.joint(30, 9)[2]).toBeGreaterThan(wave.joint(30, 3)[2]);
    const handX = Array.from({ length: 30 }, (_, t) => wave.joint(30 + t, 9)[0]);
    expect(Math.max(...handX) - Math.min(...handX)).toBeGreaterThan(0.1);
    expect(() => skeletonMotion("dance" as never)).toThrow(/motion must be one of "walk"/);
    expect(() => skeletonMotion("walk", { frames: 0 })).toThrow(/frames must be an integer ≥ 1/);
  });
});
