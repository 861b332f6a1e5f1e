/** Plots (plotly figure JSON and builders), their display in the notebook, and live progress. */
export * from "./figure";
export * from "./builders";
export { show, loadPlotly, displayBundle, setDisplaySink, inKernel, UpdatableDisplay, type DisplaySink } from "./display";
export { figureBundle, loaderBundle, validateFigure, jsonForScript, figureSummary, PLOTLY_MIMETYPE, NOT_DRAWN_MESSAGE, LOADER_NOT_RUN_MESSAGE, type DisplayBundle } from "./bundle";
export * from "./progress";
export * from "./datasets";
export * from "./excessRisk";
export * from "./seeds";
export { liveFigure, loadLiveFigures, prepareLiveFigure, liveSliders, type LiveParameter, type LiveFigureOptions, type LiveFigureFunction, type PreparedLiveFigure } from "./live";
export type { LiveSlider, LiveSpec } from "./liveSource";
