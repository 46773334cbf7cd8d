import {
  type BoundsSpec,
  type Box,
  clipIntoBox,
  normalizeBounds,
  projectedGradientNorm,
} from "./bounds.js";
import { freeVariables, generalizedCauchyPoint, initialStatus } from "./cauchyPoint.js";
import { CompactLbfgsMatrix } from "./compactBfgs.js";
import { dot } from "./denseLinalg.js";
import { OptimizerError } from "./errors.js";
import type { InverseHessianOperator } from "./inverseHessian.js";
import { MoreThuenteSearch } from "./moreThuente.js";
import { evaluateObjective, nonFiniteEntry, type Objective } from "./objective.js";
import { subspaceMinimization } from "./subspaceMinimization.js";

/** Machine epsilon for float64 (numpy's `finfo(float).eps`). */
export const EPSMCH = 2.220446049250313e-16;

/** Per-iteration information passed to the callback. */
export interface IterationInfo {
  /** Iterate after the iteration (a copy). */
  readonly x: Float64Array;
  /** Objective value at `x`. */
  readonly fun: number;
  /** Iteration count (1-based). */
  readonly nit: number;
}

/** Options of {@link lbfgsB}; names and defaults follow scipy's L-BFGS-B. */
export interface LbfgsBOptions {
  /** Box constraints (pairs with null/undefined/±Infinity for "none", or lower/upper arrays). */
  bounds?: BoundsSpec;
  /** Number of correction pairs kept (scipy `maxcor`). Default 10. */
  m?: number;
  /** Alias of `m` (scipy.optimize.minimize spelling). */
  maxcor?: number;
  /** Relative-reduction tolerance factor; stop when Δf/max(|f|,|f⁺|,1) ≤ factr·eps. Default 1e7. */
  factr?: number;
  /** scipy.optimize.minimize spelling: ftol = factr·eps. Overrides `factr` when given. */
  ftol?: number;
  /** Stop when the projected-gradient infinity norm ≤ pgtol. Default 1e-5. */
  pgtol?: number;
  /** Alias of `pgtol`. Overrides `pgtol` when given. */
  gtol?: number;
  /** Maximum number of iterations. Default 15000. */
  maxiter?: number;
  /** Maximum number of function evaluations (checked after each iteration, like scipy). Default 15000. */
  maxfun?: number;
  /** Maximum number of evaluations per line search. Default 20. */
  maxls?: number;
  /** Called after every iteration; returning `true` stops the optimizer (status 2). */
  callback?: (info: IterationInfo) => boolean | undefined;
  /** Receives each warning (for example x0 clipped into the bounds) as it is raised. */
  onWarning?: (message: string) => void;
}

/** Result of {@link lbfgsB}, shaped like scipy's `OptimizeResult`. */
export interface OptimizeResult {
  /** Solution. */
  readonly x: Float64Array;
  /** Objective value at `x`. */
  readonly fun: number;
  /** Gradient at `x`. */
  readonly jac: Float64Array;
  /** Number of iterations. */
  readonly nit: number;
  /** Number of objective evaluations. */
  readonly nfev: number;
  /** Number of gradient evaluations (equal to `nfev`). */
  readonly njev: number;
  /** 0 converged, 1 maxiter/maxfun reached, 2 other (line-search failure, callback stop). */
  readonly status: 0 | 1 | 2;
  /** `status === 0`. */
  readonly success: boolean;
  /** scipy-style termination message. */
  readonly message: string;
  /** L-BFGS inverse-Hessian approximation at the solution. */
  readonly hessInv: InverseHessianOperator;
  /** Warnings raised during the run (also sent to `onWarning`). */
  readonly warnings: string[];
}

/** Termination messages (scipy 1.15+ spelling). */
export const LBFGSB_MESSAGES = {
  pgtol: "CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL",
  factr: "CONVERGENCE: RELATIVE REDUCTION OF F <= FACTR*EPSMCH",
  maxiter: "STOP: TOTAL NO. OF ITERATIONS REACHED LIMIT",
  maxfun: "STOP: TOTAL NO. OF F,G EVALUATIONS EXCEEDS LIMIT",
  callback: "STOP: CALLBACK REQUESTED HALT",
  abnormal: "ABNORMAL_TERMINATION_IN_LNSRCH",
} as const;

function positiveInteger(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) {
    throw new OptimizerError(`option ${name} must be a positive integer, got ${v}`);
  }
  return v;
}

function nonNegative(name: string, v: number): number {
  if (!(v >= 0)) throw new OptimizerError(`option ${name} must be >= 0, got ${v}`);
  return v;
}

/** Line-search constants of L-BFGS-B 3.0. */
const LS_FTOL = 1e-3;
const LS_GTOL = 0.9;
const LS_XTOL = 0.1;

/**
 * Largest step along d that keeps x + stp·d feasible (capped at `cap`), as in
 * L-BFGS-B's `lnsrlb`.
 */
function maxFeasibleStep(x: Float64Array, d: Float64Array, box: Box, cap: number): number {
  let stpmx = cap;
  for (let i = 0; i < x.length; i++) {
    const k = box.kind[i];
    if (k === 0) continue;
    const a1 = d[i];
    if (a1 < 0 && k <= 2) {
      const a2 = box.lower[i] - x[i];
      if (a2 >= 0) stpmx = 0;
      else if (a1 * stpmx < a2) stpmx = a2 / a1;
    } else if (a1 > 0 && k >= 2) {
      const a2 = box.upper[i] - x[i];
      if (a2 <= 0) stpmx = 0;
      else if (a1 * stpmx > a2) stpmx = a2 / a1;
    }
  }
  return stpmx;
}

/**
 * Bound-constrained limited-memory BFGS (L-BFGS-B) with the semantics of
 * `scipy.optimize.minimize(method="L-BFGS-B")`.
 *
 * Algorithm: R. H. Byrd, P. Lu, J. Nocedal and C. Zhu, "A limited memory
 * algorithm for bound constrained optimization", SIAM J. Sci. Comput. 16(5),
 * 1995, with the subspace-minimisation projection of J. L. Morales and
 * J. Nocedal, ACM TOMS 38(1), 2011 (L-BFGS-B 3.0). Each iteration computes the
 * generalized Cauchy point of the compact L-BFGS model along the projected
 * gradient path, minimises the model over the free variables (direct primal
 * method), and performs a Moré–Thuente line search (ftol 1e-3, gtol 0.9,
 * xtol 0.1) along d = z − x with the step bounded so that x stays in the box.
 * Corrections with sᵀy ≤ eps·yᵀy are skipped. If the line search fails the
 * memory is discarded and the iteration restarted; if it fails with an empty
 * memory the run ends with status 2. If the objective is not finite at a
 * line-search trial point, the step is halved towards the best step so far.
 *
 * Evaluation counting matches scipy: x0 is evaluated once, every line-search
 * trial once, and `maxiter`/`maxfun` are checked only after complete
 * iterations (so `nfev` may exceed `maxfun`).
 *
 * @param fun objective returning `{ value, grad }` or `[value, grad]`
 * @param x0 starting point (not modified; clipped into the bounds with a warning)
 * @throws OptimizerError on invalid bounds/x0/options or non-finite f/∇f at x0
 */
export function lbfgsB(
  fun: Objective,
  x0: Float64Array | ReadonlyArray<number>,
  options: LbfgsBOptions = {},
): OptimizeResult {
  const n = x0.length;
  const xin = Float64Array.from(x0);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(xin[i])) throw new OptimizerError(`x0[${i}] is NaN`);
    if (!Number.isFinite(xin[i])) throw new OptimizerError(`x0[${i}] is ${xin[i]} (not finite)`);
  }
  const m = positiveInteger("m", options.maxcor ?? options.m ?? 10);
  const factr = nonNegative(
    "factr",
    options.ftol !== undefined ? options.ftol / EPSMCH : (options.factr ?? 1e7),
  );
  const pgtol = nonNegative("pgtol", options.gtol ?? options.pgtol ?? 1e-5);
  const maxiter = positiveInteger("maxiter", options.maxiter ?? 15000);
  const maxfun = positiveInteger("maxfun", options.maxfun ?? 15000);
  const maxls = positiveInteger("maxls", options.maxls ?? 20);
  const box = normalizeBounds(options.bounds, n);

  const warnings: string[] = [];
  const warn = (msg: string): void => {
    warnings.push(msg);
    options.onWarning?.(msg);
  };
  const clipped = clipIntoBox(xin, box);
  for (const w of clipped.warnings) warn(w);

  let x = clipped.x;
  let nfev = 1;
  let ev = evaluateObjective(fun, x);
  const bad = nonFiniteEntry(ev);
  if (bad !== null) throw new OptimizerError(`non-finite objective at x0: ${bad}`);
  let f = ev.value;
  let g = ev.grad;

  const tol = factr * EPSMCH;
  const bfgs = new CompactLbfgsMatrix(n, m);
  const status = initialStatus(box);
  let nit = 0;
  let sbgnrm = projectedGradientNorm(x, g, box);

  const finish = (code: 0 | 1 | 2, message: string): OptimizeResult => ({
    x,
    fun: f,
    jac: g,
    nit,
    nfev,
    njev: nfev,
    status: code,
    success: code === 0,
    message,
    hessInv: bfgs.inverseHessian(),
    warnings,
  });

  if (sbgnrm <= pgtol) return finish(0, LBFGSB_MESSAGES.pgtol);

  // `iter` is L-BFGS-B's internal counter (it differs from `nit` only after an
  // abnormal line search); only the first iteration uses a scaled initial step.
  for (;;) {
    // 1. Target point z: Cauchy point + subspace minimisation.
    let z: Float64Array;
    if (!box.constrained && bfgs.col > 0) {
      const all = new Int32Array(n);
      for (let i = 0; i < n; i++) all[i] = i;
      const zs = subspaceMinimization(x, g, x, new Float64Array(0), all, box, bfgs);
      if (zs === null) {
        bfgs.reset();
        continue;
      }
      z = zs;
    } else {
      const cp = generalizedCauchyPoint(x, g, box, status, bfgs, sbgnrm);
      if (cp === null) {
        bfgs.reset();
        continue;
      }
      const free = freeVariables(status);
      if (free.length > 0 && bfgs.col > 0) {
        const zs = subspaceMinimization(x, g, cp.xcp, cp.c, free, box, bfgs);
        if (zs === null) {
          bfgs.reset();
          continue;
        }
        z = zs;
      } else {
        z = cp.xcp;
      }
    }

    // 2. Line search along d = z − x.
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = z[i] - x[i];
    const dnorm = Math.sqrt(dot(d, d));
    let stpmx = 1e10;
    if (box.constrained) stpmx = nit === 0 ? 1 : maxFeasibleStep(x, d, box, stpmx);
    let stp = nit === 0 && !box.boxed ? Math.min(1 / dnorm, stpmx) : 1;

    const fold = f;
    const gold = g;
    const xold = x;
    const gdold = dot(g, d);
    let ok = false;
    let trialX = x;
    let trialEv = ev;
    if (gdold < 0) {
      const ls = new MoreThuenteSearch({
        ftol: LS_FTOL,
        gtol: LS_GTOL,
        xtol: LS_XTOL,
        stpmin: 0,
        stpmax: stpmx,
      });
      let task = ls.start(f, gdold, stp);
      let ifun = 0;
      while (task === "FG") {
        ifun++;
        if (ifun - 1 >= maxls) break;
        stp = ls.stp;
        if (stp === 1) trialX = Float64Array.from(z);
        else {
          trialX = new Float64Array(n);
          for (let i = 0; i < n; i++) trialX[i] = stp * d[i] + xold[i];
        }
        nfev++;
        trialEv = evaluateObjective(fun, trialX);
        if (nonFiniteEntry(trialEv) !== null) {
          // Back off towards the best step so far without consulting the search.
          const best = ls.bestStep;
          ls.setTrialStep(best + 0.5 * (stp - best));
          continue;
        }
        task = ls.next(trialEv.value, dot(trialEv.grad, d));
        if (task !== "FG") {
          ok = task === "CONVERGENCE" || task.startsWith("WARNING");
        }
      }
    }

    if (!ok) {
      // Restore the previous iterate (x, f, g are unchanged).
      if (bfgs.col === 0) return finish(2, LBFGSB_MESSAGES.abnormal);
      bfgs.reset();
      continue;
    }

    // 3. Accept the step.
    x = trialX;
    ev = trialEv;
    f = ev.value;
    g = ev.grad;
    nit++;
    sbgnrm = projectedGradientNorm(x, g, box);
    if (options.callback?.({ x: Float64Array.from(x), fun: f, nit }) === true) {
      return finish(2, LBFGSB_MESSAGES.callback);
    }
    if (nit >= maxiter) return finish(1, LBFGSB_MESSAGES.maxiter);
    if (nfev > maxfun) return finish(1, LBFGSB_MESSAGES.maxfun);

    // 4. Convergence tests.
    if (sbgnrm <= pgtol) return finish(0, LBFGSB_MESSAGES.pgtol);
    if (fold - f <= tol * Math.max(Math.abs(fold), Math.abs(f), 1)) {
      return finish(0, LBFGSB_MESSAGES.factr);
    }

    // 5. Limited-memory update with s = x⁺ − x, y = g⁺ − g.
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = x[i] - xold[i];
      y[i] = g[i] - gold[i];
    }
    const sy = dot(s, y);
    const yy = dot(y, y);
    if (sy > EPSMCH * yy) {
      if (!bfgs.push(s, y)) bfgs.reset();
    }
  }
}
