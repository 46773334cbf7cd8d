// Shared by the diagnostics scripts: the standard normal CDF and a trained SAN with its cube and split.

import { loadCube, loadSan, seededSplit, TfBackend } from "@sidereal/nn";
import { Effect } from "effect";

// erf from the Chebyshev fit of erfc in Press et al., Numerical Recipes (2nd ed.), §6.2
// ("erfcc"): fractional error below 1.2e-7 everywhere, ample for coverage fractions.
const erf = (x) => {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t *
                          (-1.13520398 +
                            t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const y = 1 - t * Math.exp(-x * x + poly);
  return x >= 0 ? y : -y;
};

/** Standard normal CDF. */
export const Phi = (z) => 0.5 * (1 + erf(z / Math.SQRT2));

/** The SAN of `modelDir` on its tfjs backend, the cube, its dimensions and the model's seeded split. */
export const loadTrainedSan = (modelDir, cube) =>
  Effect.gen(function* () {
    const { tf: t } = yield* TfBackend;
    const { model, hp } = yield* loadSan(t, modelDir);
    const data = yield* loadCube(cube);
    const F = data.bands.length;
    const D = data.columns.length;
    const K = hp.config.mixtureComponents;
    const split = seededSplit(data.rows, hp.data.trainFraction, hp.data.seed);
    return { t, model, hp, data, F, D, K, split };
  });
