// The Jupyter wire protocol: messages as signed lists of ZeroMQ frames, and a send queue per socket.
// https://jupyter-client.readthedocs.io/en/stable/messaging.html#the-wire-protocol
"use strict";
const { createHmac, randomUUID } = require("crypto");

const DELIMITER = "<IDS|MSG>";
/** The kernel's own log, kept before cells redirect process.stderr to the notebook. */
const kernelLog = process.stderr.write.bind(process.stderr);
const PROTOCOL_VERSION = "5.3";

/** HMAC-SHA256 of the four JSON parts, hex, as the connection file's key asks. */
function sign(key, parts) {
  const hmac = createHmac("sha256", key);
  for (const part of parts) hmac.update(part);
  return hmac.digest("hex");
}

/**
 * Reads one message: [identities…, "<IDS|MSG>", signature, header, parent, metadata, content, buffers…].
 * Throws on a missing delimiter or a wrong signature (the message is then ignored by the caller).
 */
function parseMessage(key, frames) {
  const at = frames.findIndex((f) => f.toString() === DELIMITER);
  if (at < 0) throw new Error("message without the <IDS|MSG> delimiter");
  const parts = frames.slice(at + 2, at + 6).map((f) => f.toString());
  if (parts.length < 4) throw new Error("message with fewer than four parts");
  if (key && frames[at + 1].toString() !== sign(key, parts)) throw new Error("message with a wrong signature");
  return {
    identities: frames.slice(0, at),
    header: JSON.parse(parts[0]),
    parent: JSON.parse(parts[1]),
    metadata: JSON.parse(parts[2]),
    content: JSON.parse(parts[3]),
  };
}

/** A new header for a message of `msgType` sent in the session of `parent` (the request it belongs to). */
function newHeader(msgType, parent) {
  return {
    msg_id: randomUUID(),
    username: parent.username || "kernel",
    session: parent.session || "",
    date: new Date().toISOString(),
    msg_type: msgType,
    version: PROTOCOL_VERSION,
  };
}

/** The frames of a signed message. */
function encodeMessage(key, identities, header, parent, metadata, content) {
  const parts = [JSON.stringify(header), JSON.stringify(parent), JSON.stringify(metadata), JSON.stringify(content)];
  return [...identities, DELIMITER, sign(key, parts), ...parts];
}

/**
 * Sends on a ZeroMQ socket in order, never two sends at once. zeromq 6 queues a message at once when the
 * socket is writable, and otherwise waits; a second send while one waits is refused (EBUSY). tslab sent
 * without awaiting, so once iopub's high-water mark was reached (a cell printing more than ~500 lines) the
 * rest was lost and the cell never went idle. Here a message goes out at once when nothing is waiting and the
 * socket is writable (also during a synchronous loop), and otherwise waits its turn.
 */
class SendQueue {
  constructor(socket) {
    this.socket = socket;
    this.waiting = [];
    this.sending = false;
    this.closed = false;
    /** Resolvers of `drained()` calls. */
    this.drainWaiters = [];
  }

  send(frames) {
    if (this.closed) return;
    if (!this.sending && this.waiting.length === 0 && this.socket.writable) {
      // Queued by ZeroMQ immediately (zeromq guarantees it when `writable`): no send is left pending.
      this.socket.send(frames).catch((e) => this.failed(e));
      return;
    }
    this.waiting.push(frames);
    if (!this.sending) void this.pump();
  }

  /** Resolves when every queued message has been handed to ZeroMQ. */
  drained() {
    if (!this.sending && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  async pump() {
    this.sending = true;
    while (this.waiting.length > 0 && !this.closed) {
      const frames = this.waiting.shift();
      try {
        await this.socket.send(frames);
      } catch (e) {
        this.failed(e);
      }
    }
    this.sending = false;
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }

  failed(e) {
    if (this.socket.closed) this.closed = true;
    else kernelLog(`pdl kernel: a message could not be sent: ${e && e.message}\n`);
  }
}

module.exports = { DELIMITER, PROTOCOL_VERSION, sign, parseMessage, newHeader, encodeMessage, SendQueue };
