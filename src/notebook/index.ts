/** Running notebooks headlessly (the runner behind `npm run notebooks` and the notebook tests). */
export { runNotebook, readNotebook, formatFailure, cellSource, executedCopyPath, type NotebookRunReport, type NotebookFailure, type CellReport, type RunOptions, type NotebookJson, type NotebookCell } from "./runner";
export { KernelClient, defaultKernelLauncher, type ExecuteResult, type KernelMessage } from "./kernel";
export { findNotebooks } from "./find";
