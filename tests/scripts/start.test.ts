/**
 * `npm start`, for real. With no Jupyter on PATH it builds a venv with the pinned JupyterLab and serves it (the
 * wheels come from .cache/pip-wheels, git-ignored, filled from the package index on the first run, so reruns are fast); a second run reuses the venv; with the
 * classic Notebook on PATH it starts that. Each time the server is asked for its tree (both editions: notebooks/ and
 * notebooks/ja/) and its kernelspecs with the token and
 * one TypeScript cell runs through its REST and websocket API. The failure paths (no python3, no venv module, no
 * network, opted out) use stand-ins on PATH. Jupyter's folders are temporary, ports random.
 */
import { afterAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot, requireTool } from "../helpers/tools";
import { apiGet, isolatedJupyterDirs, pathWith, pipFromWheelFolder, runCellThroughServer, startNpmStart, type RunningServer } from "../helpers/jupyter-server";

const KERNEL_NAME = "pdl-typescript";
const KERNEL_DISPLAY_NAME = "TypeScript (pdl lectures, tslab)";
const asRoot = process.getuid?.() === 0;

function realCommand(name: string): string | undefined {
  try {
    return realpathSync(execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim());
  } catch {
    return undefined;
  }
}

/** The real python3 executable (not a pyenv shim, which needs more of PATH). */
const python3 = (() => {
  try {
    return realpathSync(execFileSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).trim());
  } catch {
    return undefined;
  }
})();
const node = process.execPath;
const npm = realCommand("npm");

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((f) => f()));

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An executable shell script standing in for a command. */
function standIn(dir: string, name: string, script: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** Runs scripts/start.mjs to completion (the failure paths exit before any server starts). */
function startScript(env: Record<string, string>) {
  return spawnSync(node, [join(repoRoot, "scripts", "start.mjs")], { env: { HOME: process.env.HOME ?? "/tmp", ...env }, encoding: "utf8", timeout: 60_000 });
}

/** The checks every started server must pass: both editions are in its tree, the kernelspec is there and a cell runs. */
async function checkServer(server: RunningServer): Promise<void> {
  const tree = await apiGet(server, "/api/contents");
  expect(tree.content.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(["00-start-here.ipynb", "day1", "day2", "ja"]));
  const ja = await apiGet(server, "/api/contents/ja");
  expect(ja.content.map((e: { name: string }) => e.name), "the Japanese edition, notebooks/ja/").toContain("00-start-here.ipynb");
  const specs = await apiGet(server, "/api/kernelspecs");
  expect(Object.keys(specs.kernelspecs)).toContain(KERNEL_NAME);
  expect(specs.kernelspecs[KERNEL_NAME].spec.display_name).toBe(KERNEL_DISPLAY_NAME);
  const cell = await runCellThroughServer(server, KERNEL_NAME, "const answer: number = 6 * 7;\nconsole.log(`answer ${answer}`);");
  expect(cell.status).toBe("ok");
  expect(cell.stdout).toBe("answer 42\n");
}

describe("npm start: failure paths say what to do", () => {
  it("without python3 it prints the manual commands and exits 1", () => {
    const bin = pathWith({ node });
    cleanups.push(() => rmSync(bin, { recursive: true, force: true }));
    const venv = join(tempDir("pdl-venv-"), "venv");
    const r = startScript({ PATH: bin, PDL_VENV_DIR: venv });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/No Jupyter found, and no python3 to set one up/);
    expect(r.stderr).toMatch(/pip install -r jupyter\/requirements\.txt/);
    expect(r.stderr).toMatch(/apt-get install jupyter-notebook/);
    expect(existsSync(venv)).toBe(false);
  });

  it("with a python3 that has no venv module it names the package to install", () => {
    const bin = pathWith({ node });
    cleanups.push(() => rmSync(bin, { recursive: true, force: true }));
    standIn(bin, "python3", [
      'case "$*" in',
      '  --version) echo "Python 3.11.2";;',
      '  *"import venv"*) echo "ModuleNotFoundError: No module named \'ensurepip\'" >&2; exit 1;;',
      '  *) exit 1;;',
      "esac",
    ].join("\n"));
    const venv = join(tempDir("pdl-venv-"), "venv");
    const r = startScript({ PATH: bin, PDL_VENV_DIR: venv });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/python3 has no working venv module/);
    expect(r.stderr).toMatch(/apt-get install python3-venv/);
    expect(existsSync(venv)).toBe(false);
  });

  it("without network pip fails: it says so, removes the half-made venv, and prints the manual commands", () => {
    const bin = pathWith({ node });
    cleanups.push(() => rmSync(bin, { recursive: true, force: true }));
    // python3 whose `-m venv DIR` makes a venv whose pip cannot reach the package index.
    standIn(bin, "python3", [
      'case "$1" in',
      '  --version) echo "Python 3.11.2";;',
      "  -c) exit 0;;",
      '  -m) /bin/mkdir -p "$3/bin"; printf \'#!/bin/sh\\necho "ERROR: Could not find a version that satisfies the requirement jupyterlab==4.6.6 (from versions: none)" >&2\\nexit 1\\n\' > "$3/bin/python"; /bin/chmod +x "$3/bin/python";;',
      "esac",
    ].join("\n"));
    const venv = join(tempDir("pdl-venv-"), "venv");
    const r = startScript({ PATH: bin, PDL_VENV_DIR: venv });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/setting up JupyterLab in/);
    expect(r.stderr).toMatch(/Could not find a version that satisfies the requirement jupyterlab/); // pip's own message
    expect(r.stderr).toMatch(/Installing JupyterLab into .* failed: is the network \(the Python package index\) reachable\?/);
    expect(r.stderr).toMatch(/python3 -m pip install --user jupyterlab/);
    expect(existsSync(venv)).toBe(false);
  });

  it("PDL_NO_VENV=1 opts out: no venv is made, the manual commands are printed", () => {
    if (!requireTool("python3", python3, "apt-get install python3 python3-venv")) return;
    const bin = pathWith({ node, python3: python3! });
    cleanups.push(() => rmSync(bin, { recursive: true, force: true }));
    const venv = join(tempDir("pdl-venv-"), "venv");
    const r = startScript({ PATH: bin, PDL_VENV_DIR: venv, PDL_NO_VENV: "1" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/PDL_NO_VENV is set/);
    expect(existsSync(venv)).toBe(false);
  });
});

describe("npm start, for real", () => {
  it("with no Jupyter on PATH: builds the venv with JupyterLab, serves it (root: --allow-root), runs a cell; the next run reuses the venv", async () => {
    if (!requireTool("python3 with venv", python3 && spawnSync(python3, ["-c", "import venv, ensurepip"]).status === 0, "apt-get install python3 python3-venv")) return;
    if (!requireTool("npm", npm, "install Node.js with npm")) return;
    const bin = pathWith({ node, npm: npm!, python3: python3!, sh: "/bin/sh" });
    cleanups.push(() => rmSync(bin, { recursive: true, force: true }));
    const venv = join(repoRoot, "tests", ".tmp", "npm-start-venv");
    rmSync(venv, { recursive: true, force: true });
    cleanups.push(() => rmSync(venv, { recursive: true, force: true }));
    const dirs = isolatedJupyterDirs();
    cleanups.push(dirs.remove);
    const env = { PATH: bin, HOME: process.env.HOME ?? "/tmp", PDL_VENV_DIR: venv, ...pipFromWheelFolder(python3!), ...dirs.env };

    const first = await startNpmStart(env, 480_000);
    try {
      expect(first.output()).toMatch(/No Jupyter found: setting up JupyterLab in/);
      expect(first.output()).toMatch(/JupyterLab is set up in .*; later runs reuse it/);
      if (asRoot) expect(first.output()).toMatch(/^Running as root .*passing --allow-root to Jupyter; it still listens on localhost only, with a token\.$/m);
      const labVersion = execFileSync(join(venv, "bin", "jupyter-lab"), ["--version"], { encoding: "utf8" }).trim();
      expect(labVersion).toMatch(/^4\./);
      await checkServer(first);
      // JupyterLab itself (not only the server) is what is served.
      const page = await fetch(`http://127.0.0.1:${first.port}/lab?token=${first.token}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/JupyterLab/);
    } finally {
      await first.stop();
    }

    const second = await startNpmStart(env, 120_000);
    try {
      expect(second.output()).not.toMatch(/setting up JupyterLab/);
      expect(second.output()).toMatch(/Starting JupyterLab from .*npm-start-venv/);
      await checkServer(second);
    } finally {
      await second.stop();
    }
  }, 720_000);

  it("with only the classic Notebook on PATH: starts it and runs a cell", async () => {
    const jupyter = realCommand("jupyter");
    const jupyterNotebook = realCommand("jupyter-notebook");
    if (!requireTool("jupyter notebook (classic)", jupyter && jupyterNotebook, "apt-get install jupyter-notebook")) return;
    const bin = pathWith({ node, npm: npm!, sh: "/bin/sh", jupyter: jupyter!, "jupyter-notebook": jupyterNotebook! });
    cleanups.push(() => rmSync(bin, { recursive: true, force: true }));
    const dirs = isolatedJupyterDirs();
    cleanups.push(dirs.remove);
    const server = await startNpmStart({ PATH: bin, HOME: process.env.HOME ?? "/tmp", PDL_NO_VENV: "1", ...dirs.env }, 60_000);
    try {
      expect(server.output()).toMatch(/starting the classic Jupyter Notebook/);
      if (asRoot) expect(server.output()).toMatch(/passing --allow-root/);
      await checkServer(server);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
