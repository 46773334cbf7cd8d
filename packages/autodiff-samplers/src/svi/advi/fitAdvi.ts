/**
 * `fitAdvi(model, data, options)`: ADVI with PyMC semantics (`pm.fit(method="advi")` as used by
 * caribou_hi's `model.fit`; spec: /work/shared/research/caribou_hi.md §3.5).
 *
 * - Family over the flat unconstrained latent vector: mean-field q = Π N(μ_j, s_j²) with
 *   s = softplus(ρ), initial ρ = 0 (s = ln 2) (`method: "advi"`), or a full-rank Gaussian
 *   N(μ, LLᵀ) with initial L = I (`"fullrank_advi"`; the diagonal of L is softplus-
 *   parameterised). Initial μ: the init point of `initToValue(start, { fallback: initToMedian() })`
 *   (`start` in constrained space; PyMC starts at its "support point" instead).
 * - Objective: negative ELBO with `objNMc` (default 5) reparameterised draws per step
 *   (`traceELBO`, Monte-Carlo log q).
 * - Optimiser: windowed Adagrad (`adagradWindow(learningRate)`, nWin 10, ε 0.1).
 * - Stopping: `CheckParametersConvergence` with `relTolerance` (relative diff) and
 *   `absTolerance` (absolute diff), every 100 iterations, ∞-norm over the flat parameters
 *   ([μ, ρ] or [μ, L]); either stops the run with "Convergence achieved at i"; otherwise it runs
 *   `n` iterations.
 * - Result: `approx` (mean, std, and for full rank the covariance, in unconstrained space, with
 *   the latent layout), `draws` independent draws mapped to constrained values of the latent
 *   and deterministic sites (`samples`, each [draws, ...shape]), `losses` (one per iteration),
 *   `averageLoss` (mean of the last ≤ 1000 losses, PyMC's "Average Loss"), `converged`,
 *   `iterations` and `message`.
 *
 * Keys: `split(rngKey ?? key(seed), 3)` → (init, optimisation, draws). Defaults follow caribou_hi's
 * `fit`: n = 1 000 000, draws = 1000, relTolerance = absTolerance = 0.01, learningRate = 1e-3.
 * Bad options raise an `SviError` ("bad-argument"); a non-finite loss raises
 * ("non-finite-loss"), as PyMC's "NaN occurred in optimization".
 */
import { key, type PRNGKey, split } from "@sidereal/distributions";
import type { Tensor, TensorLike } from "@sidereal/tensor";
import type { Effect } from "effect";
import { initToMedian, initToValue } from "../../ppl/initStrategies.js";
import type { Model } from "../../ppl/model.js";
import type { LatentSiteInfo } from "../../ppl/potential.js";
import { runSteps, type Steps, stepsEffect } from "../../sliced.js";
import { AutoDiagonalNormal, AutoMultivariateNormal } from "../autoGuides.js";
import { type AutoGuide, constrainDraws } from "../autoguide.js";
import { traceELBO } from "../elbo.js";
import { SviError } from "../errors.js";
import { type SviProgressStream, sviProgressReporter } from "../progress.js";
import { svi } from "../svi.js";
import { adagradWindow } from "./adagradWindow.js";
import { parameterConvergence } from "./convergence.js";

/** Options of {@link fitAdvi}. */
export interface FitAdviOptions {
  /** Maximum iterations (default 1 000 000). */
  readonly n?: number;
  /** `"advi"` (mean field, default) or `"fullrank_advi"`. */
  readonly method?: "advi" | "fullrank_advi";
  /** Windowed-Adagrad learning rate (default 1e-3). */
  readonly learningRate?: number;
  /** Relative parameter-change tolerance (default 0.01). */
  readonly relTolerance?: number;
  /** Absolute parameter-change tolerance (default 0.01). */
  readonly absTolerance?: number;
  /** Constrained starting values of some latent sites. */
  readonly start?: Readonly<Record<string, TensorLike>>;
  /** Posterior draws to return (default 1000; 0 for none). */
  readonly draws?: number;
  /** Monte-Carlo draws of the objective per step (default 5, PyMC's `obj_n_mc`). */
  readonly objNMc?: number;
  /** Iterations between convergence checks (default 100). */
  readonly every?: number;
  /** Integer seed (default 0). */
  readonly seed?: number;
  /** Root key instead of `key(seed)` (e.g. a key derived from a sampler's seed). */
  readonly rngKey?: PRNGKey;
  /** Progress and PyMC-like final messages (default false). */
  readonly progress?: boolean;
  /**
   * Where progress and the final message go (default `process.stderr`); an app passes a
   * Logger-backed stream (`@sidereal/runtime`'s `loggerSink`) so they reach its Logger.
   */
  readonly progressStream?: SviProgressStream;
}

/** The fitted Gaussian in unconstrained space. */
export interface AdviApproximation {
  readonly method: "advi" | "fullrank_advi";
  /** Latent sites and their blocks of the flat vector. */
  readonly latent: readonly LatentSiteInfo[];
  readonly mean: Float64Array;
  readonly std: Float64Array;
  /** Row-major D×D covariance (full rank only). */
  readonly cov?: Float64Array;
  /** Constrained guide parameters (`auto_loc`, `auto_scale` or `auto_scale_tril`). */
  readonly params: Record<string, Tensor>;
  /** The guide (set up), e.g. for `samplePosterior` or `guidePredictive`. */
  readonly guide: AutoGuide<unknown>;
}

/** Result of {@link fitAdvi}. */
export interface AdviResult {
  readonly approx: AdviApproximation;
  /** Constrained draws per site (latent and deterministic), each [draws, ...shape]. */
  readonly samples: Record<string, Tensor>;
  readonly losses: Float64Array;
  readonly averageLoss: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly message: string;
}

function positiveInt(v: number, name: string, allowZero = false): number {
  if (!Number.isInteger(v) || v < (allowZero ? 0 : 1))
    throw new SviError(
      "bad-argument",
      name,
      `fitAdvi: ${name} must be an integer ≥ ${allowZero ? 0 : 1}, got ${v}`,
    );
  return v;
}

function positive(v: number, name: string): number {
  if (!(v > 0 && Number.isFinite(v)))
    throw new SviError("bad-argument", name, `fitAdvi: ${name} must be > 0, got ${v}`);
  return v;
}

/** Runs ADVI (see the module doc). */
export function fitAdvi<D>(model: Model<D>, data: D, options: FitAdviOptions = {}): AdviResult {
  return runSteps(fitAdviSteps(model, data, options));
}

/**
 * {@link fitAdvi} as an Effect that hands the event loop back every ~50 ms (so Ctrl-C and
 * fiber interrupts stop a long fit at once); a throw (an `SviError`) is the failure.
 */
export const fitAdviEffect = <D>(
  model: Model<D>,
  data: D,
  options: FitAdviOptions = {},
): Effect.Effect<AdviResult, unknown> =>
  stepsEffect(
    () => fitAdviSteps(model, data, options),
    (e) => e,
  );

/** {@link fitAdvi} as pausable steps (it yields after the set-up and each iteration; see `sliced.ts`). */
export function* fitAdviSteps<D>(
  model: Model<D>,
  data: D,
  options: FitAdviOptions = {},
): Steps<AdviResult> {
  const n = positiveInt(options.n ?? 1_000_000, "n");
  const draws = positiveInt(options.draws ?? 1000, "draws", true);
  const objNMc = positiveInt(options.objNMc ?? 5, "objNMc");
  const every = positiveInt(options.every ?? 100, "every");
  const lr = positive(options.learningRate ?? 1e-3, "learningRate");
  const relTol = positive(options.relTolerance ?? 0.01, "relTolerance");
  const absTol = positive(options.absTolerance ?? 0.01, "absTolerance");
  const method = options.method ?? "advi";
  if (method !== "advi" && method !== "fullrank_advi")
    throw new SviError("bad-argument", "method", `fitAdvi: unknown method "${String(method)}"`);
  const initLocFn = options.start
    ? initToValue(options.start, { fallback: initToMedian() })
    : initToMedian();
  const guide =
    method === "advi"
      ? AutoDiagonalNormal(model, { initLocFn, initScale: Math.LN2 })
      : AutoMultivariateNormal(model, { initLocFn, initScale: 1 });
  const [initKey, optKey, drawKey] = split(options.rngKey ?? key(options.seed ?? 0), 3) as [
    PRNGKey,
    PRNGKey,
    PRNGKey,
  ];
  const driver = svi(model, guide, adagradWindow(lr), {
    loss: traceELBO({ numParticles: objNMc }),
  });
  let state = driver.init(initKey, data);
  state = { ...state, key: optKey };
  const rel = parameterConvergence("relative", relTol, every);
  const abs = parameterConvergence("absolute", absTol, every);
  const losses = new Float64Array(n);
  const stream = options.progressStream ?? process.stderr;
  const reporter = options.progress ? sviProgressReporter(n, stream) : undefined;
  let iterations = n;
  let converged = false;
  yield; // after the set-up (compiling the ELBO)
  for (let i = 1; i <= n; i++) {
    const [s, l] = driver.update(state, data);
    state = s;
    losses[i - 1] = l;
    reporter?.update(i, l);
    const stopRel = rel.check(i, state.phi);
    const stopAbs = abs.check(i, state.phi);
    if (stopRel || stopAbs) {
      iterations = i;
      converged = true;
      break;
    }
    yield; // a pause point per iteration: one step of a large model can take tens of ms
  }
  const kept = losses.slice(0, iterations);
  let sum = 0;
  const from = Math.max(0, iterations - 1000);
  for (let i = from; i < iterations; i++) sum += kept[i];
  const averageLoss = sum / (iterations - from);
  const message = converged
    ? `Convergence achieved at ${iterations}\nInterrupted at ${iterations - 1} [${Math.floor((100 * iterations) / n)}%]: Average Loss = ${averageLoss.toPrecision(4)}`
    : `Finished [100%]: Average Loss = ${averageLoss.toPrecision(4)}`;
  // on a TTY the progress line is redrawn in place: end it before the message
  if (options.progress) stream.write(`${stream.isTTY ? "\n" : ""}${message}\n`);
  const setup = guide.current;
  if (setup === undefined) throw new SviError("not-initialized", "", "fitAdvi: guide not set up");
  const params = driver.getParams(state);
  const family = setup.family;
  const mean = family.loc ? family.loc(params) : new Float64Array(0);
  const std = family.marginalStd ? family.marginalStd(params) : new Float64Array(0);
  let cov: Float64Array | undefined;
  if (method === "fullrank_advi") {
    const d = mean.length;
    const l = params.auto_scale_tril.toArray();
    cov = new Float64Array(d * d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k <= Math.min(i, j); k++) s += l[i * d + k] * l[j * d + k];
        cov[i * d + j] = s;
      }
  }
  const samples =
    draws > 0
      ? constrainDraws(
          setup.potential,
          guide.sampleUnconstrained(drawKey, params, draws),
          draws,
          true,
        )
      : {};
  return {
    approx: {
      method,
      latent: setup.potential.latent,
      mean,
      std,
      ...(cov ? { cov } : {}),
      params,
      guide: guide as AutoGuide<unknown>,
    },
    samples,
    losses: kept,
    averageLoss,
    converged,
    iterations,
    message,
  };
}
