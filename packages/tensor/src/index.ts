/**
 * @sidereal/tensor — float64 tensors with NumPy broadcasting, reverse-mode autodiff,
 * special functions and a compiling JIT.
 */

export { customVjp } from "./autodiff/custom-vjp.js";
export { grad, valueAndGrad, valueAndGradFlat } from "./autodiff/grad.js";
export { stopGradient } from "./autodiff/stop-gradient.js";
export { type CompiledFunction, type CompileOptions, compile } from "./compile/compile.js";
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
export * from "./ops/elementwise.js";
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
