// The Jupyter wire protocol: messages as signed lists of ZeroMQ frames, and a send queue per socket.
// https://jupyter-client.readthedocs.io/en/stable/messaging.html#the-wire-protocol
"use strict";
const { createHmac, randomUUID } = require("crypto");

const DELIMITER = "<IDS|MSG>";
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
 * Sends on a ZeroMQ socket one message at a time. zeromq 6 refuses (EBUSY) a send while another is in flight,
 * so a socket must never be sent to without awaiting the previous send: tslab did exactly that, and a cell
 * printing more than ~500 lines lost the rest and never went idle. Messages leave in the order given.
 *
 * A message queued with a `replaces` key takes the place of a message with the same key that is still waiting:
 * an update of a display replaces the display's whole content, so an update that has not left yet when a newer
 * one of the same display comes is dropped (a synchronous loop of 10 000 progress updates sends the first and
 * the last, instead of making the front end redraw 10 000 times after the loop has ended).
 */
class SendQueue {
  constructor(socket) {
    this.socket = socket;
    this.waiting = [];
    this.sending = false;
    this.closed = false;
    /** The waiting entry of each `replaces` key. */
    this.replaceable = new Map();
    /** Resolvers of `drained()` calls. */
    this.drainWaiters = [];
  }

  send(frames, replaces) {
    if (this.closed) return;
    const entry = { frames, replaces };
    if (replaces !== undefined) {
      const older = this.replaceable.get(replaces);
      if (older) older.frames = null;
      this.replaceable.set(replaces, entry);
    }
    this.waiting.push(entry);
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
      const entry = this.waiting.shift();
      if (entry.replaces !== undefined && this.replaceable.get(entry.replaces) === entry) this.replaceable.delete(entry.replaces);
      if (entry.frames === null) continue;
      try {
        await this.socket.send(entry.frames);
      } catch (e) {
        if (this.socket.closed) this.closed = true;
        else process.stderr.write(`pdl kernel: a message could not be sent: ${e && e.message}\n`);
      }
    }
    this.sending = false;
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }
}

module.exports = { DELIMITER, PROTOCOL_VERSION, sign, parseMessage, newHeader, encodeMessage, SendQueue };
