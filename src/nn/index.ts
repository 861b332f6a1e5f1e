export * from "./monitor";
export { gaussianInit, lecunInit, heInit, xavierInit, orthogonalInit, initializers } from "./init";
export type { Initializer, InitializerName } from "./init";
export { Linear, MLP, mlp } from "./layers";
export type { Model, LinearOptions, MlpOptions, ForwardRecord } from "./layers";
export { backpropMlp } from "./backprop";
export type { BackpropLoss, BackpropResult } from "./backprop";
export { SGD, Adam, sgd, adam, constantSchedule, stepSchedule, cosineSchedule } from "./optim";
export type { Optimizer, OptimizerOptions, SgdOptions, AdamOptions, Schedule } from "./optim";
