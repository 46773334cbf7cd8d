/**
 * A primitive is the unit shared by eager execution, reverse-mode AD and the compiler:
 *
 * - `outShape` infers the result shape (and validates inputs, throwing ShapeError);
 * - `run` is the kernel: it reads the input buffers and writes the output buffer
 *   (preallocated by the caller), so eager code and compiled code use the same loop;
 * - `expr` (elementwise primitives only) is the scalar JavaScript expression the
 *   compiler inlines when it fuses chains of elementwise ops into one loop;
 * - `vjp` is the vector-Jacobian product written with ops, so that the backward pass
 *   is itself traceable (compile records it into the same graph).
 */
import type { Shape } from "./shape.js";
import type { Tensor } from "./tensor.js";

export type ElementwiseArity = 1 | 2 | 3;

export interface Primitive<A = unknown> {
  readonly name: string;
  /** Elementwise primitives broadcast their inputs and can be fused by `compile`. */
  readonly elementwise?: ElementwiseArity;
  /** True when the output never carries gradient (comparisons, floor, argmax...). */
  readonly nondifferentiable?: boolean;
  /** True when the output buffer is the input's buffer (reshape): compile aliases it. */
  readonly alias?: boolean;
  outShape(inShapes: readonly Shape[], attrs: A): Shape;
  run(
    inputs: readonly Float64Array[],
    inShapes: readonly Shape[],
    out: Float64Array,
    outShape: Shape,
    attrs: A,
  ): void;
  /** Scalar expression for fusion, over argument expressions (elementwise only). */
  expr?(args: readonly string[], attrs: A): string;
  vjp?(g: Tensor, inputs: readonly Tensor[], out: Tensor, attrs: A): readonly (Tensor | null)[];
  /** A stable text form of `attrs` for common-subexpression elimination. */
  attrsKey?(attrs: A): string;
}
