/**
 * The display code reaches into a private module of tslab (`tslab/dist/jupyter`, its `lastWriteDisplayData`
 * slot): our kernel (jupyter/kernels/pdl-typescript/lib/server.js) fills that slot for each cell, and tslab's own
 * public `display` writes through it. This test pins that contract, so that a tslab update that moves or renames
 * the slot fails here instead of silently sending every figure to stdout.
 */
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { displayBundle, inKernel, setDisplaySink } from "../../src/plot/display";

const require = createRequire(__filename);
const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
type Written = { content: { data: Record<string, unknown> }; update: boolean };

describe("tslab's private display slot (tslab/dist/jupyter.lastWriteDisplayData)", () => {
  afterEach(() => {
    jupyter.lastWriteDisplayData = null;
    setDisplaySink();
  });

  it("exists, is empty outside a kernel, and is the module our kernel server loads", () => {
    expect(jupyter).toHaveProperty("lastWriteDisplayData", null);
    expect(inKernel()).toBe(false);
    const tslabDir = dirname(require.resolve("tslab/package.json"));
    expect(require(join(tslabDir, "dist", "jupyter.js"))).toBe(jupyter);
  });

  it("carries pdl's display bundles and tslab's own display to Jupyter once the kernel fills it", () => {
    const written: Written[] = [];
    jupyter.lastWriteDisplayData = (content: Written["content"], update: boolean) => written.push({ content, update });
    expect(inKernel()).toBe(true);
    setDisplaySink(); // the default sink: through the slot
    displayBundle({ data: { "text/plain": "a figure", "text/html": "<b>a figure</b>" }, metadata: {} });
    const tslab = require("tslab") as { display: { html(s: string): void } };
    tslab.display.html("<i>from tslab</i>");
    expect(written.map((w) => w.content.data)).toEqual([
      { "text/plain": "a figure", "text/html": "<b>a figure</b>" },
      { "text/html": "<i>from tslab</i>" },
    ]);
    expect(written.map((w) => Boolean(w.update))).toEqual([false, false]); // new outputs, not updates
  });
});
