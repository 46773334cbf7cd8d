/**
 * Model 3 of the seed: the GD-1 stream — the seed's initialisation from smoothed
 * histograms, L-BFGS (no bounds, maxiter 100000, maxls 1000), per-star membership
 * probabilities at the optimum, and (when gd1Samples > 0) short NUTS chains from the
 * optimum as the seed suggests.
 */
import { join } from "node:path";
import {
  formatSummary,
  laplaceAt,
  type McmcResult,
  type SummaryJson,
  summary,
  summaryToJson,
} from "@sidereal/autodiff-samplers";
import { writeDrawsCsv, writeInferenceData } from "@sidereal/io";
import { plotHistogram, plotTrace, type SummaryRecord, writeReport } from "@sidereal/plots";
import { writeFigures, writeJson, writeText, writeWith } from "@sidereal/runtime";
import { interpolatedUnivariateSpline } from "@sidereal/splines";
import { Effect } from "effect";
import { compileModel } from "../compiled.js";
import type { RunConfig } from "../config.js";
import type { Gd1Catalogue } from "../data.js";
import { knotsFigure, streamDensityImage } from "../figures.js";
import { linspace } from "../grids.js";
import { streamInit } from "../init/stream-init.js";
import {
  membership,
  PHI2_KNOTS,
  STREAM_BLOCKS,
  streamComponents,
  streamModel,
} from "../models/stream.js";
import { divergenceFlags, meanTreeDepth, sampleModelSpec } from "../nuts.js";
import { convergence } from "../outputs.js";
import {
  attempt,
  fmt,
  type ModelRun,
  mapStage,
  optimisationRows,
  requireFinite,
} from "./common.js";

/** The seed's L-BFGS-B result for the GD-1 model. */
export const SEED_GD1 = { fun: -0.4172804414762403, nfev: 470, nit: 439 } as const;

/**
 * A starting metric for NUTS from the Laplace approximation at the optimum: diag(H⁻¹), H the
 * Hessian of U = −ln p there (`laplaceAt` of @sidereal/autodiff-samplers). The GD-1
 * posterior's scales differ by two orders of magnitude between knots, so Stan's warmup from
 * the unit metric spends hundreds of leapfrog steps per iteration until its first slow
 * window; null (unit metric) when H is not positive definite.
 */
function laplaceMetric(
  potential: (q: Float64Array, grad: Float64Array) => number,
  x: Float64Array,
): Float64Array | null {
  try {
    const { covariance } = laplaceAt({ potential }, x);
    const d = x.length;
    return Float64Array.from({ length: d }, (_, i) => covariance[i * d + i]);
  } catch {
    return null;
  }
}

/** Every draw of a result as a flat position vector (blocks in model order). */
function drawVectors(
  r: McmcResult,
  blocks: readonly { readonly name: string; readonly size: number }[],
): Float64Array[] {
  const n = r.numChains * r.numSamples;
  const d = blocks.reduce((a, b) => a + b.size, 0);
  return Array.from({ length: n }, (_, k) => {
    const v = new Float64Array(d);
    let off = 0;
    for (const b of blocks) {
      v.set(r.samples[b.name].draws.subarray(k * b.size, (k + 1) * b.size), off);
      off += b.size;
    }
    return v;
  });
}

/** Density of the fitted model on cell centres (1° × 0.2°) for the image. */
function densityCells(x: ArrayLike<number>) {
  const cx = linspace(-99.5, 19.5, 120);
  const cy = linspace(-6.9, 4.9, 60);
  const p1 = new Float64Array(cx.length * cy.length);
  const p2 = new Float64Array(p1.length);
  for (let j = 0; j < cy.length; j++)
    for (let i = 0; i < cx.length; i++) {
      p1[j * cx.length + i] = cx[i];
      p2[j * cx.length + i] = cy[j];
    }
  const { stream, bkg } = streamComponents(p1, p2, x);
  return { cx, cy, density: Float64Array.from(stream, (s, k) => Math.exp(s) + Math.exp(bkg[k])) };
}

export const runGd1 = (config: RunConfig, cat: Gd1Catalogue, dir: string) =>
  Effect.gen(function* () {
    const n = cat.phi1.length;
    const compiled = yield* attempt("gd1 compile", () =>
      compileModel(streamModel(cat.phi1, cat.phi2)),
    );
    const x0 = yield* attempt("gd1 initialisation", () => streamInit(cat.phi1, cat.phi2));
    yield* requireFinite("gd1 initialisation", compiled.objective(Float64Array.from(x0)).value);
    const opt = yield* mapStage("gd1 L-BFGS-B", compiled, x0, {
      maxiter: config.gd1MaxIter,
      maxls: 1000,
    });
    const pMap = membership(cat.phi1, cat.phi2, opt.x);
    const lines = [
      `GD-1 model (${n} stars): objective ${opt.fun} after ${opt.nfev} evaluations (${opt.nit} iterations, ${opt.seconds.toFixed(1)} s), seed ${SEED_GD1.fun} (${SEED_GD1.nfev}); ${opt.message}`,
      `  initial objective ${fmt(opt.fun0, 8)} (seed −0.05543877); ${pMap.reduce((s, p) => s + (p > 0.5 ? 1 : 0), 0)} stars with stream membership probability > 0.5 at the optimum`,
    ];

    let sampling:
      | (SummaryJson & {
          divergences: number;
          seconds: number;
          laplaceMetric: boolean;
          rHatMax: number;
          essBulkMin: number;
          essTailMin: number;
          treeDepthMean: number;
        })
      | null = null;
    let summaryText = "";
    let summaryRecord: SummaryRecord | null = null;
    let pPost: Float64Array | null = null;
    let sampled: McmcResult | null = null;
    if (config.gd1Samples > 0) {
      // Laplace starting metric diag(H⁻¹) at the optimum (unit metric if H is not PD)
      const metric = laplaceMetric(compiled.potential, Float64Array.from(opt.x));
      const { result, seconds } = yield* sampleModelSpec(
        { kind: "gd1", phi1: cat.phi1, phi2: cat.phi2 },
        compiled,
        Float64Array.from(opt.x),
        {
          chains: config.gd1Chains,
          warmup: config.gd1Warmup,
          draws: config.gd1Samples,
          maxTreeDepth: config.maxTreeDepth,
          targetAccept: config.targetAccept,
          seed: config.seed + 1,
          jitter: 1e-3,
          ...(metric !== null ? { initialInverseMassMatrix: metric } : {}),
        },
        config.workers,
        "gd1",
      );
      sampled = result;
      const table = yield* attempt("gd1 summary", () => summary(result.samples, { hdiProb: 0.94 }));
      summaryText = formatSummary(table);
      summaryRecord = table;
      const divergences = result.numDivergences;
      sampling = {
        ...summaryToJson(table),
        divergences,
        seconds,
        ...convergence(table),
        laplaceMetric: metric !== null,
        treeDepthMean: meanTreeDepth(result),
      };
      // posterior-mean membership over (at most 200) thinned draws
      const all = drawVectors(result, compiled.model.blocks);
      const stride = Math.max(1, Math.ceil(all.length / 200));
      const acc = new Float64Array(n);
      let m = 0;
      for (let k = 0; k < all.length; k += stride) {
        const p = membership(cat.phi1, cat.phi2, all[k]);
        for (let i = 0; i < n; i++) acc[i] += p[i];
        m++;
      }
      pPost = acc.map((v) => v / m);
      lines.push(
        `  NUTS ${config.gd1Chains} × (${config.gd1Warmup} + ${config.gd1Samples}) on 72 parameters in ${seconds.toFixed(1)} s (${config.workers} workers), ${divergences} divergences; max r_hat ${fmt(sampling.rHatMax, 4)}, min ESS bulk ${fmt(sampling.essBulkMin, 3)} / tail ${fmt(sampling.essTailMin, 3)}; mean tree depth ${fmt(sampling.treeDepthMean, 3)}`,
      );
    } else {
      lines.push("  NUTS not run (gd1Samples = 0; use --full or --gd1-samples N)");
    }

    yield* writeJson(join(dir, "optimization.json"), opt);
    const observed = {
      variables: {
        phi1: { dims: ["star"], shape: [n], data: cat.phi1, attrs: { units: "deg" } },
        phi2: { dims: ["star"], shape: [n], data: cat.phi2, attrs: { units: "deg" } },
      },
    };
    if (sampled !== null) {
      const idata = sampled.toInferenceDataInput();
      yield* writeWith(join(dir, "idata.nc"), () =>
        writeInferenceData(
          join(dir, "idata.nc"),
          { posterior: idata.posterior, sample_stats: idata.sample_stats, observed_data: observed },
          { inferenceLibrary: "sidereal", createdAt: null },
        ),
      );
      yield* writeWith(join(dir, "draws.csv"), () =>
        writeDrawsCsv(join(dir, "draws.csv"), idata.posterior, {
          sampleStats: idata.sample_stats,
        }),
      );
    }
    const csv = [`index,phi1_deg,phi2_deg,p_stream_map${pPost ? ",p_stream_posterior_mean" : ""}`];
    for (let i = 0; i < n; i++)
      csv.push(`${i},${cat.phi1[i]},${cat.phi2[i]},${pMap[i]}${pPost ? `,${pPost[i]}` : ""}`);
    yield* writeText(join(dir, "membership.csv"), csv.join("\n"));
    yield* writeJson(join(dir, "summary.json"), {
      model: "gd1",
      nStars: n,
      rowsInFile: cat.rowsInFile,
      objective: opt.fun,
      initialObjective: opt.fun0,
      seed: { ...SEED_GD1, initialObjective: -0.05543877 },
      params: opt.params,
      membersMap: pMap.reduce((s, p) => s + (p > 0.5 ? 1 : 0), 0),
      sampling,
    });
    yield* writeText(
      join(dir, "summary.txt"),
      `${lines.join("\n")}${summaryText ? `\n\n${summaryText}` : ""}`,
    );

    const trackX = linspace(-100, 20, 241);
    const trackY = interpolatedUnivariateSpline(
      PHI2_KNOTS,
      Float64Array.from(opt.params.mean_phi2),
      { k: 3 },
    )
      .evaluate(trackX)
      .toArray();
    const cells = densityCells(opt.x);
    const figures: Record<string, string> = {
      gd1_density: streamDensityImage({
        title: "GD-1: fitted density (MAP) with the stars and the track",
        ...cells,
        phi1: cat.phi1,
        phi2: cat.phi2,
        track: { x: trackX, y: trackY },
        weight: pPost ?? pMap,
      }),
      gd1_init_density: streamDensityImage({
        title: "GD-1: density at the initial guess",
        ...densityCells(x0),
        phi1: cat.phi1,
        phi2: cat.phi2,
        track: {
          x: trackX,
          y: interpolatedUnivariateSpline(PHI2_KNOTS, x0.subarray(31, 48), { k: 3 })
            .evaluate(trackX)
            .toArray(),
        },
      }),
      gd1_membership: plotHistogram(pPost ?? pMap, {
        bins: 40,
        range: [0, 1],
        title: "Stream membership probability per star",
        xLabel: "p(stream)",
        yLabel: "stars",
      }),
    };
    let off = 0;
    for (const b of STREAM_BLOCKS) {
      figures[`gd1_knots_${b.name}`] = knotsFigure(
        b.name,
        b.knots,
        x0.subarray(off, off + b.size),
        opt.x.slice(off, off + b.size),
        b.name,
      );
      off += b.size;
    }
    if (sampled !== null)
      figures.gd1_trace = plotTrace(sampled.samples, {
        varNames: ["mean_phi2", "ln_std_phi2"],
        divergent: divergenceFlags(sampled),
        compact: true,
      });
    yield* writeFigures(dir, figures);
    yield* writeWith(join(dir, "index.html"), () =>
      writeReport(dir, {
        title: "GD-1 stellar stream: spline density model",
        subtitle: `${n} Gaia DR3 stars with φ₂ > −7°; 72 spline knot values; L-BFGS-B${sampled ? " then NUTS" : ""}`,
        config: {
          model: "gd1",
          stars: n,
          data: config.gd1Data,
          maxIter: config.gd1MaxIter,
          chains: config.gd1Chains,
          warmup: config.gd1Warmup,
          draws: config.gd1Samples,
          maxTreeDepth: config.maxTreeDepth,
          targetAccept: config.targetAccept,
          seed: config.seed,
        },
        summary: summaryRecord ?? undefined,
        diagnostics:
          sampling !== null
            ? {
                divergences: sampling.divergences,
                totalDraws: config.gd1Chains * config.gd1Samples,
              }
            : undefined,
        sections: [
          {
            heading: "Optimisation",
            text: lines.join(" "),
            table: {
              columns: ["", "ours", "seed"],
              rows: [
                ["initial objective", opt.fun0, -0.05543877],
                ...optimisationRows(opt, SEED_GD1),
              ],
            },
            images: [
              {
                src: "plots/gd1_density.png",
                caption:
                  "Fitted density (image), stars (grey; p(stream) > 0.5 in orange), track (dashed)",
              },
              {
                src: "plots/gd1_init_density.png",
                caption: "The initial guess from smoothed histograms",
              },
            ],
          },
          {
            heading: "Knots",
            images: STREAM_BLOCKS.map((b) => ({
              src: `plots/gd1_knots_${b.name}.png`,
              caption: `${b.name}: initial and optimised`,
            })),
          },
          {
            heading: "Membership",
            images: [
              {
                src: "plots/gd1_membership.png",
                caption: "Per-star stream membership probability",
              },
            ],
            html: '<p><a href="membership.csv">membership.csv</a></p>',
          },
          ...(sampling
            ? [
                {
                  heading: "Traces",
                  images: [{ src: "plots/gd1_trace.png", caption: "Track and width knots" }],
                },
              ]
            : []),
        ],
      }),
    );
    return {
      model: "gd1",
      outDir: dir,
      optimization: opt,
      seed: SEED_GD1,
      lines,
      sampled: sampled !== null,
    } satisfies ModelRun;
  });
