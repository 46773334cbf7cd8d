/**
 * The stream-density pipeline as an Effect program: check the output location, load and
 * validate every input (before anything is fitted or written), then per model: compile,
 * optimise, sample, write — all into the runtime's staged output folder, renamed into place
 * when the whole run is complete. `command: "all"` writes each model into `out/<model>/`
 * plus an overview (`out/index.html`, `out/summary.json`, `out/summary.txt`); a single
 * command writes into `out/` directly.
 */

import { join } from "node:path";
import { writeReport } from "@sidereal/plots";
import { withOutputDir, writeJson, writeText, writeWith } from "@sidereal/runtime";
import { Effect } from "effect";
import type { RunConfig } from "./config.js";
import { type Gd1Catalogue, loadGaussian1dChecked, loadGd1Checked } from "./data.js";
import { SPLINE_KNOTS } from "./models/spline1d.js";
import type { ModelRun } from "./runs/common.js";
import { runGaussian } from "./runs/gaussian.js";
import { runGd1 } from "./runs/gd1.js";
import { runSpline } from "./runs/spline.js";

export type { ModelRun } from "./runs/common.js";

export interface PipelineResult {
  readonly outDir: string;
  readonly runs: readonly ModelRun[];
  /** All result lines, for the CLI. */
  readonly summaryText: string;
}

export const runPipeline = (config: RunConfig) =>
  withOutputDir(config.out, (out) =>
    Effect.gen(function* () {
      const wants = (m: ModelRun["model"]) => config.command === "all" || config.command === m;
      const splineDomain = [SPLINE_KNOTS[0], SPLINE_KNOTS[SPLINE_KNOTS.length - 1]] as const;
      const z =
        wants("gaussian") || wants("spline")
          ? yield* loadGaussian1dChecked(
              config.gaussianData,
              config.maxPoints,
              wants("spline") ? splineDomain : undefined,
            )
          : null;
      const cat: Gd1Catalogue | null = wants("gd1")
        ? yield* loadGd1Checked(config.gd1Data, config.maxStars)
        : null;
      if (z !== null) yield* Effect.log(`loaded ${z.length} points from ${config.gaussianData}`);
      if (cat !== null)
        yield* Effect.log(
          `loaded ${cat.phi1.length} GD-1 stars (of ${cat.rowsInFile}) from ${cat.file}`,
        );
      const dirOf = (m: string) => (config.command === "all" ? out.file(m) : out.staging);
      const runs: ModelRun[] = [];
      if (z !== null && wants("gaussian"))
        runs.push(
          yield* runGaussian(z, dirOf("gaussian"), {
            data: config.gaussianData,
            maxPoints: config.maxPoints,
          }),
        );
      if (z !== null && wants("spline")) runs.push(yield* runSpline(config, z, dirOf("spline")));
      if (cat !== null) runs.push(yield* runGd1(config, cat, dirOf("gd1")));
      const summaryText = runs.flatMap((r) => r.lines).join("\n");
      if (config.command === "all") yield* writeOverview(config, out.staging, runs, summaryText);
      return { outDir: out.path, runs, summaryText } satisfies PipelineResult;
    }),
  );

const writeOverview = (config: RunConfig, out: string, runs: readonly ModelRun[], text: string) =>
  Effect.gen(function* () {
    yield* writeJson(join(out, "summary.json"), {
      settings: config,
      models: Object.fromEntries(
        runs.map((r) => [
          r.model,
          {
            fun: r.optimization.fun,
            nfev: r.optimization.nfev,
            nit: r.optimization.nit,
            message: r.optimization.message,
            seed: r.seed,
            reachedSeedObjective: r.optimization.fun <= r.seed.fun + 1e-6,
            sampled: r.sampled,
            folder: r.model,
          },
        ]),
      ),
    });
    yield* writeText(join(out, "summary.txt"), text);
    yield* writeWith(join(out, "index.html"), () =>
      writeReport(out, {
        title: "Flexible spline density models (seed 002)",
        subtitle: `1-D Gaussian sample and the GD-1 stream; seed ${config.seed}`,
        config: { ...config },
        sections: [
          {
            heading: "Objectives (−ln p / N) against the seed",
            table: {
              columns: ["model", "ours", "nfev", "seed", "seed nfev", "report"],
              rows: runs.map((r) => [
                r.model,
                r.optimization.fun,
                r.optimization.nfev,
                r.seed.fun,
                r.seed.nfev,
                `${r.model}/index.html`,
              ]),
            },
            html: `<ul>${runs.map((r) => `<li><a href="${r.model}/index.html">${r.model}</a></li>`).join("")}</ul>`,
          },
          { heading: "Results", text },
          {
            heading: "Figures",
            images: [
              { src: "gaussian/plots/gaussian_density.png", caption: "Gaussian model" },
              {
                src: "spline/plots/spline_density.png",
                caption: "Spline model with the NUTS band",
              },
              { src: "gd1/plots/gd1_density.png", caption: "GD-1 fitted density" },
            ].filter((im) => runs.some((r) => im.src.startsWith(`${r.model}/`))),
          },
        ],
      }),
    );
  });
