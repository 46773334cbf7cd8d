/**
 * Sorted-array search (non-differentiable) and 1-D linear interpolation
 * (differentiable in x, xp and fp through its composition of gather and arithmetic).
 */
import { apply } from "../core/apply.js";
import { toTensor } from "../core/create.js";
import { ShapeError } from "../core/errors.js";
import type { Primitive } from "../core/primitive.js";
import type { Tensor, TensorLike } from "../core/tensor.js";
import { add, clip, div, gt, lt, mul, sub, where } from "./elementwise.js";
import { slice, take } from "./shape-ops.js";

interface SearchAttrs {
  readonly side: "left" | "right";
}
/** Binary search per value: O(m log n), no allocation beyond the output. */
export const SEARCHSORTED: Primitive<SearchAttrs> = {
  name: "searchsorted",
  nondifferentiable: true,
  outShape: ([a, v]) => {
    if (a.length !== 1)
      throw new ShapeError("searchsorted", `sorted array must be 1-D, got rank ${a.length}`);
    return v;
  },
  run: ([a, v], _s, out, _o, attrs) => {
    const n = a.length;
    const right = attrs.side === "right";
    for (let k = 0; k < v.length; k++) {
      const x = v[k];
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (right ? a[mid] <= x : a[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      out[k] = lo;
    }
  },
  attrsKey: (a) => a.side,
};

/**
 * Indices where `values` would be inserted into the sorted 1-D `sorted` to keep it
 * sorted (NumPy's searchsorted; `side: "left"` finds the first suitable index).
 */
export function searchsorted(
  sorted: TensorLike,
  values: TensorLike,
  side: "left" | "right" = "left",
): Tensor {
  return apply(SEARCHSORTED, [toTensor(sorted), toTensor(values)], { side });
}

/** NumPy's digitize for increasing bins: index i with bins[i-1] <= x < bins[i] (right=false). */
export function digitize(x: TensorLike, bins: TensorLike, right = false): Tensor {
  return searchsorted(bins, x, right ? "left" : "right");
}

/**
 * One-dimensional linear interpolation with numpy.interp semantics: `xp` increasing,
 * values outside [xp[0], xp[-1]] take the end values `fp[0]`, `fp[-1]`.
 * Differentiable in `x` and `fp` (and `xp`).
 */
export function interp(x: TensorLike, xp: TensorLike, fp: TensorLike): Tensor {
  const xt = toTensor(x);
  const xpt = toTensor(xp);
  const fpt = toTensor(fp);
  if (xpt.rank !== 1 || fpt.rank !== 1 || xpt.size !== fpt.size)
    throw new ShapeError(
      "interp",
      `xp and fp must be 1-D of equal length, got [${xpt.shape}] and [${fpt.shape}]`,
    );
  const n = xpt.size;
  if (n === 1) return add(mul(xt, 0), take(fpt, toTensor(0)));
  const idx = clip(sub(searchsorted(xpt, xt, "right"), 1), 0, n - 2);
  const x0 = take(xpt, idx);
  const x1 = take(xpt, add(idx, 1));
  const f0 = take(fpt, idx);
  const f1 = take(fpt, add(idx, 1));
  const t = div(sub(xt, x0), sub(x1, x0));
  const inside = add(f0, mul(t, sub(f1, f0)));
  const first = slice(fpt, [[0, 1]]);
  const last = slice(fpt, [[-1, null]]);
  return where(
    lt(xt, slice(xpt, [[0, 1]])),
    first,
    where(gt(xt, slice(xpt, [[-1, null]])), last, inside),
  );
}
