/**
 * `outliers`: seed 004, example 1 — the straight line fitted without (DIR/simple/) and with
 * (DIR/mixture/) a Gaussian outlier component, plus DIR/index.html linking both.
 */
import { join } from "node:path";
import { type McmcResult, Predictive } from "@sidereal/autodiff-samplers";
import { foldIn, key } from "@sidereal/distributions";
import {
  plotPair,
  plotPredictive,
  plotScatterColored,
  plotTrace,
  writeReportHtml,
} from "@sidereal/plots";
import { Effect } from "effect";
import type { RunConfig } from "../config.js";
import { DataError, OutputError } from "../errors.js";
import { divergent, thinSamples } from "../figures.js";
import { type LineData, loadLine } from "../linear-data.js";
import { linearMixtureModel, linearModel } from "../models/linear.js";
import { posteriorDataset, sampleStatsDataset, writeOutputs } from "../outputs.js";
import { runNuts } from "../sample.js";
import type { CommandResult } from "./result.js";

/** NumPyro's published posterior (seed 004): mean ± sd. */
export const PUBLISHED = {
  simple: { m: [0.758, 0.035], b: [0.123, 0.052] },
  mixture: { m: [1.007, 0.056], b: [0.051, 0.078], Q: [0.666, 0.127] },
} as const;

const observed = (line: LineData) => ({
  variables: {
    y: { dims: ["data"], shape: [line.y.length], data: line.y },
  },
});

function settings(config: RunConfig) {
  return {
    command: "outliers",
    data: config.data,
    chains: config.chains,
    warmup: config.warmup,
    draws: config.draws,
    seed: config.seed,
  };
}

const publishedText = (p: Readonly<Record<string, readonly [number, number]>>) =>
  `NumPyro (seed 004): ${Object.entries(p)
    .map(([k, [m, s]]) => `${k} = ${m} ± ${s}`)
    .join(", ")}.`;

function ppcFigure(res: McmcResult, line: LineData, seed: number, model: typeof linearModel) {
  const post = thinSamples(res, res.latentNames, 100);
  const sim = Predictive(model, { posteriorSamples: post })(foldIn(key(seed), 1), {
    x: line.x,
    yerr: line.yerr,
  });
  const site = "y" in sim ? sim.y : sim.obs;
  const n = line.x.length;
  const all = site.toArray();
  const draws = Array.from({ length: site.shape[0] }, (_, i) => all.subarray(i * n, (i + 1) * n));
  return plotPredictive({
    x: line.x,
    observed: line.y,
    observedErr: line.yerr,
    draws,
    xLabel: "x",
    yLabel: "y",
    title: "Posterior predictive",
  });
}

/** Runs the command (see the module doc). */
export const runOutliers = (config: RunConfig) =>
  Effect.gen(function* () {
    const line = yield* Effect.try({
      try: () => loadLine(config.data),
      catch: (e) =>
        new DataError({ file: config.data, reason: e instanceof Error ? e.message : String(e) }),
    });
    const data = { x: line.x, yerr: line.yerr, y: line.y };
    const n = line.x.length;

    // the line without outliers
    const simpleDir = join(config.out, "simple");
    const simple = yield* runNuts("simple line sampling", linearModel, data, config);
    const s = simple.result;
    const simpleTable = yield* writeOutputs({
      dir: simpleDir,
      title: "Straight line, no outlier model",
      subtitle: `${n} points; ${config.chains} chains × (${config.warmup} warmup + ${config.draws} draws), seed ${config.seed}`,
      config: settings(config),
      idata: {
        posterior: posteriorDataset(s),
        sample_stats: sampleStatsDataset(s),
        observed_data: observed(line),
      },
      summaryVars: s.samples,
      csvVars: s.samples,
      divergences: s.numDivergences,
      totalDraws: s.numChains * s.numSamples,
      sections: [{ heading: "Reference", text: publishedText(PUBLISHED.simple) }],
      figures: [
        {
          name: "trace",
          svg: plotTrace(s.samples, { divergent: divergent(s) }),
          caption: "Traces: per chain, divergences marked",
        },
        {
          name: "corner",
          svg: plotPair(s.samples, {
            varNames: ["m", "b"],
            truths: { m: 1, b: 0 },
            divergent: divergent(s),
          }),
          caption: "Corner plot: slope and intercept (true values marked)",
        },
        {
          name: "predictive",
          svg: ppcFigure(s, line, config.seed, linearModel),
          caption: "Posterior predictive: replicated data against the observations",
        },
      ],
    });

    // the mixture model
    const mixDir = join(config.out, "mixture");
    const mix = yield* runNuts("mixture sampling", linearMixtureModel, data, config);
    const x = mix.result;
    const pOutlier = new Float64Array(n);
    const po = x.samples.p_outlier.draws;
    const total = x.numChains * x.numSamples;
    for (let i = 0; i < total; i++)
      for (let j = 0; j < n; j++) pOutlier[j] += po[i * n + j] / total;
    const mixTable = yield* writeOutputs({
      dir: mixDir,
      title: "Straight line with a Gaussian outlier model",
      subtitle: `${n} points; ${config.chains} chains × (${config.warmup} warmup + ${config.draws} draws), seed ${config.seed}`,
      config: settings(config),
      idata: {
        posterior: posteriorDataset(x, { p: ["chain", "draw", "data", "component"] }),
        sample_stats: sampleStatsDataset(x),
        observed_data: {
          variables: { obs: { dims: ["data"], shape: [n], data: line.y } },
        },
      },
      summaryVars: x.samples,
      csvVars: x.samples,
      divergences: x.numDivergences,
      totalDraws: total,
      sections: [{ heading: "Reference", text: publishedText(PUBLISHED.mixture) }],
      figures: [
        {
          name: "trace",
          svg: plotTrace(x.samples, {
            varNames: ["theta", "b_perp", "bg_mean", "bg_sigma", "Q", "m", "b"],
            divergent: divergent(x),
          }),
          caption: "Traces: per chain, divergences marked",
        },
        {
          name: "corner",
          svg: plotPair(x.samples, {
            varNames: ["m", "b", "Q"],
            truths: { m: 1, b: 0, Q: 0.8 },
            divergent: divergent(x),
          }),
          caption: "Corner plot: slope, intercept and inlier fraction Q (true values marked)",
        },
        {
          name: "outliers",
          svg: plotScatterColored({
            x: line.x,
            y: line.y,
            c: pOutlier,
            vmin: 0,
            vmax: 1,
            radius: 5,
            colorLabel: "outlier probability",
            xLabel: "x",
            yLabel: "y",
            title: "Data coloured by posterior outlier probability",
          }),
          caption: "Outlier probability: posterior mean of p_outlier per point",
        },
      ],
    });

    // overview page
    const row = (t: typeof simpleTable, v: string) =>
      `${v} = ${t[v].mean.toFixed(3)} ± ${t[v].sd.toFixed(3)}`;
    const text = [
      `simple:  ${row(simpleTable, "m")}, ${row(simpleTable, "b")} (${publishedText(PUBLISHED.simple)})`,
      `mixture: ${row(mixTable, "m")}, ${row(mixTable, "b")}, ${row(mixTable, "Q")} (${publishedText(PUBLISHED.mixture)})`,
      `divergences: simple ${s.numDivergences}, mixture ${x.numDivergences}`,
    ].join("\n");
    const index = join(config.out, "index.html");
    yield* Effect.tryPromise({
      try: () =>
        writeReportHtml(index, {
          title: "Straight line with outliers (seed 004, example 1)",
          sections: [
            {
              heading: "Runs",
              html: '<ul><li><a href="simple/index.html">simple/</a>: the line without an outlier model</li><li><a href="mixture/index.html">mixture/</a>: the line mixed with a Gaussian outlier component</li></ul>',
            },
            { heading: "Results", text },
          ],
        }),
      catch: (e) =>
        new OutputError({ path: index, reason: e instanceof Error ? e.message : String(e) }),
    });
    const result: CommandResult = { outDirs: [simpleDir, mixDir], text };
    return result;
  });
