/**
 * Reading constant inputs (knot abscissae, evaluation points, integration grids) as
 * Float64Array. These are treated as constants: no gradient flows to them, and inside
 * `compile` they must not be traced arguments (reading one throws the tensor
 * package's `CompileError`).
 */
import { Tensor, type TensorLike, toTensor } from "@sidereal/tensor";
import { SplineShapeError, SplineValueError } from "./errors.js";

/** Values and shape of a constant TensorLike (copied, row-major). */
export function readConstant(v: TensorLike): { values: Float64Array; shape: readonly number[] } {
  if (v instanceof Tensor) return { values: v.toArray(), shape: v.shape };
  if (v instanceof Float64Array) return { values: v.slice(), shape: [v.length] };
  const t = toTensor(v);
  return { values: t.toArray(), shape: t.shape };
}

/**
 * A strictly increasing, finite 1-D abscissa array with at least `minLength` entries.
 * Throws SplineShapeError (rank/length) or SplineValueError (order/finiteness).
 */
export function readAbscissae(op: string, v: TensorLike, minLength: number): Float64Array {
  const { values, shape } = readConstant(v);
  if (shape.length !== 1) throw new SplineShapeError(op, `x must be 1-D, got shape [${shape}]`);
  if (values.length < minLength)
    throw new SplineShapeError(op, `need at least ${minLength} points, got ${values.length}`);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]))
      throw new SplineValueError(op, `x[${i}] = ${values[i]} is not finite`);
    if (i > 0 && !(values[i] > values[i - 1]))
      throw new SplineValueError(
        op,
        `x must be strictly increasing, but x[${i - 1}] = ${values[i - 1]} >= x[${i}] = ${values[i]}`,
      );
  }
  return values;
}
