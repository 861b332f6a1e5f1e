#!/usr/bin/env node
// `npm start`: opens JupyterLab (or, when only it is installed, the classic Notebook) on notebooks/ with the
// project's TypeScript kernel. Jupyter's own protections stay on: it listens on localhost only, with a token.
// Extra arguments are passed to Jupyter: `npm start -- --port 9999`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, delimiter } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const notebooks = join(root, "notebooks");
const extra = process.argv.slice(2);

if (!existsSync(join(root, "node_modules", "tslab"))) {
  console.error("The project's packages are not installed. Run `npm install` first.");
  process.exit(1);
}
if (!existsSync(join(root, "dist", "index.js"))) {
  console.log("Building the library (dist/ is missing)…");
  const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** Does `command args…` run and exit 0? */
function works(command, args) {
  const r = spawnSync(command, args, { stdio: "ignore", shell: process.platform === "win32" });
  return r.status === 0;
}

// The repository's kernelspec (jupyter/kernels/pdl-typescript) is found through JUPYTER_PATH.
const env = { ...process.env };
env.JUPYTER_PATH = [join(root, "jupyter"), env.JUPYTER_PATH].filter(Boolean).join(delimiter);

let command;
let args;
if (works("jupyter-lab", ["--version"]) || works("jupyter", ["lab", "--version"])) {
  [command, args] = ["jupyter", ["lab", `--notebook-dir=${notebooks}`, ...extra]];
  console.log("Starting JupyterLab on notebooks/ with the kernel “TypeScript (pdl lectures, tslab)”…");
} else if (works("jupyter-notebook", ["--version"]) || works("jupyter", ["notebook", "--version"])) {
  [command, args] = ["jupyter", ["notebook", `--notebook-dir=${notebooks}`, ...extra]];
  console.log("JupyterLab is not installed; starting the classic Jupyter Notebook on notebooks/ …");
} else {
  console.error(
    [
      "No Jupyter found. Install JupyterLab (recommended) with one of:",
      "",
      "  python3 -m pip install --user jupyterlab        # any OS with Python 3",
      "  pipx install jupyterlab                          # if you use pipx",
      "  conda install -c conda-forge jupyterlab          # Anaconda / Miniconda",
      "  sudo apt-get install jupyter-notebook            # Debian/Ubuntu: the classic Notebook",
      "",
      "then run `npm start` again. (VS Code users: `npm run kernel:install`, then pick the kernel",
      "“TypeScript (pdl lectures, tslab)” in a notebook.)",
    ].join("\n"),
  );
  process.exit(1);
}

const child = spawn(command, args, { cwd: notebooks, env, stdio: "inherit", shell: process.platform === "win32" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
