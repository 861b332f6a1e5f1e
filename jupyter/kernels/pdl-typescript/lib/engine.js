// Runs cells with tslab's own compiler and executor, and reports what happened as data instead of text:
// the last expression's value, the exception, or the TypeScript diagnostics.
//
// tslab's executor prints these with the `console` it is given (diagnostics as "%s%d:%d - %s", exceptions
// as the thrown value, the last expression as the value); this engine hands it a console that records them.
"use strict";
const path = require("path");
const vm = require("vm");
const { resetMaps, cellPositionMapper } = require("./source-maps");

/**
 * @param {object} options
 * @param {string} options.tslabDir the tslab package to use
 * @param {import("./traceback").TracebackFormatter} options.tracebacks
 */
function createEngine({ tslabDir, tracebacks }) {
  const { createConverter } = require(path.join(tslabDir, "dist", "converter.js"));
  const { createExecutor } = require(path.join(tslabDir, "dist", "executor.js"));
  const { isCompleteCode } = require(path.join(tslabDir, "dist", "converter.js"));
  const { printQuickInfo } = require(path.join(tslabDir, "dist", "inspect.js"));

  /** What the running cell produced, filled by the hooks below. */
  let current = null;

  // The converters (Node and browser), as tslab's main.js builds them; convert() is watched to keep the
  // diagnostics with their codes and the source maps of the compiled cell.
  const converters = {
    _node: null,
    _browser: null,
    get node() {
      if (!this._node) this._node = watchConvert(createConverter({ isJS: false, isBrowser: false }));
      return this._node;
    },
    get browser() {
      if (!this._browser) this._browser = createConverter({ isJS: false, isBrowser: true });
      return this._browser;
    },
    close() {
      if (this._node) this._node.close();
      if (this._browser) this._browser.close();
    },
  };
  function watchConvert(converter) {
    const convert = converter.convert;
    converter.convert = (prevDecl, src) => {
      resetMaps();
      const converted = convert(prevDecl, src);
      if (current) {
        current.diagnostics = converted.diagnostics || [];
        current.toCell = converted.output ? cellPositionMapper() : null;
      }
      return converted;
    };
    return converter;
  }

  const recordingConsole = {
    log(value) {
      if (current) {
        current.hasValue = true;
        current.value = value;
      }
    },
    error(first, ...rest) {
      if (!current) return;
      if (first === "%s%d:%d - %s") current.printedDiagnostics.push(rest);
      else {
        current.hasException = true;
        current.exception = first;
      }
    },
  };

  // The cell's compiled code runs through vm.runInThisContext with breakOnSigint; give it a file name of its
  // own so that its stack frames can be told apart from other cells' and mapped back to its source.
  const runInThisContext = vm.runInThisContext;
  vm.runInThisContext = function (code, options) {
    if (current && options && options.breakOnSigint && !options.filename) {
      options = { ...options, filename: current.filename };
      // The code's last line is tslab's call of the function that wraps the cell: not the student's code.
      const callLine = String(code).split("\n").length;
      tracebacks.registerCell(current.filename, { label: current.label, source: current.source, toCell: current.toCell, callLine });
    }
    return runInThisContext.call(this, code, options);
  };

  const executor = createExecutor(process.cwd(), converters, recordingConsole);
  converters.node; // warm the TypeScript compiler now rather than in the first cell

  let runs = 0;

  /**
   * Runs one cell. Resolves to { status: "ok", hasValue, value, warnings } or { status: "error", error }
   * where error is { ename, evalue, traceback }.
   */
  async function execute(source, label) {
    runs += 1;
    current = {
      source,
      label,
      filename: `pdl-cell-${runs}`,
      diagnostics: [],
      printedDiagnostics: [],
      toCell: null,
      hasValue: false,
      value: undefined,
      hasException: false,
      exception: undefined,
    };
    const run = current;
    let ok;
    try {
      ok = await executor.execute(source);
    } catch (e) {
      ok = false;
      run.hasException = true;
      run.exception = e;
    } finally {
      current = null;
    }
    if (ok) {
      // A `//@module` cell reports diagnostics without failing: pass them on as warnings.
      const warnings = run.printedDiagnostics.map(([file, line, col, text]) => `${file}${line}:${col} - ${text}`);
      return { status: "ok", hasValue: run.hasValue, value: run.value, warnings };
    }
    if (run.hasException) return { status: "error", error: describeException(run.exception) };
    if (run.diagnostics.length > 0) return { status: "error", error: tracebacks.diagnostics(run.diagnostics, label, source) };
    const printed = run.printedDiagnostics.map(([file, line, col, text]) => `${file}${line}:${col} - ${text}`);
    return { status: "error", error: { ename: "Error", evalue: printed[0] || "the cell failed", traceback: printed } };
  }

  function describeException(e) {
    if (e && e.code === "ERR_SCRIPT_EXECUTION_INTERRUPTED") {
      return { ename: "InterruptedError", evalue: "the cell was interrupted", traceback: ["InterruptedError: the cell was interrupted (the kernel keeps its state)"] };
    }
    if (e instanceof Error && e.message === "Interrupted asynchronously") {
      return {
        ename: "InterruptedError",
        evalue: "the cell was interrupted while it was waiting",
        traceback: ["InterruptedError: the cell was interrupted while it was waiting; work it started may still run unless it checks an interrupt token"],
      };
    }
    return tracebacks.exception(e);
  }

  return {
    execute,
    describeException,
    interrupt: () => executor.interrupt(),
    isComplete: (code) => isCompleteCode(code),
    complete: (code, cursor) => executor.complete(code, cursor),
    inspect: (code, cursor) => {
      const info = executor.inspect(code, cursor);
      return info ? printQuickInfo(info) : null;
    },
    close: () => executor.close(),
  };
}

module.exports = { createEngine };
