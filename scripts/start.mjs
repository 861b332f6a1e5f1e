#!/usr/bin/env node
// `npm start`: opens JupyterLab (or, when only it is installed, the classic Notebook) on notebooks/ with the
// project's TypeScript kernel. Jupyter's own protections stay on: it listens on localhost only, with a token.
// Extra arguments are passed to Jupyter: `npm start -- --port 9999`.
//
// Which Jupyter, in this order:
//   1. JupyterLab on PATH;
//   2. JupyterLab in the project's .venv/ (set up by an earlier run);
//   3. the classic Notebook on PATH;
//   4. none: with python3 and its venv module, create .venv/ and install the pinned JupyterLab of
//      jupyter/requirements.txt there (once; later runs reuse it), then start it. Otherwise print what to install.
// PDL_NO_VENV=1 skips 2 and 4 (never create or use .venv/); PDL_VENV_DIR=path puts the venv elsewhere.
// As root (containers, course VMs) Jupyter refuses to start without --allow-root: it is passed, and said so.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { dirname, join, delimiter, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const notebooks = join(root, "notebooks");
const requirements = join(root, "jupyter", "requirements.txt");
const extra = process.argv.slice(2);
const windows = process.platform === "win32";
const useVenv = !["1", "true", "yes"].includes(String(process.env.PDL_NO_VENV ?? "").toLowerCase());
const venv = resolve(process.env.PDL_VENV_DIR || join(root, ".venv"));
const venvBin = join(venv, windows ? "Scripts" : "bin");
const venvJupyterLab = join(venvBin, windows ? "jupyter-lab.exe" : "jupyter-lab");
const shownVenv = process.env.PDL_VENV_DIR ? venv : ".venv/";

if (!existsSync(join(root, "node_modules", "tslab"))) {
  console.error("The project's packages are not installed. Run `npm install` first.");
  process.exit(1);
}
if (!existsSync(join(root, "dist", "index.js"))) {
  console.log("Building the library (dist/ is missing)…");
  const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", shell: windows });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** Does `command args…` run and exit 0? */
function works(command, args) {
  const r = spawnSync(command, args, { stdio: "ignore", shell: windows });
  return r.status === 0;
}

const manualCommands = [
  "  python3 -m venv .venv && .venv/bin/pip install -r jupyter/requirements.txt   # what npm start does",
  "  python3 -m pip install --user jupyterlab        # any OS with Python 3",
  "  pipx install jupyterlab                          # if you use pipx",
  "  conda install -c conda-forge jupyterlab          # Anaconda / Miniconda",
  "  sudo apt-get install jupyter-notebook            # Debian/Ubuntu: the classic Notebook",
  "",
  "then run `npm start` again. (VS Code users: `npm run kernel:install`, then pick the kernel",
  "“TypeScript (pdl lectures, tslab)” in a notebook.)",
];

/** Prints why Jupyter cannot be set up and the commands that would do it by hand, then exits 1. */
function giveUp(reason) {
  console.error([reason, "", "Install Jupyter by hand with one of:", "", ...manualCommands].join("\n"));
  process.exit(1);
}

/** The python3 command, or undefined. */
function findPython() {
  for (const candidate of windows ? ["python", "py"] : ["python3"]) if (works(candidate, ["--version"])) return candidate;
  return undefined;
}

/** Creates the venv and installs the pinned JupyterLab into it, with pip's own progress on the terminal. */
function setUpVenv() {
  const python = findPython();
  if (!python) giveUp("No Jupyter found, and no python3 to set one up in .venv/.");
  if (!works(python, ["-c", "import venv, ensurepip"])) {
    giveUp(
      `No Jupyter found, and ${python} has no working venv module to set one up in .venv/ ` +
        "(Debian/Ubuntu: sudo apt-get install python3-venv).",
    );
  }
  if (existsSync(venv)) {
    // A venv whose JupyterLab no longer runs (its Python was moved or removed): start again from scratch.
    console.log(`${shownVenv} exists but its JupyterLab does not run (was its Python moved or removed?): setting it up again.`);
    rmSync(venv, { recursive: true, force: true });
  }
  console.log(`No Jupyter found: setting up JupyterLab in ${shownVenv} (first run only; ≈ 300 MB, a minute or two).`);
  console.log(`  (opt out: PDL_NO_VENV=1 npm start)`);
  // The venv's python links to the interpreter that made it: make it with the interpreter's real path, not
  // through a symlink or a shim that may go away later.
  const real = spawnSync(python, ["-c", "import os, sys; print(os.path.realpath(sys.executable))"], { encoding: "utf8", shell: windows });
  const interpreter = real.status === 0 && existsSync(real.stdout.trim()) ? real.stdout.trim() : python;
  console.log(`[1/2] ${python} -m venv ${shownVenv}`);
  if (spawnSync(interpreter, ["-m", "venv", venv], { stdio: "inherit", shell: windows }).status !== 0) {
    rmSync(venv, { recursive: true, force: true });
    giveUp(`Creating ${shownVenv} failed (see the message above).`);
  }
  console.log(`[2/2] pip install -r jupyter/requirements.txt (JupyterLab 4 and the plotly extension)`);
  const pip = spawnSync(join(venvBin, windows ? "python.exe" : "python"), ["-m", "pip", "install", "--progress-bar", "on", "-r", requirements], {
    stdio: "inherit",
    shell: windows,
  });
  if (pip.status !== 0 || !existsSync(venvJupyterLab)) {
    rmSync(venv, { recursive: true, force: true });
    giveUp(`Installing JupyterLab into ${shownVenv} failed: is the network (the Python package index) reachable? pip's message is above. ${shownVenv} was removed; the next \`npm start\` tries again.`);
  }
  console.log(`JupyterLab is set up in ${shownVenv}; later runs reuse it.`);
}

// The repository's kernelspec (jupyter/kernels/pdl-typescript) is found through JUPYTER_PATH.
const env = { ...process.env };
env.JUPYTER_PATH = [join(root, "jupyter"), env.JUPYTER_PATH].filter(Boolean).join(delimiter);

let command;
let args;
if (works("jupyter-lab", ["--version"]) || works("jupyter", ["lab", "--version"])) {
  [command, args] = ["jupyter", ["lab"]];
  console.log("Starting JupyterLab on notebooks/ with the kernel “TypeScript (pdl lectures, tslab)”…");
} else if (useVenv && existsSync(venvJupyterLab) && works(venvJupyterLab, ["--version"])) {
  [command, args] = [venvJupyterLab, []];
  console.log(`Starting JupyterLab from ${shownVenv} on notebooks/ with the kernel “TypeScript (pdl lectures, tslab)”…`);
} else if (works("jupyter-notebook", ["--version"]) || works("jupyter", ["notebook", "--version"])) {
  [command, args] = ["jupyter", ["notebook"]];
  console.log("JupyterLab is not installed; starting the classic Jupyter Notebook on notebooks/ …");
} else if (useVenv) {
  setUpVenv();
  [command, args] = [venvJupyterLab, []];
  console.log("Starting JupyterLab on notebooks/ with the kernel “TypeScript (pdl lectures, tslab)”…");
} else {
  giveUp("No Jupyter found (and PDL_NO_VENV is set, so none is set up in .venv/).");
}

// Jupyter accepts one folder: a --notebook-dir (or root_dir) among the extra arguments replaces notebooks/.
if (!extra.some((a) => /^--(notebook-dir|ServerApp\.root_dir|NotebookApp\.notebook_dir)\b/.test(a))) args.push(`--notebook-dir=${notebooks}`);
if (process.getuid?.() === 0 && !extra.includes("--allow-root")) {
  args.push("--allow-root");
  console.log("Running as root (a container or a course VM?): passing --allow-root to Jupyter; it still listens on localhost only, with a token.");
}
args.push(...extra);

const child = spawn(command, args, { cwd: notebooks, env, stdio: "inherit", shell: windows });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
