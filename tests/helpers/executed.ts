/**
 * Reading an executed notebook (the copy our runner writes with outputs), for the claim tests in tests/claims/:
 * each notebook may have a file tests/claims/<folder>/<name>.ts (same relative path as under notebooks/, with
 * .ts for .ipynb) exporting `claims`, a list of named checks on the executed notebook. They pin the sentences of
 * the prose to the numbers the cells print, so an edit that breaks a claim fails the suite.
 */
import { expect } from "vitest";

/** One cell of an executed notebook. */
export interface ExecutedCell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: string | string[];
  outputs?: any[];
}

/** An executed notebook as read from its .ipynb. */
export interface ExecutedNotebook {
  cells: ExecutedCell[];
}

/** A claim of the prose, checked on the executed notebook. */
export interface Claim {
  name: string;
  check: (nb: ExecutedNotebook) => void;
}

function joined(text: string | string[] | undefined): string {
  return Array.isArray(text) ? text.join("") : (text ?? "");
}

/** The source of a cell. */
export function sourceOf(cell: ExecutedCell): string {
  return joined(cell.source);
}

/** Everything a cell printed as text: stdout/stderr streams and the text/plain of results and displays. */
export function outputText(cell: ExecutedCell): string {
  return (cell.outputs ?? [])
    .map((o) => (o.output_type === "stream" ? joined(o.text) : joined(o.data?.["text/plain"])))
    .join("\n");
}

/** The cell whose id is `id` (ids survive reordering and inserted cells; prefer them to indices). */
export function cellById(nb: ExecutedNotebook, id: string): ExecutedCell {
  const cell = nb.cells.find((c) => c.id === id);
  if (!cell) throw new Error(`no cell with id "${id}" in the executed notebook`);
  return cell;
}

/** The text output of the whole notebook, cells separated by blank lines. */
export function allText(nb: ExecutedNotebook): string {
  return nb.cells.map(outputText).join("\n\n");
}

/**
 * The number captured by the first group of `pattern` in the notebook's (or one cell's) printed text.
 * Fails with the pattern when nothing matches, so a changed print is noticed.
 */
export function printedNumber(where: ExecutedNotebook | ExecutedCell, pattern: RegExp): number {
  const text = "cells" in where ? allText(where) : outputText(where);
  const match = text.match(pattern);
  expect(match, `nothing printed matches ${pattern}`).not.toBeNull();
  const value = Number(match![1]);
  expect(Number.isFinite(value), `${pattern} matched "${match![1]}", not a number`).toBe(true);
  return value;
}

/** Every number captured by the first group of a global `pattern`, in order. */
export function printedNumbers(where: ExecutedNotebook | ExecutedCell, pattern: RegExp): number[] {
  if (!pattern.global) throw new Error(`printedNumbers needs a global pattern (/…/g), got ${pattern}`);
  const text = "cells" in where ? allText(where) : outputText(where);
  return [...text.matchAll(pattern)].map((m) => Number(m[1]));
}

/** The plotly figures ({data, layout}) a cell displayed, in order. */
export function figuresOf(cell: ExecutedCell): { data: any[]; layout: any }[] {
  return (cell.outputs ?? [])
    .map((o) => o.data?.["application/vnd.plotly.v1+json"])
    .filter((f) => f !== undefined);
}
