/**
 * Central finite-difference gradient checks. With step h the truncation error is
 * O(h² f''') and the rounding error O(ε|f|/h); h = 1e-6·max(1,|x|) balances them near
 * 1e-10 relative for smooth functions, so the default tolerance of 1e-6 (relative to
 * max(1, |g|)) leaves a wide margin while still catching any wrong VJP.
 */
import { expect } from "vitest";
import { type Tensor, tensor, valueAndGrad } from "../../src/index.js";

export function numericGrad(
  f: (...a: Tensor[]) => Tensor,
  args: Tensor[],
  k: number,
): Float64Array {
  const x = args[k].toArray();
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const h = 1e-6 * Math.max(1, Math.abs(x[i]));
    const eval1 = (d: number) => {
      const xp = x.slice();
      xp[i] += d;
      const a = args.slice();
      a[k] = tensor(xp, args[k].shape);
      return f(...a).item();
    };
    g[i] = (eval1(h) - eval1(-h)) / (2 * h);
  }
  return g;
}

export function expectGradMatchesFd(
  f: (...a: Tensor[]) => Tensor,
  args: Tensor[],
  tol = 1e-6,
): void {
  const [, grads] = valueAndGrad(f)(...args);
  for (let k = 0; k < args.length; k++) {
    const fd = numericGrad(f, args, k);
    const an = grads[k].toArray();
    expect(grads[k].shape).toEqual(args[k].shape);
    for (let i = 0; i < fd.length; i++) {
      const err = Math.abs(an[i] - fd[i]) / Math.max(1, Math.abs(fd[i]));
      if (!(err <= tol))
        throw new Error(
          `arg ${k}[${i}]: analytic ${an[i]} vs finite-difference ${fd[i]} (err ${err})`,
        );
    }
  }
}
