/**
 * `customVjp(f, vjp)`: a user-defined differentiable function whose gradient is given
 * by `vjp(g, inputs, output)` instead of by differentiating through `f` (JAX's
 * `custom_vjp`). Both `f` and `vjp` are written with ops, so they compile.
 */
import { tracing } from "../core/context.js";
import { toTensor } from "../core/create.js";
import type { Primitive } from "../core/primitive.js";
import type { Tensor, TensorLike } from "../core/tensor.js";

export function customVjp(
  f: (...inputs: Tensor[]) => Tensor,
  vjp: (g: Tensor, inputs: readonly Tensor[], out: Tensor) => readonly (Tensor | null)[],
  name = "customVjp",
): (...inputs: TensorLike[]) => Tensor {
  const prim: Primitive<undefined> = {
    name,
    outShape: () => {
      throw new Error(`${name}: custom ops are not applied through the kernel path`);
    },
    run: () => {
      throw new Error(`${name}: custom ops are not applied through the kernel path`);
    },
    vjp: (g, inputs, out) => vjp(g, inputs, out),
  };
  return (...args) => {
    const inputs = args.map(toTensor);
    const tape = tracing.tape;
    tracing.tape = null;
    let out: Tensor;
    try {
      out = f(...inputs);
    } finally {
      tracing.tape = tape;
    }
    if (tape !== null && inputs.some((x) => x._tape === tape)) {
      out._tape = tape;
      tape.entries.push({ prim, inputs, out, attrs: undefined });
    }
    return out;
  };
}
