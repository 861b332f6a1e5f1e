/**
 * The browser bundle dist/pdl-browser.js (built by `npm run build` from src/browser.ts): it runs in a bare
 * JavaScript context without Node (no require, process, Buffer), exports exactly the names of src/browser.ts, uses
 * the WebAssembly product kernel, and computes the same numbers as the library in Node, bit for bit.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createContext, runInContext } from "node:vm";
import * as browserPart from "../../src/browser";
import { browserBundlePath } from "../../src/plot/liveBundle";

function loadBundle(): Record<string, any> {
  const context = createContext({ WebAssembly, atob, console });
  runInContext(`${readFileSync(browserBundlePath(), "utf8")}\nthis.pdlBrowser = pdlBrowser;`, context);
  return (context as any).pdlBrowser;
}

describe("the browser bundle", () => {
  it("runs without Node and exports the names of src/browser.ts", () => {
    const bundle = loadBundle();
    expect(Object.keys(bundle).sort()).toEqual(Object.keys(browserPart).sort());
    expect(bundle.gemmKernel()).toBe("wasm");
  });

  it("has none of the Node-only parts (files, zlib, tslab, the notebook runner, codecs)", () => {
    const source = readFileSync(browserBundlePath(), "utf8");
    for (const name of ["tslab", "zeromq", "pngjs", "jpeg-js", "decode-wav", "lastWriteDisplayData", "node:zlib"]) {
      expect(source.includes(name), name).toBe(false);
    }
  });

  it("computes the same numbers as the library in Node: samples, products, eigenvalues, a figure", () => {
    const bundle = loadBundle();
    const lib = browserPart as Record<string, any>;
    const same = (f: (l: Record<string, any>) => unknown) => expect(JSON.stringify(f(bundle))).toBe(JSON.stringify(f(lib)));
    same((l) => Array.from(l.randomGenerator(3).normalArray(50, 0, 1)));
    same((l) => Array.from(l.eigvalsh(l.wishart(200, 80, 0.07, 4))));
    same((l) => Array.from(l.matmul(l.ginibre(70, 90, 1, 5), l.ginibre(90, 60, 1, 6)).data));
    same((l) => l.histogramFigure(l.randomGenerator(8).normalArray(300, 0, 1), { bins: 20, title: "t" }));
  });
});
