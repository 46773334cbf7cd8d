/**
 * `adviAdaptDiagInit(model, data, options)`: the "advi+adapt_diag" NUTS initialisation of
 * PyMC (caribou_hi spec §3.6): run mean-field ADVI as {@link fitAdvi} (defaults of PyMC's
 * `init_nuts`: relTolerance = absTolerance = 1e-3, learningRate = 1e-3, n = 1 000 000), then
 * draw `numChains` points from the approximation (unconstrained flat vectors, one per chain,
 * with `split(rngKey ?? key(seed), 3)[2]`) as initial positions, and return the approximation's variances
 * s_j² as the initial diagonal inverse mass matrix. PyMC weights that initial variance as
 * `initialWeight` = 50 pseudo-samples in its windowed adaptation (returned for samplers that
 * support it). Bad options raise an `SviError`.
 */

import { key, split } from "@sidereal/distributions";
import type { Model } from "../../ppl/model.js";
import { runSteps, type Steps } from "../../sliced.js";
import { SviError } from "../errors.js";
import { type AdviResult, type FitAdviOptions, fitAdviSteps } from "./fitAdvi.js";

/** Options of {@link adviAdaptDiagInit}. */
export interface AdviAdaptDiagOptions extends Omit<FitAdviOptions, "method" | "draws"> {
  /** Number of chains (initial positions to draw). */
  readonly numChains: number;
}

/** Result of {@link adviAdaptDiagInit}. */
export interface AdviAdaptDiagInit {
  /** Unconstrained flat initial positions, one per chain. */
  readonly initPositions: Float64Array[];
  /** Diagonal of the initial inverse mass matrix (ADVI variances). */
  readonly inverseMassDiagonal: Float64Array;
  /** ADVI means (the initial mean of PyMC's adaptation). */
  readonly mean: Float64Array;
  /** Pseudo-sample weight of the initial variance in PyMC (50). */
  readonly initialWeight: number;
  readonly advi: AdviResult;
}

/** ADVI-based NUTS initialisation (see the module doc). */
export function adviAdaptDiagInit<D>(
  model: Model<D>,
  data: D,
  options: AdviAdaptDiagOptions,
): AdviAdaptDiagInit {
  return runSteps(adviAdaptDiagInitSteps(model, data, options));
}

/** {@link adviAdaptDiagInit} as pausable steps (those of its ADVI fit; see `sliced.ts`). */
export function* adviAdaptDiagInitSteps<D>(
  model: Model<D>,
  data: D,
  options: AdviAdaptDiagOptions,
): Steps<AdviAdaptDiagInit> {
  const c = options.numChains;
  if (!Number.isInteger(c) || c < 1)
    throw new SviError(
      "bad-argument",
      "numChains",
      `adviAdaptDiagInit: numChains must be an integer ≥ 1, got ${c}`,
    );
  const advi = yield* fitAdviSteps(model, data, {
    relTolerance: 1e-3,
    absTolerance: 1e-3,
    learningRate: 1e-3,
    ...options,
    method: "advi",
    draws: 0,
  });
  const d = advi.approx.mean.length;
  const drawKey = split(options.rngKey ?? key(options.seed ?? 0), 3)[2];
  const u = advi.approx.guide.sampleUnconstrained(drawKey, advi.approx.params, c);
  const initPositions = Array.from({ length: c }, (_, i) => u.slice(i * d, (i + 1) * d));
  const inverseMassDiagonal = advi.approx.std.map((s) => s * s);
  return {
    initPositions,
    inverseMassDiagonal,
    mean: advi.approx.mean.slice(),
    initialWeight: 50,
    advi,
  };
}
