/**
 * `single`: seed 004's single-star model (`singleStarModel` of @sidereal/parallax): a prior
 * predictive check, then the distance of one low-S/N star of the cut catalogue by NUTS,
 * by quadrature (`singleStarDistance`) and by inverting the parallax.
 */
import { Predictive } from "@sidereal/autodiff-samplers";
import { foldIn, key } from "@sidereal/distributions";
import { singleStarDistance, singleStarModel } from "@sidereal/parallax";
import { histogram, type LineSeries, plotLines } from "@sidereal/plots";
import { DataError, sampleModel, withOutputDir, writeRunOutputs } from "@sidereal/runtime";
import { Effect } from "effect";
import type { RunConfig } from "../config.js";
import { quantile, stepSeries } from "../figures.js";
import { loadCatalogue } from "./m67.js";
import type { CommandResult } from "./result.js";

/** The seed's prior length scale and the parallax error of its prior predictive check. */
const L = 370;
const PRIOR_PLX_ERR = 0.5;
const PRIOR_DRAWS = 20_000;

function densityLines(
  values: ArrayLike<number>,
  range: readonly [number, number],
  curve: { x: number[]; y: number[]; label: string } | undefined,
  extra: readonly LineSeries[] = [],
): LineSeries[] {
  const h = histogram(values, { bins: 60, range, density: true });
  const out = [stepSeries(h.edges, h.counts, { color: "#333333", width: 1.2, label: "samples" })];
  if (curve) out.push({ ...curve, color: "#d55e00", width: 1.6, dash: "5 3" });
  return [...out, ...extra];
}

/** Runs the command (see the module doc) and writes its outputs into `config.out`. */
export const runSingle = (config: RunConfig) =>
  withOutputDir(config.out, (dir) =>
    Effect.gen(function* () {
      // 1. prior predictive check (the seed: parallax error 0.5 mas, L = 370 pc)
      const prior = Predictive(singleStarModel, { numSamples: PRIOR_DRAWS })(
        foldIn(key(config.seed), 4),
        { parallaxError: PRIOR_PLX_ERR, L },
      );
      const priorR = prior.r.toArray();
      const priorPlx = prior.plx.toArray();
      const rGrid = Array.from({ length: 200 }, (_, i) => (5000 * (i + 0.5)) / 200);
      const edsdPdf = rGrid.map((r) => (0.5 * r * r * Math.exp(-r / L)) / L ** 3);

      // 2. the star: rank `config.rank` in parallax S/N of the cut catalogue (0 = lowest)
      const cat = yield* loadCatalogue(config);
      const snr = Array.from(cat.parallax, (p, i) => p / cat.parallaxError[i]);
      const order = snr.map((_, i) => i).sort((a, b) => snr[a] - snr[b] || a - b);
      if (config.rank >= order.length)
        return yield* Effect.fail(
          new DataError({
            file: config.data,
            reason: `--rank ${config.rank} but only ${order.length} stars pass the cuts`,
          }),
        );
      const idx = order[config.rank];
      const plx = cat.parallax[idx];
      const err = cat.parallaxError[idx];
      const zp = cat.zeroPoint[idx];
      const data = { parallax: plx, parallaxError: err, zeroPoint: zp, L };

      // 3. NUTS, quadrature, inverse parallax
      const t0 = performance.now();
      const res = yield* sampleModel(singleStarModel, data, {
        ...config,
        mcmc: { wasm: config.wasm },
      });
      const seconds = (performance.now() - t0) / 1000;
      const quad = singleStarDistance(plx, err, { L, zp });
      const r = res.samples.r.draws;
      let mean = 0;
      for (const v of r) mean += v / r.length;
      let variance = 0;
      for (const v of r) variance += (v - mean) ** 2 / (r.length - 1);
      const nuts = {
        median: quantile(r, 0.5),
        q16: quantile(r, 0.16),
        q84: quantile(r, 0.84),
        mean,
        sd: Math.sqrt(variance),
      };
      const inverse = 1000 / (plx - zp);
      const comparison = {
        star: {
          index: idx,
          sourceId: cat.sourceId[idx],
          snrRank: config.rank,
          parallax: plx,
          parallaxError: err,
          zeroPoint: zp,
          snr: snr[idx],
        },
        L,
        nuts,
        quadrature: {
          mode: quad.mode,
          median: quad.median,
          q16: quad.q16,
          q84: quad.q84,
          mean: quad.mean,
          sd: quad.sd,
        },
        inverseParallax: inverse,
      };

      // 4. figures
      const hi = Math.max(quantile(r, 0.995), quad.quantile(0.995));
      const rPost = Array.from({ length: 300 }, (_, i) => (hi * (i + 0.5)) / 300);
      const pdf = rPost.map((x) => quad.pdf(x));
      const top = Math.max(...pdf) * 1.1;
      const marker: LineSeries[] =
        inverse > 0 && inverse < hi
          ? [
              {
                x: [inverse, inverse],
                y: [0, top],
                color: "#0072b2",
                width: 1.4,
                label: "inverse parallax",
              },
            ]
          : [];
      const fmt = (v: number) => v.toFixed(1);
      const table = yield* writeRunOutputs({
        dir,
        result: res,
        title: "Distance to one star from its Gaia DR3 parallax",
        subtitle: `source_id ${cat.sourceId[idx]}: parallax ${plx.toFixed(4)} ± ${err.toFixed(4)} mas (S/N ${snr[idx].toFixed(3)}, rank ${config.rank}), zero point ${zp.toFixed(6)} mas, L = ${L} pc`,
        config: {
          command: "single",
          data: config.data,
          cuts: { ...config.cuts },
          rank: config.rank,
          chains: config.chains,
          warmup: config.warmup,
          draws: config.draws,
          seed: config.seed,
        },
        groups: {
          observed_data: {
            variables: { plx: { dims: ["plx_dim_0"], shape: [1], data: Float64Array.of(plx) } },
          },
          prior: {
            variables: {
              normed: {
                dims: ["chain", "draw"],
                shape: [1, PRIOR_DRAWS],
                data: prior.normed.toArray(),
              },
              r: { dims: ["chain", "draw"], shape: [1, PRIOR_DRAWS], data: priorR },
            },
          },
          prior_predictive: {
            variables: {
              plx: { dims: ["chain", "draw"], shape: [1, PRIOR_DRAWS], data: priorPlx },
            },
          },
        },
        summaryVars: ["normed", "r"],
        plotVars: ["normed", "r"],
        extraFiles: { "comparison.json": `${JSON.stringify(comparison, null, 2)}\n` },
        sections: [
          {
            heading: "NUTS, quadrature and inverse parallax",
            table: {
              columns: ["method", "median [pc]", "16 % [pc]", "84 % [pc]", "mean [pc]", "sd [pc]"],
              rows: [
                ["NUTS", nuts.median, nuts.q16, nuts.q84, nuts.mean, nuts.sd],
                ["quadrature", quad.median, quad.q16, quad.q84, quad.mean, quad.sd],
                ["1000 / (parallax − zp)", inverse, Number.NaN, Number.NaN, Number.NaN, Number.NaN],
              ],
            },
            text: `Posterior mode (quadrature): ${fmt(quad.mode)} pc. The quadrature is exact to about 1e-7 of the posterior width; NUTS differs by Monte Carlo error.`,
          },
        ],
        figures: [
          {
            name: "prior_r",
            svg: plotLines(
              densityLines(priorR, [0, 5000], { x: rGrid, y: edsdPdf, label: "exact pdf" }),
              { xLabel: "distance [pc]", yLabel: "density", title: `Prior: EDSD, L = ${L} pc` },
            ),
            caption: "Prior predictive check: distance draws against the EDSD density",
          },
          {
            name: "prior_plx",
            svg: plotLines(densityLines(priorPlx, [-1, 6], undefined), {
              xLabel: "observed parallax [mas]",
              yLabel: "density",
              title: `Prior predictive parallax (error ${PRIOR_PLX_ERR} mas)`,
            }),
            caption: "Prior predictive check: observed parallax implied by the prior",
          },
          {
            name: "posterior_r",
            svg: plotLines(
              densityLines(r, [0, hi], { x: rPost, y: pdf, label: "quadrature" }, marker),
              {
                xLabel: `distance to source ${cat.sourceId[idx]} [pc]`,
                yLabel: "posterior density",
                title: "Posterior: NUTS against quadrature",
              },
            ),
            caption: "Posterior: NUTS draws, the quadrature density and the inverse parallax",
          },
        ],
      });
      const result: CommandResult = {
        outDirs: [dir.path],
        text: [
          `star ${cat.sourceId[idx]} (index ${idx}): parallax ${plx} ± ${err} mas, zp ${zp}`,
          `NUTS:       median ${fmt(nuts.median)} pc, 16–84 % ${fmt(nuts.q16)}–${fmt(nuts.q84)} pc, mean ${fmt(nuts.mean)} ± ${fmt(nuts.sd)}`,
          `quadrature: median ${fmt(quad.median)} pc, 16–84 % ${fmt(quad.q16)}–${fmt(quad.q84)} pc, mean ${fmt(quad.mean)} ± ${fmt(quad.sd)}, mode ${fmt(quad.mode)}`,
          `inverse parallax: ${fmt(inverse)} pc`,
          `sampling: ${seconds.toFixed(1)} s`,
          `r: r_hat ${table.r.r_hat.toFixed(3)}, ess_bulk ${Math.round(table.r.ess_bulk)}, divergences ${res.numDivergences}`,
        ].join("\n"),
      };
      return result;
    }),
  );
