/**
 * Chain starts for `mcmc(..., { init: "advi+adapt_diag" })` (PyMC's `init="advi+adapt_diag"`,
 * used by caribou_hi): one mean-field ADVI fit (`adviAdaptDiagInit`, PyMC's `init_nuts`
 * defaults), then chain `c` starts at the c-th draw of the approximation with the ADVI
 * variances as its initial diagonal inverse mass matrix (the identity of a dense metric with
 * that diagonal when `denseMass`). Stan's windowed adaptation then uses that metric until its
 * first slow window ends; PyMC's (`warmup: "pymc"`) also starts its metric estimator from the
 * ADVI mean, weighting the ADVI variances as `initialWeight` = 50 draws.
 *
 * The fit's key is `foldIn(key(seed), ADVI_STREAM)`, a stream apart from the chain keys
 * `split(key(seed), numChains)`. An ADVI failure becomes an `InitializationError` (bad ADVI
 * options a `ModelError`).
 */
import { foldIn, key } from "@sidereal/distributions";
import type { Steps } from "../sliced.js";
import {
  type AdviAdaptDiagInit,
  type AdviAdaptDiagOptions,
  adviAdaptDiagInitSteps,
} from "../svi/advi/adaptDiag.js";
import { SviError } from "../svi/errors.js";
import { InitializationError, ModelError } from "./errors.js";
import type { Model } from "./model.js";
import type { ChainStart } from "./runChain.js";

/** Options of the ADVI fit behind `init: "advi+adapt_diag"`. */
export type AdviInitOptions = Omit<AdviAdaptDiagOptions, "numChains" | "seed" | "rngKey">;

/** `foldIn` data of the ADVI key ("ADVI" in ASCII). */
const ADVI_STREAM = 0x41445649;

/**
 * The starts of `numChains` chains (see the module doc) as pausable steps (those of the ADVI
 * fit; `runSteps` runs them at once); throws typed errors.
 */
export function* adviStarts<D>(
  model: Model<D>,
  data: D,
  numChains: number,
  seed: number,
  denseMass: boolean,
  options: AdviInitOptions = {},
): Steps<ChainStart[]> {
  let init: AdviAdaptDiagInit;
  try {
    init = yield* adviAdaptDiagInitSteps(model, data, {
      ...options,
      numChains,
      rngKey: foldIn(key(seed), ADVI_STREAM),
    });
  } catch (e) {
    if (!(e instanceof SviError)) throw e;
    if (e.problem === "bad-argument")
      throw new ModelError("bad-argument", "", `init "advi+adapt_diag": ${e.message}`);
    throw new InitializationError([], 0, `init "advi+adapt_diag" failed: ${e.message}`);
  }
  const diag = init.inverseMassDiagonal;
  const metric = denseMass ? diagonalMatrix(diag) : diag;
  return init.initPositions.map((initialPosition) => ({
    initialPosition,
    initialInverseMassMatrix: metric,
    initialMean: init.mean,
    initialMetricWeight: init.initialWeight,
  }));
}

function diagonalMatrix(diag: Float64Array): Float64Array {
  const d = diag.length;
  const m = new Float64Array(d * d);
  for (let i = 0; i < d; i++) m[i * d + i] = diag[i];
  return m;
}
