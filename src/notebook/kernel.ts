/**
 * A minimal Jupyter client: starts the project's tslab kernel in a folder and executes code in it over
 * the Jupyter messaging protocol (ZeroMQ sockets, HMAC-SHA256-signed JSON frames). This is what
 * `npm run notebooks` and the tests use to run notebooks headlessly, without Python.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** One message from the kernel: its type, content and the id of the request it answers. */
export interface KernelMessage {
  msgType: string;
  parentId: string | undefined;
  content: any;
  metadata: Record<string, unknown>;
}

/** What one `execute` produced. */
export interface ExecuteResult {
  /** "aborted": the kernel skipped this request because an earlier one failed (as "Run All" stops). */
  status: "ok" | "error" | "timeout" | "aborted";
  /** iopub messages belonging to this request, in order (stream, display_data, update_display_data, execute_result, error …). */
  messages: KernelMessage[];
  /** Text written to stderr during the request (the cell's own writes, and errors of earlier cells' timers and promises). */
  stderr: string;
  seconds: number;
  /** The execution count the kernel gave the request (In[n]), from its reply. */
  executionCount?: number;
  /** The error of a failed request: its name, message and traceback (from the `error` message or the reply). */
  error?: { ename: string; evalue: string; traceback: string[] };
  /** Errors the kernel reported on stderr that no cell caught (timer callbacks, un-awaited promises). */
  lateErrors: string[];
}

const DELIMITER = "<IDS|MSG>";

/** The launcher of the project's kernelspec (jupyter/kernels/pdl-typescript/launch.js). */
export function defaultKernelLauncher(): string {
  return resolve(__dirname, "..", "..", "jupyter", "kernels", "pdl-typescript", "launch.js");
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<import("node:net").Server>((ok, fail) => {
      const server = createServer();
      server.once("error", fail);
      server.listen(0, "127.0.0.1", () => ok(server));
    })),
  );
  const ports = servers.map((s) => (s.address() as import("node:net").AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  return ports;
}

/** A running tslab kernel and the sockets to talk to it. */
export class KernelClient {
  private process?: ChildProcess;
  private zmq: any;
  private shell: any;
  private control: any;
  private iopub: any;
  private key = "";
  private session = randomUUID();
  private folder = "";
  private listeners = new Map<string, (msg: KernelMessage) => void>();
  private replies = new Map<string, (msg: KernelMessage) => void>();
  private closed = false;
  /** Everything the kernel process wrote to its own stderr (startup failures end up here). */
  processLog = "";

  /** Starts the kernel with `cwd` as its working directory (the notebook's folder). */
  static async start(
    cwd: string,
    options: { launcher?: string; startupSeconds?: number; /** Extra environment variables for the kernel process (e.g. NODE_OPTIONS). */ env?: Record<string, string> } = {},
  ): Promise<KernelClient> {
    const client = new KernelClient();
    await client.launch(cwd, options.launcher ?? defaultKernelLauncher(), options.startupSeconds ?? 60, options.env);
    return client;
  }

  /** True once the kernel process has exited (crashed, process.exit(), or shut down). */
  get exited(): boolean {
    return this.closed;
  }

  private async launch(cwd: string, launcher: string, startupSeconds: number, env?: Record<string, string>): Promise<void> {
    if (!existsSync(launcher)) throw new Error(`kernel launcher not found: ${launcher}`);
    this.zmq = require("zeromq");
    const [shell, iopub, stdin, control, hb] = await freePorts(5);
    this.key = randomUUID();
    this.folder = mkdtempSync(join(tmpdir(), "pdl-kernel-"));
    const connectionFile = join(this.folder, "connection.json");
    writeFileSync(connectionFile, JSON.stringify({
      shell_port: shell, iopub_port: iopub, stdin_port: stdin, control_port: control, hb_port: hb,
      ip: "127.0.0.1", key: this.key, transport: "tcp", signature_scheme: "hmac-sha256", kernel_name: "pdl-typescript",
    }));
    this.process = spawn(process.execPath, [launcher, connectionFile], { cwd, stdio: ["ignore", "ignore", "pipe"], env: env ? { ...process.env, ...env } : process.env });
    this.process.stderr?.on("data", (chunk: Buffer) => { this.processLog += chunk.toString(); });
    this.process.on("exit", (code, signal) => { this.closed = true; this.processLog += `[kernel exited: code ${code}, signal ${signal}]\n`; });

    this.shell = new this.zmq.Dealer();
    this.control = new this.zmq.Dealer();
    this.iopub = new this.zmq.Subscriber();
    this.shell.connect(`tcp://127.0.0.1:${shell}`);
    this.control.connect(`tcp://127.0.0.1:${control}`);
    this.iopub.connect(`tcp://127.0.0.1:${iopub}`);
    this.iopub.subscribe();
    void this.readLoop(this.iopub, this.listeners);
    void this.readLoop(this.shell, this.replies);
    void this.readLoop(this.control, this.replies);

    // Wait until the kernel answers on shell AND we see its iopub messages (a new subscriber misses the first ones).
    const deadline = Date.now() + startupSeconds * 1000;
    for (;;) {
      if (this.closed) throw new Error(`the kernel exited during startup:\n${this.processLog}`);
      if (Date.now() > deadline) {
        await this.shutdown();
        throw new Error(`the kernel did not answer within ${startupSeconds} s:\n${this.processLog}`);
      }
      const id = randomUUID();
      const seen = new Promise<boolean>((ok) => {
        const timer = setTimeout(() => { this.listeners.delete(id); ok(false); }, 500);
        this.listeners.set(id, () => { clearTimeout(timer); this.listeners.delete(id); ok(true); });
      });
      await this.send(this.shell, "kernel_info_request", {}, id);
      this.replies.delete(id);
      if (await seen) return;
    }
  }

  private sign(parts: string[]): string {
    const hmac = createHmac("sha256", this.key);
    for (const p of parts) hmac.update(p);
    return hmac.digest("hex");
  }

  private async send(socket: any, msgType: string, content: unknown, msgId: string = randomUUID()): Promise<string> {
    const header = JSON.stringify({ msg_id: msgId, username: "pdl", session: this.session, date: new Date().toISOString(), msg_type: msgType, version: "5.3" });
    const parts = [header, "{}", "{}", JSON.stringify(content)];
    await socket.send([DELIMITER, this.sign(parts), ...parts]);
    return msgId;
  }

  private async readLoop(socket: any, handlers: Map<string, (msg: KernelMessage) => void>): Promise<void> {
    try {
      for await (const frames of socket) {
        const strings = (frames as Buffer[]).map((f) => f.toString());
        const at = strings.indexOf(DELIMITER);
        if (at < 0) continue;
        const [signature, header, parent, metadata, content] = strings.slice(at + 1, at + 6);
        if (signature !== this.sign([header, parent, metadata, content])) continue;
        const h = JSON.parse(header);
        const p = JSON.parse(parent);
        const msg: KernelMessage = { msgType: h.msg_type, parentId: p.msg_id, content: JSON.parse(content), metadata: JSON.parse(metadata) };
        if (msg.parentId) handlers.get(msg.parentId)?.(msg);
      }
    } catch {
      // socket closed
    }
  }

  /**
   * Executes `code` and resolves when the kernel is idle again. After `timeoutSeconds` the kernel is
   * interrupted (SIGINT) and the result has status "timeout".
   */
  async execute(
    code: string,
    options: { timeoutSeconds?: number; onMessage?: (msg: KernelMessage) => void; silent?: boolean; storeHistory?: boolean } = {},
  ): Promise<ExecuteResult> {
    if (this.closed) throw new Error(`the kernel is not running${this.processLog ? `:\n${this.processLog}` : ""}`);
    const started = Date.now();
    const messages: KernelMessage[] = [];
    const msgId = randomUUID();
    let stderr = "";
    let replyStatus: "ok" | "error" | "aborted" | undefined;
    let executionCount: number | undefined;
    let error: ExecuteResult["error"];
    const lateErrors: string[] = [];
    let idle = false;
    let timedOut = false;
    await new Promise<void>((resolveDone) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = () => {
        clearTimeout(timer);
        this.process?.off("exit", onExit);
        resolveDone();
      };
      const onExit = () => {
        replyStatus = "error";
        stderr += `\n[the kernel died]\n${this.processLog}`;
        finish();
      };
      timer = setTimeout(() => {
        timedOut = true;
        this.process?.kill("SIGINT");
        setTimeout(finish, 3000);
      }, (options.timeoutSeconds ?? 120) * 1000);
      this.process?.once("exit", onExit);
      // Listen before sending: the kernel's first iopub messages can arrive before send() resolves.
      this.listeners.set(msgId, (msg) => {
        if (msg.msgType === "status") {
          if (msg.content.execution_state === "idle") {
            idle = true;
            if (replyStatus) finish();
          }
          return;
        }
        // Idle is a request's last message: what comes after it (output of a timer the cell left behind) is
        // not the cell's; the kernel shows it again at the start of the next cell.
        if (idle || msg.msgType === "execute_input") return;
        if (msg.msgType === "stream" && msg.content.name === "stderr") {
          stderr += msg.content.text;
          if (msg.metadata?.pdl_late_error) lateErrors.push(msg.content.text);
        }
        if (msg.msgType === "error") error = { ename: msg.content.ename, evalue: msg.content.evalue, traceback: msg.content.traceback ?? [] };
        messages.push(msg);
        options.onMessage?.(msg);
      });
      this.replies.set(msgId, (msg) => {
        if (msg.msgType !== "execute_reply") return;
        replyStatus = msg.content.status === "ok" ? "ok" : msg.content.status === "aborted" || msg.content.status === "abort" ? "aborted" : "error";
        executionCount = typeof msg.content.execution_count === "number" ? msg.content.execution_count : undefined;
        if (replyStatus === "error" && !error && msg.content.ename !== undefined) {
          error = { ename: msg.content.ename, evalue: msg.content.evalue ?? "", traceback: msg.content.traceback ?? [] };
        }
        if (idle) finish();
      });
      const silent = options.silent ?? false;
      const request = { code, silent, store_history: options.storeHistory ?? !silent, user_expressions: {}, allow_stdin: false, stop_on_error: true };
      void this.send(this.shell, "execute_request", request, msgId);
    });
    this.listeners.delete(msgId);
    this.replies.delete(msgId);
    return {
      status: timedOut ? "timeout" : replyStatus ?? "error",
      messages,
      stderr,
      seconds: (Date.now() - started) / 1000,
      executionCount,
      error,
      lateErrors,
    };
  }

  /** Sends SIGINT, as the notebook's interrupt button does. */
  interrupt(): void {
    this.process?.kill("SIGINT");
  }

  /** Stops the kernel and closes the sockets. */
  async shutdown(): Promise<void> {
    if (this.process && !this.closed) {
      try {
        await this.send(this.control, "shutdown_request", { restart: false });
      } catch {
        // ignore
      }
      await new Promise<void>((ok) => {
        const timer = setTimeout(() => { this.process?.kill("SIGKILL"); ok(); }, 2000);
        this.process?.once("exit", () => { clearTimeout(timer); ok(); });
      });
    }
    this.closed = true;
    for (const s of [this.shell, this.control, this.iopub]) {
      try { s?.close(); } catch { /* already closed */ }
    }
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
  }
}
