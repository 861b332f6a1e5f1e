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

export async function renderInBrowser(htmlFile: string, screenshot?: string): Promise<PageReport> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
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
