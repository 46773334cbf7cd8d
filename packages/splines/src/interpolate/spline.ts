/**
 * The Spline object returned by `interpolatedUnivariateSpline` and `cubicSpline`:
 * a piecewise polynomial f(x) = Σ_r Q[i, r] (x - b_i)^r on pieces [b_i, b_{i+1}),
 * extended outside [b_0, b_end] by the end pieces (scipy's ext=0 / extrapolate=True)
 * or periodically. Every method is made of tensor ops: differentiable in the knot
 * values y and, for tensor points, in the points, and usable inside `compile`.
 */
import { add, mul, reshape, sum, Tensor, type TensorLike, tensor } from "@sidereal/tensor";
import { SplineParameterError } from "../errors.js";
import { type EvaluatorOptions, FixedPointEvaluator, type SplineEvaluator } from "./evaluator.js";
import { integralFunctional } from "./integral-functional.js";
import {
  antiderivativeCoefficients,
  derivativeCoefficients,
  hornerAt,
  wrapPeriodic,
} from "./piecewise-ops.js";
import { checkLimits, type SplineBasis } from "./spline-basis.js";

export interface Spline {
  /** The basis (x-dependent part), reusable for other knot values. */
  readonly basis: SplineBasis;
  /** Data abscissae x. */
  readonly x: Float64Array;
  /** Knot values y (the interpolated ordinates). */
  readonly y: Tensor;
  /** Polynomial degree k. */
  readonly degree: number;
  /** Piece boundaries (scipy's `get_knots()` for interpolatedUnivariateSpline). */
  readonly breakpoints: Float64Array;
  /** Full B-spline knot vector (scipy's `_eval_args[0]`, FITPACK's t). */
  readonly knots: Float64Array;
  /** Local power-basis coefficients Q [pieces, k+1]: f = Σ_r Q[i, r] (x - b_i)^r. */
  readonly coefficients: Tensor;
  /**
   * f(xs). Tensor xs: located with `searchsorted` at run time, differentiable in xs.
   * Other inputs (numbers, arrays) are constants and use a precomputed evaluator.
   */
  evaluate(xs: TensorLike): Tensor;
  /** The n-th derivative (default 1); zero for n > k. Same point handling as `evaluate`. */
  derivative(xs: TensorLike, n?: number): Tensor;
  /** ∫_{x_0}^{xs} f (extrapolated pieces integrated as polynomials). */
  antiderivative(xs: TensorLike): Tensor;
  /**
   * ∫_a^b f for finite constants a, b. interpolatedUnivariateSpline: f is taken as
   * zero outside [x_0, x_{n-1}] (scipy's `UnivariateSpline.integral`); cubicSpline:
   * extrapolated (or periodic), as scipy's `CubicSpline.integrate`.
   */
  integral(a: number, b: number): Tensor;
  /** Precomputed evaluator at fixed points; `.evaluate(yNew?)` reuses it for any y. */
  evaluator(xs: TensorLike, options?: EvaluatorOptions): SplineEvaluator;
}

export class SplineImpl implements Spline {
  constructor(
    readonly basis: SplineBasis,
    readonly y: Tensor,
    readonly coefficients: Tensor,
  ) {}

  get x(): Float64Array {
    return this.basis.x;
  }
  get degree(): number {
    return this.basis.degree;
  }
  get breakpoints(): Float64Array {
    return this.basis.breakpoints;
  }
  get knots(): Float64Array {
    return this.basis.knots;
  }

  evaluate(xs: TensorLike): Tensor {
    return this.at(xs, 0, false);
  }

  derivative(xs: TensorLike, n = 1): Tensor {
    if (!Number.isInteger(n) || n < 0)
      throw new SplineParameterError(
        "derivative",
        `order must be a non-negative integer, got ${n}`,
      );
    return this.at(xs, n, false);
  }

  antiderivative(xs: TensorLike): Tensor {
    return this.at(xs, 0, true);
  }

  integral(a: number, b: number): Tensor {
    checkLimits("integral", a, b);
    const w = this.degree + 1;
    const lin = integralFunctional(this.breakpoints, w, a, b, this.basis.integralMode);
    return sum(mul(reshape(this.coefficients, [lin.length]), tensor(lin)));
  }

  evaluator(xs: TensorLike, options: EvaluatorOptions = {}): SplineEvaluator {
    return new SplineOwnEvaluator(this, xs, options);
  }

  private at(xs: TensorLike, nu: number, anti: boolean): Tensor {
    if (!(xs instanceof Tensor))
      return new FixedPointEvaluator(
        this.basis,
        xs,
        { derivative: nu, antiderivative: anti },
        null,
      ).evaluateCoefficients(this.coefficients);
    const breaks = this.breakpoints;
    let c: Tensor;
    let total: Tensor | null = null;
    if (anti) {
      const a = antiderivativeCoefficients(this.coefficients, breaks);
      c = a.coefficients;
      total = a.total;
    } else c = derivativeCoefficients(this.coefficients, nu);
    if (!this.basis.periodic) return hornerAt(c, breaks, xs);
    const b0 = breaks[0];
    const { u, k } = wrapPeriodic(xs, b0, breaks[breaks.length - 1] - b0);
    const v = hornerAt(c, breaks, u);
    return total === null ? v : add(v, mul(k, total));
  }
}

/** An evaluator whose default knot values are the spline's own (coefficients reused). */
class SplineOwnEvaluator implements SplineEvaluator {
  private readonly inner: FixedPointEvaluator;
  constructor(
    private readonly spline: SplineImpl,
    xs: TensorLike,
    options: EvaluatorOptions,
  ) {
    this.inner = new FixedPointEvaluator(spline.basis, xs, options, spline.y);
  }
  get shape(): readonly number[] {
    return this.inner.shape;
  }
  evaluate(y?: TensorLike): Tensor {
    return y === undefined
      ? this.inner.evaluateCoefficients(this.spline.coefficients)
      : this.inner.evaluate(y);
  }
  evaluateCoefficients(coefficients: Tensor): Tensor {
    return this.inner.evaluateCoefficients(coefficients);
  }
}
