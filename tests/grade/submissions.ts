/**
 * Submissions for the grader's tests, made from the real notebook day2/02-random-matrices: its exercise cells
 * (quarterCircle, mpEdges) with the reference answers of tests/exercises/day2-rmt.test.ts, a wrong answer, and
 * each failure mode a grader must survive. The notebook's long demonstration cells are left out so that the test
 * stays short (a student who deletes cells hands in the same kind of file).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const REAL = resolve(__dirname, "..", "..", "notebooks", "day2", "02-random-matrices.ipynb");

const QUARTER = "function quarterCircle(x: number): number {\n  return x < 0 || x > 2 ? 0 : Math.sqrt(4 - x * x) / Math.PI;\n}\ncheck.quarterCircle(quarterCircle);";
const MP = "function mpEdges(ratio: number): number[] {\n  return [(1 - Math.sqrt(ratio)) ** 2, (1 + Math.sqrt(ratio)) ** 2];\n}\ncheck.mpEdges(mpEdges);";
const MP_WRONG = "function mpEdges(ratio: number): number[] {\n  return [(1 - ratio) ** 2, (1 + ratio) ** 2];\n}\ncheck.mpEdges(mpEdges);";

/** The real notebook with only the exercise part kept; `edit` changes the list of cells. */
function fromReal(edit: (cells: any[], code: (source: string) => any) => any[], studentId?: string): string {
  const nb = JSON.parse(readFileSync(REAL, "utf8"));
  const byId = (id: string) => nb.cells.find((c: any) => c.id === id);
  const intro = byId("f1d96c6a");
  const quarter = { ...byId("c04b7d97"), source: 'import { check } from "pdl";\n\n' + QUARTER };
  const mp = { ...byId("e5a41c01"), source: MP };
  let n = 0;
  const code = (source: string) => ({ cell_type: "code", execution_count: null, id: `added${++n}`, metadata: {}, outputs: [], source });
  nb.cells = edit([intro, quarter, mp], code);
  if (studentId) nb.metadata = { ...nb.metadata, pdl: { student_id: studentId } };
  return JSON.stringify(nb, null, 1);
}

/** file name → content, and the gradebook the grader must produce for them (columns quarterCircle, mpEdges). */
export const SUBMISSIONS: Record<string, string> = {
  // fully correct; the id comes from the notebook's metadata
  "01-correct.ipynb": fromReal((cells) => cells, "alice"),
  // partly correct: the wrong edges
  "02-partly.ipynb": fromReal(([intro, q, mp]) => [intro, q, { ...mp, source: MP_WRONG }]),
  // cells deleted (markdown and the second exercise)
  "03-deleted-cells.ipynb": fromReal(([, q]) => [q]),
  // cells reordered: the second exercise before the cell that imports `check` → TypeScript error at once
  "04-reordered.ipynb": fromReal(([intro, q, mp]) => [mp, intro, q]),
  // a syntax error in the second exercise
  "05-syntax-error.ipynb": fromReal(([intro, q, mp]) => [intro, q, { ...mp, source: MP.replace("return [", "return [[") }]),
  // an exception between the exercises
  "06-exception.ipynb": fromReal(([intro, q, mp], code) => [intro, q, code('throw new Error("not finished");'), mp]),
  // an infinite loop between the exercises
  "07-infinite-loop.ipynb": fromReal(([intro, q, mp], code) => [intro, q, code("let spins = 0;\nwhile (true) { spins++; }"), mp]),
  // a cell that eats all memory
  "08-memory.ipynb": fromReal(([intro, q, mp], code) => [intro, q, code("const hog: number[][] = [];\nwhile (true) hog.push(new Array(1e6).fill(1.5));"), mp]),
  // process.exit() between the exercises
  "09-exit.ipynb": fromReal(([intro, q, mp], code) => [intro, q, code("process.exit(0);"), mp]),
  // tampering: saved outputs claiming success, a fake result printed with the mimetype, a direct runCheck, and
  // a `check` of its own for the second exercise (the first answer is wrong, the second is not checked for real)
  "10-tampered.ipynb": fromReal(([intro, q, mp], code) => [
    intro,
    { ...q, source: q.source.replace("Math.sqrt(4 - x * x) / Math.PI", "1"), outputs: [{ output_type: "stream", name: "stdout", text: ["✓ quarterCircle: correct\n"] }] },
    code(
      'import { displayBundle, runCheck } from "pdl";\n' +
        'displayBundle({ data: { "text/plain": "✓ mpEdges: ok", "application/vnd.pdl.check+json": { exercise: "mpEdges", notebook: null, passed: true, message: "ok" } }, metadata: {} });\n' +
        'runCheck("mpEdges", () => "ok");\nrunCheck("quarterCircle", () => "ok");',
    ),
    { ...mp, source: "const fakeCheck = { mpEdges: (f: any) => ({ passed: true }) };\n" + MP_WRONG.replace("check.mpEdges", "(check as any).mpEdges = fakeCheck.mpEdges;\ncheck.mpEdges") },
  ]),
  // not JSON
  "11-invalid-json.ipynb": '{"cells": [ {"cell_type": "code", "source": "check.mpEdges(',
  // a notebook of another course (a Python kernel)
  "12-other-course.ipynb": JSON.stringify({
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: "python3", language: "python", display_name: "Python 3" } },
    cells: [{ cell_type: "code", id: "p1", metadata: {}, outputs: [], execution_count: null, source: "print('hello')" }],
  }),
};

/** The exact gradebook.csv for SUBMISSIONS. */
export const EXPECTED_GRADEBOOK = [
  "id,file,quarterCircle,mpEdges,total,status",
  "alice,01-correct.ipynb,1,1,2,ok",
  "02-partly,02-partly.ipynb,1,0,1,ok",
  "03-deleted-cells,03-deleted-cells.ipynb,1,0,1,ok",
  "04-reordered,04-reordered.ipynb,0,0,0,error",
  "05-syntax-error,05-syntax-error.ipynb,1,0,1,error",
  "06-exception,06-exception.ipynb,1,0,1,error",
  "07-infinite-loop,07-infinite-loop.ipynb,1,0,1,timeout",
  "08-memory,08-memory.ipynb,1,0,1,crashed",
  "09-exit,09-exit.ipynb,1,0,1,crashed",
  "10-tampered,10-tampered.ipynb,0,0,0,ok",
  "11-invalid-json,11-invalid-json.ipynb,0,0,0,invalid",
  "12-other-course,12-other-course.ipynb,0,0,0,invalid",
].join("\n") + "\n";

/** Writes SUBMISSIONS into `folder`; returns the folder. */
export function writeSubmissions(folder: string): string {
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(SUBMISSIONS)) writeFileSync(join(folder, name), text);
  return folder;
}
