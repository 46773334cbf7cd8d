/**
 * ExoJAX's `convolve_same`: the N central samples of the full linear convolution of a
 * spectrum (length N) with an odd-length kernel (length L), offset (L−1)/2, for any L —
 * also L > N, where numpy's "same" would return L samples (research/exojax.md §10).
 */
import {
  convolve,
  div,
  slice,
  sum,
  type Tensor,
  type TensorLike,
  toTensor,
} from "@sidereal/tensor";
import { resolutionEslog, velocityGrid } from "../grid.js";

export function convolveSame(f: TensorLike, kernel: TensorLike): Tensor {
  const ft = toTensor(f);
  const kt = toTensor(kernel);
  const n = ft.size;
  const half = (kt.size - 1) / 2;
  return slice(convolve(ft, kt, "full"), [[half, half + n]]);
}

/** {@link convolveSame} with the kernel normalised to unit sum (rotation, instrument profile). */
export function convolveNormalized(f: TensorLike, kernel: TensorLike): Tensor {
  return convolveSame(f, div(kernel, sum(kernel)));
}

/** What the spectral operators share: the ESLOG grid and its velocity grid out to ±vmax (km/s). */
export class VelocityGridOperator {
  readonly nuGrid: Float64Array;
  readonly velocity: Float64Array;

  constructor(nuGrid: Float64Array, vmax: number) {
    this.nuGrid = nuGrid;
    this.velocity = velocityGrid(resolutionEslog(nuGrid), vmax);
  }
}
