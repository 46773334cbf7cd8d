/**
 * Convolution (NumPy's `convolve` semantics, direct or FFT) and real FFTs.
 * `convolve` is differentiable in both operands: the VJP of a full convolution is a
 * "valid" correlation with each operand, and the modes are slices of the full result.
 */
import { apply } from "../core/apply.js";
import { toTensor } from "../core/create.js";
import { ShapeError } from "../core/errors.js";
import type { Primitive } from "../core/primitive.js";
import type { Tensor, TensorLike } from "../core/tensor.js";
import { type ConvolveMethod, convolveInto, irfftInto, rfftInto } from "../kernels/index.js";
import { flip, slice } from "./shape-ops.js";

export type ConvolveMode = "full" | "same" | "valid";

interface ConvAttrs {
  readonly method: ConvolveMethod;
}
export const CONVOLVE_FULL: Primitive<ConvAttrs> = {
  name: "convolve",
  outShape: ([a, v]) => {
    if (a.length !== 1 || v.length !== 1) throw new ShapeError("convolve", "operands must be 1-D");
    if (a[0] === 0 || v[0] === 0) throw new ShapeError("convolve", "operands must not be empty");
    return [a[0] + v[0] - 1];
  },
  run: ([a, v], _s, out, _o, attrs) => {
    convolveInto(out, a, v, "full", attrs.method);
  },
  vjp: (g, [a, v], _o, attrs) => [
    convolve(g, flip(v), "valid", attrs.method),
    convolve(g, flip(a), "valid", attrs.method),
  ],
  attrsKey: (a) => a.method,
};

/**
 * Discrete linear convolution of two 1-D tensors with numpy.convolve's modes:
 * `full` (length N+M-1), `same` (length max(N,M), centred as NumPy does) and `valid`
 * (length max-min+1). `method: "auto"` picks FFT for large inputs; "direct" is exact
 * to rounding for signals with a large dynamic range.
 */
export function convolve(
  a: TensorLike,
  v: TensorLike,
  mode: ConvolveMode = "full",
  method: ConvolveMethod = "auto",
): Tensor {
  const at = toTensor(a);
  const vt = toTensor(v);
  const full = apply(CONVOLVE_FULL, [at, vt], { method });
  const n = at.size;
  const m = vt.size;
  if (mode === "full") return full;
  const lo = Math.min(n, m);
  const hi = Math.max(n, m);
  if (mode === "same") {
    const start = Math.floor((lo - 1) / 2);
    return slice(full, [[start, start + hi]]);
  }
  return slice(full, [[lo - 1, hi]]);
}

interface RfftAttrs {
  readonly n: number;
  readonly part: "re" | "im";
}
export const RFFT: Primitive<RfftAttrs> = {
  name: "rfft",
  outShape: ([s], a) => {
    if (s.length !== 1) throw new ShapeError("rfft", "input must be 1-D");
    return [Math.floor(a.n / 2) + 1];
  },
  run: ([x], _s, out, _o, a) => {
    const re = new Float64Array(out.length);
    const im = new Float64Array(out.length);
    const src = x.length === a.n ? x : padTo(x, a.n);
    rfftInto(src, 0, a.n, re, im);
    out.set(a.part === "re" ? re : im);
  },
  attrsKey: (a) => `${a.n}|${a.part}`,
};
function padTo(x: Float64Array, n: number): Float64Array {
  const p = new Float64Array(n);
  p.set(x.subarray(0, Math.min(n, x.length)));
  return p;
}
/** numpy.fft.rfft: real and imaginary parts of the n/2+1 non-negative frequencies. Not differentiable. */
export function rfft(x: TensorLike, n?: number): { re: Tensor; im: Tensor } {
  const t = toTensor(x);
  const len = n ?? t.size;
  return {
    re: apply(RFFT, [t], { n: len, part: "re" }),
    im: apply(RFFT, [t], { n: len, part: "im" }),
  };
}
interface IrfftAttrs {
  readonly n: number;
}
export const IRFFT: Primitive<IrfftAttrs> = {
  name: "irfft",
  outShape: ([r, i], a) => {
    if (r.length !== 1 || i.length !== 1 || r[0] !== i[0])
      throw new ShapeError("irfft", "re and im must be 1-D of equal length");
    return [a.n];
  },
  run: ([re, im], _s, out, _o, a) => {
    irfftInto(re, im, 0, re.length, a.n, out);
  },
  attrsKey: (a) => String(a.n),
};
/** numpy.fft.irfft of the half spectrum (re, im) to n real samples. Not differentiable. */
export function irfft(re: TensorLike, im: TensorLike, n?: number): Tensor {
  const r = toTensor(re);
  return apply(IRFFT, [r, toTensor(im)], { n: n ?? 2 * (r.size - 1) });
}
