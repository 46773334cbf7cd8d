/**
 * Stable tail arithmetic of the standard normal CDF Φ used by the truncated normal:
 * log(Φ(b) - Φ(a)) and the inverse of log Φ.
 */
import type { Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  div,
  exp,
  expm1,
  gt,
  log,
  log1mexp,
  logNdtr,
  lt,
  mul,
  ndtri,
  neg,
  sqrt,
  square,
  sub,
  toTensor,
  where,
} from "@sidereal/tensor";

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const LOG_2PI = Math.log(2 * Math.PI);

/**
 * log(1 - e^d) for d ≤ 0, -Infinity at d = 0, with a double `where` so that the
 * gradient at d = 0 is 0 instead of NaN.
 */
function safeLog1mexp(d: Tensor): Tensor {
  const ok = lt(d, 0);
  return where(ok, log1mexp(where(ok, d, -1)), Number.NEGATIVE_INFINITY);
}

/**
 * log(Φ(b) - Φ(a)) for a ≤ b. When a > 0 both points are in the right tail and the
 * difference is taken as Φ(-a) - Φ(-b); otherwise as Φ(b) - Φ(a); each as
 * log Φ(u) + log1mexp(log Φ(v) - log Φ(u)) with logNdtr, so nothing underflows (the
 * approach of scipy's truncnorm). Both branches see safe substituted inputs.
 */
export function logDiffNdtr(a: TensorLike, b: TensorLike): Tensor {
  const ta = toTensor(a);
  const tb = toTensor(b);
  const right = gt(ta, 0);
  const aR = where(right, ta, 1);
  const bR = where(right, tb, 2);
  const aL = where(right, -2, ta);
  const bL = where(right, -1, tb);
  const lR = logNdtr(neg(aR));
  const viaRight = add(lR, safeLog1mexp(sub(logNdtr(neg(bR)), lR)));
  const lL = logNdtr(bL);
  const viaLeft = add(lL, safeLog1mexp(sub(logNdtr(aL), lL)));
  return where(right, viaRight, viaLeft);
}

/**
 * The x with log Φ(x) = logp (logp ≤ 0): Φ⁻¹(e^logp) while e^logp is a normal float
 * (logp ≥ -680); below that, Newton iterations on log Φ(-z) = logp started from the
 * asymptotic z₀ = √(t - log t - log 2π), t = -2 logp (from Φ(-z) ≈ φ(z)/z), and x = -z.
 * Differentiable in logp (the Newton iterates converge to the implicit derivative).
 */
export function ndtriLog(logp: TensorLike): Tensor {
  const lp = toTensor(logp);
  const small = lt(lp, -680);
  const direct = ndtri(exp(where(small, -1, lp)));
  const target = where(small, lp, -700);
  const t = mul(target, -2);
  let z = sqrt(sub(sub(t, log(t)), LOG_2PI));
  for (let i = 0; i < 4; i++) {
    const lz = logNdtr(neg(z));
    // h = φ(z)/Φ(-z), the derivative of -log Φ(-z)
    const h = exp(sub(sub(mul(square(z), -0.5), HALF_LOG_2PI), lz));
    z = add(z, div(sub(lz, target), h));
  }
  return where(small, neg(z), direct);
}

/** -expm1(d) = 1 - e^d (re-exported helper for the truncated normal). */
export const oneMinusExp = (d: TensorLike): Tensor => neg(expm1(d));
