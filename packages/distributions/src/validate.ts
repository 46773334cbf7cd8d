/**
 * The one parameter validator of the package (NumPyro's `validate_args`): each
 * distribution class declares `static argConstraints` (parameter name → constraint), and
 * its constructor hands the parameter tensors here. Concrete values are checked against
 * their constraint; the first violation raises a {@link DistributionError} carrying the
 * distribution, the parameter, the offending value and the constraint in words:
 *
 *   "Normal distribution got invalid scale parameter: -1 (must be positive)"
 *
 * Rules: NaN values pass by default (they propagate to NaN log-densities, as in NumPyro;
 * the discrete and multivariate families reject them, see {@link NaNPolicy}); tensors
 * traced by `compile` are never read (reading one throws a `CompileError`, caught here);
 * `{ validateArgs: false }` (or the older `{ validate: false }`) skips the check.
 */
import type { Shape, Tensor } from "@sidereal/tensor";
import { broadcastShapes, broadcastTo, CompileError } from "@sidereal/tensor";
import type { Constraint } from "./constraints/constraint.js";
import { DistributionError } from "./errors.js";

/** Options every distribution constructor accepts. */
export interface DistributionOptions {
  /** Check concrete parameters against `argConstraints` at construction (default true). */
  readonly validateArgs?: boolean;
  /** The older spelling of `validateArgs` (kept for compatibility). */
  readonly validate?: boolean;
}

/**
 * A constraint that depends on other parameters (NumPyro's `constraints.dependent`), e.g.
 * Uniform's `low` must be less than `high`: `dependent("high", (p) => lessThan(p.high))`.
 * `on` names the parameter(s) the bound comes from, for the message.
 */
export interface DependentConstraint {
  readonly dependent: true;
  readonly on: string;
  resolve(params: Readonly<Record<string, Tensor>>): Constraint;
}
export type ArgConstraint = Constraint | DependentConstraint;
export type ArgConstraints = Readonly<Record<string, ArgConstraint>>;

export function dependent(
  on: string,
  resolve: (params: Readonly<Record<string, Tensor>>) => Constraint,
): DependentConstraint {
  return { dependent: true, on, resolve };
}

const isDependent = (c: ArgConstraint): c is DependentConstraint =>
  (c as DependentConstraint).dependent === true;

/** The default of `validateArgs` where a constructor is not told (NumPyro's global switch). */
let validationDefault = true;

/**
 * Runs `f` with parameter validation switched on or off for every distribution built inside it
 * that is not told otherwise (NumPyro's `validation_enabled` context manager), and restores the
 * previous setting afterwards, also when `f` throws. Samplers use `withValidation(false, …)` to
 * re-run a model at draws whose parameters were already checked at initialisation: validation
 * reads every parameter value and would cost as much as the model itself.
 */
export function withValidation<T>(enabled: boolean, f: () => T): T {
  const previous = validationDefault;
  validationDefault = enabled;
  try {
    return f();
  } finally {
    validationDefault = previous;
  }
}

/** Whether distributions built now validate their parameters unless told otherwise. */
export const validationEnabled = (): boolean => validationDefault;

/** Whether `options` asks for validation (by default: {@link validationEnabled}). */
export const validating = (options: DistributionOptions | undefined): boolean =>
  options?.validateArgs ?? options?.validate ?? validationDefault;

/**
 * The concrete values of `t` as a read-only view of its buffer (`data`, no copy: this runs
 * in every constructor), or `null` when `t` is traced inside `compile` (reading it throws a
 * `CompileError`, which is caught here; any other error is rethrown). This relies only on
 * the public contract of `compile`, not on internal fields. Callers must not write to it.
 */
export function concreteValues(t: Tensor): Float64Array | null {
  try {
    return t.data;
  } catch (e) {
    if (
      e instanceof CompileError ||
      (typeof e === "object" && e !== null && (e as { _tag?: unknown })._tag === "CompileError")
    )
      return null;
    throw e;
  }
}

/** Phrases for the elementwise constraints (the bounds of parameterised ones are appended). */
const PHRASES: Readonly<Record<string, string>> = {
  real: "a real number",
  positive: "positive",
  finitePositive: "positive and finite",
  finiteNonnegative: "non-negative and finite",
  finiteReal: "finite",
  nonnegative: "non-negative",
  unitInterval: "in [0, 1]",
  boolean: "0 or 1",
  nonnegativeInteger: "a non-negative integer",
  positiveInteger: "a positive integer",
  greaterThan: "greater than",
  greaterThanEq: "greater than or equal to",
  lessThan: "less than",
  interval: "in the interval",
  integerInterval: "an integer in the interval",
};

/** `constraint` in words, with its bound values (named `on` when the bound is a parameter). */
export function describeConstraint(
  constraint: Constraint,
  bounds: readonly number[] = [],
  on?: string,
): string {
  const phrase = PHRASES[constraint.name] ?? constraint.name;
  const shown = bounds.map((v) => (on === undefined ? `${v}` : `${on} = ${v}`));
  if (shown.length === 0) return phrase;
  return shown.length === 1 ? `${phrase} ${shown[0]}` : `${phrase} [${shown.join(", ")}]`;
}

interface Violation {
  readonly value: number;
  readonly bounds: readonly number[];
}

/**
 * How NaN parameters are treated: "propagate" (the continuous families, as NumPyro: a NaN
 * parameter gives NaN log-densities) or "reject" (the discrete and multivariate families,
 * whose samplers and support checks cannot carry a NaN).
 */
export type NaNPolicy = "propagate" | "reject";

/**
 * Scalar forms of the elementwise constraints' `check` (same comparisons as
 * src/constraints/index.ts), so that validating concrete parameters reads their values
 * once and builds no tensors: a constructor runs on every model evaluation of a sampler.
 */
const HOLDS: Readonly<Record<string, (x: number, b: readonly number[]) => boolean>> = {
  real: (x) => !Number.isNaN(x),
  positive: (x) => x > 0,
  finitePositive: (x) => x > 0 && x < Number.POSITIVE_INFINITY,
  finiteNonnegative: (x) => x >= 0 && x < Number.POSITIVE_INFINITY,
  finiteReal: (x) => Number.isFinite(x),
  nonnegative: (x) => x >= 0,
  unitInterval: (x) => x >= 0 && x <= 1,
  boolean: (x) => x === 0 || x === 1,
  nonnegativeInteger: (x) => x >= 0 && Math.floor(x) === x,
  positiveInteger: (x) => x >= 1 && Math.floor(x) === x,
  interval: (x, [lo, hi]) => x >= lo && x <= hi,
  integerInterval: (x, [lo, hi]) => x >= lo && x <= hi && Math.floor(x) === x,
  greaterThan: (x, [lb]) => x > lb,
  greaterThanEq: (x, [lb]) => x >= lb,
  lessThan: (x, [ub]) => x < ub,
};

const NO_BOUNDS: readonly number[] = [];

const sameShape = (a: Shape, b: Shape): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * The first concrete element of `t` failing `constraint` (with its bounds), or null.
 * Fast path (a scalar predicate, bounds that are scalars or of the parameter's shape): one
 * read of each tensor and one reused bounds array, no per-element allocation — this runs
 * in every constructor, i.e. on every model evaluation of a sampler.
 */
function firstViolation(constraint: Constraint, t: Tensor, nan: NaNPolicy): Violation | null {
  const holds = constraint.eventDim === 0 ? HOLDS[constraint.name] : undefined;
  if (holds === undefined) return firstViolationByTensors(constraint, t, nan);
  const params = constraint.params;
  if (params === undefined) {
    // no bounds (real, positive, …): the common case, allocation-free
    const values = concreteValues(t);
    if (values === null) return null;
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      if (holds(x, NO_BOUNDS) || (nan === "propagate" && Number.isNaN(x))) continue;
      return { value: x, bounds: NO_BOUNDS };
    }
    return null;
  }
  const bounds: Float64Array[] = [];
  for (const k in params) {
    const b = params[k];
    if (b.size !== 1 && !sameShape(b.shape, t.shape))
      return firstViolationByTensors(constraint, t, nan);
    const v = concreteValues(b);
    if (v === null) return null;
    bounds.push(v);
  }
  const values = concreteValues(t);
  if (values === null) return null;
  const bs: number[] = new Array(bounds.length);
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < bounds.length; j++)
      bs[j] = bounds[j].length === 1 ? bounds[j][0] : bounds[j][i];
    if (holds(values[i], bs)) continue;
    if (nan === "propagate" && (Number.isNaN(values[i]) || bs.some(Number.isNaN))) continue;
    return { value: values[i], bounds: bs };
  }
  return null;
}

/** {@link firstViolation} through `constraint.check` (any constraint, any broadcasting). */
function firstViolationByTensors(
  constraint: Constraint,
  t: Tensor,
  nan: NaNPolicy,
): Violation | null {
  const check = constraint.check(t);
  const ok = concreteValues(check);
  const values = concreteValues(broadcastTo(t, check.shape));
  const bounds = Object.values(constraint.params ?? {}).map((b) =>
    concreteValues(broadcastTo(b, check.shape)),
  );
  if (ok === null || values === null || bounds.some((b) => b === null)) return null;
  const at = (i: number) => bounds.map((b) => (b as Float64Array)[i]);
  for (let i = 0; i < ok.length; i++) {
    // a NaN value or bound (e.g. Uniform(0, NaN)) propagates instead of throwing
    if (ok[i] !== 0) continue;
    if (nan === "propagate" && (Number.isNaN(values[i]) || at(i).some(Number.isNaN))) continue;
    return { value: values[i], bounds: at(i) };
  }
  return null;
}

/** One entry of a class's validation plan: a parameter, its constraint, the names it depends on. */
interface PlanEntry {
  readonly name: string;
  readonly declared: ArgConstraint;
  readonly on: readonly string[] | null;
}
/** Plans by `argConstraints` object (one per class): the declarations read once, not per call. */
const plans = new WeakMap<ArgConstraints, readonly PlanEntry[]>();
function planOf(argConstraints: ArgConstraints): readonly PlanEntry[] {
  let plan = plans.get(argConstraints);
  if (plan === undefined) {
    plan = Object.entries(argConstraints).map(([name, declared]) => ({
      name,
      declared,
      on: isDependent(declared) ? declared.on.split(",").map((p) => p.trim()) : null,
    }));
    plans.set(argConstraints, plan);
  }
  return plan;
}

/**
 * Checks every parameter in `argConstraints` (parameters absent from `params` are
 * skipped) and throws a {@link DistributionError} at the first violation.
 */
export function validateArgs(
  distribution: string,
  argConstraints: ArgConstraints,
  params: Readonly<Record<string, Tensor | undefined>>,
  options?: DistributionOptions,
  nan: NaNPolicy = "propagate",
): void {
  if (!validating(options)) return;
  for (const { name, declared, on } of planOf(argConstraints)) {
    const t = params[name];
    if (t === undefined) continue;
    let constraint: Constraint;
    if (on !== null) {
      if (on.some((p) => params[p] === undefined)) continue;
      // every name it reads is present (checked above)
      constraint = (declared as DependentConstraint).resolve(
        params as Readonly<Record<string, Tensor>>,
      );
    } else constraint = declared as Constraint;
    const bad = firstViolation(constraint, t, nan);
    if (bad !== null)
      throw new DistributionError({
        distribution,
        parameter: name,
        value: bad.value,
        constraint: describeConstraint(
          constraint,
          bad.bounds,
          isDependent(declared) ? declared.on : undefined,
        ),
      });
  }
}

/** The broadcast of `shapes`, or the error `fail(shapes)` (tagged, naming the caller). */
export function broadcastOr(
  shapes: readonly Shape[],
  fail: (shapes: readonly Shape[]) => Error,
): Shape {
  try {
    return broadcastShapes("broadcast", ...shapes);
  } catch {
    throw fail(shapes);
  }
}

/** Broadcast shape of several parameter shapes, with an error naming the distribution. */
export function broadcastParams(name: string, ...shapes: Shape[]): Shape {
  const constraint = "parameter shapes that broadcast together";
  return broadcastOr(
    shapes,
    (value) => new DistributionError({ distribution: name, parameter: "shape", value, constraint }),
  );
}

/** {@link validateArgs} for one parameter, always on, rejecting NaN (discrete/multivariate). */
export function checkArg(
  distribution: string,
  parameter: string,
  t: Tensor,
  constraint: Constraint,
): void {
  // always on, also under `withValidation(false, …)`: these families cannot carry a bad value
  validateArgs(
    distribution,
    { [parameter]: constraint },
    { [parameter]: t },
    { validateArgs: true },
    "reject",
  );
}
