/**
 * Prospector's prior families as data (spec §1.2). `mini`/`maxi` are never written here:
 * they always come from the parameter's range, as Prospector injects them whatever the class.
 * A prior given by name alone (`"LogUniform"`) needs no arguments; the others carry theirs.
 */
import { Schema } from "effect";

const Positive = Schema.Finite.check(Schema.isGreaterThan(0));

export const UniformPrior = Schema.Struct({ kind: Schema.Literal("Uniform") });
export const TopHatPrior = Schema.Struct({ kind: Schema.Literal("TopHat") });
export const LogUniformPrior = Schema.Struct({ kind: Schema.Literal("LogUniform") });
export const NormalPrior = Schema.Struct({
  kind: Schema.Literal("Normal"),
  mean: Schema.Finite,
  sigma: Positive,
});
export const ClippedNormalPrior = Schema.Struct({
  kind: Schema.Literal("ClippedNormal"),
  mean: Schema.Finite,
  sigma: Positive,
});
export const LogNormalPrior = Schema.Struct({
  kind: Schema.Literal("LogNormal"),
  mode: Schema.Finite,
  sigma: Positive,
});
export const BetaPrior = Schema.Struct({
  kind: Schema.Literal("Beta"),
  alpha: Positive,
  beta: Positive,
});
export const StudentTPrior = Schema.Struct({
  kind: Schema.Literal("StudentT"),
  mean: Schema.Finite,
  scale: Positive,
  df: Positive,
});

/** One prior, with its keyword arguments (Prospector's `prior_kwargs`). */
export const Prior = Schema.Union([
  UniformPrior,
  TopHatPrior,
  LogUniformPrior,
  NormalPrior,
  ClippedNormalPrior,
  LogNormalPrior,
  BetaPrior,
  StudentTPrior,
]);
export type Prior = typeof Prior.Type;

/** The names accepted as a shorthand for priors without arguments. */
export const PriorName = Schema.Literals(["Uniform", "TopHat", "LogUniform"]);

/** A prior as written in a config file: a bare name, or `{ kind, ...kwargs }`. */
export const PriorInput = Schema.Union([PriorName, Prior]);
export type PriorInput = typeof PriorInput.Type;

/** `"LogUniform"` → `{ kind: "LogUniform" }`; objects unchanged. */
export const normalisePrior = (p: PriorInput): Prior => (typeof p === "string" ? { kind: p } : p);

/** Prospector's later rule (SPItorch HEAD): log-scaled iff LogUniform or LogNormal. */
export const isLogPrior = (p: Prior): boolean => p.kind === "LogUniform" || p.kind === "LogNormal";
