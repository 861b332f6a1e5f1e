#!/usr/bin/env node
/**
 * `npm run notebooks [paths…] [--out DIR] [--timeout SECONDS]`
 * Runs notebooks (files, or folders searched recursively; default: notebooks/) each in a fresh kernel,
 * printing every cell's time; stops at the first error with the notebook, the cell and the message.
 * With --out, the executed notebooks (with outputs) are written to DIR, each at its path relative to the current
 * folder (notebooks/day1/x.ipynb → DIR/notebooks/day1/x.ipynb). Refused before anything runs: --out inside a
 * notebook folder or that is a file, a notebook that is not TypeScript, a cell whose source is not text.
 */
import { existsSync, statSync } from "node:fs";
import { isAbsolute, resolve, relative } from "node:path";
import { findNotebooks } from "./find";
import { executedCopyPath, formatFailure, readNotebook, runNotebook } from "./runner";

async function main(argv: string[]): Promise<number> {
  const paths: string[] = [];
  let outputDir: string | undefined;
  let timeout: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--out") outputDir = argv[++i];
    else if (arg === "--timeout") timeout = Number(argv[++i]);
    else if (arg === "--help" || arg === "-h") {
      console.log("usage: npm run notebooks -- [paths…] [--out DIR] [--timeout SECONDS]");
      return 0;
    } else paths.push(arg);
  }
  if (argv.includes("--out") && !outputDir) {
    console.error("--out needs a folder");
    return 2;
  }
  if (timeout !== undefined && !(timeout > 0)) {
    console.error(`--timeout needs a number of seconds > 0, got ${argv[argv.indexOf("--timeout") + 1]}`);
    return 2;
  }
  const root = resolve(__dirname, "..", "..");
  const targets = paths.length > 0 ? paths : [resolve(root, "notebooks")];
  for (const t of targets) {
    if (!existsSync(t)) {
      console.error(`notebook not found: ${t}`);
      return 2;
    }
  }
  const notebooks = targets.flatMap((t) => findNotebooks(t));
  if (notebooks.length === 0) {
    console.error(`no notebooks (.ipynb) found in ${targets.join(", ")}`);
    return 2;
  }
  // Executed copies keep their path relative to the current folder (or, outside it, to the repository), so
  // notebooks of the same name in different folders do not collide. Refuse a bad --out before running anything.
  const relativeTo = (path: string) => {
    for (const base of [process.cwd(), root]) {
      const rel = relative(base, path);
      if (!rel.startsWith("..") && !isAbsolute(rel)) return base;
    }
    return undefined;
  };
  try {
    if (outputDir) {
      for (const t of targets) {
        const inside = relative(resolve(t), resolve(outputDir));
        if (!existsSync(t) || !statSync(t).isDirectory() || inside.startsWith("..") || isAbsolute(inside)) continue;
        throw new Error(`--out ${outputDir} is inside the notebook folder ${t}: the executed copies (megabytes each) would mix with the clean notebooks; choose a folder outside it`);
      }
      const written = new Map<string, string>();
      for (const path of notebooks) {
        const out = executedCopyPath(path, outputDir, relativeTo(path));
        if (notebooks.includes(resolve(out))) throw new Error(`--out ${outputDir} would overwrite the notebook ${out}`);
        const other = written.get(out);
        if (other) throw new Error(`--out: ${other} and ${path} would both be written to ${out}`);
        written.set(out, path);
      }
    }
    for (const path of notebooks) readNotebook(path);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  let total = 0;
  for (const path of notebooks) {
    const shown = relative(process.cwd(), path) || path;
    console.log(`\n${shown}`);
    let report;
    try {
      report = await runNotebook(path, {
        outputDir,
        outputRelativeTo: relativeTo(path),
        cellTimeoutSeconds: timeout,
        onCell: (c) => console.log(`  cell ${String(c.cell).padStart(3)}  ${c.seconds.toFixed(2).padStart(6)} s  ${c.firstLine}`),
      });
    } catch (e) {
      console.error(`\n✗ ${shown}: ${(e as Error).message}`);
      return 1;
    }
    total += report.seconds;
    if (!report.ok) {
      console.error(`\n✗ ${formatFailure({ ...report, path: shown })}`);
      if (report.written) console.error(`  executed copy written to ${report.written}`);
      return 1;
    }
    console.log(`  ✓ ${report.cells.length} code cells in ${report.seconds.toFixed(1)} s${report.written ? ` → ${report.written}` : ""}`);
  }
  console.log(`\n${notebooks.length} notebook${notebooks.length === 1 ? "" : "s"} passed in ${total.toFixed(1)} s`);
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
  console.error(e);
  process.exit(1);
});
