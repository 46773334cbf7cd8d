/**
 * Allocation-aware Float64Array kernels (row-major, caller-supplied outputs) used by the
 * tensor ops and the JIT compiler.
 */
export { batchedMatmul } from "./batchedMatmul.js";
export { checkDim, checkSpan } from "./checks.js";
export { choleskyLower } from "./cholesky.js";
export { choleskyLogdet } from "./choleskyLogdet.js";
export { choleskySolve } from "./choleskySolve.js";
export {
  type ConvolveMethod,
  type ConvolveMode,
  convolve,
  convolveInto,
  convolveLength,
  convolveUsesFft,
} from "./convolve.js";
export { type SignedLogDet, slogdet } from "./determinant.js";
export {
  clearFftCache,
  fft,
  fftCacheSize,
  irfft,
  irfftInto,
  rfft,
  rfftInto,
  rfftPaddedInto,
} from "./fft.js";
export { type GaussLegendreRule, gaussLegendre } from "./gaussLegendre.js";
export { inverse } from "./inverse.js";
export { lowerTriangularInverse } from "./lowerTriangularInverse.js";
export { luFactor, luSolve } from "./lu.js";
export { matmul, matmulUnchecked } from "./matmul.js";
export { symmetricEigen } from "./symmetricEigen.js";
export { type TriangularSolveOptions, triangularSolve } from "./triangularSolve.js";
