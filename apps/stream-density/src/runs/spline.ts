/**
 * Model 2 of the seed: the spline log-density model of the 1-D sample — L-BFGS-B from
 * the histogram initialisation plus uniform(0, 0.1) jitter, then NUTS from the optimum,
 * the 16–84 % band of the density, and the comparison with the true N(0.03, 0.31).
 */
import { join } from "node:path";
import { formatSummary, summary, summaryToJson } from "@sidereal/autodiff-samplers";
import { key, uniform } from "@sidereal/distributions";
import { writeDrawsCsv, writeInferenceData } from "@sidereal/io";
import { PALETTE, plotTrace, writeReport } from "@sidereal/plots";
import { writeFigures, writeJson, writeText, writeWith } from "@sidereal/runtime";
import { interpolatedUnivariateSplineBasis } from "@sidereal/splines";
import { Effect } from "effect";
import { compileModel } from "../compiled.js";
import type { RunConfig } from "../config.js";
import { densityFigure1d, knotsFigure } from "../figures.js";
import { linspace } from "../grids.js";
import { SPLINE_KNOTS, splineInit, splineLnDensity, splineModel } from "../models/spline1d.js";
import { divergenceFlags, sampleModelSpec } from "../nuts.js";
import { columnPercentiles } from "../outputs.js";
import { attempt, fmt, type ModelRun, mapStage, optimisationRows } from "./common.js";
import { observedDensity, trueDensity } from "./gaussian.js";

/** The seed's L-BFGS-B result for this model. */
export const SEED_SPLINE = { fun: -10.260887909516791, nfev: 37, nit: 33 } as const;

/** Where the comparison with the true density is made: μ ± 3σ of N(0.03, 0.31). */
export const COMPARISON_RANGE = [0.03 - 3 * 0.31, 0.03 + 3 * 0.31] as const;

/**
 * How well a density n(z) on `grid` recovers the true N·N(z | 0.03, 0.31): the largest
 * relative error inside μ ± 3σ, and the number, mean and standard deviation implied by n
 * (trapezoid moments on the grid).
 */
export function densityRecovery(grid: Float64Array, dens: Float64Array, n: number) {
  const truth = trueDensity(grid, n);
  let maxRel = 0;
  for (let i = 0; i < grid.length; i++)
    if (grid[i] >= COMPARISON_RANGE[0] && grid[i] <= COMPARISON_RANGE[1])
      maxRel = Math.max(maxRel, Math.abs(dens[i] / truth[i] - 1));
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  for (let i = 1; i < grid.length; i++) {
    const h = grid[i] - grid[i - 1];
    const f = (j: number) => [dens[j], dens[j] * grid[j], dens[j] * grid[j] * grid[j]];
    const [a0, a1, a2] = f(i - 1);
    const [b0, b1, b2] = f(i);
    m0 += 0.5 * h * (a0 + b0);
    m1 += 0.5 * h * (a1 + b1);
    m2 += 0.5 * h * (a2 + b2);
  }
  const mean = m1 / m0;
  return { maxRelError: maxRel, total: m0, mean, std: Math.sqrt(m2 / m0 - mean * mean) };
}

export const runSpline = (config: RunConfig, z: Float64Array, dir: string) =>
  Effect.gen(function* () {
    const n = z.length;
    const compiled = yield* attempt("spline compile", () => compileModel(splineModel(z)));
    const jitter = uniform(key(config.seed), [SPLINE_KNOTS.length], 0, 0.1);
    const x0 = splineInit(z, jitter);
    const opt = yield* mapStage("spline L-BFGS-B", compiled, x0, { maxiter: 1000, maxls: 1000 });
    const grid = linspace(-3, 3, 1024);
    const mapDens = splineLnDensity(grid, opt.x).map(Math.exp);
    const mapRecovery = densityRecovery(grid, mapDens, n);

    // the NUTS settings, also shown in the report's configuration table
    const nuts = {
      chains: config.numChains,
      warmup: config.numWarmup,
      draws: config.numSamples,
      maxTreeDepth: config.maxTreeDepth,
      targetAccept: config.targetAccept,
      seed: config.seed,
    };
    const { result, seconds } = yield* sampleModelSpec(
      { kind: "spline", z },
      compiled,
      Float64Array.from(opt.x),
      nuts,
      config.workers,
      "spline",
    );
    const post = result.samples;
    const idata = result.toInferenceDataInput();
    const table = yield* attempt("spline summary", () => summary(post, { hdiProb: 0.94 }));
    const summaryText = formatSummary(table);
    const divergences = result.numDivergences;

    // density band: n(z) for every draw on the seed's plotting grid
    const draws = post.ln_n0;
    const nDraws = draws.shape[0] * draws.shape[1];
    const evaluator = interpolatedUnivariateSplineBasis(SPLINE_KNOTS, { k: 3 }).evaluator(grid);
    const dens = new Float64Array(nDraws * grid.length);
    for (let d = 0; d < nDraws; d++) {
      const y = draws.draws.subarray(d * 11, (d + 1) * 11);
      const v = evaluator.evaluate(Float64Array.from(y)).toArray();
      for (let j = 0; j < grid.length; j++) dens[d * grid.length + j] = Math.exp(v[j]);
    }
    const [lo, med, hi] = columnPercentiles(dens, nDraws, grid.length, [0.16, 0.5, 0.84]);
    const truth = trueDensity(grid, n);
    let inside = 0;
    let total = 0;
    for (let j = 0; j < grid.length; j++)
      if (grid[j] >= COMPARISON_RANGE[0] && grid[j] <= COMPARISON_RANGE[1]) {
        total++;
        if (truth[j] >= lo[j] && truth[j] <= hi[j]) inside++;
      }
    const medianRecovery = densityRecovery(grid, med, n);
    const bandCoverage = inside / total;

    const lines = [
      `Spline model: objective ${opt.fun} after ${opt.nfev} evaluations (${opt.nit} iterations), seed ${SEED_SPLINE.fun} (${SEED_SPLINE.nfev}); ${opt.message}`,
      `  MAP density vs N·N(z | 0.03, 0.31) on μ ± 3σ: max relative error ${fmt(mapRecovery.maxRelError, 3)}; implied total ${fmt(mapRecovery.total)}, mean ${fmt(mapRecovery.mean, 4)}, std ${fmt(mapRecovery.std, 4)}`,
      `  NUTS ${config.numChains} × (${config.numWarmup} + ${config.numSamples}) in ${seconds.toFixed(1)} s, ${divergences} divergences; the true density lies inside the 16–84 % band at ${(100 * bandCoverage).toFixed(0)} % of the grid points in μ ± 3σ; median max relative error ${fmt(medianRecovery.maxRelError, 3)}`,
    ];

    yield* writeJson(join(dir, "optimization.json"), opt);
    yield* writeWith(join(dir, "idata.nc"), () =>
      writeInferenceData(
        join(dir, "idata.nc"),
        {
          posterior: idata.posterior,
          sample_stats: idata.sample_stats,
          observed_data: { variables: { z: { dims: ["point"], shape: [n], data: z } } },
        },
        { inferenceLibrary: "sidereal", createdAt: null },
      ),
    );
    yield* writeWith(join(dir, "draws.csv"), () =>
      writeDrawsCsv(join(dir, "draws.csv"), idata.posterior, {
        sampleStats: idata.sample_stats,
      }),
    );
    const json = summaryToJson(table);
    yield* writeJson(join(dir, "summary.json"), {
      model: "spline",
      nData: n,
      objective: opt.fun,
      seed: SEED_SPLINE,
      knots: Array.from(SPLINE_KNOTS),
      mapKnotValues: opt.x,
      mapRecovery,
      medianRecovery,
      bandCoverage,
      comparisonRange: COMPARISON_RANGE,
      sampling: { ...json, divergences, seconds, settings: config },
    });
    yield* writeText(join(dir, "summary.txt"), `${lines.join("\n")}\n\n${summaryText}`);
    yield* writeFigures(dir, {
      spline_density: densityFigure1d({
        title: "Spline model: density (NUTS 16–84 % band)",
        observed: observedDensity(z),
        band: { x: grid, lo, hi, label: "NUTS 16–84 %" },
        lines: [
          { x: grid, y: med, label: "NUTS median", color: PALETTE[0] },
          { x: grid, y: mapDens, label: "MAP", color: PALETTE[2], dash: "2 2" },
          { x: grid, y: truth, label: "true N·N(z | 0.03, 0.31)", color: PALETTE[3], dash: "5 3" },
        ],
        points: { x: SPLINE_KNOTS, y: opt.x.map(Math.exp), label: "knots (MAP)" },
        xDomain: [-3, 3],
      }),
      spline_knots: knotsFigure(
        "Spline knots: initial vs optimised",
        SPLINE_KNOTS,
        x0,
        opt.x,
        "ln n at knot",
      ),
      spline_trace: plotTrace(
        { ln_n0: post.ln_n0 },
        { varNames: ["ln_n0"], divergent: divergenceFlags(result), maxRows: 11 },
      ),
    });
    yield* writeWith(join(dir, "index.html"), () =>
      writeReport(dir, {
        title: "1-D density: cubic-spline log-density model",
        subtitle: `${n} points; 11 knots on [−3, 3]; L-BFGS-B then NUTS ${config.numChains} × (${config.numWarmup} + ${config.numSamples}), seed ${config.seed}`,
        config: {
          model: "spline",
          points: n,
          data: config.gaussianData,
          ...nuts,
        },
        summary: table,
        diagnostics: { divergences, totalDraws: config.numChains * config.numSamples },
        sections: [
          {
            heading: "Optimisation",
            text: lines[0],
            table: {
              columns: ["", "ours", "seed"],
              rows: [...optimisationRows(opt, SEED_SPLINE)],
            },
            images: [
              { src: "plots/spline_knots.png", caption: "Knot values: initial guess and optimum" },
            ],
          },
          {
            heading: "Recovered density",
            text: `${lines[1]} ${lines[2]}`,
            images: [
              {
                src: "plots/spline_density.png",
                caption: "Histogram density, MAP, NUTS median and 16–84 % band, true density",
              },
            ],
          },
          {
            heading: "Traces",
            images: [{ src: "plots/spline_trace.png", caption: "Knot values per chain" }],
          },
          {
            heading: "Files",
            html: '<ul><li><a href="optimization.json">optimization.json</a></li><li><a href="idata.nc">idata.nc</a> (ArviZ InferenceData)</li><li><a href="draws.csv">draws.csv</a></li><li><a href="summary.json">summary.json</a>, <a href="summary.txt">summary.txt</a></li></ul>',
          },
        ],
      }),
    );
    return {
      model: "spline",
      outDir: dir,
      optimization: opt,
      seed: SEED_SPLINE,
      lines,
      sampled: true,
    } satisfies ModelRun;
  });
