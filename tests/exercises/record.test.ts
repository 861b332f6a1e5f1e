import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { check, checkRecord, runCheck, setCheckPrinter, setCheckResultSink, CHECK_MIMETYPE, type CheckResult } from "../../src/exercises/index";
import { clearCheckRecord } from "../../src/exercises/check";

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe("the record of check outcomes (for check.summary and the grader)", () => {
  let printed: string[] = [];
  let previous: (line: string) => void;
  beforeEach(() => {
    printed = [];
    previous = setCheckPrinter((line) => printed.push(line));
    clearCheckRecord();
  });
  afterEach(() => {
    setCheckPrinter(previous);
    clearCheckRecord();
  });

  it("records every real check call with its exercise id, result and message", () => {
    check.mean(sum);
    check.mean(mean);
    const record = checkRecord();
    expect(record.map((r) => [r.exercise, r.passed])).toEqual([["mean", false], ["mean", true]]);
    expect(record[0].message).toMatch(/returned the sum/);
  });

  it("check.summary counts each exercise by its latest result", () => {
    check.mean(sum);
    check.quarterCircle(() => 0);
    expect(String(check.summary())).toBe("0 of 2 exercises pass (not yet: mean, quarterCircle)");
    check.mean(mean);
    const summary = check.summary();
    expect(summary.line).toBe("1 of 2 exercises pass (not yet: quarterCircle)");
    expect([summary.passed, summary.checked]).toEqual([1, 2]);
    expect(printed[printed.length - 1]).toBe("1 of 2 exercises pass (not yet: quarterCircle)");
  });

  it("says so when nothing was checked", () => {
    expect(check.summary().line).toMatch(/no exercise checked yet/);
  });

  it("ignores a check replaced by the student and a direct runCheck call", () => {
    const fake = { ...check, mean: () => ({ passed: true }) };
    fake.mean();
    runCheck("mean", () => "looks right");
    expect(checkRecord()).toEqual([]);
    expect(check.summary().line).toMatch(/no exercise checked yet/);
  });

  it("returns a copy: editing it does not change the record", () => {
    check.mean(sum);
    const copy = checkRecord();
    copy[0].passed = true;
    copy.push({ exercise: "x", notebook: null, passed: true, message: "" });
    expect(checkRecord().map((r) => r.passed)).toEqual([false]);
  });

  it("sends the structured result to the sink, and prints only when the sink declines", () => {
    const seen: CheckResult[] = [];
    const before = setCheckResultSink((result) => { seen.push(result); return true; });
    try {
      check.mean(mean);
      expect(printed).toEqual([]);
      expect(seen).toEqual([{ exercise: "mean", notebook: process.env.JPY_SESSION_NAME || process.env.PDL_NOTEBOOK || null, passed: true, message: "correct on 3 arrays" }]);
      setCheckResultSink(() => false);
      check.mean(mean);
      expect(printed).toEqual(["✓ mean: correct on 3 arrays"]);
    } finally {
      setCheckResultSink(before);
    }
    expect(CHECK_MIMETYPE).toBe("application/vnd.pdl.check+json");
  });
});
