/**
 * `independentConstraint(base, n)` (NumPyro's `constraints.independent`): reinterprets
 * the rightmost `n` batch dimensions of `base` as event dimensions. `check` is the
 * logical AND of `base.check` over those dimensions; `eventDim = base.eventDim + n`.
 */
import type { Tensor, TensorLike } from "@sidereal/tensor";
import { min, toTensor } from "@sidereal/tensor";
import type { Constraint } from "../constraints/constraint.js";
import { expectCount } from "./util.js";

/** A constraint built by {@link independentConstraint}; keeps its base for `bijectTo`. */
export interface IndependentConstraint extends Constraint {
  readonly name: "independent";
  readonly base: Constraint;
  readonly reinterpretedBatchNdims: number;
}

/**
 * Reinterprets `n` batch dims of `base` as event dims. `n = 0` returns `base` itself.
 * Throws a BijectorError when `n` is not a non-negative integer.
 */
export function independentConstraint(base: Constraint, n: number): Constraint {
  expectCount("independentConstraint", "n", n);
  if (n === 0) return base;
  if (isIndependentConstraint(base))
    return independentConstraint(base.base, base.reinterpretedBatchNdims + n);
  const c: IndependentConstraint = {
    name: "independent",
    eventDim: base.eventDim + n,
    base,
    reinterpretedBatchNdims: n,
    ...(base.params ? { params: base.params } : {}),
    ...(base.isDiscrete ? { isDiscrete: true } : {}),
    check: (v: TensorLike): Tensor => {
      const ok = base.check(toTensor(v));
      if (ok.rank === 0) return ok;
      const k = Math.min(n, ok.rank);
      return min(
        ok,
        Array.from({ length: k }, (_, i) => ok.rank - k + i),
      );
    },
  };
  return c;
}

/** Type guard for constraints built by {@link independentConstraint}. */
export function isIndependentConstraint(c: Constraint): c is IndependentConstraint {
  return c.name === "independent" && "base" in c && "reinterpretedBatchNdims" in c;
}
