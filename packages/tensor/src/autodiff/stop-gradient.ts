/**
 * `stopGradient(x)`: the identity whose gradient is zero (JAX's `lax.stop_gradient`).
 * It is a primitive, so `compile` sees it as an identity node.
 */
import { apply } from "../core/apply.js";
import { toTensor } from "../core/create.js";
import type { Primitive } from "../core/primitive.js";
import type { Tensor, TensorLike } from "../core/tensor.js";

export const STOP_GRADIENT: Primitive<undefined> = {
  name: "stopGradient",
  elementwise: 1,
  nondifferentiable: true,
  outShape: ([s]) => s,
  run: ([x], _s, out) => out.set(x),
  expr: ([x]) => x,
};

export function stopGradient(x: TensorLike): Tensor {
  return apply(STOP_GRADIENT, [toTensor(x)], undefined);
}
