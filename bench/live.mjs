// Live figures (issue 20): the latency of one slider move — input → recomputed in the page → redrawn by plotly.js →
// next frame — for each live figure of the lectures, in headless Chromium. Each lecture's live cell runs in a fresh
// kernel after the import lines of the cells before it (bench/.tmp/, deleted afterwards); its outputs make a page;
// every slider is moved across its range (up to 40 positions each, one at a time) and the page's own timings are
// reported as median and 90th percentile. Target: median ≤ 100 ms for the n = 400 figure.
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadavg, cpus } from "node:os";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { runNotebook } = require("../dist/notebook/index.js");

const figures = [
  { notebook: "day1/01-learning-problem.ipynb", cell: "live-risk", what: "risk curves over N and degree (20 datasets × 13 degrees)" },
  { notebook: "day2/01-signal-propagation.ipynb", cell: "live-sp", what: "signal propagation over σ_w (width 64, depth 20)" },
  { notebook: "day2/02-random-matrices.ipynb", cell: "live-mp", what: "Marčenko–Pastur over λ (n = 400)" },
  { notebook: "day2/03-jacobian-dynamical-isometry.ipynb", cell: "live-jac", what: "Jacobian spectrum over σ_w and depth (n = 64, L ≤ 32)" },
];

const chromium = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));

/** A notebook of the import lines of the cells before `cellId`, then that cell. */
function benchNotebook(path, cellId) {
  const nb = JSON.parse(readFileSync(path, "utf8"));
  const at = nb.cells.findIndex((c) => c.id === cellId);
  if (at < 0) throw new Error(`${path} has no cell ${cellId}`);
  const text = (c) => (Array.isArray(c.source) ? c.source.join("") : c.source);
  const imports = nb.cells.slice(0, at).filter((c) => c.cell_type === "code").map(text).join("\n").split("\n")
    .filter((l) => /^import\s|^setLanguage\(/.test(l));
  const code = (source, id) => ({ cell_type: "code", id, metadata: {}, execution_count: null, outputs: [], source });
  return { ...nb, cells: [code(imports.join("\n"), "imports"), code(text(nb.cells[at]), cellId)] };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

export default async function live() {
  if (!chromium) {
    console.log("Chromium not found (set CHROMIUM_PATH): skipped");
    return;
  }
  const tmp = join(root, "bench", ".tmp");
  mkdirSync(tmp, { recursive: true });
  const { chromium: playwright } = require("playwright-core");
  const browser = await playwright.launch({
    executablePath: chromium,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
  });
  const rows = [];
  try {
    for (const f of figures) {
      const nbPath = join(tmp, f.cell + ".ipynb");
      writeFileSync(nbPath, JSON.stringify(benchNotebook(join(root, "notebooks", f.notebook), f.cell)));
      const report = await runNotebook(nbPath, { outputDir: join(tmp, "out") });
      if (!report.ok) throw new Error(`${f.notebook} ${f.cell} failed in the kernel`);
      const executed = JSON.parse(readFileSync(report.written, "utf8"));
      const html = executed.cells.flatMap((c) => c.outputs ?? []).map((o) => o.data?.["text/html"]).filter(Boolean)
        .map((h) => (Array.isArray(h) ? h.join("") : h)).join("\n");
      const pageFile = join(tmp, f.cell + ".html");
      writeFileSync(pageFile, `<!doctype html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`);
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(`file://${pageFile}`);
      await page.waitForSelector("div.pdl-live[data-ready]", { timeout: 30_000 });
      const times = await page.evaluate(async () => {
        const box = document.querySelector("div.pdl-live");
        const record = box.__pdlLive;
        for (const input of box.querySelectorAll("input[type=range]")) {
          const last = Number(input.max);
          const step = Math.max(1, Math.ceil(last / 40));
          for (let k = 0; k <= last + step - 1; k += step) {
            const before = record.renders;
            input.value = String(Math.min(k, last));
            input.dispatchEvent(new Event("input", { bubbles: true }));
            while (record.renders === before || record.busy) await new Promise((r) => setTimeout(r, 2));
          }
        }
        return record.times;
      });
      await page.close();
      if (errors.length) throw new Error(`${f.cell}: ${errors.join("; ")}`);
      const sorted = times.slice().sort((a, b) => a - b);
      rows.push({ figure: `${f.notebook.replace(".ipynb", "")}: ${f.what}`, moves: sorted.length, median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9) });
    }
  } finally {
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  const [load1] = loadavg();
  console.log(`Chromium (${chromium}), ${cpus().length} cores, load average ${load1.toFixed(1)} when done: timings on a loaded machine are inflated`);
  console.log("live figure".padEnd(92) + "moves   median      p90");
  for (const r of rows) {
    console.log(`${r.figure.padEnd(92)}${String(r.moves).padStart(5)} ${r.median.toFixed(0).padStart(6)} ms ${r.p90.toFixed(0).padStart(6)} ms`);
  }
  console.log("(one move: input event → function rerun in the page → Plotly.react → next animation frame)");
}
