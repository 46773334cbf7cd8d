/**
 * `SopRotation`: rigid-rotation broadening with quadratic limb darkening (ExoJAX,
 * Kawahara et al. 2022 eq. 54; research/exojax.md §10.1), differentiable in vsini, u1, u2.
 */
import {
  add,
  div,
  le,
  mul,
  sqrt,
  square,
  sub,
  type Tensor,
  type TensorLike,
  toTensor,
  where,
} from "@sidereal/tensor";
import { convolveNormalized, VelocityGridOperator } from "./convolve-same.js";

/** Unnormalised rotation kernel at x = v/vsini (zero for |x| > 1). */
export function rotationKernel(x: TensorLike, u1: TensorLike, u2: TensorLike): Tensor {
  const xt = toTensor(x);
  const x2 = square(xt);
  const inside = le(x2, 1);
  const xs2 = where(inside, x2, 0);
  const oneMinus = sub(1, xs2);
  const k = sub(
    mul(mul(Math.PI / 2, u1), oneMinus),
    mul(mul(2 / 3, sqrt(oneMinus)), add(add(-3, add(mul(3, u1), u2)), mul(mul(2, u2), xs2))),
  );
  return where(inside, k, 0);
}

export class SopRotation extends VelocityGridOperator {
  constructor(nuGrid: Float64Array, vsiniMax = 100) {
    super(nuGrid, vsiniMax);
  }

  /** Rotationally broadened spectrum (edges darkened by the implicit zero padding). */
  rigidRotation(f: TensorLike, vsini: TensorLike, u1: TensorLike, u2: TensorLike): Tensor {
    const k = rotationKernel(div(this.velocity, vsini), u1, u2);
    return convolveNormalized(f, k);
  }
}
