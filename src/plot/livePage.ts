/**
 * The page side of a live figure (runs in the browser, from the bundle dist/pdl-browser.js): builds the sliders
 * and the "new sample" button, compiles the function from its source text, and redraws with plotly.js on every
 * move. Moves that come faster than the figure computes are merged: only the latest values are computed.
 *
 * With `worker: true` the function runs in a Web Worker made from the same bundle (`window.__pdlBundleFactory`,
 * see plot/liveBundle.ts), so the page stays responsive while a heavy figure computes. Where that is not there (the
 * static site loads the bundle as a file) or workers are forbidden, the function runs in the page instead.
 *
 * Labels and values are written with `textContent`, never as HTML.
 */
import { compileLiveFunction, decodeLiveData, liveBindings, sliderValue, sliderValues, type LiveSpec } from "./liveSource";

type Lib = Record<string, any>;
type Compute = (values: Record<string, number>, seed: number) => Promise<PageFigure>;
interface PageFigure {
  data: unknown[];
  layout?: unknown;
  config?: unknown;
}

/** Compiles the spec's function against `lib` (in the page or in a worker) and returns `(values, seed) → figure`. */
export function liveComputer(spec: Pick<LiveSpec, "source" | "libraryAliases" | "exportsFromLibrary" | "constants" | "language">, lib: Lib): (values: Record<string, number>, seed: number) => PageFigure {
  const constants = decodeLiveData(spec.constants) as Record<string, unknown>;
  const { names, bindings } = liveBindings(spec.libraryAliases, spec.exportsFromLibrary, constants, lib);
  const fn = compileLiveFunction(spec.source, names, bindings);
  return (values, seed) => {
    lib.setLanguage(spec.language);
    const fig = fn(values, lib.randomGenerator(seed), seed) as PageFigure;
    if (fig === null || typeof fig !== "object" || !Array.isArray(fig.data)) {
      throw new TypeError("liveFigure: the function did not return a figure { data, layout }");
    }
    return fig;
  };
}

/** The worker's message loop: `{ spec }` compiles, `{ id, values, seed }` computes and answers `{ id, figure | error }`. */
export function liveWorkerMain(scope: any, lib: Lib): void {
  let compute: ((values: Record<string, number>, seed: number) => PageFigure) | undefined;
  scope.onmessage = (event: { data: any }) => {
    const message = event.data;
    try {
      if (message.spec) {
        compute = liveComputer(message.spec, lib);
        return;
      }
      const figure = compute!(message.values, message.seed);
      scope.postMessage({ id: message.id, figure: JSON.parse(JSON.stringify(figure, typedToArray)) });
    } catch (e) {
      scope.postMessage({ id: message.id, error: String(e && (e as Error).stack ? (e as Error).stack : e) });
    }
  };
}

function typedToArray(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value;
}

function workerComputer(spec: LiveSpec): Compute | undefined {
  const w = window as any;
  if (typeof Worker !== "function" || typeof w.__pdlBundleFactory !== "function") return undefined;
  const code = `var lib = (${w.__pdlBundleFactory.toString()})();\nlib.liveWorkerMain(self, lib);\n`;
  let worker: Worker;
  try {
    worker = new Worker(URL.createObjectURL(new Blob([code], { type: "text/javascript" })));
  } catch {
    return undefined; // a page that forbids workers from blob: URLs: compute in the page instead
  }
  worker.postMessage({ spec: { source: spec.source, libraryAliases: spec.libraryAliases, exportsFromLibrary: spec.exportsFromLibrary, constants: spec.constants, language: spec.language } });
  let next = 0;
  const waiting = new Map<number, { resolve: (f: PageFigure) => void; reject: (e: Error) => void }>();
  worker.onmessage = (event: MessageEvent) => {
    const answer = event.data;
    const entry = waiting.get(answer.id);
    if (!entry) return;
    waiting.delete(answer.id);
    if (answer.error) entry.reject(new Error(answer.error));
    else entry.resolve(answer.figure);
  };
  return (values, seed) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, values, seed });
    });
}

/** Element helper: a tag with inline style and text (never HTML). */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, style: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.setAttribute("style", style);
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Resolves at the next animation frame (the redraw has been painted), or soon where frames do not run. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100); // a hidden tab runs no frames
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Draws into `plot` with plotly.js now, or when the plotly.js loader has run. */
function whenPlotly(draw: () => void): void {
  const w = window as any;
  if (w.Plotly) draw();
  else (w.__plotlyQueue = w.__plotlyQueue || []).push(draw);
}

/**
 * Mounts the live figure whose box has id `id`: removes the explanation, adds the controls and the plot, draws the
 * kernel's first figure, and recomputes on every slider move and "new sample" click. Timings of the redraws are
 * kept on `box.__pdlLive` (read by the benchmark and the tests).
 */
export function mountLiveFigure(id: string, spec: LiveSpec, lib: Lib): void {
  const box = document.getElementById(id);
  if (!box || box.getAttribute("data-mounted")) return;
  box.setAttribute("data-mounted", "1");
  const missing = box.querySelector(".pdl-live-missing");
  if (missing) missing.remove();

  const controls = element("div", "display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center;font:13px sans-serif;margin:4px 0;");
  const plot = element("div", "width:100%;");
  plot.className = "pdl-live-plot"; // not "pdl-plot": the tests count those as figures drawn by show()
  const status = element("div", "font:12px sans-serif;color:#a33;min-height:0;");
  status.className = "pdl-live-status";
  box.append(controls, plot, status);

  const indices = spec.sliders.map((s) => s.index);
  let seed = spec.seed;
  const inputs: HTMLInputElement[] = [];
  spec.sliders.forEach((slider, i) => {
    const label = element("label", "display:flex;align-items:center;gap:6px;");
    const name = element("span", "", slider.label);
    const input = element("input", "width:180px;");
    input.type = "range";
    input.min = "0";
    input.max = String(slider.count - 1);
    input.step = "1";
    input.value = String(slider.index);
    input.setAttribute("data-name", slider.name);
    const shown = element("span", "min-width:3em;font-variant-numeric:tabular-nums;", String(sliderValue(slider, slider.index)));
    input.addEventListener("input", () => {
      indices[i] = Number(input.value);
      shown.textContent = String(sliderValue(slider, indices[i]));
      request();
    });
    label.append(name, input, shown);
    controls.append(label);
    inputs.push(input);
  });
  const seedText = element("span", "color:#666;", `${spec.seedLabel} ${seed}`);
  if (spec.sampleButton) {
    const button = element("button", "font:13px sans-serif;padding:2px 10px;", spec.sampleLabel);
    button.type = "button";
    button.className = "pdl-live-sample";
    button.addEventListener("click", () => {
      seed += 1;
      seedText.textContent = `${spec.seedLabel} ${seed}`;
      request();
    });
    controls.append(button, seedText);
  }

  let compute: Compute;
  try {
    const inWorker = spec.worker ? workerComputer(spec) : undefined;
    const direct = inWorker ? undefined : liveComputer(spec, lib);
    compute = inWorker ?? ((values, s) => Promise.resolve().then(() => direct!(values, s)));
  } catch (e) {
    status.textContent = "Live figure cannot run in this page: " + String(e);
    console.error(e);
    return;
  }

  const record = { renders: 0, times: [] as number[], busy: false };
  (box as any).__pdlLive = record;
  let pending: { values: Record<string, number>; seed: number; start: number } | undefined;
  const draw = (fig: PageFigure): Promise<unknown> => (window as any).Plotly.react(plot, fig.data, fig.layout, fig.config);

  function request(): void {
    pending = { values: sliderValues(spec.sliders, indices), seed, start: performance.now() };
    if (!record.busy) void work();
  }
  async function work(): Promise<void> {
    record.busy = true;
    while (pending) {
      const job = pending;
      pending = undefined;
      try {
        const fig = await compute(job.values, job.seed);
        await draw(fig);
        await nextFrame();
        status.textContent = "";
        record.times.push(performance.now() - job.start); // input → computed → drawn → next frame
      } catch (e) {
        status.textContent = "Live figure failed: " + String(e);
        console.error(e);
      }
      record.renders++;
    }
    record.busy = false;
  }

  whenPlotly(() => {
    Promise.resolve(draw(spec.figure)).then(
      () => {
        record.renders++;
        box.setAttribute("data-ready", "1");
      },
      (e) => {
        status.textContent = "Live figure not drawn: plotly.js raised " + String(e);
        console.error(e);
      },
    );
  });
}
