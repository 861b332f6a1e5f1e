/** Opens an HTML file in headless Chromium and counts the plotly figures that were really drawn. */
import { chromiumPath } from "./tools";

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
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: chromiumPath,
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
