/**
 * A spline evaluator for a fixed set of points: the interval index and the powers of
 * the local coordinate are computed once, so each evaluation is
 *   out[j] = Σ_r C[i_j, r] · dt_j^r
 * — one gather of the coefficient rows, one multiply and one row sum (plus the
 * periodic term for antiderivatives), all tensor ops: differentiable in the knot
 * values, and compile-friendly (the indices are constants).
 */
import {
  add,
  mul,
  reshape,
  sum,
  type Tensor,
  type TensorLike,
  take,
  tensor,
} from "@sidereal/tensor";
import { readConstant } from "../constant-array.js";
import { SplineParameterError } from "../errors.js";
import { locate } from "./locate.js";
import { antiderivativeCoefficients, derivativeCoefficients } from "./piecewise-ops.js";

/** What an evaluator computes: the spline (default), a derivative, or the antiderivative. */
export interface EvaluatorOptions {
  /** Order of the derivative (default 0: the spline itself). */
  readonly derivative?: number;
  /** Evaluate ∫_{x_0}^{x} f instead (cannot be combined with `derivative`). */
  readonly antiderivative?: boolean;
}

/** The part of a spline basis an evaluator needs. */
export interface EvaluatorHost {
  readonly breakpoints: Float64Array;
  readonly degree: number;
  readonly periodic: boolean;
  /** Local power-basis coefficients [nIntervals, degree+1] of the interpolant of y. */
  coefficients(y: TensorLike): Tensor;
}

/** Repeated evaluation at fixed points, for any knot values y of the same basis. */
export interface SplineEvaluator {
  /** Shape of the evaluation points (and of each result). */
  readonly shape: readonly number[];
  /**
   * Values at the fixed points for knot values `y` (a 1-D tensor of length n,
   * differentiable). Splines' own evaluators default to the spline's knot values.
   */
  evaluate(y?: TensorLike): Tensor;
  /** The same from precomputed local coefficients [nIntervals, degree+1]. */
  evaluateCoefficients(coefficients: Tensor): Tensor;
}

export class FixedPointEvaluator implements SplineEvaluator {
  readonly shape: readonly number[];
  private readonly index: Tensor;
  private readonly powers: Tensor;
  private readonly periods: Tensor | null;
  private readonly nu: number;
  private readonly anti: boolean;

  constructor(
    private readonly host: EvaluatorHost,
    xs: TensorLike,
    options: EvaluatorOptions,
    private readonly defaultY: Tensor | null,
  ) {
    const nu = options.derivative ?? 0;
    if (!Number.isInteger(nu) || nu < 0)
      throw new SplineParameterError(
        "evaluator",
        `derivative order must be a non-negative integer, got ${nu}`,
      );
    this.anti = options.antiderivative === true;
    if (this.anti && nu !== 0)
      throw new SplineParameterError(
        "evaluator",
        "antiderivative cannot be combined with derivative",
      );
    this.nu = nu;
    const { values, shape } = readConstant(xs);
    this.shape = shape;
    const loc = locate(host.breakpoints, host.periodic, values);
    const k = host.degree;
    const width = this.anti ? k + 2 : Math.max(k + 1 - nu, 1);
    const m = values.length;
    const pw = new Float64Array(m * width);
    for (let j = 0; j < m; j++) {
      const d = loc.dt[j];
      let p = 1;
      for (let r = 0; r < width; r++) {
        pw[j * width + r] = p;
        p *= d;
      }
    }
    this.index = tensor(loc.index, [m]);
    this.powers = tensor(pw, [m, width]);
    this.periods = this.anti && loc.periods !== null ? tensor(loc.periods, [m]) : null;
  }

  evaluate(y?: TensorLike): Tensor {
    const v = y ?? this.defaultY;
    if (v === null)
      throw new SplineParameterError(
        "evaluator",
        "knot values y are required for a basis evaluator",
      );
    return this.evaluateCoefficients(this.host.coefficients(v));
  }

  evaluateCoefficients(coefficients: Tensor): Tensor {
    let c: Tensor;
    let total: Tensor | null = null;
    if (this.anti) {
      const a = antiderivativeCoefficients(coefficients, this.host.breakpoints);
      c = a.coefficients;
      total = a.total;
    } else c = derivativeCoefficients(coefficients, this.nu);
    let out = sum(mul(take(c, this.index, 0), this.powers), -1);
    if (this.periods !== null && total !== null) out = add(out, mul(this.periods, total));
    return reshape(out, this.shape);
  }
}
