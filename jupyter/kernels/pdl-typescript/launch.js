#!/usr/bin/env node
// Starts the project's TypeScript kernel: tslab's compiler and executor (node_modules/tslab of this repository)
// behind the Jupyter server in ./lib, which fixes what tslab (unmaintained) gets wrong: lost output beyond
// ~500 messages, errors without name or traceback, the last value printed instead of sent as Out[n], no
// history, requests aborted for 200 ms after an error, errors of timers and promises lost. See README,
// "Notes on the kernel".
// Jupyter runs this with the notebook's folder as the working directory, so `import … from "pdl"` in a cell
// resolves to this repository's built library through node_modules/pdl (the package's self-link).
// Usage (by Jupyter): node launch.js <connection_file>
"use strict";
const path = require("path");
const fs = require("fs");

const root = process.env.PDL_ROOT || path.resolve(__dirname, "..", "..", "..");
const tslabDir = path.join(root, "node_modules", "tslab");
if (!fs.existsSync(path.join(tslabDir, "dist", "executor.js"))) {
  console.error(`pdl kernel: ${tslabDir} not found. Run \`npm install\` in ${root} first.`);
  process.exit(1);
}
const connectionFile = process.argv[2];
if (!connectionFile || !fs.existsSync(connectionFile)) {
  console.error(`pdl kernel: usage: node launch.js <connection_file>${connectionFile ? ` (${connectionFile} not found)` : ""}`);
  process.exit(2);
}

// Before anything loads tslab's compiler: ask it for source maps (exception frames → cell lines).
const { installSourceMapHooks } = require("./lib/source-maps");
installSourceMapHooks(tslabDir);

const { TracebackFormatter } = require("./lib/traceback");
const { createEngine } = require("./lib/engine");
const { KernelServer } = require("./lib/server");

const tslabVersion = JSON.parse(fs.readFileSync(path.join(tslabDir, "package.json"), "utf8")).version;
const typescriptVersion = require(require.resolve("@tslab/typescript-for-tslab/package.json", { paths: [tslabDir] })).version;

const tracebacks = new TracebackFormatter({ root, launcherDir: __dirname, tslabDir });
const engine = createEngine({ tslabDir, tracebacks });
const server = new KernelServer({
  connectionFile,
  engine,
  tslabDir,
  kernelInfo: {
    protocol_version: "5.3",
    implementation: "tslab",
    implementation_version: tslabVersion,
    language_info: {
      name: "typescript",
      version: typescriptVersion,
      mimetype: "text/typescript",
      file_extension: ".ts",
      pygments_lexer: "typescript",
      // Makes both JupyterLab and the classic Notebook highlight TypeScript (as tslab does).
      codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
    },
    banner: `TypeScript ${typescriptVersion} (tslab ${tslabVersion}, Node ${process.version}) for the pdl lectures`,
    help_links: [],
    debugger: false,
  },
});
server.start().catch((e) => {
  console.error("pdl kernel: could not start:", e);
  process.exit(1);
});
