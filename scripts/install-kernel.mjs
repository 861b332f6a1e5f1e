#!/usr/bin/env node
// `npm run kernel:install`: registers this project's TypeScript kernel for the current user, so that VS Code,
// an existing JupyterLab or any Jupyter front end lists “TypeScript (pdl lectures, tslab)”.
// `npm run kernel:install -- --uninstall` removes it. JUPYTER_DATA_DIR is respected.
import { mkdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const spec = JSON.parse(readFileSync(join(root, "jupyter", "kernels", "pdl-typescript", "kernel.json"), "utf8"));

function userDataDir() {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (process.platform === "darwin") return join(homedir(), "Library", "Jupyter");
  if (process.platform === "win32") return join(process.env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "jupyter");
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "jupyter");
}

const target = join(userDataDir(), "kernels", "pdl-typescript");
if (process.argv.includes("--uninstall")) {
  rmSync(target, { recursive: true, force: true });
  console.log(`Removed ${target}`);
  process.exit(0);
}
mkdirSync(target, { recursive: true });
// Absolute paths: a user-wide kernelspec must work from any folder, with this Node and this repository.
const kernel = {
  ...spec,
  argv: [process.execPath, join(root, "jupyter", "kernels", "pdl-typescript", "launch.js"), "{connection_file}"],
  env: { PDL_ROOT: root },
};
writeFileSync(join(target, "kernel.json"), JSON.stringify(kernel, null, 2) + "\n");
console.log(`Installed the kernel “${spec.display_name}” in ${target}`);
console.log("Restart VS Code / JupyterLab and pick it from the kernel list. Notebooks outside this repository");
console.log(`can import the library after \`npm link\` here and \`npm link pdl\` there.`);
