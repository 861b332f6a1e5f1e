/**
 * Starting `npm start` for real in tests and talking to the Jupyter server it runs: isolated Jupyter folders,
 * a random port, a token, readiness by polling the REST API, one cell executed over REST + websocket, and a
 * clean stop of the whole process group.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import WebSocket from "ws";
import { repoRoot } from "./tools";

/** A free TCP port on localhost. */
export function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** Jupyter's data, config and runtime folders in a fresh temporary folder (nothing of the user's is read or written). */
export function isolatedJupyterDirs(): { env: Record<string, string>; remove: () => void } {
  const base = mkdtempSync(join(tmpdir(), "pdl-jupyter-"));
  const env: Record<string, string> = {};
  for (const [name, folder] of [["JUPYTER_DATA_DIR", "data"], ["JUPYTER_CONFIG_DIR", "config"], ["JUPYTER_RUNTIME_DIR", "runtime"], ["IPYTHONDIR", "ipython"]]) {
    env[name] = join(base, folder);
    mkdirSync(env[name], { recursive: true });
  }
  return { env, remove: () => rmSync(base, { recursive: true, force: true }) };
}

/** A folder for PATH holding symlinks to the given executables under the given names. */
export function pathWith(links: Record<string, string>): string {
  const bin = mkdtempSync(join(tmpdir(), "pdl-path-"));
  for (const [name, target] of Object.entries(links)) symlinkSync(target, join(bin, name));
  return bin;
}

export interface RunningServer {
  port: number;
  token: string;
  /** Everything npm start and Jupyter printed so far. */
  output: () => string;
  /** Stops npm start and Jupyter (the whole process group); resolves when npm start has exited. */
  stop: () => Promise<void>;
}

/**
 * Runs `npm start -- --no-browser --port=… --ip=127.0.0.1` with `env` (the token through JUPYTER_TOKEN, which
 * both Jupyter Server and the classic Notebook read) and waits until the server answers with the token.
 */
export async function startNpmStart(env: NodeJS.ProcessEnv, timeoutMs: number, extraArgs: string[] = []): Promise<RunningServer> {
  const port = await freePort();
  const token = randomBytes(12).toString("hex");
  const child: ChildProcess = spawn("npm", ["start", "--", "--no-browser", `--port=${port}`, "--ip=127.0.0.1", ...extraArgs], {
    cwd: repoRoot,
    env: { ...env, JUPYTER_TOKEN: token },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stop() reaches Jupyter and the kernels too
  });
  let text = "";
  child.stdout!.on("data", (d) => (text += d));
  child.stderr!.on("data", (d) => (text += d));
  const exited = new Promise<void>((ok) => child.on("exit", () => ok()));
  let done = false;
  child.on("exit", () => (done = true));
  const stop = async () => {
    if (!done) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          /* already gone */
        }
      }, 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const server: RunningServer = { port, token, output: () => text, stop };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (done) throw new Error(`npm start exited before the server answered:\n${text}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer within ${timeoutMs} ms:\n${text}`);
    }
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/kernelspecs?token=${token}`);
      if (r.ok) return server;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** GET an API path of the server with the token. */
export async function apiGet(server: RunningServer, path: string): Promise<any> {
  const r = await fetch(`http://127.0.0.1:${server.port}${path}?token=${server.token}`);
  if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

export interface CellResult {
  status: string;
  stdout: string;
  outputs: Array<{ msg_type: string; content: any }>;
}

/**
 * Starts a kernel through the REST API (POST /api/kernels), runs `code` over the kernel's websocket channel
 * (an execute_request; outputs until the kernel is idle again), and shuts the kernel down (DELETE).
 */
export async function runCellThroughServer(server: RunningServer, kernelName: string, code: string, timeoutMs = 60_000): Promise<CellResult> {
  const base = `http://127.0.0.1:${server.port}`;
  const created = await fetch(`${base}/api/kernels?token=${server.token}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: kernelName }),
  });
  if (!created.ok) throw new Error(`POST /api/kernels: ${created.status} ${await created.text()}`);
  const kernel = (await created.json()) as { id: string };
  try {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/kernels/${kernel.id}/channels?token=${server.token}`);
    await new Promise<void>((ok, fail) => {
      ws.once("open", () => ok());
      ws.once("error", fail);
    });
    const msgId = randomUUID();
    const result: CellResult = { status: "", stdout: "", outputs: [] };
    const finished = new Promise<CellResult>((ok, fail) => {
      let replied = false;
      let idle = false;
      const timer = setTimeout(() => fail(new Error(`no reply within ${timeoutMs} ms; so far ${JSON.stringify(result)}`)), timeoutMs);
      ws.on("message", (raw) => {
        const msg = JSON.parse(String(raw));
        if (msg.parent_header?.msg_id !== msgId) return;
        const type = msg.header.msg_type ?? msg.msg_type;
        if (type === "execute_reply") {
          result.status = msg.content.status;
          replied = true;
        } else if (type === "status") {
          if (msg.content.execution_state === "idle") idle = true;
        } else {
          result.outputs.push({ msg_type: type, content: msg.content });
          if (type === "stream" && msg.content.name === "stdout") result.stdout += msg.content.text;
        }
        if (replied && idle) {
          clearTimeout(timer);
          ok(result);
        }
      });
    });
    ws.send(
      JSON.stringify({
        header: { msg_id: msgId, username: "test", session: randomUUID(), msg_type: "execute_request", version: "5.3", date: new Date().toISOString() },
        parent_header: {},
        metadata: {},
        content: { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true },
        channel: "shell",
        buffers: [],
      }),
    );
    const r = await finished;
    ws.close();
    return r;
  } finally {
    await fetch(`${base}/api/kernels/${kernel.id}?token=${server.token}`, { method: "DELETE" }).catch(() => undefined);
  }
}

/**
 * pip settings that install the pinned JupyterLab (jupyter/requirements.txt) from a wheel folder in .cache/
 * (git-ignored), filled from the package index on the first run and whenever the requirements change. This
 * machine's index proxy sends no cacheable downloads, so pip's own cache stays empty and every venv would
 * download ≈ 100 MB again; with the folder a venv builds in ≈ 15 s.
 */
export function pipFromWheelFolder(python: string): Record<string, string> {
  const requirements = join(repoRoot, "jupyter", "requirements.txt");
  const folder = join(repoRoot, ".cache", "pip-wheels");
  const marker = join(folder, "requirements.sha256");
  const digest = createHash("sha256").update(readFileSync(requirements)).digest("hex");
  if (!existsSync(marker) || readFileSync(marker, "utf8") !== digest) {
    mkdirSync(folder, { recursive: true });
    execFileSync(python, ["-m", "pip", "download", "--quiet", "-d", folder, "-r", requirements], { stdio: "inherit" });
    writeFileSync(marker, digest);
  }
  return { PIP_FIND_LINKS: folder, PIP_NO_INDEX: "1" };
}
