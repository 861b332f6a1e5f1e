export { gemm } from "./gemm";
