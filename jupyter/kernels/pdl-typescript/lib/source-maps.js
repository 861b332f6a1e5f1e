// Source maps for the cells, so that an exception's stack names the line in the cell's TypeScript source.
//
// tslab compiles a cell in two steps and keeps no map: TypeScript → an ES module (its watch program), then
// the ES module → CommonJS (`ts.transpileModule`), which is what runs. Before tslab's converter is loaded,
// this module puts a copy of tslab's TypeScript module into Node's require cache that asks both steps for a
// source map, and records the two maps of the last compilation. The package's own exports are read-only
// getters, so the copy is needed: patching them in place does nothing.
"use strict";
const Module = require("module");
const path = require("path");

const INLINE_MAP = /\n?\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;
const ANY_MAP_COMMENT = /\n\/\/# sourceMappingURL=\S*\s*$/;

/** The two maps of the most recent compilation (reset before each cell). */
const lastMaps = { esModule: null, commonJs: null };

/**
 * Installs the copy of `@tslab/typescript-for-tslab` that emits source maps. Must run before anything
 * requires tslab's converter. `tslabDir` is the folder of the tslab package.
 */
function installSourceMapHooks(tslabDir) {
  const requireFromTslab = Module.createRequire(path.join(tslabDir, "dist", "converter.js"));
  const tsPath = requireFromTslab.resolve("@tslab/typescript-for-tslab");
  const ts = requireFromTslab(tsPath);
  const copy = {};
  const replaced = new Set(["createWatchCompilerHost", "transpileModule"]);
  for (const key of Object.keys(ts)) {
    if (!replaced.has(key)) Object.defineProperty(copy, key, { enumerable: true, get: () => ts[key] });
  }
  // Step 1: the watch program that type-checks and emits the cell as an ES module, with an inline map.
  Object.defineProperty(copy, "createWatchCompilerHost", {
    enumerable: true,
    value: (rootFiles, options, ...rest) => ts.createWatchCompilerHost(rootFiles, { ...options, inlineSourceMap: true }, ...rest),
  });
  // Step 2: ES module → CommonJS, with a separate map; both maps are recorded and the comments removed.
  Object.defineProperty(copy, "transpileModule", {
    enumerable: true,
    value: (input, transpileOptions) => {
      const inline = typeof input === "string" ? INLINE_MAP.exec(input) : null;
      const source = inline ? input.slice(0, inline.index) : input;
      const result = ts.transpileModule(source, {
        ...transpileOptions,
        compilerOptions: { ...transpileOptions.compilerOptions, sourceMap: true },
      });
      lastMaps.esModule = inline ? JSON.parse(Buffer.from(inline[1], "base64").toString("utf8")) : null;
      lastMaps.commonJs = result.sourceMapText ? JSON.parse(result.sourceMapText) : null;
      return { ...result, outputText: result.outputText.replace(ANY_MAP_COMMENT, "\n") };
    },
  });
  require.cache[tsPath].exports = copy;
}

/** Forgets the maps of the previous compilation. */
function resetMaps() {
  lastMaps.esModule = null;
  lastMaps.commonJs = null;
}

/** A function (line, column) → {line, column} from the code that ran to the cell's source (all 1-based), or null. */
function cellPositionMapper(srcPrefixLines = 1) {
  const { esModule, commonJs } = lastMaps;
  if (!esModule || !commonJs || typeof Module.SourceMap !== "function") return null;
  const toEsModule = new Module.SourceMap(commonJs);
  const toSource = new Module.SourceMap(esModule);
  return (line, column) => {
    const a = toEsModule.findEntry(line - 1, column - 1);
    if (!a || a.originalLine === undefined) return null;
    const b = toSource.findEntry(a.originalLine, a.originalColumn);
    if (!b || b.originalLine === undefined) return null;
    // tslab prefixes the cell with "export {};\n" before compiling it.
    const cellLine = b.originalLine - srcPrefixLines + 1;
    return cellLine >= 1 ? { line: cellLine, column: b.originalColumn + 1 } : null;
  };
}

module.exports = { installSourceMapHooks, resetMaps, cellPositionMapper };
