/**
 * @sidereal/tensor — float64 tensors with NumPy broadcasting, reverse-mode autodiff,
 * special functions and a compiling JIT.
 */

export { customVjp } from "./autodiff/custom-vjp.js";
export { grad, valueAndGrad, valueAndGradFlat } from "./autodiff/grad.js";
export { stopGradient } from "./autodiff/stop-gradient.js";
export {
  type Backend,
  cpuBackend,
  getBackend,
  setBackend,
  withBackend,
} from "./backend/backend.js";
export { type CompiledFunction, type CompileOptions, compile } from "./compile/compile.js";
export { isWasmBackendLoaded, loadWasmBackend } from "./compile/wasm/binaryen.js";
export { apply as applyPrimitive } from "./core/apply.js";
export {
  arange,
  eye,
  full,
  linspace,
  ones,
  onesLike,
  scalar,
  tensor,
  toTensor,
  zeros,
  zerosLike,
} from "./core/create.js";
export { CompileError, GradError, ShapeError, ValueError } from "./core/errors.js";
export type { Primitive } from "./core/primitive.js";
export { broadcastShapes, type Shape, sizeOf } from "./core/shape.js";
export { Tensor, type TensorLike } from "./core/tensor.js";
export {
  abs,
  acos,
  add,
  asin,
  atan,
  atan2,
  ceil,
  clip,
  cos,
  cosh,
  div,
  eq,
  exp,
  expm1,
  floor,
  ge,
  gt,
  isfinite,
  isnan,
  le,
  log,
  log1p,
  log2,
  log10,
  logaddexp,
  logit,
  logSigmoid,
  lt,
  maximum,
  minimum,
  mul,
  ne,
  neg,
  pow,
  reciprocal,
  round,
  sigmoid,
  sign,
  sin,
  sinh,
  softplus,
  sqrt,
  square,
  sub,
  tan,
  tanh,
  where,
  xlog1py,
  xlogy,
} from "./ops/elementwise.js";
export {
  cholesky,
  dot,
  inv,
  logdet,
  matmul,
  matrixTranspose,
  outer,
  slogdet,
  solve,
  type TriangularSolveOptions,
  triangularSolve,
} from "./ops/linalg.js";
export {
  argmax,
  argmin,
  logsumexp,
  max,
  mean,
  min,
  prod,
  std,
  sum,
  variance,
} from "./ops/reduce.js";
export { digitize, interp, searchsorted } from "./ops/search.js";
export {
  broadcastTo,
  concat,
  cumsum,
  diff,
  expandDims,
  flip,
  gather,
  pad,
  reshape,
  slice,
  squeeze,
  stack,
  sumToShape,
  take,
  transpose,
} from "./ops/shape-ops.js";
export { type ConvolveMode, convolve, irfft, rfft } from "./ops/signal.js";
export {
  besselI0e,
  besselI1e,
  betaln,
  digamma,
  erf,
  erfc,
  erfcx,
  erfinv,
  gammaincCReg,
  gammaincReg,
  lbeta,
  lgamma,
  log1mexp,
  logGammaincCReg,
  logGammaincReg,
  logNdtr,
  ndtr,
  ndtri,
  trigamma,
  voigtProfile,
} from "./ops/special.js";
export * as scalarSpecial from "./special/index.js";
