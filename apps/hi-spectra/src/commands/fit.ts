/**
 * `fit`: a user's spectra (`--data`: the simulated.json layout, or a JSON map of dataset → CSV
 * file) fitted with `--n-clouds` clouds of the configured model family and priors: NUTS with
 * init advi+adapt_diag, `solve`, summaries, BIC, trace, posterior predictive and pair plots
 * (with the truths when the file carries `params`).
 */
import { matchCloudsByVelocity } from "@sidereal/hi-physics";
import { ConfigError, withOutputDir } from "@sidereal/runtime";
import { Console, Effect } from "effect";
import type { HiConfig } from "../config.js";
import { loadSpectra } from "../data.js";
import { dataFigures, pairFigures, predictiveFigures, traceFigure } from "../figures.js";
import { buildModel, runNuts, solvedPosterior } from "../model.js";
import { writeHiOutputs } from "../outputs.js";
import { modelSection, nutsSection, PLOT_VARS, step } from "./shared.js";

/** `--data`, or a ConfigError when it is missing. */
export const requireData = (c: HiConfig) =>
  c.data === ""
    ? Effect.fail(new ConfigError({ field: "data", reason: "--data FILE is required" }))
    : Effect.succeed(c.data);

export const runFit = (c: HiConfig) =>
  Effect.gen(function* () {
    const file = yield* requireData(c);
    const { data, truths } = yield* loadSpectra(file, c.model);
    const model = yield* buildModel(c, data);
    return yield* withOutputDir(c.out, (dir) =>
      Effect.gen(function* () {
        const nuts = yield* runNuts(model, c);
        const { solution, posterior, predictive } = yield* solvedPosterior(model, c.thin);
        const match =
          truths?.velocity !== undefined
            ? yield* step("cloud matching", () =>
                matchCloudsByVelocity(model, truths.velocity, solution),
              )
            : undefined;
        const figures = yield* step("plotting", () => [
          ...dataFigures(data),
          traceFigure(posterior, PLOT_VARS),
          ...predictiveFigures(data, predictive, "posterior"),
          ...pairFigures(posterior, PLOT_VARS, {
            ...(truths ? { truths } : {}),
            ...(match ? { match } : {}),
          }),
        ]);
        const records = yield* writeHiOutputs({
          dir,
          model,
          title: `HI spectra: ${c.model} model with ${c.nClouds} cloud${c.nClouds === 1 ? "" : "s"}`,
          posteriorPredictive: predictive,
          figures,
          sections: (r) => [modelSection(model), nutsSection(nuts, r.bic)],
        });
        yield* Console.log(
          `NUTS: ${nuts.seconds.toFixed(1)} s; ${nuts.messages.join(" ")}\nBIC: ${records.bic.bic.toFixed(2)}\nwritten: ${c.out}`,
        );
      }),
    );
  });
