export {};
export * from "./samplers";
