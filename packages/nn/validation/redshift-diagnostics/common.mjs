// Shared by the diagnostics scripts: the standard normal CDF and a trained SAN with its cube and split.

import { loadCube, loadSan, mogParams, seededSplit, TfBackend } from "@sidereal/nn";
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

/**
 * Block 0's mixture (redshift's distribution: it reads only the photometry) for B rows of
 * transformed photometry `x` (B × F): per row and component the loc, scale and weight, as
 * flat arrays (row-major, K per row). `batchStats` normalises with the batch's moments instead
 * of the running ones (training-mode batch norm).
 */
export function blockZeroMixture(t, model, K, [multEps, absEps], x, B, F, batchStats = false) {
  const [loc, scale, w] = t.tidy(() => {
    let h = t.tensor2d(x, [B, F]);
    const block = model.blocks[0];
    for (const l of block.body) {
      h = t.add(t.matMul(h, l.dense.kernel), l.dense.bias);
      if (l.runMean) {
        const m = batchStats ? t.moments(h, 0) : { mean: l.runMean, variance: l.runVar };
        h = t.div(t.sub(h, m.mean), t.sqrt(t.add(m.variance, 1e-5)));
      }
      h = t.relu(h);
    }
    const p = mogParams(
      t,
      t.add(t.matMul(h, block.lik.kernel), block.lik.bias),
      K,
      multEps,
      absEps,
    );
    return [p.loc.dataSync(), p.scale.dataSync(), t.softmax(p.logits).dataSync()];
  });
  return { loc, scale, w };
}
