/**
 * θ ↔ normalised θ (spec §1.3, §1.5). For agnfinder's FreeParams the hypercube is in
 * sampling space: u = (g(θ) − lo)/(hi − lo) with g = log10 for `log_*` columns; back,
 * θ = lo + (hi − lo)·u, then 10^clip(θ, −10, 20) for `log_*` columns. For a configuration's
 * free parameters (SPItorch), log-scaled ones use ln and the range of the prior. Arrays are
 * row-major (n, D); a fresh array is returned unless `out` is given.
 */
import type { FreeParams } from "../config/free-params.js";
import type { ResolvedParameter } from "../config/parameter.js";

/** Physical θ → normalised [0, 1] hypercube coordinates (agnfinder FreeParams). */
export function normaliseTheta(
  fp: FreeParams,
  theta: Float64Array,
  out = new Float64Array(theta.length),
): Float64Array {
  const d = fp.columns.length;
  for (let i = 0; i < theta.length; i++) {
    const j = i % d;
    const lo = fp.limits[2 * j];
    const hi = fp.limits[2 * j + 1];
    const v = fp.log[j] ? Math.log10(theta[i]) : theta[i];
    out[i] = (v - lo) / (hi - lo);
  }
  return out;
}

/** Normalised hypercube coordinates → physical θ (agnfinder FreeParams). */
export function denormaliseTheta(
  fp: FreeParams,
  unit: Float64Array,
  out = new Float64Array(unit.length),
): Float64Array {
  const d = fp.columns.length;
  for (let i = 0; i < unit.length; i++) {
    const j = i % d;
    const lo = fp.limits[2 * j];
    const hi = fp.limits[2 * j + 1];
    const v = lo + (hi - lo) * unit[i];
    out[i] = fp.log[j] ? 10 ** Math.min(Math.max(v, -10), 20) : v;
  }
  return out;
}

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
export function normaliseParams(
  params: readonly ResolvedParameter[],
  theta: Float64Array,
  out = new Float64Array(theta.length),
): Float64Array {
  const lim = freeParamLimits(params);
  const d = params.length;
  for (let i = 0; i < theta.length; i++) {
    const j = i % d;
    const v = params[j].logScale ? Math.log(theta[i]) : theta[i];
    out[i] = (v - lim[2 * j]) / (lim[2 * j + 1] - lim[2 * j]);
  }
  return out;
}

/** [0, 1] → physical θ for a configuration's free parameters. */
export function denormaliseParams(
  params: readonly ResolvedParameter[],
  unit: Float64Array,
  out = new Float64Array(unit.length),
): Float64Array {
  const lim = freeParamLimits(params);
  const d = params.length;
  for (let i = 0; i < unit.length; i++) {
    const j = i % d;
    const v = lim[2 * j] + (lim[2 * j + 1] - lim[2 * j]) * unit[i];
    out[i] = params[j].logScale ? Math.exp(v) : v;
  }
  return out;
}
