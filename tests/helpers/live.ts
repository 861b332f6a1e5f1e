/**
 * Drives the live figures of a page in Chromium: every slider of every live figure is moved across its range
 * (every position, or `maxMoves` evenly spaced ones), then "new sample" is clicked; each move must be recomputed
 * and redrawn (the page counts its renders) without an error in the figure's status line.
 */
import type { Page } from "playwright-core";

export interface LiveReport {
  /** Live figure boxes on the page (div.pdl-live). */
  figures: number;
  /** Of those, mounted and drawn by the page's runtime. */
  ready: number;
  /** Slider moves and clicks made, and how many were redrawn. */
  moves: number;
  redrawn: number;
  /** Status lines that report a failure. */
  failures: string[];
  /** Milliseconds from input to drawn, per move (recorded by the page). */
  times: number[];
}

/** Waits until every live figure is drawn (or `timeoutMs` passes). */
export async function waitForLiveFigures(page: Page, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const pending = await page.evaluate(() => {
      const boxes = Array.from(document.querySelectorAll("div.pdl-live"));
      return boxes.filter((b) => !b.getAttribute("data-ready")).length;
    });
    if (pending === 0) return;
    await page.waitForTimeout(100);
  }
}

/** Moves every slider of every live figure across its range, one position at a time, and reports. */
export async function exerciseLiveFigures(page: Page, maxMoves = 1000): Promise<LiveReport> {
  await waitForLiveFigures(page);
  return page.evaluate(async (maxMoves) => {
    const boxes = Array.from(document.querySelectorAll("div.pdl-live")) as (HTMLElement & { __pdlLive?: { renders: number; times: number[]; busy: boolean } })[];
    const report = { figures: boxes.length, ready: 0, moves: 0, redrawn: 0, failures: [] as string[], times: [] as number[] };
    const settle = async (box: (typeof boxes)[number], before: number) => {
      for (let i = 0; i < 600; i++) {
        const r = box.__pdlLive!;
        if (r.renders > before && !r.busy) return true;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return false;
    };
    for (const box of boxes) {
      if (!box.getAttribute("data-ready") || !box.__pdlLive) continue;
      report.ready++;
      const inputs = Array.from(box.querySelectorAll("input[type=range]")) as HTMLInputElement[];
      for (const input of inputs) {
        const last = Number(input.max);
        const step = Math.max(1, Math.ceil(last / maxMoves));
        const positions: number[] = [];
        for (let k = 0; k <= last; k += step) positions.push(k);
        if (positions[positions.length - 1] !== last) positions.push(last);
        const initial = input.value;
        for (const k of [...positions, Number(initial)]) {
          const before = box.__pdlLive!.renders;
          input.value = String(k);
          input.dispatchEvent(new Event("input", { bubbles: true }));
          report.moves++;
          if (await settle(box, before)) report.redrawn++;
        }
      }
      const button = box.querySelector("button.pdl-live-sample") as HTMLButtonElement | null;
      if (button) {
        const before = box.__pdlLive!.renders;
        button.click();
        report.moves++;
        if (await settle(box, before)) report.redrawn++;
      }
      const status = box.querySelector(".pdl-live-status")?.textContent ?? "";
      if (status) report.failures.push(status);
      report.times.push(...box.__pdlLive!.times);
    }
    return report;
  }, maxMoves);
}

/** Opens `htmlFile` in Chromium, offline, and moves every live figure across its range; reports errors too. */
export async function exerciseLivePage(htmlFile: string, maxMoves = 40): Promise<LiveReport & { errors: string[] }> {
  const { launchChromium } = await import("./browser");
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
    });
    page.on("dialog", (d) => {
      errors.push(`dialog opened: ${d.message()}`);
      void d.dismiss();
    });
    await page.route(/^https?:/, (route) => {
      errors.push(`network request blocked: ${route.request().url()}`);
      return route.abort();
    });
    await page.goto(`file://${htmlFile}`);
    const report = await exerciseLiveFigures(page, maxMoves);
    return { ...report, errors };
  } finally {
    await browser.close();
  }
}
