/**
 * Figures with Japanese text draw glyphs, not empty boxes ("tofu"), in headless Chromium: the rendered width of a
 * Japanese title in plotly's default fonts must match the same title set in Noto Sans CJK JP (Debian's
 * fonts-noto-cjk, which .ci/run installs) and differ from a row of boxes of the same length. The second test is
 * the control: with a font configuration that holds only DejaVu (no CJK font) the same measurement finds boxes,
 * so the first test would fail on a machine without a CJK font.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumPath, requireTool } from "../helpers/tools";
import { japaneseTitleWidths, type TitleWidths } from "../helpers/browser";

const title = "経験リスクと期待リスク（学習曲線）";

/** True when the title's width is that of the CJK font (within 5 %) and not that of boxes (more than 15 % apart). */
function drawnWithGlyphs(w: TitleWidths): boolean {
  return Math.abs(w.defaultFont - w.notoCjk) <= 0.05 * w.notoCjk && Math.abs(w.defaultFont - w.tofu) > 0.15 * w.tofu;
}

describe("Japanese text in figures", () => {
  it("a Japanese title is drawn with CJK glyphs: as wide as in Noto Sans CJK JP, not as wide as boxes", async (ctx) => {
    if (!requireTool("Chromium", chromiumPath, "apt-get install chromium", ctx)) return;
    const w = await japaneseTitleWidths(title);
    console.log(`title widths (px): default fonts ${w.defaultFont.toFixed(1)}, Noto Sans CJK JP ${w.notoCjk.toFixed(1)}, boxes ${w.tofu.toFixed(1)}`);
    expect(w.notoCjk, "Noto Sans CJK JP is not installed (apt-get install fonts-noto-cjk)").toBeGreaterThan(0);
    expect(drawnWithGlyphs(w), `the Japanese title is drawn as boxes or in an unexpected font: ${JSON.stringify(w)}`).toBe(true);
  }, 60_000);

  it("the check finds boxes when Chromium has no CJK font (a font configuration with DejaVu only)", async (ctx) => {
    if (!requireTool("Chromium", chromiumPath, "apt-get install chromium", ctx)) return;
    const dejavu = "/usr/share/fonts/truetype/dejavu";
    if (!existsSync(dejavu)) ctx.skip("no DejaVu fonts to build a font configuration without CJK from");
    const dir = mkdtempSync(join(tmpdir(), "pdl-fonts-"));
    const config = join(dir, "fonts.conf");
    writeFileSync(config, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${dejavu}</dir><cachedir>${dir}/cache</cachedir></fontconfig>\n`);
    const w = await japaneseTitleWidths(title, { FONTCONFIG_FILE: config });
    console.log(`without a CJK font (px): default fonts ${w.defaultFont.toFixed(1)}, "Noto Sans CJK JP" ${w.notoCjk.toFixed(1)}, boxes ${w.tofu.toFixed(1)}`);
    expect(drawnWithGlyphs(w)).toBe(false);
    expect(Math.abs(w.defaultFont - w.tofu)).toBeLessThanOrEqual(0.05 * w.tofu);
  }, 60_000);
});
