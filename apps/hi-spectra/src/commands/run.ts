/**
 * `run`: seed 000 end to end (the caribou_hi tutorial): simulate the spectra (one noise draw,
 * `--seed`), the fit model of cell [16], prior predictive (cell [14]), ADVI (cell [25]) with
 * its posterior predictive, NUTS 8 × (1000 + 1000) with init advi+adapt_diag (cell [28]),
 * `solve` (cell [31]), summaries (hdi 0.94; kind=stats at hdi 0.68 as cell [46]), BIC, trace,
 * posterior predictive (thin 10) and pair plots with the truths matched by velocity (cell [41]);
 * the posterior is compared with the tutorial's cell [46] in `seed-comparison.json`.
 */
import {
  matchCloudsByVelocity,
  perCloudSummary,
  priorsFromCaribouNames,
  SEED_SIMULATION_PRIORS,
  simulatedJson,
  simulateSeed,
} from "@sidereal/hi-physics";
import { Progress, withOutputDir } from "@sidereal/runtime";
import { Console, Effect } from "effect";
import type { HiConfig } from "../config.js";
import { dataFigures, pairFigures, predictiveFigures, traceFigure } from "../figures.js";
import { buildModel, runAdvi, runNuts } from "../model.js";
import { writeHiOutputs } from "../outputs.js";
import { SEED_CELL_46, seedComparison } from "../seed-reference.js";
import { modelSection, nutsSection, PLOT_VARS, priorText, step } from "./shared.js";

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

export const runRun = (c: HiConfig) =>
  withOutputDir(c.out, (dir) =>
    Effect.gen(function* () {
      const progress = yield* Progress;
      const t0 = performance.now();
      const sim = yield* step("simulation", () => simulateSeed({ noise: true, seed: c.seed }));
      const data = { emission: sim.emission, absorption: sim.absorption };
      const config = { ...c, model: "emission-absorption" as const };
      const model = yield* buildModel(config, data);
      const adviModel = yield* buildModel(config, data);

      // prior predictive (cell [14]): 1000 draws, every 20th plotted; prior pair plot with truths
      progress.message(`prior predictive: ${c.priorDraws} draws`);
      const prior = yield* step("prior predictive", () =>
        model.samplePriorPredictive(c.priorDraws),
      );

      // ADVI (cell [25]) and its posterior predictive
      const advi = yield* runAdvi(adviModel, config);
      const adviSummary = yield* step("ADVI summary", () => perCloudSummary(adviModel));
      const adviPredictive = yield* step("ADVI posterior predictive", () =>
        adviModel.samplePosteriorPredictive({ thin: c.thin }),
      );

      // NUTS (cell [28]) and solve (cell [31])
      const nuts = yield* runNuts(model, config);
      const solution = model.solutions.length > 0 ? 0 : undefined;
      const sol = solution !== undefined ? { solution } : {};
      const posteriorPredictive = yield* step("posterior predictive", () =>
        model.samplePosteriorPredictive({ ...sol, thin: c.thin }),
      );
      const stats68 = yield* step("summary (hdi 0.68)", () =>
        perCloudSummary(model, { ...sol, kind: "stats", hdiProb: 0.68, columns: "all" }),
      );
      const comparison = seedComparison(stats68);
      const match = yield* step("cloud matching", () =>
        matchCloudsByVelocity(model, sim.params.velocity, solution),
      );
      const figures = yield* step("plotting", () => [
        ...dataFigures(data),
        ...predictiveFigures(data, prior.priorPredictive, "prior", 20),
        // prior clouds are exchangeable: cloud k is shown against simulation cloud k
        ...pairFigures(prior.prior, PLOT_VARS, {
          truths: sim.params,
          match: [0, 1, 2],
          every: 1,
          prefix: "prior-pair",
        }),
        ...predictiveFigures(data, adviPredictive, "advi"),
        traceFigure(model.posteriorOf(solution), PLOT_VARS),
        ...predictiveFigures(data, posteriorPredictive, "posterior"),
        ...pairFigures(model.posteriorOf(solution), PLOT_VARS, {
          truths: sim.params,
          match,
          every: 10,
        }),
      ]);
      const fitPriors = priorsFromCaribouNames(c.priors);
      const nutsSeconds = nuts.seconds;
      const records = yield* writeHiOutputs({
        dir,
        model,
        title: "HI 21-cm emission/absorption: seed 000 (caribou_hi tutorial)",
        prior,
        posteriorPredictive,
        figures,
        sections: (r) => [
          {
            heading: "Priors",
            text: `Simulation (cell [3]):\n${priorText(SEED_SIMULATION_PRIORS)}\n\nFit (cell [16]; priorSigmaLog10NHI null = constant column density):\n${priorText(fitPriors)}`,
          },
          modelSection(model),
          {
            heading: "ADVI",
            text: `${advi.message} (${advi.iterations} iterations; the tutorial: 69,400 iterations)`,
          },
          nutsSection(nuts, r.bic),
          {
            heading: "Against the tutorial (cell [46])",
            table: {
              columns: [
                "variable",
                "cloud",
                "mean",
                "sd",
                "tutorial mean",
                "tutorial sd",
                "tolerance",
                "pass",
              ],
              rows: comparison.map((r) => [
                r.variable,
                r.cloud,
                r.mean,
                r.sd,
                r.seedMean,
                r.seedSd,
                r.tolerance,
                r.pass ? "yes" : "NO",
              ]),
            },
          },
        ],
        extraFiles: {
          "simulated.json": json(simulatedJson(sim)),
          "summary-stats.json": json(stats68),
          // no times in the files (same seed → same files); they go to stdout and the bench
          "advi.json": json({
            iterations: advi.iterations,
            converged: advi.converged,
            message: advi.message,
            summary: adviSummary,
            bic: adviModel.bic(),
          }),
          "seed-comparison.json": json({
            seedBic: SEED_CELL_46.bic,
            rows: comparison,
            allPass: comparison.every((r) => r.pass),
          }),
        },
      });
      yield* Console.log(
        [
          `ADVI: ${advi.message} (${advi.iterations} iterations, ${advi.seconds.toFixed(1)} s)`,
          `NUTS: ${nutsSeconds.toFixed(1)} s; ${nuts.messages.join(" ")}`,
          `BIC: ${records.bic.bic.toFixed(2)} (tutorial ${SEED_CELL_46.bic.toFixed(2)})`,
          `against cell [46]: ${comparison.filter((r) => r.pass).length}/${comparison.length} within tolerance`,
          `total ${((performance.now() - t0) / 1000).toFixed(1)} s; written: ${c.out}`,
        ].join("\n"),
      );
    }),
  );
