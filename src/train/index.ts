/** Training: one step by hand (`trainStep`), the full loop (`fit`), and classification metrics. */
export { fit, History, setDefaultTrainingMonitor } from "./fit";
export type { FitOptions, TrainingBatch, BatchAugmentation } from "./fit";
export { trainStep, getLoss, DivergenceError } from "./step";
export type { LossFunction, LossLike } from "./step";
export { accuracy, confusionMatrix, ConfusionMatrix, toLabels } from "./metrics";
export { imageAugmentation } from "./augment";
export { nearestNeighbourIndices, nearestNeighbourLabels } from "./nearestNeighbour";
export { spread, formatSpread } from "./seeds";
export type { Spread } from "./seeds";
