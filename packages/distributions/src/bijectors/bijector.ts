/**
 * A bijector (NumPyro's Transform): a differentiable bijection y = forward(x) from
 * `domain` to `codomain` with its log absolute Jacobian determinant. All methods are
 * written with tensor ops so they differentiate and compile.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import type { Constraint } from "../constraints/constraint.js";

export interface Bijector {
  readonly name: string;
  readonly domain: Constraint;
  readonly codomain: Constraint;
  forward(x: TensorLike): Tensor;
  inverse(y: TensorLike): Tensor;
  /**
   * log |det ∂y/∂x| evaluated at x (and y = forward(x), passed to avoid recomputation),
   * summed over the domain's event dimensions: shape = batch shape.
   */
  logAbsDetJacobian(x: TensorLike, y: TensorLike): Tensor;
  /** Output shape for an input shape (identity for elementwise bijectors). */
  forwardShape(shape: Shape): Shape;
  inverseShape(shape: Shape): Shape;
}
