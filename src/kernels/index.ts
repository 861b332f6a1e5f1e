/**
 * Neural tangent kernel and conjugate kernel (Day 2, §11): empirical kernels of finite networks, infinite-width
 * NNGP/NTK recursions for ReLU and erf, and linearised gradient-flow dynamics against real training.
 */
export { empiricalNtk, conjugateKernel, perExampleGradients } from "./ntk";
export { infiniteWidthKernels } from "./analytic";
export type { InfiniteWidthKernels, InfiniteWidthOptions } from "./analytic";
export { linearizedPrediction, trainFeedForward } from "./dynamics";
export type { FeedForwardTraining } from "./dynamics";
