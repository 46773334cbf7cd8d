/**
 * numpy.interp: piecewise-linear interpolation of (x, y) at xs, with the end values
 * y[0], y[n-1] outside [x_0, x_{n-1}]. Wraps the tensor package's `interp`, adding
 * input checks: x must be a constant, strictly increasing 1-D array (SplineValueError
 * / SplineShapeError otherwise) with y of the same length. Differentiable in y and xs.
 */
import { interp, type Tensor, type TensorLike, toTensor } from "@sidereal/tensor";
import { readAbscissae } from "../constant-array.js";
import { SplineShapeError } from "../errors.js";

export function linearInterp(xs: TensorLike, x: TensorLike, y: TensorLike): Tensor {
  const xv = readAbscissae("linearInterp", x, 1);
  const yt = toTensor(y);
  if (yt.rank !== 1 || yt.size !== xv.length)
    throw new SplineShapeError(
      "linearInterp",
      `y must have shape [${xv.length}], got [${yt.shape}]`,
    );
  return interp(xs, xv, yt);
}
