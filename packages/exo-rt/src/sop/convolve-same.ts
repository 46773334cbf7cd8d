/**
 * ExoJAX's `convolve_same`: the N central samples of the full linear convolution of a
 * spectrum (length N) with an odd-length kernel (length L), offset (L−1)/2, for any L —
 * also L > N, where numpy's "same" would return L samples (research/exojax.md §10).
 */
import { convolve, slice, type Tensor, type TensorLike, toTensor } from "@sidereal/tensor";

export function convolveSame(f: TensorLike, kernel: TensorLike): Tensor {
  const ft = toTensor(f);
  const kt = toTensor(kernel);
  const n = ft.size;
  const half = (kt.size - 1) / 2;
  return slice(convolve(ft, kt, "full"), [[half, half + n]]);
}
