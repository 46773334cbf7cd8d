/**
 * `outliers`: seed 004, example 1 — the straight line fitted without (DIR/simple/) and with
 * (DIR/mixture/) a Gaussian outlier component, plus DIR/index.html linking both.
 */
import { join } from "node:path";
import { type McmcResult, Predictive } from "@sidereal/autodiff-samplers";
import { foldIn, key } from "@sidereal/distributions";
import { plotScatterColored, writeReportHtml } from "@sidereal/plots";
import { RunError, reasonOf, sampleModel, withOutputDir, writeRunOutputs } from "@sidereal/runtime";
import { Effect } from "effect";
import type { RunConfig } from "../config.js";
import { thinSamples } from "../figures.js";
import { type LineData, loadLine } from "../linear-data.js";
import { linearMixtureModel, linearModel } from "../models/linear.js";
import type { CommandResult } from "./result.js";

/** NumPyro's published posterior (seed 004): mean ± sd. */
export const PUBLISHED = {
  simple: { m: [0.758, 0.035], b: [0.123, 0.052] },
  mixture: { m: [1.007, 0.056], b: [0.051, 0.078], Q: [0.666, 0.127] },
} as const;

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

/** 100 posterior predictive replicas of the line (for the standard predictive figure). */
function predictive(res: McmcResult, line: LineData, seed: number, model: typeof linearModel) {
  const post = thinSamples(res, res.latentNames, 100);
  const sim = Predictive(model, { posteriorSamples: post })(foldIn(key(seed), 1), {
    x: line.x,
    yerr: line.yerr,
  });
  const site = "y" in sim ? sim.y : sim.obs;
  const n = line.x.length;
  const all = site.toArray();
  const draws = Array.from({ length: site.shape[0] }, (_, i) => all.subarray(i * n, (i + 1) * n));
  return { x: line.x, observed: line.y, observedErr: line.yerr, draws, xLabel: "x", yLabel: "y" };
}

/** The predictive replicas of observed site `site` as ArviZ's `posterior_predictive` group. */
function posteriorPredictiveGroup(site: "y" | "obs", pred: ReturnType<typeof predictive>) {
  const k = pred.draws.length;
  const n = pred.x.length;
  const data = new Float64Array(k * n);
  for (const [i, d] of pred.draws.entries()) data.set(d, i * n);
  return {
    variables: { [site]: { dims: ["chain", "draw", "data"], shape: [1, k, n], data } },
  };
}

/** Runs the command (see the module doc). */
export const runOutliers = (config: RunConfig) =>
  withOutputDir(config.out, (dir) =>
    Effect.gen(function* () {
      const line = yield* loadLine(config.data);
      const data = { x: line.x, yerr: line.yerr, y: line.y };
      const n = line.x.length;
      const subtitle = `${n} points; ${config.chains} chains × (${config.warmup} warmup + ${config.draws} draws), seed ${config.seed}`;

      // the line without outliers
      const s = yield* sampleModel(linearModel, data, {
        ...config,
        label: "simple",
        mcmc: { wasm: config.wasm },
      });
      const simplePred = predictive(s, line, config.seed, linearModel);
      const simpleTable = yield* writeRunOutputs({
        dir: dir.file("simple"),
        result: s,
        title: "Straight line, no outlier model",
        subtitle,
        config: settings(config),
        plotVars: ["m", "b"],
        truths: { m: 1, b: 0 },
        predictive: simplePred,
        groups: { posterior_predictive: posteriorPredictiveGroup("y", simplePred) },
        sections: [{ heading: "Reference", text: publishedText(PUBLISHED.simple) }],
      });

      // the mixture model
      const x = yield* sampleModel(linearMixtureModel, data, {
        ...config,
        label: "mixture",
        mcmc: { wasm: config.wasm },
      });
      const pOutlier = new Float64Array(n);
      const po = x.samples.p_outlier.draws;
      const total = x.numChains * x.numSamples;
      for (let i = 0; i < total; i++)
        for (let j = 0; j < n; j++) pOutlier[j] += po[i * n + j] / total;
      const posterior = x.toInferenceDataInput().posterior;
      const mixTable = yield* writeRunOutputs({
        dir: dir.file("mixture"),
        result: x,
        title: "Straight line with a Gaussian outlier model",
        subtitle,
        config: settings(config),
        groups: {
          posterior_predictive: posteriorPredictiveGroup(
            "obs",
            predictive(x, line, config.seed, linearMixtureModel),
          ),
          posterior: {
            variables: {
              ...posterior.variables,
              p: { ...posterior.variables.p, dims: ["chain", "draw", "data", "component"] },
            },
          },
        },
        summaryVars: Object.keys(x.samples),
        plotVars: ["m", "b", "Q"],
        truths: { m: 1, b: 0, Q: 0.8 },
        sections: [{ heading: "Reference", text: publishedText(PUBLISHED.mixture) }],
        figures: [
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
      yield* Effect.tryPromise({
        try: () =>
          writeReportHtml(dir.file("index.html"), {
            title: "Straight line with outliers (seed 004, example 1)",
            sections: [
              {
                heading: "Runs",
                html: '<ul><li><a href="simple/index.html">simple/</a>: the line without an outlier model</li><li><a href="mixture/index.html">mixture/</a>: the line mixed with a Gaussian outlier component</li></ul>',
              },
              { heading: "Results", text },
            ],
          }),
        catch: (e) => new RunError({ stage: "writing index.html", reason: reasonOf(e) }),
      });
      const result: CommandResult = {
        outDirs: [join(dir.path, "simple"), join(dir.path, "mixture")],
        text,
      };
      return result;
    }),
  );
