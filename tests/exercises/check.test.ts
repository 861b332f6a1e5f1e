import { describe, expect, it, beforeAll } from "vitest";
import { check, setCheckPrinter } from "../../src/exercises/index";

beforeAll(() => setCheckPrinter(() => {}));

describe("check.mean (the model for exercise checks)", () => {
  it("passes the reference solution", () => {
    expect(check.mean((xs) => xs.reduce((s, x) => s + x, 0) / xs.length).passed).toBe(true);
  });
  it("fails a typical wrong answer (the sum) with a hint, not the solution", () => {
    const outcome = check.mean((xs) => xs.reduce((s, x) => s + x, 0));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/returned the sum; divide by the number of entries/);
  });
  it("reports a thrown error and a non-function clearly", () => {
    expect(check.mean(() => { throw new Error("oops"); }).message).toMatch(/your code threw Error: oops/);
    expect(check.mean(3 as unknown as (xs: number[]) => number).message).toMatch(/pass your mean as a function/);
  });
});
