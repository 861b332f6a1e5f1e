#!/usr/bin/env node
/**
 * `npm run grade -- <folder of submissions> [--out DIR] [--timeout SECONDS] [--memory MB] [--jobs N] [--exercises a,b,…] [--cases FILE]`
 * Grades every .ipynb in the folder (searched recursively) in a fresh kernel of this repository's library and
 * writes DIR/gradebook.csv, DIR/feedback/<id>.html and DIR/summary.html (default DIR: <folder>-graded).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { findNotebooks } from "../notebook/find";
import { gradeSubmissions, total } from "./grade";
import { writeReports } from "./report";

const USAGE = "usage: npm run grade -- <folder of submissions> [--out DIR] [--timeout SECONDS per cell, default 60] [--memory MB, default 1024] [--jobs N, default 2] [--exercises a,b,…] [--cases instructor-cases.json]";

function seconds(s: number): string {
  return s < 90 ? `${s.toFixed(0)} s` : `${(s / 60).toFixed(1)} min`;
}

async function main(argv: string[]): Promise<number> {
  let folder: string | undefined;
  let out: string | undefined;
  const numbers: Record<string, number | undefined> = {};
  let exercises: string[] | undefined;
  let casesFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      return 0;
    } else if (arg === "--out") out = argv[++i];
    else if (arg === "--cases") casesFile = argv[++i];
    else if (arg === "--exercises") exercises = (argv[++i] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    else if (arg === "--timeout" || arg === "--memory" || arg === "--jobs") {
      const value = Number(argv[++i]);
      if (!(value > 0)) {
        console.error(`${arg} needs a number > 0, got ${argv[i]}\n${USAGE}`);
        return 2;
      }
      numbers[arg] = value;
    } else if (arg.startsWith("--")) {
      console.error(`unknown option ${arg}\n${USAGE}`);
      return 2;
    } else if (folder === undefined) folder = arg;
    else {
      console.error(`one folder of submissions, got ${folder} and ${arg}\n${USAGE}`);
      return 2;
    }
  }
  if (!folder) {
    console.error(USAGE);
    return 2;
  }
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    console.error(`expected a folder of submitted notebooks, got ${folder} (${existsSync(folder) ? "a file" : "not found"})`);
    return 2;
  }
  let instructorCases;
  if (casesFile !== undefined) {
    try {
      instructorCases = JSON.parse(readFileSync(casesFile, "utf8"));
    } catch (e) {
      console.error(`--cases ${casesFile}: ${(e as Error).message} (expected JSON { "<exercise>": [{ "args": [...], "expected": number or [numbers], "tolerance"?: number }] })`);
      return 2;
    }
  }
  const root = resolve(folder);
  const outDir = resolve(out ?? join(dirname(root), basename(root) + "-graded"));
  const files = findNotebooks(root);
  if (files.length === 0) {
    console.error(`no .ipynb files in ${folder}`);
    return 2;
  }
  if (outDir === root || outDir.startsWith(root + "/")) {
    console.error(`--out ${outDir} is inside the submissions folder; choose a folder outside it`);
    return 2;
  }
  console.log(`grading ${files.length} submissions from ${root}, ${numbers["--jobs"] ?? 2} at a time`);
  const book = await gradeSubmissions(files, {
    relativeTo: root,
    exercises,
    instructorCases,
    cellTimeoutSeconds: numbers["--timeout"],
    memoryMb: numbers["--memory"],
    concurrency: numbers["--jobs"],
    onProgress: (done, n, r, elapsed) => {
      const eta = (elapsed / done) * (n - done);
      const points = Object.values(r.outcomes).filter((o) => o.passed).length;
      console.log(`[${done} of ${n}] ${r.file}: ${r.status}, ${points} check(s) pass (${r.seconds.toFixed(1)} s) — elapsed ${seconds(elapsed)}, ETA ${seconds(eta)}`);
    },
  });
  const written = writeReports(book, outDir);
  const mean = book.submissions.reduce((s, r) => s + total(r, book.exercises), 0) / book.submissions.length;
  console.log(`exercises: ${book.exercises.join(", ") || "(none)"}; mean total ${mean.toFixed(2)} of ${book.exercises.length}`);
  console.log(`wrote ${written.csv}\n      ${written.summary}\n      ${written.feedback.length} feedback pages in ${join(outDir, "feedback")}`);
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
  console.error(e);
  process.exit(1);
});
