// The kernel's side of the Jupyter messaging protocol, around the engine that runs cells.
// https://jupyter-client.readthedocs.io/en/stable/messaging.html
//
// What it does beyond tslab's own server: every send is queued and awaited (nothing lost, in order); errors
// go out as `error` messages and in the execute reply; the last expression's value as `execute_result`
// (Out[n]); history_request is answered; requests queued when a cell fails are aborted, later ones run;
// an error raised after its cell finished (a timer callback, an un-awaited promise) is reported on stderr.
"use strict";
const fs = require("fs");
const path = require("path");
const util = require("util");
const { parseMessage, newHeader, encodeMessage, SendQueue } = require("./wire");

/** Largest text kept in one stream message before it is sent. */
const STREAM_CHUNK = 1 << 20;
/** Outputs that follow each other within this time are merged (stream text joined, display updates replaced). */
const OUTPUT_INTERVAL_MS = 50;

/** The kernel's own log (the terminal that started Jupyter), kept before cells redirect process.stderr. */
const kernelLog = process.stderr.write.bind(process.stderr);

class KernelServer {
  /**
   * @param {object} options
   * @param {string} options.connectionFile
   * @param {ReturnType<import("./engine").createEngine>} options.engine
   * @param {string} options.tslabDir
   * @param {object} options.kernelInfo language_info and versions for kernel_info_reply
   */
  constructor({ connectionFile, engine, tslabDir, kernelInfo }) {
    this.connection = JSON.parse(fs.readFileSync(connectionFile, "utf8"));
    this.key = this.connection.key || "";
    this.engine = engine;
    this.kernelInfo = kernelInfo;
    this.jupyterModule = require(path.join(tslabDir, "dist", "jupyter.js"));
    this.executionCount = 0;
    /** Execute requests waiting for their turn. */
    this.executeQueue = [];
    this.executing = false;
    /** [count, code, output text or null] of every cell run with store_history. */
    this.history = [];
    /** Header of the request that output written now belongs to (the running or the last cell). */
    this.outputParent = null;
    this.outputLabel = "";
    this.running = false;
    /** Errors raised while no cell was running, shown at the start of the next cell. */
    this.lateErrors = [];
    /** The stream text not yet sent (consecutive writes of one stream are sent as one message). */
    this.pendingStream = null;
    this.lastStreamSent = 0;
    /** The latest update of each display not sent yet, by "<request id>/<display id>". */
    this.heldUpdates = new Map();
    this.lastUpdateSent = new Map();
    this.flushScheduled = false;
  }

  async start() {
    const zmq = require("zeromq");
    const c = this.connection;
    const address = (port) => `${c.transport}://${c.ip}:${port}`;
    // No high-water mark on iopub: a Publisher drops messages silently beyond it.
    this.iopub = new zmq.Publisher({ sendHighWaterMark: 0 });
    this.shell = new zmq.Router();
    this.control = new zmq.Router();
    this.stdin = new zmq.Router();
    this.heartbeat = new zmq.Reply();
    await Promise.all([
      this.iopub.bind(address(c.iopub_port)),
      this.shell.bind(address(c.shell_port)),
      this.control.bind(address(c.control_port)),
      this.stdin.bind(address(c.stdin_port)),
      this.heartbeat.bind(address(c.hb_port)),
    ]);
    this.queues = new Map([this.iopub, this.shell, this.control, this.heartbeat].map((s) => [s, new SendQueue(s)]));
    void this.listen(this.shell);
    void this.listen(this.control);
    void (async () => {
      try {
        for await (const frames of this.heartbeat) this.queues.get(this.heartbeat).send(frames);
      } catch {
        // socket closed
      }
    })();
    this.redirectOutput();
    process.on("SIGINT", () => this.engine.interrupt());
    process.on("uncaughtException", (error) => this.reportLateError("an exception in a callback (a timer, an event)", error));
    process.on("unhandledRejection", (reason) => this.reportLateError("a rejected promise that nothing awaited", reason));
  }

  async listen(socket) {
    try {
      for await (const frames of socket) {
        let msg;
        try {
          msg = parseMessage(this.key, frames);
        } catch (e) {
          kernelLog(`pdl kernel: ignored a message: ${e.message}\n`);
          continue;
        }
        this.dispatch(socket, msg).catch((e) => kernelLog(`pdl kernel: ${msg.header.msg_type} failed: ${e && e.stack}\n`));
      }
    } catch {
      // socket closed
    }
  }

  // ---- sending -------------------------------------------------------------------------------------------

  reply(socket, request, msgType, content) {
    const frames = encodeMessage(this.key, request.identities, newHeader(msgType, request.header), request.header, {}, content);
    this.queues.get(socket).send(frames);
  }

  /** Sends a message on iopub, after the output waiting to go (so that outputs keep their order). */
  publish(msgType, content, parent, metadata = {}) {
    if (msgType === "update_display_data") {
      this.updateDisplay(content, parent, metadata);
      return;
    }
    this.flushStream();
    this.flushUpdates();
    this.sendIopub(msgType, content, parent, metadata);
  }

  sendIopub(msgType, content, parent, metadata = {}) {
    const frames = encodeMessage(this.key, [], newHeader(msgType, parent), parent, metadata, content);
    this.queues.get(this.iopub).send(frames);
  }

  status(state, parent) {
    this.publish("status", { execution_state: state }, parent);
  }

  /**
   * Text on stdout/stderr of the cell `parent`. A write after a quiet moment goes out at once (also in the
   * middle of a synchronous loop); writes that follow within OUTPUT_INTERVAL_MS are joined into one message,
   * sent when the interval is over, at the next turn of the event loop, or before any other output.
   */
  stream(name, text, parent, metadata = {}) {
    if (!text) return;
    if (!parent) {
      // Written outside any cell (at startup, or by code run with silent: true): the kernel's own log.
      kernelLog(text);
      return;
    }
    const now = Date.now();
    const late = Boolean(metadata.pdl_late_error);
    const p = this.pendingStream;
    if (p && p.name === name && p.parent === parent && p.late === late) {
      p.text += text;
    } else {
      this.flushStream();
      this.pendingStream = { name, text, parent, metadata, late, since: now };
      if (now - this.lastStreamSent >= OUTPUT_INTERVAL_MS) {
        this.flushStream();
        return;
      }
    }
    if (this.pendingStream.text.length > STREAM_CHUNK || now - this.pendingStream.since >= OUTPUT_INTERVAL_MS) this.flushStream();
    else this.scheduleFlush();
  }

  flushStream() {
    const p = this.pendingStream;
    if (!p) return;
    this.pendingStream = null;
    this.lastStreamSent = Date.now();
    this.sendIopub("stream", { name: p.name, text: p.text }, p.parent, p.metadata);
  }

  /**
   * An update of a display replaces its whole content, so updates of one display that follow within
   * OUTPUT_INTERVAL_MS are merged: the latest is sent when the interval is over, at the next turn of the event
   * loop, or before the cell's error or idle status. A synchronous loop of 10 000 progress updates thus sends
   * one update per interval and the last one, in order, instead of 10 000 messages a front end would still be
   * drawing long after the loop ended (nbconvert gives up 4 s after the reply).
   */
  updateDisplay(content, parent, metadata) {
    const id = content && content.transient && content.transient.display_id;
    if (!id) {
      this.sendIopub("update_display_data", content, parent, metadata);
      return;
    }
    const key = `${parent && parent.msg_id}/${id}`;
    const now = Date.now();
    const held = this.heldUpdates.get(key);
    if (held) {
      Object.assign(held, { content, parent, metadata });
      if (now - held.since >= OUTPUT_INTERVAL_MS) this.flushUpdates();
      else this.scheduleFlush();
      return;
    }
    if (now - (this.lastUpdateSent.get(key) ?? 0) >= OUTPUT_INTERVAL_MS) {
      this.lastUpdateSent.set(key, now);
      this.sendIopub("update_display_data", content, parent, metadata);
      return;
    }
    this.heldUpdates.set(key, { content, parent, metadata, since: now });
    this.scheduleFlush();
  }

  flushUpdates() {
    if (this.heldUpdates.size === 0) return;
    const now = Date.now();
    for (const [key, held] of this.heldUpdates) {
      this.lastUpdateSent.set(key, now);
      this.sendIopub("update_display_data", held.content, held.parent, held.metadata);
    }
    this.heldUpdates.clear();
  }

  scheduleFlush() {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flushStream();
      this.flushUpdates();
    });
  }

  /** Everything a cell writes (console.log, process.stdout.write, displays) goes to the current request. */
  redirectOutput() {
    const writer = (name) => (chunk, encoding, callback) => {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString(typeof encoding === "string" ? encoding : "utf8");
      this.stream(name, text, this.outputParent);
      const done = typeof encoding === "function" ? encoding : callback;
      if (typeof done === "function") process.nextTick(done);
      return true;
    };
    process.stdout.write = writer("stdout");
    process.stderr.write = writer("stderr");
    const jupyter = this.jupyterModule;
    jupyter.lastWriteDisplayData = (content, update) => {
      this.publish(update ? "update_display_data" : "display_data", content, this.outputParent);
    };
  }

  // ---- requests ------------------------------------------------------------------------------------------

  async dispatch(socket, msg) {
    const type = msg.header.msg_type;
    if (type === "execute_request") {
      this.executeQueue.push(msg);
      if (!this.executing) await this.runQueue(socket);
      return;
    }
    this.status("busy", msg.header);
    try {
      switch (type) {
        case "kernel_info_request":
          this.reply(socket, msg, "kernel_info_reply", { status: "ok", ...this.kernelInfo });
          break;
        case "is_complete_request": {
          const res = this.engine.isComplete(msg.content.code);
          this.reply(socket, msg, "is_complete_reply", res.completed ? { status: "complete" } : { status: "incomplete", indent: res.indent || "" });
          break;
        }
        case "complete_request": {
          const info = this.engine.complete(msg.content.code, msg.content.cursor_pos);
          this.reply(socket, msg, "complete_reply", { status: "ok", matches: info.candidates, cursor_start: info.start, cursor_end: info.end, metadata: {} });
          break;
        }
        case "inspect_request": {
          const text = this.engine.inspect(msg.content.code, msg.content.cursor_pos);
          this.reply(socket, msg, "inspect_reply", { status: "ok", found: Boolean(text), data: text ? { "text/plain": text } : {}, metadata: {} });
          break;
        }
        case "history_request":
          this.reply(socket, msg, "history_reply", { status: "ok", history: this.historyFor(msg.content) });
          break;
        case "comm_info_request":
          this.reply(socket, msg, "comm_info_reply", { status: "ok", comms: {} });
          break;
        case "interrupt_request":
          this.reply(socket, msg, "interrupt_reply", { status: "ok" });
          process.kill(process.pid, "SIGINT");
          break;
        case "shutdown_request":
          this.reply(socket, msg, "shutdown_reply", { status: "ok", restart: Boolean(msg.content.restart) });
          this.status("idle", msg.header);
          await this.shutdown();
          return;
        default:
          kernelLog(`pdl kernel: unknown message type ${type}\n`);
      }
    } catch (e) {
      const error = this.engine.describeException(e);
      this.reply(socket, msg, type.replace(/_request$/, "_reply"), { status: "error", ...error });
    }
    this.status("idle", msg.header);
  }

  /** Runs queued execute requests one after the other. */
  async runQueue(socket) {
    this.executing = true;
    try {
      while (this.executeQueue.length > 0) {
        const msg = this.executeQueue.shift();
        try {
          await this.execute(socket, msg);
        } catch (e) {
          // A bug of this server must not leave the front end waiting for a reply forever.
          kernelLog(`pdl kernel: execute failed: ${e && e.stack}\n`);
          this.reply(socket, msg, "execute_reply", { status: "error", execution_count: this.executionCount, ...this.engine.describeException(e) });
          this.status("idle", msg.header);
        }
      }
    } finally {
      this.executing = false;
    }
  }

  async execute(socket, msg) {
    const { code = "", silent = false, store_history: storeHistoryAsked = true, stop_on_error: stopOnError = true } = msg.content;
    const storeHistory = !silent && storeHistoryAsked !== false;
    this.status("busy", msg.header);
    this.lastUpdateSent.clear();
    if (storeHistory) this.executionCount += 1;
    const count = this.executionCount;
    const label = storeHistory ? `Cell In[${count}]` : "the code run without history";
    if (!silent) this.publish("execute_input", { code, execution_count: count }, msg.header);
    // A silent request broadcasts nothing (message spec): its output goes to the kernel's log, and output
    // that comes later still goes to the last cell that was not silent.
    const previous = { parent: this.outputParent, label: this.outputLabel };
    this.outputParent = silent ? null : msg.header;
    this.outputLabel = label;
    if (!silent) this.showLateErrors();
    this.running = true;
    let result;
    try {
      result = await this.engine.execute(code, label);
    } finally {
      this.running = false;
      if (silent) {
        this.outputParent = previous.parent;
        this.outputLabel = previous.label;
      }
    }
    let output = null;
    let content;
    if (result.status === "ok") {
      for (const warning of result.warnings) this.stream("stderr", `${warning}\n`, silent ? null : msg.header);
      if (result.hasValue) {
        output = formatValue(result.value);
        // A value that prints as nothing (the library's check outcomes, already printed) shows nothing.
        if (!silent && output !== "") {
          const rich = richForm(result.value);
          const data = { ...rich.data, "text/plain": output };
          this.publish("execute_result", { execution_count: count, data, metadata: rich.metadata }, msg.header);
        }
      }
      content = { status: "ok", execution_count: count, user_expressions: {}, payload: [] };
    } else {
      if (!silent) this.publish("error", result.error, msg.header);
      content = { status: "error", execution_count: count, ...result.error };
    }
    if (storeHistory) this.history.push([count, code, output]);
    let aborted = [];
    if (result.status !== "ok" && stopOnError !== false) {
      // "Run All" stops at the first error, as in IPython: requests that were already waiting are aborted.
      // Let the sockets deliver what was sent before this reply; anything sent after the reply runs.
      await settle();
      aborted = this.executeQueue.splice(0);
    }
    this.flushStream();
    this.flushUpdates();
    this.reply(socket, msg, "execute_reply", content);
    this.status("idle", msg.header);
    for (const waiting of aborted) {
      this.status("busy", waiting.header);
      this.reply(socket, waiting, "execute_reply", { status: "aborted", execution_count: this.executionCount });
      this.status("idle", waiting.header);
    }
  }

  /** history_request: tail (last n), range (start ≤ line < stop of this session) or search (glob pattern). */
  historyFor({ hist_access_type: access, output = false, n = 10, start = 0, stop, pattern = "*", unique = false, session = 0 }) {
    const SESSION = 1;
    const entry = ([line, code, out]) => (output ? [SESSION, line, [code, out]] : [SESSION, line, code]);
    if (access === "tail") return this.history.slice(-Math.max(0, n)).map(entry);
    if (access === "range") {
      if (session !== 0 && session !== SESSION) return [];
      const last = stop === undefined || stop === null ? Infinity : stop;
      return this.history.filter(([line]) => line >= start && line < last).map(entry);
    }
    if (access === "search") {
      const glob = new RegExp(`^${String(pattern).replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, ".")}$`);
      let found = this.history.filter(([, code]) => glob.test(code));
      if (unique) {
        // Keep each input once, at its latest run.
        const latest = new Map(found.map((h) => [h[1], h]));
        found = found.filter((h) => latest.get(h[1]) === h);
      }
      return (n ? found.slice(-n) : found).map(entry);
    }
    return [];
  }

  // ---- errors after their cell -----------------------------------------------------------------------------

  /**
   * An error that no cell caught (a timer callback, an un-awaited promise): shown at once on stderr of the
   * cell running now, or else of the last cell, and again at the start of the next cell (front ends stop
   * listening to a cell when it finishes). The stream message carries metadata `pdl_late_error: true`.
   */
  reportLateError(what, error) {
    const described = this.engine.describeException(error);
    const when = this.running ? `while ${this.outputLabel} was running` : `after ${this.outputLabel || "the last cell"} finished`;
    const text = `Error ${when}, from ${what}:\n${described.traceback.join("\n")}\n`;
    if (!this.outputParent) {
      kernelLog(text);
      this.lateErrors.push(text);
      return;
    }
    this.stream("stderr", text, this.outputParent, { pdl_late_error: true });
    if (!this.running) this.lateErrors.push(text);
  }

  showLateErrors() {
    for (const text of this.lateErrors.splice(0)) this.stream("stderr", text, this.outputParent, { pdl_late_error: true });
  }

  async shutdown() {
    this.flushStream();
    this.flushUpdates();
    await Promise.race([Promise.all([...this.queues.values()].map((q) => q.drained())), new Promise((r) => setTimeout(r, 1000))]);
    try {
      this.engine.close();
    } catch {
      // closing the compiler is best effort
    }
    for (const socket of [this.iopub, this.shell, this.control, this.stdin, this.heartbeat]) socket.close();
    // Timers a cell left behind would keep the process alive.
    setTimeout(() => process.exit(0), 50);
  }
}

/** The text of a cell's value, as console.log prints it (a value whose inspection throws says so). */
function formatValue(value) {
  try {
    return util.format(value);
  } catch (e) {
    return `(the value could not be shown: ${e && e.message})`;
  }
}

/**
 * The rich form of a value that offers one: a method under `Symbol.for("jupyter.mimebundle")` returning
 * `{ data: { mimetype: content, … }, metadata? }`. Its mimetypes go into the execute_result beside the
 * text/plain (which stays what console.log prints). A method that throws adds nothing.
 */
function richForm(value) {
  const method = value !== null && (typeof value === "object" || typeof value === "function") ? value[MIMEBUNDLE] : undefined;
  if (typeof method !== "function") return { data: {}, metadata: {} };
  try {
    const bundle = method.call(value);
    const data = bundle && typeof bundle.data === "object" && bundle.data !== null ? bundle.data : {};
    const metadata = bundle && typeof bundle.metadata === "object" && bundle.metadata !== null ? bundle.metadata : {};
    return { data, metadata };
  } catch (e) {
    kernelLog(`pdl kernel: a value's rich form failed: ${e && e.message}\n`);
    return { data: {}, metadata: {} };
  }
}
const MIMEBUNDLE = Symbol.for("jupyter.mimebundle");

/** Lets the event loop read the messages already waiting on the sockets. */
async function settle() {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

module.exports = { KernelServer };
