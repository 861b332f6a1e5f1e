/**
 * Headless Chromium for tests: opens an HTML file and counts the plotly figures that were really drawn, and checks
 * that Japanese text in a figure is drawn with glyphs, not with empty "tofu" boxes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromiumPath, repoRoot } from "./tools";

export interface PageReport {
  /** Figure containers written by `show` (div.pdl-plot). */
  figureDivs: number;
  /** Of those, how many plotly drew (an svg.main-svg root inside). */
  drawn: number;
  /** JavaScript errors the page raised. */
  errors: string[];
}

/**
 * Headless Chromium (Debian's) for tests. The flags keep it off the network: without the background-networking
 * ones it tries to reach Google's services at every start, which this closed machine refuses.
 */
export async function launchChromium(options: { env?: Record<string, string> } = {}) {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: chromiumPath,
    ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}),
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Counts the figures written by `show` in `htmlFile` and how many plotly drew; optionally screenshots the page. */
export async function renderInBrowser(htmlFile: string, screenshot?: string): Promise<PageReport> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    // Nothing may reach the network: every plot must draw from what the page itself holds.
    await page.route(/^https?:/, (route) => {
      errors.push(`network request blocked: ${route.request().url()}`);
      return route.abort();
    });
    await page.goto(`file://${htmlFile}`);
    const count = () => page.evaluate(() => ({
      figureDivs: document.querySelectorAll("div.pdl-plot").length,
      drawn: Array.from(document.querySelectorAll("div.pdl-plot")).filter((d) => d.querySelector("svg.main-svg")).length,
    }));
    let result = await count();
    for (let i = 0; i < 50 && result.drawn < result.figureDivs; i++) {
      await page.waitForTimeout(200);
      result = await count();
    }
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    return { ...result, errors };
  } finally {
    await browser.close();
  }
}

/** The rendered widths (px) of one figure title set three ways; see `japaneseTitleWidths`. */
export interface TitleWidths {
  /** The title in plotly's default font stack ("Open Sans", verdana, arial, sans-serif), as the notebooks draw it. */
  defaultFont: number;
  /** The same title in an explicit CJK font, Noto Sans CJK JP (Debian's fonts-noto-cjk). */
  notoCjk: number;
  /** As many characters of Unicode's private use area, which no font draws: what boxes of this length measure. */
  tofu: number;
}

/**
 * Draws three plotly figures in headless Chromium (plotly.js from the npm package, offline) whose titles are
 * `title`, `title` in Noto Sans CJK JP, and a run of private-use characters of the same length, and returns
 * the widths of the drawn titles. Where a CJK font is installed the first two agree and differ from the third;
 * without one all three are the same boxes. `env` is passed to Chromium (a test sets FONTCONFIG_FILE to a
 * configuration without CJK fonts to see the failure).
 */
export async function japaneseTitleWidths(title: string, env?: Record<string, string>): Promise<TitleWidths> {
  const plotly = readFileSync(join(repoRoot, "node_modules", "plotly.js-dist-min", "plotly.min.js"), "utf8");
  const tofu = Array.from(title, (_, i) => String.fromCodePoint(0xe000 + i)).join("");
  const browser = await launchChromium({ env });
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    await page.route(/^https?:/, (route) => route.abort());
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"></head><body>
      <div id="default"></div><div id="noto"></div><div id="tofu"></div></body></html>`);
    await page.addScriptTag({ content: plotly });
    return await page.evaluate(
      async ([title, tofu]) => {
        const Plotly = (window as any).Plotly;
        const draw = async (id: string, text: string, family?: string) => {
          const layout = { title: { text, font: { size: 24, ...(family ? { family } : {}) } }, width: 800, height: 300 };
          await Plotly.newPlot(id, [{ y: [1, 2] }], layout);
          await document.fonts.ready;
          const node = document.querySelector(`#${id} .gtitle`) as SVGTextElement | null;
          if (!node) throw new Error(`plotly drew no title in #${id}`);
          return node.getComputedTextLength();
        };
        return {
          defaultFont: await draw("default", title),
          notoCjk: await draw("noto", title, "Noto Sans CJK JP"),
          tofu: await draw("tofu", tofu),
        };
      },
      [title, tofu] as const,
    );
  } finally {
    await browser.close();
  }
}

/**
 * Appends an output's HTML to the page (run inside the page: `page.evaluate(insertOutput, [html, true])`); with
 * `runScripts` its scripts run (a trusted notebook), without they are dropped (an untrusted one).
 */
export function insertOutput([html, runScripts]: readonly [string, boolean]): void {
  const area = document.createElement("div");
  area.className = "output";
  area.innerHTML = html; // scripts inserted through innerHTML never run, like JupyterLab's sanitised untrusted HTML
  document.body.appendChild(area);
  for (const old of Array.from(area.querySelectorAll("script"))) {
    if (runScripts) {
      const script = document.createElement("script");
      script.textContent = old.textContent;
      old.replaceWith(script);
    } else {
      old.remove();
    }
  }
}

/** Collects a page's uncaught exceptions and console errors, in order, into the array it returns. */
export function pageErrors(page: import("playwright-core").Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  return errors;
}
