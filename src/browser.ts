/**
 * The part of the library that runs in a web page: the numbers (random, linalg, rmt, propagation, kernels,
 * autograd, nn) and the figure builders, without anything that needs Node or the kernel (files, zlib, worker
 * threads, tslab, the notebook runner, the image and sound codecs, `show`).
 *
 * `npm run build` bundles this file with esbuild into `dist/pdl-browser.js`, a script that defines the global
 * `pdlBrowser`; live figures (`liveFigure`, plot/live.ts) send it to the page once per notebook and run their
 * function there with these names. The kernel runs the same function against this very module, so a live figure
 * draws the same picture in the kernel and in the page.
 */
export * from "./random/index";
export * from "./linalg/index";
export * from "./autograd/index";
export * from "./nn/index";
export * from "./rmt/index";
export * from "./kernels/index";
export * from "./propagation/index";
export * from "./data/toy1d";
export * from "./data/excessRisk";
export * from "./data/betaLaw";
export * from "./plot/figure";
export * from "./plot/builders";
export * from "./plot/seeds";
export * from "./plot/excessRisk";
export * from "./util/errors";
export * from "./util/language";
export { mountLiveFigure, liveWorkerMain } from "./plot/livePage";
