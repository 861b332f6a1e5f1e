#!/usr/bin/env node
// Starts the project's own tslab (node_modules/tslab of this repository) as a Jupyter kernel.
// Jupyter runs this with the notebook's folder as the working directory, so `import … from "pdl"` in a cell
// resolves to this repository's built library through node_modules/pdl (the package's self-link).
// Usage (by Jupyter): node launch.js <connection_file>
"use strict";
const path = require("path");
const fs = require("fs");

const root = process.env.PDL_ROOT || path.resolve(__dirname, "..", "..", "..");
const tslabMain = path.join(root, "node_modules", "tslab", "dist", "main.js");
if (!fs.existsSync(tslabMain)) {
  console.error(`pdl kernel: ${tslabMain} not found. Run \`npm install\` in ${root} first.`);
  process.exit(1);
}
const connectionFile = process.argv[2];
if (!connectionFile) {
  console.error("pdl kernel: usage: node launch.js <connection_file>");
  process.exit(2);
}
// enableFindLocal: false — this launcher already chose the project's tslab; never hand over to another copy.
require(tslabMain).startKernel({ configPath: connectionFile, enableFindLocal: false, jsKernel: false });
