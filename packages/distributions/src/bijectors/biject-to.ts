/**
 * `bijectTo(constraint)`: NumPyro's `biject_to` — the default bijector from unconstrained
 * space onto a constraint's set (used to run samplers on R^n):
 *
 * | constraint              | bijector                                               |
 * |-------------------------|--------------------------------------------------------|
 * | real                    | IdentityTransform()                                    |
 * | realVector              | IdentityTransform(1)                                   |
 * | positive                | ExpTransform()                                         |
 * | nonnegative             | ExpTransform() (NumPyro treats `nonnegative` as a       |
 * |                         | `greater_than(0)` and maps it with exp; 0 is a limit)   |
 * | greaterThan(c), greaterThanEq(c) | Exp then AffineTransform(c, 1, domain=positive) |
 * | lessThan(c)             | Exp then AffineTransform(c, −1, domain=positive)       |
 * | unitInterval            | SigmoidTransform()                                     |
 * | interval(a, b)          | Sigmoid then AffineTransform(a, b − a, domain=unitInterval) |
 * | simplex                 | StickBreakingTransform()                               |
 * | orderedVector           | OrderedTransform()                                     |
 * | positiveOrderedVector   | Ordered then Exp (as NumPyro)                          |
 * | lowerCholesky           | LowerCholeskyTransform()                               |
 * | correlationCholesky     | CorrCholeskyTransform()                                |
 * | positiveDefinite        | LowerCholesky then InverseTransform(CholeskyTransform) (L ↦ L Lᵀ) |
 * | independentConstraint(c, n) | IndependentTransform(bijectTo(c), n)               |
 *
 * Discrete constraints and unknown names throw a BijectorError naming the constraint.
 */

import { sub } from "@sidereal/tensor";
import type { Constraint } from "../constraints/constraint.js";
import { positive, unitInterval } from "../constraints/index.js";
import { AffineTransform } from "./affine.js";
import type { Bijector } from "./bijector.js";
import { BijectorError } from "./bijector-error.js";
import { CholeskyTransform } from "./cholesky.js";
import { ComposeTransform } from "./compose.js";
import { CorrCholeskyTransform } from "./corr-cholesky.js";
import { ExpTransform } from "./exp.js";
import { IdentityTransform } from "./identity.js";
import { IndependentTransform } from "./independent.js";
import { isIndependentConstraint } from "./independent-constraint.js";
import { InverseTransform } from "./inverse.js";
import { LowerCholeskyTransform } from "./lower-cholesky.js";
import { OrderedTransform } from "./ordered.js";
import { SigmoidTransform } from "./sigmoid.js";
import { StickBreakingTransform } from "./stick-breaking.js";

const NAME = "bijectTo";

function param(c: Constraint, key: string) {
  const v = c.params?.[key];
  if (v === undefined)
    throw new BijectorError({
      transform: NAME,
      parameter: "constraint",
      value: c.name,
      constraint: `a constraint carrying its "${key}" parameter`,
    });
  return v;
}

/** The default bijector R^n → the set described by `constraint` (see the table above). */
export function bijectTo(constraint: Constraint): Bijector {
  if (constraint.isDiscrete)
    throw new BijectorError({
      transform: NAME,
      parameter: "constraint",
      value: constraint.name,
      constraint: "continuous (a discrete constraint has no bijection from unconstrained space)",
    });
  switch (constraint.name) {
    case "real":
    case "finiteReal":
      return IdentityTransform();
    case "realVector":
      return IdentityTransform(1);
    case "positive":
    case "finitePositive":
    case "finiteNonnegative":
    case "nonnegative":
      return ExpTransform();
    case "greaterThan":
    case "greaterThanEq":
      return ComposeTransform([
        ExpTransform(),
        AffineTransform(param(constraint, "lowerBound"), 1, { domain: positive }),
      ]);
    case "lessThan":
      return ComposeTransform([
        ExpTransform(),
        AffineTransform(param(constraint, "upperBound"), -1, { domain: positive }),
      ]);
    case "unitInterval":
      return SigmoidTransform();
    case "interval": {
      const lo = param(constraint, "low");
      const hi = param(constraint, "high");
      return ComposeTransform([
        SigmoidTransform(),
        AffineTransform(lo, sub(hi, lo), { domain: unitInterval }),
      ]);
    }
    case "simplex":
      return StickBreakingTransform();
    case "orderedVector":
      return OrderedTransform();
    case "positiveOrderedVector":
      return ComposeTransform([OrderedTransform(), ExpTransform()]);
    case "lowerCholesky":
      return LowerCholeskyTransform();
    case "correlationCholesky":
      return CorrCholeskyTransform();
    case "positiveDefinite":
      return ComposeTransform([LowerCholeskyTransform(), InverseTransform(CholeskyTransform())]);
    default:
      if (isIndependentConstraint(constraint))
        return IndependentTransform(bijectTo(constraint.base), constraint.reinterpretedBatchNdims);
      throw new BijectorError({
        transform: NAME,
        parameter: "constraint",
        value: constraint.name,
        constraint: "a constraint with a registered default bijector",
      });
  }
}
