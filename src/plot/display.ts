/**
 * Showing things in the notebook. Inside the tslab kernel, bundles go to Jupyter as display messages
 * (several mimetypes in one message, through tslab's `lastWriteDisplayData`); elsewhere (a script, a test)
 * their `text/plain` form is printed. Tests swap the destination with `setDisplaySink`.
 */
import type { Figure } from "./figure";
import { figureBundle, loaderBundle, type DisplayBundle } from "./bundle";

/** Where display bundles go. `update` replaces the earlier output with the same `displayId`. */
export type DisplaySink = (bundle: DisplayBundle, displayId: string | undefined, update: boolean) => void;

type TslabWrite = (data: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient?: { display_id?: string } }, update: boolean) => void;

/** tslab's live display writer, or undefined outside a running kernel. */
function tslabWriter(): TslabWrite | undefined {
  try {
    // Always read the property anew: tslab replaces it for every executed cell (a stale copy throws "Not ready").
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData?: TslabWrite | null };
    return jupyter.lastWriteDisplayData ?? undefined;
  } catch {
    return undefined;
  }
}

/** True when running inside the tslab kernel (displays reach Jupyter). */
export function inKernel(): boolean {
  return tslabWriter() !== undefined;
}

const defaultSink: DisplaySink = (bundle, displayId, update) => {
  const write = tslabWriter();
  if (write) {
    write({ data: bundle.data, metadata: bundle.metadata, transient: displayId ? { display_id: displayId } : {} }, update);
  } else if (!update) {
    console.log(String(bundle.data["text/plain"] ?? "[display output]"));
  }
};

let sink: DisplaySink = defaultSink;
let loaderShown = false;
let sinkChanges = 0;

/** Counts `setDisplaySink` calls, so that other once-per-session outputs (plot/live.ts) know to send again. */
export function displaySinkGeneration(): number {
  return sinkChanges;
}

/** Sends bundles somewhere else (tests); returns the previous sink. `setDisplaySink()` restores the default. */
export function setDisplaySink(next?: DisplaySink): DisplaySink {
  const previous = sink;
  sink = next ?? defaultSink;
  loaderShown = false;
  sinkChanges++;
  return previous;
}

/** Displays a raw bundle (several mimetypes in one output). */
export function displayBundle(bundle: DisplayBundle, displayId?: string, update = false): void {
  sink(bundle, displayId, update);
}

/**
 * Sends the plotly.js loader output again. Call it when figures show "Figure not drawn: plotly.js is not loaded in
 * this page" (for example after reloading a page whose loader output was cleared): figures waiting on the page
 * then draw. `show` sends the loader by itself before the first figure of a kernel session.
 */
export function loadPlotly(): void {
  sink(loaderBundle(), undefined, false);
  loaderShown = true;
}

/** Sends the loader once per kernel session, before the first figure. */
export function ensurePlotlyLoaded(): void {
  if (!loaderShown) loadPlotly();
}

/**
 * Shows a plotly figure: `show({ data: [{ x: [1, 2, 3], y: [1, 4, 9] }], layout: { title: "squares" } })`.
 * Throws a clear error for something that is not a figure or holds NaN/Infinity in its data.
 */
export function show(fig: Figure): void {
  const bundle = figureBundle(fig); // validates before anything is displayed
  ensurePlotlyLoaded();
  sink(bundle, undefined, false);
}

let displayCounter = 0;

/** An output area that can be redrawn in place (progress bars, live curves). */
export class UpdatableDisplay {
  readonly id: string;
  private shown = false;

  constructor() {
    this.id = `pdl-display-${process.pid}-${++displayCounter}-${Date.now().toString(36)}`;
  }

  /** Shows `bundle` here: the first call creates the output, later calls replace it. */
  render(bundle: DisplayBundle): void {
    sink(bundle, this.id, this.shown);
    this.shown = true;
  }

  /** Shows a figure here (validated; the loader is output first if needed). */
  renderFigure(fig: Figure): void {
    const bundle = figureBundle(fig);
    if (!this.shown) ensurePlotlyLoaded();
    this.render(bundle);
  }
}
