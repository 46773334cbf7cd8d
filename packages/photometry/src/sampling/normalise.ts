/**
 * θ ↔ normalised θ (spec §1.3, §1.5). For agnfinder's FreeParams the hypercube is in
 * sampling space: u = (g(θ) − lo)/(hi − lo) with g = log10 for `log_*` columns; back,
 * θ = lo + (hi − lo)·u, then 10^clip(θ, −10, 20) for `log_*` columns. For a configuration's
 * free parameters (SPItorch), log-scaled ones use ln and the range of the prior. Arrays are
 * row-major (n, D); a fresh array is returned unless `out` is given.
 */
import type { FreeParams } from "../config/free-params.js";
import type { ResolvedParameter } from "../config/parameter.js";

/**
 * The affine map between a column's (transformed) range and [0, 1]: u = (g(θ) − lo)/(hi − lo)
 * and θ = g⁻¹(lo + (hi − lo)u), with g per column (identity, log10 or ln) given as a pair.
 */
interface ColumnMap {
  readonly limits: Float64Array;
  readonly to: readonly ((x: number) => number)[];
  readonly from: readonly ((x: number) => number)[];
}

const identity = (x: number): number => x;

function toUnit(map: ColumnMap, theta: Float64Array, out: Float64Array): Float64Array {
  const d = map.to.length;
  for (let i = 0; i < theta.length; i++) {
    const j = i % d;
    const lo = map.limits[2 * j];
    out[i] = (map.to[j](theta[i]) - lo) / (map.limits[2 * j + 1] - lo);
  }
  return out;
}

function fromUnit(map: ColumnMap, unit: Float64Array, out: Float64Array): Float64Array {
  const d = map.to.length;
  for (let i = 0; i < unit.length; i++) {
    const j = i % d;
    const lo = map.limits[2 * j];
    out[i] = map.from[j](lo + (map.limits[2 * j + 1] - lo) * unit[i]);
  }
  return out;
}

/** agnfinder: log10 for `log_*` columns, and 10^clip(·, −10, 20) back. */
const freeParamsMap = (fp: FreeParams): ColumnMap => ({
  limits: fp.limits,
  to: fp.log.map((l) => (l ? Math.log10 : identity)),
  from: fp.log.map((l) => (l ? (v: number) => 10 ** Math.min(Math.max(v, -10), 20) : identity)),
});

/** SPItorch: ln for log-scaled parameters, the range of the prior. */
const paramsMap = (params: readonly ResolvedParameter[]): ColumnMap => ({
  limits: freeParamLimits(params),
  to: params.map((p) => (p.logScale ? Math.log : identity)),
  from: params.map((p) => (p.logScale ? Math.exp : identity)),
});

/** Physical θ → normalised [0, 1] hypercube coordinates (agnfinder FreeParams). */
export const normaliseTheta = (
  fp: FreeParams,
  theta: Float64Array,
  out = new Float64Array(theta.length),
): Float64Array => toUnit(freeParamsMap(fp), theta, out);

/** Normalised hypercube coordinates → physical θ (agnfinder FreeParams). */
export const denormaliseTheta = (
  fp: FreeParams,
  unit: Float64Array,
  out = new Float64Array(unit.length),
): Float64Array => fromUnit(freeParamsMap(fp), unit, out);

/** (lo, hi) of each free parameter in normalisation space (ln for log-scaled ones). */
export function freeParamLimits(params: readonly ResolvedParameter[]): Float64Array {
  const lim = new Float64Array(2 * params.length);
  params.forEach((p, j) => {
    lim[2 * j] = p.logScale ? Math.log(p.rangeMin) : p.rangeMin;
    lim[2 * j + 1] = p.logScale ? Math.log(p.rangeMax) : p.rangeMax;
  });
  return lim;
}

/** Physical θ → [0, 1] for a configuration's free parameters (SPItorch's rule). */
export const normaliseParams = (
  params: readonly ResolvedParameter[],
  theta: Float64Array,
  out = new Float64Array(theta.length),
): Float64Array => toUnit(paramsMap(params), theta, out);

/** [0, 1] → physical θ for a configuration's free parameters. */
export const denormaliseParams = (
  params: readonly ResolvedParameter[],
  unit: Float64Array,
  out = new Float64Array(unit.length),
): Float64Array => fromUnit(paramsMap(params), unit, out);
