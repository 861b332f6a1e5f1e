/**
 * Instructor cases: extra inputs, not distributed, that the grader tries on each answer beside the public check.
 * An answer tuned to the public inputs passes the check in the notebook but not the grade.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileSync, mkdirSync } from "node:fs";
import { findNotebooks } from "../../src/notebook/find";
import { gradeSubmissions, gradebookCsv } from "../../src/grade/index";
import { SUBMISSIONS } from "./submissions";
import { check, runInstructorCases, setCheckPrinter } from "../../src/exercises/index";

const CASES = {
  quarterCircle: [{ args: [1], expected: Math.sqrt(3) / Math.PI }],
  mpEdges: [{ args: [4], expected: [1, 9] }],
};

describe("instructor cases", () => {
  it("runInstructorCases refuses cases that are not an object, and gives no result for none", () => {
    expect(() => runInstructorCases(null as never)).toThrow(/runInstructorCases: cases must be an object/);
    expect(() => runInstructorCases([] as never)).toThrow(/cases must be an object/);
    expect(runInstructorCases({})).toEqual([]);
  });

  it("runInstructorCases tries the answer last passed to each check", () => {
    const previous = setCheckPrinter(() => {});
    try {
      // public inputs are λ ≤ 1 only; this answer is right there and wrong beyond
      check.mpEdges((l: number) => (l <= 1 ? [(1 - Math.sqrt(l)) ** 2, (1 + Math.sqrt(l)) ** 2] : [0, 4]));
      const [mp, qc] = runInstructorCases({ mpEdges: CASES.mpEdges, quarterCircle: CASES.quarterCircle });
      expect(mp.passed).toBe(false);
      expect(mp.message).toBe("instructor case 1 of 1: mpEdges(4) returned [0,4], expected [1,9]");
      check.mpEdges((l: number) => [(1 - Math.sqrt(l)) ** 2, (1 + Math.sqrt(l)) ** 2]);
      expect(runInstructorCases({ mpEdges: CASES.mpEdges })[0].passed).toBe(true);
      expect(qc.passed).toBe(false); // never checked in this process
      expect(qc.message).toMatch(/not called/);
    } finally {
      setCheckPrinter(previous);
    }
  });

  it("the grader counts an exercise only when the check passed and every instructor case matches", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pdl-grade-cases-"));
    try {
      const folder = join(dir, "in");
      mkdirSync(folder);
      writeFileSync(join(folder, "a.ipynb"), SUBMISSIONS["01-correct.ipynb"]);
      const tuned = JSON.parse(SUBMISSIONS["01-correct.ipynb"]);
      const mp = tuned.cells.find((c: any) => c.id === "e5a41c01");
      mp.source = mp.source.replace("return [", "return ratio > 1 ? [0, 4] : [");
      tuned.metadata.pdl.student_id = "tuned";
      writeFileSync(join(folder, "b.ipynb"), JSON.stringify(tuned));
      const book = await gradeSubmissions(findNotebooks(folder), { relativeTo: folder, cellTimeoutSeconds: 20, instructorCases: CASES });
      expect(gradebookCsv(book)).toBe(
        "id,file,quarterCircle,mpEdges,total,status\nalice,a.ipynb,1,1,2,ok\ntuned,b.ipynb,1,0,1,ok\n",
      );
      expect(book.submissions[1].outcomes.mpEdges.message).toBe("instructor case 1 of 1: mpEdges(4) returned [0,4], expected [1,9]");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
