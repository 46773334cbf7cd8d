/**
 * Model 1 of the seed: the Gaussian Poisson-process model of the 1-D sample, fitted
 * with L-BFGS-B inside the seed's bounds (no sampling, as in the seed).
 */
import { join } from "node:path";
import { PALETTE, writeReport } from "@sidereal/plots";
import { writeFigures, writeJson, writeText, writeWith } from "@sidereal/runtime";
import { Effect } from "effect";
import { compileModel } from "../compiled.js";
import { TRUE_GAUSSIAN } from "../data.js";
import { densityFigure1d } from "../figures.js";
import { centres, linspace } from "../grids.js";
import { histogram1d } from "../init/histogram.js";
import {
  GAUSSIAN_BOUNDS,
  gaussianInit,
  gaussianLnDensity,
  gaussianModel,
} from "../models/gaussian.js";
import { attempt, fmt, type ModelRun, mapStage, optimisationRows } from "./common.js";

/** The seed's L-BFGS-B result for this model (its cell output). */
export const SEED_GAUSSIAN = { fun: -10.261409577341759, nfev: 10, nit: 8 } as const;

/** Observed density of the seed's histogram plot: counts / width on linspace(-2, 2, 128). */
export function observedDensity(z: ArrayLike<number>) {
  const edges = linspace(-2, 2, 128);
  const counts = histogram1d(z, edges);
  const w = edges[1] - edges[0];
  return { x: centres(edges), y: counts.map((c) => c / w) };
}

/** N·N(z | 0.03, 0.31): the density the sample was drawn from, in counts per unit z. */
export function trueDensity(zs: ArrayLike<number>, n: number): Float64Array {
  const { mean, std } = TRUE_GAUSSIAN;
  return Float64Array.from(
    { length: zs.length },
    (_, i) => (n * Math.exp(-0.5 * ((zs[i] - mean) / std) ** 2)) / (std * Math.sqrt(2 * Math.PI)),
  );
}

/**
 * Model 1: compile, L-BFGS-B in the seed's bounds, write optimization.json,
 * summary.json/txt, the density plot and index.html into `dir`. `reportConfig` is shown
 * in the report's configuration table.
 */
export const runGaussian = (
  z: Float64Array,
  dir: string,
  reportConfig: Readonly<Record<string, string | number>> = {},
) =>
  Effect.gen(function* () {
    const n = z.length;
    const compiled = yield* attempt("gaussian compile", () => compileModel(gaussianModel(z)));
    const opt = yield* mapStage("gaussian L-BFGS-B", compiled, gaussianInit(n), {
      bounds: GAUSSIAN_BOUNDS,
      maxiter: 1000,
    });
    const [lnN0, mean, lnStd] = opt.x;
    const estimates = { N0: Math.exp(lnN0), mean, std: Math.exp(lnStd) };
    const lines = [
      `Gaussian model: objective ${opt.fun} after ${opt.nfev} evaluations (${opt.nit} iterations), seed ${SEED_GAUSSIAN.fun} (${SEED_GAUSSIAN.nfev}); ${opt.message}`,
      `  N0 = ${fmt(estimates.N0)} (N = ${n}), mean = ${fmt(estimates.mean)} (true ${TRUE_GAUSSIAN.mean}), std = ${fmt(estimates.std)} (true ${TRUE_GAUSSIAN.std})`,
    ];
    yield* writeJson(join(dir, "optimization.json"), opt);
    yield* writeJson(join(dir, "summary.json"), {
      model: "gaussian",
      nData: n,
      objective: opt.fun,
      seed: SEED_GAUSSIAN,
      estimates,
      truth: { N: n, ...TRUE_GAUSSIAN },
    });
    yield* writeText(join(dir, "summary.txt"), lines.join("\n"));
    const grid = linspace(-2, 2, 1024);
    yield* writeFigures(dir, {
      gaussian_density: densityFigure1d({
        title: "Gaussian model: MAP density",
        observed: observedDensity(z),
        lines: [
          {
            x: grid,
            y: gaussianLnDensity(grid, opt.x).map(Math.exp),
            label: "MAP N0·N(z | μ, σ)",
            color: PALETTE[2],
          },
          {
            x: grid,
            y: trueDensity(grid, n),
            label: "true N·N(z | 0.03, 0.31)",
            color: PALETTE[3],
            dash: "5 3",
          },
        ],
        xDomain: [-2, 2],
      }),
    });
    yield* writeWith(join(dir, "index.html"), () =>
      writeReport(dir, {
        title: "1-D density: Gaussian Poisson-process model",
        subtitle: `${n} points from N(0.03, 0.31); L-BFGS-B with the seed's bounds`,
        config: { model: "gaussian", points: n, ...reportConfig },
        sections: [
          {
            heading: "Result",
            text: lines.join(" "),
            table: {
              columns: ["", "ours", "seed"],
              rows: [
                ...optimisationRows(opt, SEED_GAUSSIAN),
                ["ln_N0", lnN0, 11.5129243],
                ["mean", mean, 0.02868799],
                ["ln_std", lnStd, -1.16748798],
              ],
            },
            images: [
              {
                src: "plots/gaussian_density.png",
                caption: "Histogram density, MAP model and the true density",
              },
            ],
          },
        ],
      }),
    );
    return {
      model: "gaussian",
      outDir: dir,
      optimization: opt,
      seed: SEED_GAUSSIAN,
      lines,
      sampled: false,
    } satisfies ModelRun;
  });
