/**
 * `m67`: seed 004's hierarchical model for the distance to M67 (`clusterModel` of
 * @sidereal/parallax) on the cut Gaia DR3 catalogue, chains in worker threads.
 */
import { type McmcResult, Predictive } from "@sidereal/autodiff-samplers";
import { foldIn, key } from "@sidereal/distributions";
import type { Dataset } from "@sidereal/io";
import { clusterModel } from "@sidereal/parallax";
import { plotScatterColored } from "@sidereal/plots";
import {
  ConfigError,
  checkColumn,
  checkNotEmpty,
  DataError,
  reasonOf,
  sampleModel,
  withOutputDir,
  writeRunOutputs,
} from "@sidereal/runtime";
import { Effect } from "effect";
import type { RunConfig } from "../config.js";
import { limitStars, loadM67, type M67Catalogue } from "../data.js";
import { column, plotPredictiveHistogram, quantile, thinSamples } from "../figures.js";
import type { CommandResult } from "./result.js";

const POPULATION = ["L", "D", "approx_size", "Q"] as const;
const SCALARS = ["log_L", "log_D", "log_sigma", "Q", "L", "D", "approx_size"] as const;

/**
 * The posterior group of idata.nc. Of the per-star deterministics it keeps the cluster
 * membership log-probability `p[..., 0]` (as `p_cluster`, dims chain/draw/star) and leaves
 * out the background column (its log-complement) and `plx_true` (= 1000/r + zero point):
 * with both chains × 4000 draws × 4,300 stars they would add 0.8 GB of redundant data to a
 * file that holds r already.
 */
function m67Posterior(res: McmcResult, n: number): Dataset {
  const full = res.toInferenceDataInput().posterior;
  const { p: _p, plx_true: _plxTrue, ...kept } = full.variables;
  const draws = res.numChains * res.numSamples;
  const pCluster = new Float64Array(draws * n);
  const pData = res.samples.p.draws;
  for (let i = 0; i < draws * n; i++) pCluster[i] = pData[2 * i];
  return {
    variables: {
      ...kept,
      p_cluster: {
        dims: ["chain", "draw", "star"],
        shape: [res.numChains, res.numSamples, n],
        data: pCluster,
        attrs: { long_name: "log probability of cluster membership (p[..., 0] of the model)" },
      },
    },
  };
}

/**
 * Loads and cuts the catalogue, before any sampling: a FitsError (missing or truncated file,
 * missing column) becomes a DataError naming the file and column; inverted cuts are a
 * ConfigError; non-positive parallax errors and an empty table after the cuts are DataErrors.
 */
export function loadCatalogue(
  config: RunConfig,
): Effect.Effect<M67Catalogue, DataError | ConfigError> {
  return Effect.gen(function* () {
    const { parallaxMin, parallaxMax } = config.cuts;
    if (!(parallaxMin < parallaxMax))
      return yield* new ConfigError({
        field: "cuts",
        reason: `parallaxMin (${parallaxMin}) must be below parallaxMax (${parallaxMax})`,
      });
    const cat = yield* Effect.try({
      try: () => limitStars(loadM67(config.data, config.cuts), config.maxStars),
      catch: (e) => {
        const column = (e as { column?: unknown }).column;
        return new DataError({
          file: config.data,
          ...(typeof column === "string" ? { field: column } : {}),
          reason: (e as { reason?: string }).reason ?? reasonOf(e),
        });
      },
    });
    yield* checkNotEmpty(
      config.data,
      cat.parallax.length,
      `no star passes the cuts ${parallaxMin} < parallax < ${parallaxMax} mas`,
    );
    yield* checkColumn(config.data, "parallax_error", cat.parallaxError, { positive: true });
    return cat;
  });
}

/** Runs the command (see the module doc) and writes its outputs into `config.out`. */
export const runM67 = (config: RunConfig) =>
  withOutputDir(config.out, (dir) =>
    Effect.gen(function* () {
      const cat = yield* loadCatalogue(config);
      const n = cat.parallax.length;
      const data = {
        parallax: cat.parallax,
        parallaxError: cat.parallaxError,
        zeroPoint: cat.zeroPoint,
      };
      const t0 = performance.now();
      const res = yield* sampleModel(clusterModel, data, {
        ...config,
        mcmc: { wasm: config.wasm },
      });
      const seconds = (performance.now() - t0) / 1000;
      const nTot = res.numChains * res.numSamples;

      // membership probability (mean of e^{p[..., 0]}) and median distance per star
      const pDraws = res.samples.p.draws;
      const rDraws = res.samples.r.draws;
      const pCluster = new Float64Array(n);
      for (let i = 0; i < nTot; i++)
        for (let s = 0; s < n; s++) pCluster[s] += Math.exp(pDraws[(i * n + s) * 2]) / nTot;
      const rMedian = Float64Array.from({ length: n }, (_, s) =>
        quantile(column(rDraws, n, s), 0.5),
      );
      const dmMedian = Float64Array.from({ length: n }, (_, s) => {
        const dm = Float64Array.from(column(rDraws, n, s), (r) => 5 * Math.log10(r) - 5);
        return quantile(dm, 0.5);
      });
      const membership = ["source_id,p_cluster,median_distance_pc"]
        .concat(cat.sourceId.map((id, s) => `${id},${pCluster[s]},${rMedian[s]}`))
        .join("\n");

      // posterior predictive parallaxes for 100 posterior draws
      const thinned = thinSamples(res, ["log_L", "log_D", "log_sigma", "Q", "r"], 100);
      const pred = Predictive(clusterModel, {
        posteriorSamples: thinned,
        returnSites: ["plx_obs"],
      })(foldIn(key(config.seed), 10), {
        parallaxError: cat.parallaxError,
        zeroPoint: cat.zeroPoint,
      }).plx_obs;
      const k = pred.shape[0];
      const predData = pred.toArray();
      const replicas = Array.from({ length: k }, (_, i) => predData.subarray(i * n, (i + 1) * n));

      const absMag = Float64Array.from(cat.gMag, (g, s) => g - dmMedian[s]);
      const members = pCluster.reduce((a, p) => a + (p > 0.5 ? 1 : 0), 0);
      const table = yield* writeRunOutputs({
        dir,
        result: res,
        title: "Distance to M67 from Gaia DR3 parallaxes",
        subtitle: `${n} stars, ${config.chains} chains × (${config.warmup} warmup + ${config.draws} draws), seed ${config.seed}`,
        config: {
          command: "m67",
          data: config.data,
          stars: n,
          rowsInFile: cat.rowsInFile,
          cuts: { ...config.cuts },
          chains: config.chains,
          warmup: config.warmup,
          draws: config.draws,
          seed: config.seed,
          wasm: config.wasm,
        },
        groups: {
          posterior: m67Posterior(res, n),
          observed_data: {
            variables: {
              plx_obs: { dims: ["star"], shape: [n], data: cat.parallax, attrs: { units: "mas" } },
            },
          },
          posterior_predictive: {
            variables: {
              plx_obs: { dims: ["chain", "draw", "star"], shape: [1, k, n], data: predData },
            },
          },
        },
        summaryVars: POPULATION,
        csvVars: SCALARS,
        plotVars: POPULATION,
        extraFiles: { "membership.csv": `${membership}\n` },
        sections: [
          {
            heading: "Result",
            text:
              `NUTS sampled ${n + 4} parameters (4 population parameters and ${n} distances). ` +
              `${members} stars have a cluster membership probability above 0.5 (membership.csv). ` +
              "Parallax zero points follow Lindegren et al. (2021), extrapolated outside the calibration as the seed's gaiadr3-zeropoint call does. " +
              "Seed 004 (NumPyro, 2 × (2000 + 4000)): L = 469.6 ± 7.1 pc, D = 836.9 ± 1.0 pc, approx_size = 14.6 ± 1.2 pc, Q = 0.424 ± 0.011.",
          },
        ],
        figures: [
          {
            name: "cmd",
            svg: plotScatterColored({
              x: cat.bpRp,
              y: absMag,
              c: pCluster,
              vmin: 0,
              vmax: 1,
              invertY: true,
              colormap: { name: "greys" },
              colorLabel: "cluster membership probability",
              xLabel: String.raw`$G_{\rm BP} - G_{\rm RP}$ [mag]`, // "\rm" in a plain string is a CR
              yLabel: "$M_G$ [mag]",
              title: "Colour–magnitude diagram (median distance modulus per star)",
            }),
            caption: "Colour–magnitude diagram: coloured by cluster membership probability",
          },
          {
            name: "parallax_ppc",
            svg: plotPredictiveHistogram(cat.parallax, replicas, {
              bins: 50,
              range: [config.cuts.parallaxMin, config.cuts.parallaxMax],
              xLabel: "parallax [mas]",
              title: `Posterior predictive parallaxes (${k} draws)`,
            }),
            caption:
              "Posterior predictive check: observed parallaxes against replicated catalogues",
          },
        ],
      });
      const row = (v: string) =>
        `${v} = ${table[v].mean.toFixed(3)} ± ${table[v].sd.toFixed(3)} (r_hat ${table[v].r_hat.toFixed(3)}, ess_bulk ${Math.round(table[v].ess_bulk)})`;
      const result: CommandResult = {
        outDirs: [dir.path],
        text: [
          ...POPULATION.map(row),
          `divergences: ${res.numDivergences}`,
          `sampling: ${seconds.toFixed(1)} s`,
        ].join("\n"),
      };
      return result;
    }),
  );
