/**
 * Live displays for long work: a progress bar (count, rate, ETA) and curves that redraw in place.
 *
 * Jupyter only receives a redraw when the kernel's event loop runs, so a long loop should `await` between
 * steps: `await bar.tick()` redraws at most every `interval` ms and lets the interrupt button (■) stop the
 * loop with an `InterruptedError` instead of leaving it running in the background.
 *
 * ```ts
 * const bar = progressBar(1000, "sampling");
 * for (let i = 0; i < 1000; i++) { work(i); await bar.tick(); }
 * ```
 */
import { UpdatableDisplay } from "./display";
import { escapeHtml } from "./bundle";
import type { Figure, Trace } from "./figure";
import type { EpochSummary, TrainingMonitor } from "../nn/monitor";
import { InterruptedError, interruptToken, yieldToEventLoop, type InterruptToken } from "../util/interrupt";
import { requireInteger } from "../util/errors";
import { localized } from "../util/language";

/** `75` → `"1:15"`, `4000` → `"1:06:40"`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** A progress bar with count, rate and ETA, updated in place in the notebook. */
export class ProgressBar {
  readonly total: number;
  readonly label: string;
  count = 0;
  /** Extra text shown after the numbers (e.g. the current loss). */
  note = "";
  private readonly display = new UpdatableDisplay();
  private readonly started = Date.now();
  private lastDraw = 0;
  private readonly interval: number;
  private readonly token: InterruptToken;
  private finished = false;

  constructor(total: number, label = "", options: { interval?: number } = {}) {
    requireInteger("total", total);
    this.total = total;
    this.label = label;
    this.interval = options.interval ?? 100;
    this.token = interruptToken();
    this.draw();
  }

  /** Seconds since the bar was made. */
  get elapsed(): number {
    return (Date.now() - this.started) / 1000;
  }

  /** Sets the count (and optionally the note) and redraws if `interval` ms have passed. */
  update(count: number, note?: string): void {
    this.count = Math.min(count, this.total);
    if (note !== undefined) this.note = note;
    if (Date.now() - this.lastDraw >= this.interval || this.count >= this.total) this.draw();
  }

  /**
   * Counts `n` more steps; when a redraw is due, yields to the event loop so it reaches the notebook.
   * Throws `InterruptedError` after the interrupt button was pressed.
   */
  async tick(n = 1, note?: string): Promise<void> {
    const drawnBefore = this.lastDraw;
    this.update(this.count + n, note);
    // Yield only when a redraw went out: often enough for the notebook and for SIGINT, cheap in tight loops.
    if (this.lastDraw !== drawnBefore) await yieldToEventLoop();
    if (this.token.interrupted) {
      this.finish("interrupted");
      const what = this.label || localized({ en: "loop", ja: "ループ" });
      throw new InterruptedError(localized({ en: `${what} interrupted at ${this.count}/${this.total}`, ja: `${what} を ${this.count}/${this.total} で中断しました` }));
    }
  }

  /** Marks the work finished (or stopped) and draws the final state. */
  finish(status: "done" | "interrupted" | "failed" = "done", note?: string): void {
    if (note !== undefined) this.note = note;
    this.finished = true;
    this.draw(status);
  }

  /** The bar as text: `sampling  420/1000  42%  1234.5 it/s  elapsed 0:01  ETA 0:01` (`経過 0:01  残り 0:01` in Japanese). */
  toString(): string {
    const fraction = this.total === 0 ? 1 : this.count / this.total;
    const rate = this.count / Math.max(this.elapsed, 1e-9);
    const eta = rate > 0 ? (this.total - this.count) / rate : Infinity;
    const width = 30;
    const filled = Math.round(fraction * width);
    const bar = "█".repeat(filled) + "░".repeat(width - filled);
    return (
      `${this.label ? this.label + " " : ""}${bar} ${this.count}/${this.total} ${(100 * fraction).toFixed(0)}% ` +
      `${formatRate(rate)} ${localized({ en: "elapsed", ja: "経過" })} ${formatDuration(this.elapsed)}` +
      (this.finished ? "" : ` ${localized({ en: "ETA", ja: "残り" })} ${formatDuration(eta)}`) +
      (this.note ? `  ${this.note}` : "")
    );
  }

  private draw(status?: "done" | "interrupted" | "failed"): void {
    this.lastDraw = Date.now();
    const fraction = this.total === 0 ? 1 : this.count / this.total;
    const colour = status === "interrupted" || status === "failed" ? "#d62728" : status === "done" ? "#2ca02c" : "#1f77b4";
    const shownStatus = status === "interrupted" ? localized({ en: "interrupted", ja: "中断" }) : localized({ en: "failed", ja: "失敗" });
    const text = this.toString() + (status && status !== "done" ? `  (${shownStatus})` : "");
    const html =
      `<div style="font-family:monospace;font-size:12px;display:flex;align-items:center;gap:8px;">` +
      (this.label ? `<span>${escapeHtml(this.label)}</span>` : "") +
      `<div style="width:240px;height:12px;background:#eee;border-radius:3px;overflow:hidden;">` +
      `<div style="width:${(100 * fraction).toFixed(1)}%;height:100%;background:${colour};"></div></div>` +
      `<span>${escapeHtml(text.slice(text.indexOf(`${this.count}/`)))}</span></div>`;
    this.display.render({ data: { "text/html": html, "text/plain": text }, metadata: {} });
  }
}

function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return "– it/s";
  return perSecond >= 1 ? `${perSecond.toPrecision(4)} it/s` : `${(1 / perSecond).toPrecision(3)} s/it`;
}

/** A progress bar over `total` steps. */
export function progressBar(total: number, label = "", options: { interval?: number } = {}): ProgressBar {
  return new ProgressBar(total, label, options);
}

/**
 * Named curves that redraw in place, e.g. a loss curve during training:
 * `const live = liveCurves({ title: "loss" }); live.add("train", step, loss); live.draw();`
 */
export class LiveCurves {
  private readonly series = new Map<string, { x: number[]; y: number[]; axis: "y" | "y2"; mode: string }>();
  private readonly display = new UpdatableDisplay();
  private lastDraw = 0;

  constructor(
    readonly options: { title?: string; xLabel?: string; yLabel?: string; y2Label?: string; logY?: boolean; interval?: number } = {},
  ) {}

  /** Appends a point to the curve `name` (created on first use; `axis: "y2"` plots it on a right axis). */
  add(name: string, x: number, y: number, axis: "y" | "y2" = "y", mode = "lines"): void {
    let s = this.series.get(name);
    if (!s) {
      s = { x: [], y: [], axis, mode };
      this.series.set(name, s);
    }
    s.x.push(x);
    s.y.push(Number.isFinite(y) ? y : (null as unknown as number));
  }

  /** The current figure (plain plotly JSON). */
  figure(): Figure {
    const data: Trace[] = [...this.series.entries()].map(([name, s]) => ({
      type: "scatter",
      mode: s.mode,
      name,
      x: s.x.slice(),
      y: s.y.slice(),
      yaxis: s.axis,
    }));
    const hasY2 = [...this.series.values()].some((s) => s.axis === "y2");
    return {
      data,
      layout: {
        title: { text: this.options.title ?? "" },
        height: 320,
        margin: { t: 40, r: hasY2 ? 60 : 20, b: 45, l: 60 },
        xaxis: { title: { text: this.options.xLabel ?? localized({ en: "step", ja: "ステップ" }) } },
        yaxis: { title: { text: this.options.yLabel ?? "" }, type: this.options.logY ? "log" : "linear" },
        ...(hasY2 ? { yaxis2: { title: { text: this.options.y2Label ?? "" }, overlaying: "y", side: "right" } } : {}),
        legend: { orientation: "h", y: -0.25 },
      },
    };
  }

  /** Redraws now (`force`) or when `interval` ms (default 500) have passed since the last draw. */
  draw(force = true): void {
    if (!force && Date.now() - this.lastDraw < (this.options.interval ?? 500)) return;
    this.lastDraw = Date.now();
    const fig = this.figure();
    // A point with null y is a gap; validateFigure accepts null.
    this.display.renderFigure(fig);
  }
}

/** Curves that redraw in place. */
export function liveCurves(options: LiveCurves["options"] = {}): LiveCurves {
  return new LiveCurves(options);
}

/**
 * The notebook display of a training run: a progress bar over all steps and live curves (training loss per
 * step, and per epoch the train/validation loss and accuracy). `fit` uses it by default.
 */
export function trainingMonitor(options: { title?: string; redrawMs?: number } = {}): TrainingMonitor {
  let bar: ProgressBar | undefined;
  let curves: LiveCurves | undefined;
  let stepsPerEpoch = 1;
  let smoothed = NaN;
  return {
    start(info) {
      stepsPerEpoch = info.stepsPerEpoch;
      const title = info.title ?? options.title ?? localized({ en: "training", ja: "訓練" });
      bar = progressBar(info.epochs * info.stepsPerEpoch, title, { interval: options.redrawMs ?? 200 });
      curves = liveCurves({
        title,
        xLabel: localized({ en: "epoch", ja: "エポック" }),
        yLabel: localized({ en: "loss", ja: "損失" }),
        y2Label: localized({ en: "accuracy", ja: "正解率" }),
        interval: 1000,
      });
    },
    step(info) {
      smoothed = Number.isFinite(smoothed) ? 0.9 * smoothed + 0.1 * info.loss : info.loss;
      const loss = info.loss.toPrecision(4);
      bar?.update(info.step, localized({ en: `epoch ${info.epoch} loss ${loss}`, ja: `エポック ${info.epoch} 損失 ${loss}` }));
      curves?.add(localized({ en: "train loss (per step, smoothed)", ja: "訓練損失（ステップごと、平滑化）" }), info.step / stepsPerEpoch, smoothed);
      curves?.draw(false);
    },
    epoch(summary: EpochSummary) {
      curves?.add(localized({ en: "train loss", ja: "訓練損失" }), summary.epoch, summary.trainLoss, "y", "lines+markers");
      if (summary.valLoss !== undefined) curves?.add(localized({ en: "validation loss", ja: "検証損失" }), summary.epoch, summary.valLoss, "y", "lines+markers");
      if (summary.trainAccuracy !== undefined) curves?.add(localized({ en: "train accuracy", ja: "訓練正解率" }), summary.epoch, summary.trainAccuracy, "y2", "lines+markers");
      if (summary.valAccuracy !== undefined) curves?.add(localized({ en: "validation accuracy", ja: "検証正解率" }), summary.epoch, summary.valAccuracy, "y2", "lines+markers");
      curves?.draw(true);
    },
    end(info) {
      curves?.draw(true);
      bar?.finish(info.reason === "done" ? "done" : info.reason === "interrupted" ? "interrupted" : "failed", info.message);
    },
  };
}
