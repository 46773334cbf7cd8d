/**
 * SplineBasis: everything about an interpolating spline that depends only on the
 * abscissae x — breakpoints, the factorised banded system, and the linear operator
 * y ↦ local power-basis coefficients Q (f(x) = Σ_r Q[i, r] (x - b_i)^r on piece i).
 *
 * For constant y the coefficients come from the O(n) banded solve. For tensor y
 * (traced, or differentiated) they are `matmul(M, y)` with M = [nPieces·(k+1), n]
 * materialised once per basis by n banded solves (O(n²), cached), so the map is an
 * ordinary differentiable, compilable tensor op whose transpose is the gradient.
 */
import { matmul, reshape, Tensor, type TensorLike, tensor } from "@sidereal/tensor";
import { readConstant } from "../constant-array.js";
import { SplineShapeError, SplineValueError } from "../errors.js";
import {
  type EvaluatorHost,
  type EvaluatorOptions,
  FixedPointEvaluator,
  type SplineEvaluator,
} from "./evaluator.js";
import { type IntegralMode, integralFunctional } from "./integral-functional.js";
import { type Spline, SplineImpl } from "./spline.js";

/** What a spline family supplies to build a basis. */
export interface SplineBasisSpec {
  /** Name of the constructing function, for error messages. */
  readonly op: string;
  /** Data abscissae (strictly increasing). */
  readonly x: Float64Array;
  /** Piece boundaries b_0 < … < b_P. */
  readonly breakpoints: Float64Array;
  /** Full B-spline knot vector (FITPACK's t). */
  readonly knots: Float64Array;
  /** Polynomial degree k of each piece. */
  readonly degree: number;
  /** Periodic extrapolation (else the end pieces are extended). */
  readonly periodic: boolean;
  /** How `integral(a, b)` treats limits outside [x_0, x_{n-1}]. */
  readonly integralMode: IntegralMode;
  /** y ↦ flat coefficients [P·(k+1)], linear in y, O(n). */
  readonly solve: (y: Float64Array) => Float64Array;
}

export class SplineBasis implements EvaluatorHost {
  readonly op: string;
  readonly x: Float64Array;
  readonly breakpoints: Float64Array;
  readonly knots: Float64Array;
  readonly degree: number;
  readonly periodic: boolean;
  readonly integralMode: IntegralMode;
  /** Number of knot values n. */
  readonly size: number;
  /** Number of polynomial pieces P. */
  readonly pieces: number;
  private readonly solve: (y: Float64Array) => Float64Array;
  private op_: Tensor | null = null;

  constructor(spec: SplineBasisSpec) {
    this.op = spec.op;
    this.x = spec.x;
    this.breakpoints = spec.breakpoints;
    this.knots = spec.knots;
    this.degree = spec.degree;
    this.periodic = spec.periodic;
    this.integralMode = spec.integralMode;
    this.solve = spec.solve;
    this.size = spec.x.length;
    this.pieces = spec.breakpoints.length - 1;
  }

  /** The dense operator M [P·(k+1), n] with vec(Q) = M y (built on first use). */
  operator(): Tensor {
    if (this.op_ === null) {
      const n = this.size;
      const rows = this.pieces * (this.degree + 1);
      const m = new Float64Array(rows * n);
      const e = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        e.fill(0);
        e[j] = 1;
        const col = this.solve(e);
        for (let r = 0; r < rows; r++) m[r * n + j] = col[r];
      }
      this.op_ = tensor(m, [rows, n]);
    }
    return this.op_;
  }

  /**
   * Local coefficients Q [P, k+1] of the interpolant of y (length n). Tensor y goes
   * through `matmul` with the cached operator (differentiable); other inputs are
   * solved directly. Periodic bases require y[0] = y[n-1] (checked for constant y).
   */
  coefficients(y: TensorLike): Tensor {
    const n = this.size;
    const w = this.degree + 1;
    if (y instanceof Tensor) {
      if (y.rank !== 1 || y.size !== n)
        throw new SplineShapeError(this.op, `y must have shape [${n}], got [${y.shape}]`);
      return reshape(matmul(this.operator(), y), [this.pieces, w]);
    }
    const { values, shape } = readConstant(y);
    if (shape.length !== 1 || values.length !== n)
      throw new SplineShapeError(this.op, `y must have shape [${n}], got [${shape}]`);
    if (this.periodic && values[0] !== values[n - 1])
      throw new SplineValueError(
        this.op,
        `periodic boundary needs y[0] = y[n-1], got ${values[0]} and ${values[n - 1]}`,
      );
    return tensor(this.solve(values), [this.pieces, w]);
  }

  /** The interpolating spline of knot values y (see `Spline`). */
  fit(y: TensorLike): Spline {
    const yt = y instanceof Tensor ? y : tensor(readConstant(y).values);
    return new SplineImpl(this, yt, this.coefficients(y));
  }

  /**
   * An evaluator at fixed points xs (constants) that takes the knot values:
   * `basis.evaluator(xs).evaluate(y)`; see `EvaluatorOptions` for derivatives and
   * the antiderivative.
   */
  evaluator(xs: TensorLike, options: EvaluatorOptions = {}): SplineEvaluator {
    return new FixedPointEvaluator(this, xs, options, null);
  }

  /**
   * Weights w (length n) with ∫_a^b f = Σ_j w_j y_j for every y (the integral is
   * linear in the knot values). Limits are handled as in `Spline.integral`.
   */
  integralWeights(a: number, b: number): Float64Array {
    checkLimits(this.op, a, b);
    const w = this.degree + 1;
    const lin = integralFunctional(this.breakpoints, w, a, b, this.integralMode);
    const m = this.operator().data;
    const n = this.size;
    const out = new Float64Array(n);
    for (let r = 0; r < lin.length; r++) {
      const l = lin[r];
      if (l === 0) continue;
      for (let j = 0; j < n; j++) out[j] += l * m[r * n + j];
    }
    return out;
  }
}

/** Throws SplineValueError unless both integration limits are finite. */
export function checkLimits(op: string, a: number, b: number): void {
  if (!Number.isFinite(a) || !Number.isFinite(b))
    throw new SplineValueError(op, `integration limits must be finite, got ${a} and ${b}`);
}

const CACHE_SIZE = 32;
const cache = new Map<string, SplineBasis>();

/**
 * Least-recently-used cache of bases keyed by family, options and the exact x values,
 * so that rebuilding a spline with new y on the same x (as in an eager sampling loop)
 * does not refactor the system or rebuild the operator.
 */
export function cachedBasis(key: string, x: Float64Array, build: () => SplineBasis): SplineBasis {
  const full = `${key}|${Array.from(x).join(",")}`;
  const hit = cache.get(full);
  if (hit !== undefined) {
    cache.delete(full);
    cache.set(full, hit);
    return hit;
  }
  const b = build();
  cache.set(full, b);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return b;
}
