// Errors as a student reads them: the message, then the frames in cells ("Cell In[3], line 2") and in the
// library (mapped from dist/*.js to src/*.ts through the source maps the build writes), without the frames
// of Node, tslab or this launcher.
"use strict";
const fs = require("fs");
const path = require("path");
const util = require("util");
const Module = require("module");

/** One V8 stack line: "    at name (file:line:col)" or "    at file:line:col" (also "at async …", "at new …"). */
const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

/** Frames that say nothing about the student's code. */
function isKernelFrame(file, launcherDir, tslabDir) {
  return (
    file.startsWith("node:") ||
    file === "<anonymous>" ||
    file.startsWith(launcherDir) ||
    file.startsWith(tslabDir) ||
    file.includes(`${path.sep}node_modules${path.sep}tslab${path.sep}`) ||
    file.includes(`${path.sep}node_modules${path.sep}@tslab${path.sep}`) ||
    file.startsWith("evalmachine.")
  );
}

class TracebackFormatter {
  /**
   * @param {object} options
   * @param {string} options.root the repository (library frames under root/dist are mapped to root/src)
   * @param {string} options.launcherDir this launcher's folder
   * @param {string} options.tslabDir the tslab package folder
   */
  constructor({ root, launcherDir, tslabDir }) {
    this.root = root;
    this.launcherDir = launcherDir;
    this.tslabDir = tslabDir;
    /** filename given to a cell's code → { label: "Cell In[3]", source, toCell(line, col) } */
    this.cells = new Map();
    /** .js file → Module.SourceMap of its .js.map (or null) */
    this.fileMaps = new Map();
  }

  registerCell(filename, cell) {
    this.cells.set(filename, cell);
  }

  /** The Jupyter error of an exception: { ename, evalue, traceback: string[] }. */
  exception(error) {
    const isError = error instanceof Error || (error && typeof error === "object" && typeof error.stack === "string");
    if (!isError) {
      return { ename: "Error", evalue: `a value was thrown: ${util.inspect(error)}`, traceback: [`Uncaught ${util.inspect(error)}`] };
    }
    const ename = String(error.name || "Error");
    const evalue = String(error.message ?? "");
    const frames = this.frames(String(error.stack || ""));
    const head = evalue ? `${ename}: ${evalue}` : ename;
    return { ename, evalue, traceback: [head, ...frames] };
  }

  /** The stack's frames worth reading, each as "    at name (where)" plus, for a cell, its source line. */
  frames(stack) {
    const out = [];
    for (const line of stack.split("\n")) {
      const m = FRAME.exec(line);
      if (!m) continue;
      const [, rawName, file, lineText, colText] = m;
      // A function of an earlier cell is called through tslab's exports proxy: "Proxy.f" is just "f".
      const name = rawName && rawName.replace(/^(async )?Proxy\./, "$1");
      const where = this.place(file, Number(lineText), Number(colText));
      if (!where) continue;
      const text = `    at ${name ? `${name} (${where.text})` : where.text}${where.code ? `\n        ${where.code}` : ""}`;
      if (out[out.length - 1] !== text) out.push(text);
    }
    return out;
  }

  /** Where a frame points, in the student's terms, or null for a frame to drop. */
  place(file, line, column) {
    const cell = this.cells.get(file);
    if (cell) {
      if (line === cell.callLine) return null;
      const pos = cell.toCell ? cell.toCell(line, column) : null;
      if (!pos) return { text: cell.label };
      const code = (cell.source.split("\n")[pos.line - 1] || "").trim();
      return { text: `${cell.label}, line ${pos.line}`, code };
    }
    if (isKernelFrame(file, this.launcherDir, this.tslabDir)) return null;
    const mapped = this.mapLibraryFrame(file, line, column);
    if (mapped) return { text: mapped };
    return { text: `${this.shorten(file)}:${line}:${column}` };
  }

  /** A frame in the built library (dist/…js) as its TypeScript source (src/…ts:line:col), or null. */
  mapLibraryFrame(file, line, column) {
    if (!file.startsWith(path.join(this.root, "dist") + path.sep)) return null;
    let map = this.fileMaps.get(file);
    if (map === undefined) {
      map = null;
      try {
        if (typeof Module.SourceMap === "function") map = new Module.SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, "utf8")));
      } catch {
        map = null;
      }
      this.fileMaps.set(file, map);
    }
    if (!map) return null;
    const entry = map.findEntry(line - 1, column - 1);
    if (!entry || entry.originalSource === undefined) return null;
    const source = path.resolve(path.dirname(file), entry.originalSource.replace(/^file:\/\//, ""));
    return `${this.shorten(source)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  }

  shorten(file) {
    const rel = path.relative(this.root, file);
    return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
  }

  /**
   * The Jupyter error of TypeScript diagnostics (tslab's converter output: start/end {line, character} 0-based,
   * messageText, code, fileName for another file).
   */
  diagnostics(list, label, source) {
    const lines = source.split("\n");
    const traceback = [];
    let first = "";
    for (let i = 0; i < list.length; i++) {
      const d = list[i];
      // tslab flattens a message chain into entries at the same place: show them as one, indented.
      const chain = [d.messageText];
      while (i + 1 < list.length && samePlace(list[i + 1], d)) chain.push(list[++i].messageText);
      const code = d.code ? ` (TS${d.code})` : "";
      const message = [`${chain[0]}${code}`, ...chain.slice(1).map((m) => `  ${m}`)].join("\n");
      if (!first) first = `${chain[0]}${code}`;
      const where = `${d.fileName ? d.fileName : label}, line ${d.start.line + 1}, column ${d.start.character + 1}`;
      let text = `${where}: ${message}`;
      if (!d.fileName && lines[d.start.line] !== undefined) {
        const sourceLine = lines[d.start.line];
        const width = d.end && d.end.line === d.start.line ? Math.max(1, d.end.character - d.start.character) : 1;
        text += `\n    ${sourceLine}\n    ${" ".repeat(d.start.character)}${"^".repeat(width)}`;
      }
      traceback.push(text);
    }
    return { ename: "TypeScriptError", evalue: first, traceback };
  }
}

function samePlace(a, b) {
  const same = (p, q) => (p && q ? p.line === q.line && p.character === q.character : p === q);
  return same(a.start, b.start) && same(a.end, b.end);
}

module.exports = { TracebackFormatter };
