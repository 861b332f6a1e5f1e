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
export {
  freeCumulantsFromMoments,
  momentsFromFreeCumulants,
  rTransformSeries,
  sTransformSeries,
  freeAdditiveMoments,
  freeMultiplicativeMoments,
  seriesMultiply,
  seriesCompose,
  seriesInverse,
  evaluateSeries,
} from "./series";
export {
  toDiscreteMeasure,
  cauchyTransform,
  freeAdditiveConvolution,
  freeMultiplicativeConvolution,
  rescaleConvolution,
  classicalConvolution,
  rTransform,
  sTransform,
} from "./free";
export type { DiscreteMeasure, ConvolutionResult, MeasureInput, ConvolutionOptions } from "./free";
export {
  networkJacobian,
  jacobianSingularValues,
  derivativeSquaredLaw,
  jacobianSpectrumPrediction,
  jacobianMomentPrediction,
} from "./jacobian";
export type { JacobianSpectrumOptions } from "./jacobian";
export { decoupledJacobianSingularValues } from "./freeness";
