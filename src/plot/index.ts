export * from "./figure";
