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
export { toDiscreteMeasure, cauchyTransform } from "./measures";
export type { DiscreteMeasure, MeasureInput } from "./measures";
export { rescaleConvolution } from "./convolution";
export type { ConvolutionResult, ConvolutionOptions } from "./convolution";
export { freeAdditiveConvolution, freeMultiplicativeConvolution, classicalConvolution, rTransform, sTransform } from "./free";
export {
  networkJacobian,
  jacobianSingularValues,
  derivativeSquaredLaw,
  jacobianSpectrumPrediction,
  jacobianMomentPrediction,
} from "./jacobian";
export type { JacobianSpectrumOptions, JacobianLawOptions } from "./jacobian";
export { decoupledJacobianSingularValues } from "./freeness";
