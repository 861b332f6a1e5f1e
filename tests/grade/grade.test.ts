/**
 * The grader end to end: a folder of submissions made from a real notebook (correct, partly correct, each
 * failure mode, a tampered one) is graded in real kernels; the exact gradebook, the feedback and the summary
 * are checked, and the pages are opened in Chromium.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findNotebooks } from "../../src/notebook/find";
import { gradeSubmissions, writeReports } from "../../src/grade/index";
import { renderInBrowser } from "../helpers/browser";
import { chromiumPath, requireTool } from "../helpers/tools";
import { EXPECTED_GRADEBOOK, writeSubmissions } from "./submissions";

describe("npm run grade: a folder of 12 submissions", () => {
  it("grades each one, survives every failure mode, and writes the exact gradebook and readable pages", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pdl-grade-test-"));
    try {
      const folder = writeSubmissions(join(dir, "submissions"));
      const progress: string[] = [];
      const book = await gradeSubmissions(findNotebooks(folder), {
        relativeTo: folder,
        cellTimeoutSeconds: 20, // the infinite loop costs this much; generous for a loaded machine
        memoryMb: 400,
        concurrency: 2,
        onProgress: (done, n, r) => progress.push(`${done}/${n} ${r.file} ${r.status}`),
      });
      const out = join(dir, "graded");
      const written = writeReports(book, out);
      const csv = readFileSync(written.csv, "utf8");
      expect(csv).toBe(EXPECTED_GRADEBOOK);
      expect(progress).toHaveLength(12);
      expect(progress[11]).toMatch(/^12\/12 /);

      const by = (file: string) => book.submissions.find((s) => s.file === file)!;
      // the grade comes from the grader's own final cell when the kernel lives, from the log when it died
      expect(by("01-correct.ipynb").recordFrom).toBe("final-cell");
      expect(by("07-infinite-loop.ipynb").recordFrom).toBe("final-cell");
      expect(by("08-memory.ipynb").recordFrom).toBe("log");
      expect(by("09-exit.ipynb").recordFrom).toBe("log");
      // the hint the student saw, and where the run stopped
      expect(by("02-partly.ipynb").outcomes.mpEdges.message).toMatch(/involve √λ/);
      expect(by("05-syntax-error.ipynb").failure?.cell).toBe(3);
      expect(by("06-exception.ipynb").failure?.message).toMatch(/not finished/);
      expect(by("04-reordered.ipynb").failure?.kind).toBe("diagnostic");
      expect(by("11-invalid-json.ipynb").detail).toMatch(/not valid JSON/);
      expect(by("12-other-course.ipynb").detail).toMatch(/python notebook/);
      // tampering: neither the saved output, nor the printed mimetype, nor a direct runCheck, nor a replaced check counts
      expect(by("10-tampered.ipynb").outcomes.quarterCircle.passed).toBe(false);
      expect(by("10-tampered.ipynb").outcomes.mpEdges).toBeUndefined();

      const partly = readFileSync(join(out, "feedback", "02-partly.html"), "utf8");
      expect(partly).toMatch(/involve √λ/);
      expect(partly).toMatch(/<strong>1 of 2<\/strong> exercises pass/);
      const syntax = readFileSync(join(out, "feedback", "05-syntax-error.html"), "utf8");
      expect(syntax).toMatch(/Where the run stopped/);
      expect(syntax).toMatch(/Cell 3 \(code cell 2\)/);
      const summary = readFileSync(written.summary, "utf8");
      expect(summary).toMatch(/involve √λ/);

      // the pages render: the summary's bar chart is drawn by the inlined plotly.js, no script errors
      if (!requireTool("Chromium", chromiumPath, "apt-get install chromium")) return;
      const page = await renderInBrowser(written.summary);
      expect(page.errors).toEqual([]);
      expect(page.figureDivs).toBe(1);
      expect(page.drawn).toBe(1);
      for (const file of written.feedback) expect((await renderInBrowser(file)).errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 900_000);
});
