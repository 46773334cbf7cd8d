/**
 * `optimize`: BIC model selection over 1 … `--max-clouds` clouds (bayes_spec's `Optimize`:
 * ADVI for every cloud count with the BIC stopping rule, then NUTS + solve on the best), the
 * BIC-vs-n_clouds plot, `bics.json`, and the outputs of the best model.
 */
import { join } from "node:path";
import { MODEL_CLASSES, Optimize, priorsFromCaribouNames } from "@sidereal/hi-physics";
import {
  ConfigError,
  Progress,
  RunError,
  reasonOf,
  withOutputDir,
  writeFigures,
  writeJson,
} from "@sidereal/runtime";
import { Console, Effect } from "effect";
import type { HiConfig } from "../config.js";
import { loadSpectra } from "../data.js";
import { bicFigure, dataFigures, pairFigures, predictiveFigures, traceFigure } from "../figures.js";
import { adviOptions, buildModel, nutsOptions, solvedPosterior } from "../model.js";
import { writeHiOutputs } from "../outputs.js";
import { requireData } from "./fit.js";
import { modelSection, PLOT_VARS, step } from "./shared.js";

export const runOptimize = (c: HiConfig) =>
  Effect.gen(function* () {
    const file = yield* requireData(c);
    const { data } = yield* loadSpectra(file, c.model);
    // the priors are checked on one model before the search
    yield* buildModel(c, data, { nClouds: 1 });
    const opt = yield* Effect.try({
      try: () =>
        new Optimize(MODEL_CLASSES[c.model], data, {
          maxNClouds: c.maxClouds,
          baselineDegree: c.baselineDegree,
          bgTemp: c.bgTemp,
          seed: c.seed,
        })
          .addPriors(priorsFromCaribouNames(c.priors) as never)
          .addLikelihood(),
      catch: (e) => new ConfigError({ field: "priors", reason: reasonOf(e) }),
    });
    return yield* withOutputDir(c.out, (dir) =>
      Effect.gen(function* () {
        const progress = yield* Progress;
        const { start: _start, ...fitOptions } = adviOptions(c, 1);
        const { initKwargs, ...sampleRest } = nutsOptions(c, 1);
        const { start: _s, ...init } = initKwargs ?? {};
        const best = yield* Effect.tryPromise({
          try: () =>
            opt.optimize({
              bicThreshold: c.bicThreshold,
              fitOptions,
              sampleOptions: { ...sampleRest, initKwargs: init },
              solveOptions: {
                initParams: "random_from_data",
                nInit: c.solve.nInit,
                maxIter: c.solve.maxIter,
                klDivThreshold: c.solve.klDivThreshold,
              },
              startSpread: { velocity_norm: c.startVelocityNorm },
              onModel: (n, bic) => progress.message(`n_clouds = ${n}: BIC ${bic.toFixed(2)}`),
            }),
          catch: (e) => new RunError({ stage: "optimize", reason: reasonOf(e) }),
        });
        const bics = opt.bics;
        const bestN = opt.bestNClouds ?? 0;
        const bicFig = yield* step("plotting BIC", () => bicFigure(bics, bestN));
        const record = { bics, bestNClouds: bestN, bicThreshold: c.bicThreshold };
        if (best === null) {
          yield* writeJson(join(dir.staging, "bics.json"), record);
          yield* writeFigures(dir.staging, [bicFig, ...dataFigures(data)]);
        } else {
          const { posterior, predictive } = yield* solvedPosterior(best, c.thin);
          yield* writeHiOutputs({
            dir,
            model: best,
            title: `HI spectra: BIC model selection (best: ${bestN} clouds)`,
            posteriorPredictive: predictive,
            figures: yield* step("plotting", () => [
              bicFig,
              ...dataFigures(data),
              traceFigure(posterior, PLOT_VARS),
              ...predictiveFigures(data, predictive, "posterior"),
              ...pairFigures(posterior, PLOT_VARS),
            ]),
            sections: [
              {
                heading: "BIC by number of clouds",
                table: {
                  columns: ["n_clouds", "BIC"],
                  rows: Object.entries(bics).map(([k, v]) => [Number(k), v]),
                },
              },
              modelSection(best),
            ],
            extraFiles: { "bics.json": `${JSON.stringify(record, null, 2)}\n` },
          });
        }
        yield* Console.log(`best number of clouds: ${bestN}\nwritten: ${c.out}`);
      }),
    );
  });
