/**
 * Everything the package root exports to notebooks, folder by folder (src/index.ts re-exports this and adds the
 * wiring between folders; the live figures' name check lists these names).
 */
export * from "./linalg/index";
export * from "./random/index";
export * from "./special/index";
export * from "./autograd/index";
export * from "./nn/index";
export * from "./train/index";
export * from "./data/index";
export * from "./rmt/index";
export * from "./kernels/index";
export * from "./propagation/index";
export * from "./plot/index";
export * from "./exercises/index";
export * from "./util/errors";
export * from "./util/interrupt";
export * from "./util/language";
