/**
 * `AffineTransform(loc, scale, { domain })`: y = loc + scale · x (elementwise, with
 * broadcasting), inverse (y − loc) / scale, log|det J| = log|scale| broadcast to the
 * shape of y and summed over the domain's event dims.
 *
 * The codomain follows the domain (NumPyro): real → real, realVector → realVector,
 * positive / greaterThan(c) → greaterThan(loc + scale·c) (lessThan when every scale < 0),
 * nonnegative / greaterThanEq(c) → greaterThanEq(loc + scale·c) (scale > 0 only),
 * lessThan(c) → lessThan(loc + scale·c) (greaterThan when every scale < 0),
 * unitInterval / interval(a, b) → interval(min(f(a), f(b)), max(f(a), f(b))).
 * Inside `compile` the sign of a traced scale cannot be read and is assumed positive.
 *
 * Throws a BijectorError for a zero scale, a half-bounded domain with mixed-sign scales,
 * an unsupported domain, or loc/scale shapes that do not broadcast.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  abs,
  add,
  broadcastTo,
  div,
  eq,
  log,
  lt,
  max,
  maximum,
  min,
  minimum,
  mul,
  sub,
  toTensor,
} from "@sidereal/tensor";
import type { Constraint } from "../constraints/constraint.js";
import {
  greaterThan,
  greaterThanEq,
  interval,
  lessThan,
  real,
  realVector,
} from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import { BijectorError } from "./bijector-error.js";
import { independentConstraint, isIndependentConstraint } from "./independent-constraint.js";
import { broadcastOrThrow, sumRightmost } from "./util.js";

export interface AffineTransformOptions {
  /** The domain (default `real`); decides the codomain and the event dims of the Jacobian. */
  readonly domain?: Constraint;
}

const NAME = "AffineTransform";

/** Reads a boolean reduction of a tensor; `fallback` when it is traced (inside compile). */
function readFlag(t: () => Tensor, fallback: boolean): boolean {
  try {
    return t().item() === 1;
  } catch {
    return fallback;
  }
}

/** The affine bijector y = loc + scale · x. */
export function AffineTransform(
  loc: TensorLike,
  scale: TensorLike,
  options: AffineTransformOptions = {},
): Bijector {
  const l = toTensor(loc);
  const s = toTensor(scale);
  const paramShape = broadcastOrThrow(NAME, l.shape, s.shape);
  if (s.size > 0 && readFlag(() => max(eq(s, 0)), false))
    throw new BijectorError({
      transform: NAME,
      parameter: "scale",
      value: 0,
      constraint: "non-zero everywhere",
    });
  const domain = options.domain ?? real;
  const f = (x: TensorLike): Tensor => add(l, mul(s, x));
  const codomain = affineCodomain(domain, f, s);
  return {
    name: NAME,
    domain,
    codomain,
    forward: f,
    inverse: (y: TensorLike): Tensor => div(sub(y, l), s),
    logAbsDetJacobian: (x: TensorLike): Tensor => {
      const shape = broadcastOrThrow(NAME, toTensor(x).shape, paramShape);
      return sumRightmost(broadcastTo(log(abs(s)), shape), domain.eventDim);
    },
    forwardShape: (shape: Shape): Shape => broadcastOrThrow(NAME, shape, paramShape),
    inverseShape: (shape: Shape): Shape => broadcastOrThrow(NAME, shape, paramShape),
  };
}

function affineCodomain(domain: Constraint, f: (x: TensorLike) => Tensor, s: Tensor): Constraint {
  const allNegative = () => s.size > 0 && readFlag(() => min(lt(s, 0)), false);
  const signOf = (): 1 | -1 => {
    if (allNegative()) return -1;
    if (readFlag(() => max(lt(s, 0)), false))
      throw new BijectorError({
        transform: NAME,
        parameter: "scale",
        value: "mixed signs",
        constraint: `of one sign to map the half-bounded domain ${domain.name}`,
      });
    return 1;
  };
  const p = domain.params ?? {};
  switch (domain.name) {
    case "real":
      return real;
    case "realVector":
      return realVector;
    case "positive":
    case "greaterThan": {
      const b = f(domain.name === "positive" ? 0 : p.lowerBound);
      return signOf() === 1 ? greaterThan(b) : lessThan(b);
    }
    case "nonnegative":
    case "greaterThanEq": {
      const b = f(domain.name === "nonnegative" ? 0 : p.lowerBound);
      if (signOf() === -1)
        throw new BijectorError({
          transform: NAME,
          parameter: "domain",
          value: domain.name,
          constraint: "a domain a negative scale maps to a supported set",
        });
      return greaterThanEq(b);
    }
    case "lessThan": {
      const b = f(p.upperBound);
      return signOf() === 1 ? lessThan(b) : greaterThan(b);
    }
    case "unitInterval":
    case "interval": {
      const a = f(domain.name === "unitInterval" ? 0 : p.low);
      const b = f(domain.name === "unitInterval" ? 1 : p.high);
      return interval(minimum(a, b), maximum(a, b));
    }
    default:
      if (isIndependentConstraint(domain) && domain.base.name === "real")
        return independentConstraint(real, domain.reinterpretedBatchNdims);
      throw new BijectorError({
        transform: NAME,
        parameter: "domain",
        value: domain.name,
        constraint: "real, an interval or a half-bounded set",
      });
  }
}
