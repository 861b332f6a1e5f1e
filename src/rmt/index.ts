export * from "./samplers";
export { catalanNumber, narayanaNumber, fussCatalanNumber, binomial as binomialCoefficient } from "./numbers";
export {
  lawDensityOnGrid,
  semicircleDensity,
  semicircleLaw,
  quarterCircleDensity,
  quarterCircleLaw,
  marchenkoPasturDensity,
  marchenkoPasturLaw,
  fussCatalanLaw,
  circularLaw,
} from "./laws";
export type { SpectralLaw, DensityGrid } from "./laws";
export { EmpiricalSpectrum, empiricalSpectrum, eigenvalueSpectrum, singularValueSpectrum } from "./spectrum";
export type { SpectrumHistogram } from "./spectrum";
