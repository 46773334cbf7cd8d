/**
 * `Parameter`: one forward-model parameter (spec §1.2), as an Effect Schema for config files
 * and its resolved form. Resolution applies the seed's `log*` units rule: when `units` starts
 * with the literal `log`, `rangeMin`, `init`, `rangeMax` and `dispFloor` are log10 values and
 * are replaced by 10^value (prior kwargs are never transformed), and the parameter is
 * normalised linearly in log10, i.e. log-scaled.
 */
import { Schema } from "effect";
import { isLogPrior, normalisePrior, type Prior, PriorInput } from "./prior.js";

/** A parameter as written in a config file (camelCase of Prospector's keywords). */
export const Parameter = Schema.Struct({
  name: Schema.String.check(Schema.isMinLength(1)),
  rangeMin: Schema.Finite,
  init: Schema.Finite,
  rangeMax: Schema.Finite,
  prior: Schema.optionalKey(PriorInput),
  /** Explicit log scaling (the seed's `log_scale`); default: LogUniform/LogNormal or `log*` units. */
  logScale: Schema.optionalKey(Schema.Boolean),
  /** Free (sampled and inferred) when true; fixed at `init` when false. Default true. */
  modelThis: Schema.optionalKey(Schema.Boolean),
  units: Schema.optionalKey(Schema.String),
  dim: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThan(0))),
  /** Minimum initial dispersion of emcee walkers (MCMC only). */
  dispFloor: Schema.optionalKey(Schema.NullOr(Schema.Finite)),
});
export type Parameter = typeof Parameter.Type;

/** A parameter after the log rule and defaults: every value in linear, physical units. */
export interface ResolvedParameter {
  readonly name: string;
  readonly rangeMin: number;
  readonly init: number;
  readonly rangeMax: number;
  readonly prior: Prior;
  readonly logScale: boolean;
  readonly free: boolean;
  readonly units: string;
  readonly dim: number;
  readonly dispFloor: number | null;
  /** The range as written (log10 values when `units` starts with `log`). */
  readonly rawRangeMin: number;
  readonly rawRangeMax: number;
  /** Whether the `log*` units rule exponentiated the values. */
  readonly logUnits: boolean;
}

/** Applies the defaults and the `log*` units rule; checks are done by `validateParameter`. */
export function resolveParameter(p: Parameter): ResolvedParameter {
  const units = p.units ?? "";
  const logUnits = units.startsWith("log");
  const lift = (x: number): number => (logUnits ? 10 ** x : x);
  const prior = normalisePrior(p.prior ?? "Uniform");
  const dispFloor = p.dispFloor === undefined || p.dispFloor === null ? null : lift(p.dispFloor);
  return {
    name: p.name,
    rangeMin: lift(p.rangeMin),
    init: lift(p.init),
    rangeMax: lift(p.rangeMax),
    prior,
    logScale: p.logScale ?? (logUnits || isLogPrior(prior)),
    free: p.modelThis ?? true,
    units,
    dim: p.dim ?? 1,
    dispFloor,
    rawRangeMin: p.rangeMin,
    rawRangeMax: p.rangeMax,
    logUnits,
  };
}

/**
 * Why a resolved parameter is inconsistent, as `[field, reason]`, or undefined when it is
 * fine: the range must be increasing (non-decreasing when fixed), `init` inside it, log-scaled ranges positive.
 */
export function parameterProblem(p: ResolvedParameter): readonly [string, string] | undefined {
  // A fixed parameter may have a degenerate range (e.g. sfh = 4 in [4, 4]).
  if (p.free ? !(p.rangeMin < p.rangeMax) : !(p.rangeMin <= p.rangeMax))
    return ["rangeMax", `rangeMin (${p.rangeMin}) must be below rangeMax (${p.rangeMax})`];
  if (!(p.init >= p.rangeMin && p.init <= p.rangeMax))
    return ["init", `init (${p.init}) must lie in [${p.rangeMin}, ${p.rangeMax}]`];
  if (p.logScale && !(p.rangeMin > 0))
    return ["rangeMin", `a log-scaled parameter needs rangeMin > 0, got ${p.rangeMin}`];
  return undefined;
}
