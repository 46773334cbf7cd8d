/**
 * `bias`: the tutorial's closing note as a result. The same spectra (a `simulated.json` with
 * its `params`) fitted twice — with the constant-column-density assumption of the tutorial
 * (`prior_sigma_log10_NHI` null: absorption weight fixed to 1) and with
 * `prior_sigma_log10_NHI` 0.5 (column densities of emission and absorption may differ) — and,
 * per cloud matched by velocity, the true spin temperature, absorption weight and τ against
 * the posteriors of `tspin` and `tau_total` (and `absorption_weight`) of both fits.
 * Writes `bias.json`, the bias figures per cloud, and the outputs of the second fit.
 */
import { join } from "node:path";
import { type BiasRow, biasRows } from "@sidereal/hi-physics";
import type { DensitySample, ReportSection } from "@sidereal/plots";
import { DataError, type Figure, Progress, withOutputDir, writeFigures } from "@sidereal/runtime";
import { Console, Effect } from "effect";
import type { HiConfig } from "../config.js";
import { loadSpectra } from "../data.js";
import { biasPanel, cloudDraws, dataFigures } from "../figures.js";
import { buildModel, runNuts } from "../model.js";
import { writeHiOutputs } from "../outputs.js";
import { requireData } from "./fit.js";
import { modelSection, nutsSection, step } from "./shared.js";

const NAMES = ["tspin", "tau_total", "absorption_weight", "log10_NHI"];
const TRUTHS_NEEDED = ["velocity", "tspin", "tau_total", "absorption_weight"];
const FITS = [
  { key: "constant", label: "constant N_HI (σ null)", sigma: null },
  { key: "variable", label: "σ log10 N_HI = 0.5", sigma: 0.5 },
] as const;

export const runBias = (c: HiConfig) =>
  Effect.gen(function* () {
    const file = yield* requireData(c);
    const { data, truths } = yield* loadSpectra(file, "emission-absorption");
    for (const name of TRUTHS_NEEDED)
      if (!truths?.[name])
        return yield* new DataError({
          file,
          field: `params.${name}`,
          reason: "the bias study needs the simulation truths (params) of the file",
        });
    const t = truths as Record<string, Float64Array>;
    const config = { ...c, model: "emission-absorption" as const };
    const models = [
      yield* buildModel(config, data, { priors: { prior_sigma_log10_NHI: null } }),
      yield* buildModel(config, data, { priors: { prior_sigma_log10_NHI: 0.5 } }),
    ];
    return yield* withOutputDir(c.out, (dir) =>
      Effect.gen(function* () {
        const progress = yield* Progress;
        const runs: Effect.Success<ReturnType<typeof runNuts>>[] = [];
        for (const [i, m] of models.entries()) {
          progress.message(`fit ${i + 1}/2: ${FITS[i].label}`);
          runs.push(yield* runNuts(m, config, `NUTS (${FITS[i].key})`));
        }
        const rows: BiasRow[][] = yield* step("bias table", () =>
          models.map((m) =>
            biasRows(m, t, { names: NAMES, ...(m.solutions.length > 0 ? { solution: 0 } : {}) }),
          ),
        );
        const bias = {
          description:
            "Per posterior cloud (matched to the simulation by velocity): truths against the posterior (mean, sd, 94% HDI) of the constant-column-density fit and of the fit with prior_sigma_log10_NHI 0.5.",
          fits: FITS.map((f, i) => ({
            name: f.key,
            priorSigmaLog10NHI: f.sigma,
            solveMessages: runs[i].messages,
            clouds: rows[i],
          })),
        };
        const figures: Figure[] = [];
        const sections: ReportSection[] = [];
        // one figure set per simulation cloud j: the posterior cloud of each fit matched to it
        for (let j = 0; j < t.velocity.length; j++) {
          const panels: Figure[] = [];
          for (const variable of ["tspin", "tau_total", "absorption_weight"]) {
            const sets: DensitySample[] = [];
            models.forEach((m, i) => {
              const cloud = rows[i].findIndex((r) => r.truthIndex === j);
              const solution = m.solutions.length > 0 ? 0 : undefined;
              const draws =
                cloud >= 0 ? cloudDraws(m.posteriorOf(solution), variable, cloud) : undefined;
              if (draws) sets.push({ values: draws, label: FITS[i].label });
            });
            if (sets.length === 0) continue;
            panels.push(
              yield* step(`plotting bias ${variable}`, () =>
                biasPanel(
                  `bias-cloud${j}-${variable}`,
                  `Simulation cloud ${j}: ${variable}`,
                  variable,
                  sets,
                  t[variable]?.[j],
                  `cloud ${j} (v = ${t.velocity[j]} km/s): ${variable}`,
                ),
              ),
            );
          }
          figures.push(...panels);
          sections.push({
            heading: `Bias: simulation cloud ${j}`,
            text: `truth: tspin ${t.tspin[j].toPrecision(6)} K, absorption weight ${t.absorption_weight[j]}, tau_total ${t.tau_total[j].toPrecision(6)}${panels.length === 0 ? " (no posterior cloud of either fit matched this cloud)" : ""}`,
            images: panels.map((p) => ({ src: `plots/${p.name}.png`, caption: p.caption })),
          });
        }
        yield* writeFigures(dir.staging, figures);
        yield* writeHiOutputs({
          dir,
          model: models[1],
          title: "HI spectra: the constant-column-density bias",
          figures: yield* step("plotting", () => dataFigures(data)),
          sections: (r) => [...sections, modelSection(models[1]), nutsSection(runs[1], r.bic)],
          extraFiles: { "bias.json": `${JSON.stringify(bias, null, 2)}\n` },
        });
        yield* Console.log(`bias study written: ${join(c.out, "bias.json")}`);
      }),
    );
  });
