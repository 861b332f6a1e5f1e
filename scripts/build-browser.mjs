#!/usr/bin/env node
// Bundles the browser part of the library (src/browser.ts) into dist/pdl-browser.js with esbuild: one script
// that defines the global `pdlBrowser`, for live figures (src/plot/live.ts) and the static site.
// Node's modules are replaced by small stand-ins: the library only touches them on paths the page never takes
// (worker threads for large products, Matrix's console.log form). Prints the bundle's size.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "dist", "pdl-browser.js");

const stubs = {
  "node:fs": "export function existsSync() { return false; } export function readFileSync() { throw new Error('no files in a web page'); }",
  "node:os": "export function availableParallelism() { return 1; } export function cpus() { return [{}]; }",
  "node:path": "export function join(...parts) { return parts.join('/'); }",
  "node:util": "export const inspect = { custom: Symbol.for('nodejs.util.inspect.custom') };",
  "node:worker_threads": "export const workerData = undefined; export class Worker {}",
};
const nodeStubs = {
  name: "node-stubs",
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => {
      if (!(args.path in stubs)) throw new Error(`the browser bundle cannot use ${args.path} (imported by ${args.importer})`);
      return { path: args.path, namespace: "node-stub" };
    });
    b.onLoad({ filter: /.*/, namespace: "node-stub" }, (args) => ({ contents: stubs[args.path], loader: "js" }));
  },
};

// @stdlib's Mersenne Twister reaches, through its generic array helpers, the complex and boolean array classes
// (≈ 60 KiB minified); the library never makes such arrays, so `instanceof` tests against an empty class of the
// same name answer as they would.
const trimStdlib = {
  name: "trim-stdlib",
  setup(b) {
    b.onResolve({ filter: /^@stdlib\/array-(complex128|complex64|bool)$/ }, (args) => ({ path: args.path, namespace: "unused-array" }));
    b.onLoad({ filter: /.*/, namespace: "unused-array" }, (args) => ({
      contents: `module.exports = class ${args.path.endsWith("bool") ? "BooleanArray" : args.path.endsWith("64") ? "Complex64Array" : "Complex128Array"} ` +
        `{ constructor() { throw new Error("${args.path} is not in the browser bundle"); } };`,
      loader: "js",
    }));
  },
};

await build({
  entryPoints: [join(root, "src", "browser.ts")],
  bundle: true,
  format: "iife",
  globalName: "pdlBrowser",
  platform: "browser",
  target: "es2020",
  minify: true,
  legalComments: "none",
  define: { "process.env.PDL_THREADS": "undefined" },
  plugins: [nodeStubs, trimStdlib],
  outfile,
  logLevel: "warning",
});
const code = readFileSync(outfile);
const kib = (n) => (n / 1024).toFixed(0);
console.log(`dist/pdl-browser.js: ${kib(code.length)} KiB (${kib(gzipSync(code).length)} KiB gzip)`);
