#!/usr/bin/env node
// `npm run bench [names…]`: runs every benchmark script in bench/ (or only those named, e.g. `linalg`),
// one after another in this process's Node, each printing its own table. Benchmarks import the built
// library (dist/), so `npm run bench` builds first.
import { readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const wanted = process.argv.slice(2);
const files = readdirSync(join(root, "bench"))
  .filter((f) => f.endsWith(".mjs"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark in bench/ matches ${wanted.join(", ") || "anything"}`);
  process.exit(1);
}
for (const f of files) {
  console.log(`\n=== bench/${f} ===`);
  const mod = await import(pathToFileURL(join(root, "bench", f)).href);
  if (typeof mod.default === "function") await mod.default();
}
