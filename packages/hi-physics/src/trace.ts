/**
 * The posterior of a fitted model as ArviZ-like groups (`HiTrace`): `posterior` (free RVs and
 * deterministics, dims `[chain, draw, …]`), `logLikelihood` (pointwise, per dataset, dims
 * `[chain, draw, <key>_dim_0]`), `sampleStats` for NUTS, and the unique `solutions` found by
 * `solve()` (each a posterior restricted to its chains, clouds relabelled).
 */
import type { AdviResult, McmcResult } from "@sidereal/autodiff-samplers";
import type { PosteriorSolution, PosteriorVariable } from "@sidereal/gmm-solver";
import type { Tensor } from "@sidereal/tensor";

/** A group of variables: name → values with named dims. */
export type VariableGroup = Record<string, PosteriorVariable>;

export interface HiTrace {
  /** "advi": one chain of independent draws from the approximation; "nuts": MCMC chains. */
  readonly method: "advi" | "nuts";
  readonly posterior: VariableGroup;
  readonly logLikelihood: VariableGroup;
  /** NUTS statistics (lp, diverging, …) with dims [chain, draw]. */
  readonly sampleStats: Readonly<
    Record<
      string,
      {
        readonly data: Float64Array | Int32Array | Uint8Array;
        readonly dims: readonly string[];
        readonly shape: readonly number[];
      }
    >
  >;
  /** Unique solutions (after `solve()`), in order of discovery. */
  readonly solutions: readonly PosteriorSolution[];
}

/** ADVI draws ([draws, …shape] tensors) as one chain. */
export function posteriorFromAdvi(
  result: AdviResult,
  dimsOf: (name: string) => readonly string[],
): VariableGroup {
  const out: VariableGroup = {};
  for (const [name, t] of Object.entries(result.samples)) out[name] = oneChain(t, dimsOf(name));
  return out;
}

function oneChain(t: Tensor, siteDims: readonly string[]): PosteriorVariable {
  return { values: t.data.slice(), dims: ["chain", "draw", ...siteDims], shape: [1, ...t.shape] };
}

/** NUTS draws as a posterior group. */
export function posteriorFromMcmc(result: McmcResult): VariableGroup {
  const out: VariableGroup = {};
  for (const [name, s] of Object.entries(result.samples))
    out[name] = { values: s.draws, dims: [...s.dims], shape: [...s.shape] };
  return out;
}

/** Number of chains and draws of a group. */
export function chainsAndDraws(group: VariableGroup): [number, number] {
  const first = Object.values(group)[0];
  return [first.shape[0], first.shape[1]];
}

/** The values of draw (c, d) of every variable, without the chain/draw axes. */
export function drawValues(
  group: VariableGroup,
  c: number,
  d: number,
): Record<string, { values: Float64Array; shape: number[] }> {
  const out: Record<string, { values: Float64Array; shape: number[] }> = {};
  for (const [name, v] of Object.entries(group)) {
    const per = v.values.length / (v.shape[0] * v.shape[1]);
    const offset = (c * v.shape[1] + d) * per;
    out[name] = { values: v.values.subarray(offset, offset + per), shape: v.shape.slice(2) };
  }
  return out;
}
