/**
 * MAP fits with L-BFGS-B (`lbfgsB` of @sidereal/autodiff-samplers, scipy's semantics)
 * on the seed's objective −ln p / N, and the JSON record the CLI writes.
 */
import { type LbfgsBOptions, lbfgsB } from "@sidereal/autodiff-samplers";
import type { CompiledModel } from "./compiled.js";
import { unpack } from "./models/model.js";

/** The record written to optimization.json (scipy's OptimizeResult fields). */
export interface OptimizationRecord {
  readonly model: string;
  readonly x: number[];
  /** Objective at x: −ln p(x) / N (the seed's `fun`). */
  readonly fun: number;
  readonly nit: number;
  readonly nfev: number;
  readonly status: number;
  readonly success: boolean;
  readonly message: string;
  /** Infinity norm of the gradient of the objective at x. */
  readonly gradInfNorm: number;
  readonly x0: number[];
  readonly fun0: number;
  /** The parameters by block name. */
  readonly params: Record<string, number[]>;
  readonly seconds: number;
  readonly nData: number;
}

/**
 * Runs L-BFGS-B from `x0` (options as scipy's: bounds, maxiter, maxls, …). Throws the
 * optimizer's OptimizerError for a non-finite objective at x0 or invalid options.
 */
export function fitMap(
  compiled: CompiledModel,
  x0: Float64Array,
  options: LbfgsBOptions = {},
): OptimizationRecord {
  const t0 = performance.now();
  const fun0 = compiled.objective(Float64Array.from(x0)).value;
  const res = lbfgsB(compiled.objective, x0, options);
  const seconds = (performance.now() - t0) / 1000;
  let gmax = 0;
  for (const g of res.jac) gmax = Math.max(gmax, Math.abs(g));
  const params = unpack(compiled.model, res.x);
  return {
    model: compiled.model.name,
    x: Array.from(res.x),
    fun: res.fun,
    nit: res.nit,
    nfev: res.nfev,
    status: res.status,
    success: res.success,
    message: res.message,
    gradInfNorm: gmax,
    x0: Array.from(x0),
    fun0,
    params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.from(v)])),
    seconds,
    nData: compiled.model.nData,
  };
}
