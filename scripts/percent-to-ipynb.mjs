#!/usr/bin/env node
// Writes a notebook (.ipynb, outputs cleared, the project's kernelspec) from a "percent" script:
//   // %% [markdown]        starts a Markdown cell; its lines are written as `// text`
//   // %%                   starts a code cell
// Usage: node scripts/percent-to-ipynb.mjs in.ts out.ipynb
// Handy for authoring: the committed .ipynb stays the single source; this only saves typing JSON.
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node scripts/percent-to-ipynb.mjs in.ts out.ipynb");
  process.exit(2);
}
const cells = [];
let current = null;
for (const line of readFileSync(input, "utf8").split("\n")) {
  const marker = line.match(/^\/\/ %%(.*)$/);
  if (marker) {
    current = { type: marker[1].includes("[markdown]") ? "markdown" : "code", lines: [] };
    cells.push(current);
    continue;
  }
  if (!current) continue;
  current.lines.push(current.type === "markdown" ? line.replace(/^\/\/ ?/, "") : line);
}
const toSource = (lines) => {
  while (lines.length && lines[lines.length - 1].trim() === "") lines.pop();
  while (lines.length && lines[0].trim() === "") lines.shift();
  return lines.map((l, i) => (i < lines.length - 1 ? l + "\n" : l));
};
const notebook = {
  cells: cells.map((c, i) => {
    const id = createHash("sha1").update(`${output}:${i}`).digest("hex").slice(0, 8);
    return c.type === "markdown"
      ? { cell_type: "markdown", id, metadata: {}, source: toSource(c.lines) }
      : { cell_type: "code", execution_count: null, id, metadata: {}, outputs: [], source: toSource(c.lines) };
  }),
  metadata: {
    kernelspec: { display_name: "TypeScript (pdl lectures, tslab)", language: "typescript", name: "pdl-typescript" },
    language_info: { codemirror_mode: { mode: "typescript", name: "javascript", typescript: true }, file_extension: ".ts", mimetype: "text/typescript", name: "typescript", version: "5.0.4" },
  },
  nbformat: 4,
  nbformat_minor: 5,
};
writeFileSync(output, JSON.stringify(notebook, null, 1) + "\n");
console.log(`${output}: ${notebook.cells.length} cells`);
