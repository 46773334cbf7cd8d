/**
 * The M67 pipeline as an Effect program: load → compile → sample → write outputs.
 * Each stage fails with a typed error naming what went wrong; outputs are written
 * atomically (temporary name, then rename), so a failed run leaves no file that
 * looks complete.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  formatSummary,
  type SampleChainResult,
  sampleChain,
  summary,
  summaryToJson,
} from "@sidereal/autodiff-samplers";
import { foldIn, key, normal, split } from "@sidereal/distributions";
import { writeDrawsCsv, writeInferenceData } from "@sidereal/io";
import {
  plotHistogram,
  plotPair,
  plotTrace,
  toPng,
  writeFileAtomic,
  writeReportHtml,
} from "@sidereal/plots";
import { Effect } from "effect";
import type { RunConfig } from "./config.js";
import { loadM67, type M67Catalogue } from "./data.js";
import { DataError, InferenceError, OutputError } from "./errors.js";
import { compilePotential, initialPosition } from "./model.js";
import {
  assemblePosterior,
  membershipProbability,
  observedDataset,
  SCALARS,
  sampleStatsDataset,
  toDataset,
} from "./posterior.js";

export interface PipelineResult {
  readonly outDir: string;
  readonly nStars: number;
  readonly secondsSampling: number;
  readonly summaryText: string;
  readonly divergences: number;
}

const POPULATION = ["D", "L", "Q", "approx_size"];

const load = (config: RunConfig) =>
  Effect.try({
    try: () => limitStars(loadM67(config.data), config.maxStars),
    catch: (e) =>
      new DataError({ file: config.data, reason: e instanceof Error ? e.message : String(e) }),
  });

/** Runs the chains one after the other; each is a pure function of its key. */
const sample = (config: RunConfig, cat: M67Catalogue) =>
  Effect.try({
    try: () => {
      const { potential, dim } = compilePotential(cat);
      const start = initialPosition(cat);
      const keys = split(key(config.seed), config.numChains);
      const t0 = performance.now();
      const chains: SampleChainResult[] = keys.map((k, c) => {
        // jitter the start of each chain (NumPyro's init strategies draw per chain too)
        const jitter = normal(foldIn(k, 1), [dim]);
        const init = start.map((v, i) => v + 0.05 * jitter[i]);
        return sampleChain(potential, init, {
          numWarmup: config.numWarmup,
          numSamples: config.numSamples,
          maxTreeDepth: config.maxTreeDepth,
          targetAccept: config.targetAccept,
          key: foldIn(k, 2),
          progressInterval: 100,
          onProgress: (p) =>
            process.stderr.write(
              `chain ${c + 1}/${config.numChains} ${p.phase} ${p.iteration}/${p.total} step size ${p.stepSize.toPrecision(3)} divergences ${p.divergences}\n`,
            ),
        });
      });
      return { chains, seconds: (performance.now() - t0) / 1000 };
    },
    catch: (e) =>
      new InferenceError({ stage: "sampling", reason: e instanceof Error ? e.message : String(e) }),
  });

const write = (path: string, run: () => Promise<void>) =>
  Effect.tryPromise({
    try: run,
    catch: (e) => new OutputError({ path, reason: e instanceof Error ? e.message : String(e) }),
  });

export const runPipeline = (config: RunConfig) =>
  Effect.gen(function* () {
    const cat = yield* load(config);
    const nStars = cat.parallax.length;
    yield* Effect.log(`loaded ${nStars} stars (of ${cat.rowsInFile}) from ${cat.file}`);
    const { chains, seconds } = yield* sample(config, cat);
    const posterior = assemblePosterior(chains, nStars);
    const table = summary(Object.fromEntries(POPULATION.map((n) => [n, posterior[n]])), {
      hdiProb: 0.94,
    });
    const summaryText = formatSummary(table);
    const divergences = chains.reduce(
      (s, c) => s + c.stats.diverging.reduce((a, b) => a + b, 0),
      0,
    );
    const membership = membershipProbability(posterior, nStars);

    const out = config.out;
    yield* write(out, () => mkdir(out, { recursive: true }).then(() => undefined));
    yield* write(join(out, "plots"), () =>
      mkdir(join(out, "plots"), { recursive: true }).then(() => undefined),
    );
    yield* write(join(out, "idata.nc"), () =>
      writeInferenceData(
        join(out, "idata.nc"),
        {
          posterior: toDataset(posterior),
          sample_stats: sampleStatsDataset(chains),
          observed_data: observedDataset(cat),
        },
        { inferenceLibrary: "sidereal" },
      ),
    );
    // draws.csv holds the population parameters; the 4,300 distances are in idata.nc
    const scalarPosterior = toDataset(Object.fromEntries(SCALARS.map((n) => [n, posterior[n]])));
    yield* write(join(out, "draws.csv"), () =>
      writeDrawsCsv(join(out, "draws.csv"), scalarPosterior, {
        sampleStats: sampleStatsDataset(chains),
      }),
    );
    const json = {
      ...summaryToJson(table),
      settings: config,
      divergences,
      secondsSampling: seconds,
    };
    yield* write(join(out, "summary.json"), () =>
      writeFileAtomic(join(out, "summary.json"), `${JSON.stringify(json, null, 2)}\n`),
    );
    yield* write(join(out, "summary.txt"), () =>
      writeFileAtomic(join(out, "summary.txt"), `${summaryText}\n`),
    );
    const csv = ["index,parallax_mas,parallax_error_mas,p_member"]
      .concat(
        Array.from(membership, (p, i) => `${i},${cat.parallax[i]},${cat.parallaxError[i]},${p}`),
      )
      .join("\n");
    yield* write(join(out, "membership.csv"), () =>
      writeFileAtomic(join(out, "membership.csv"), `${csv}\n`),
    );

    const divergent = new Uint8Array(chains.length * chains[0].stats.lp.length);
    chains.forEach((c, k) => {
      divergent.set(c.stats.diverging, k * c.stats.lp.length);
    });
    const popPosterior = Object.fromEntries(POPULATION.map((n) => [n, posterior[n]]));
    const figures: Record<string, string> = {
      "trace.png": plotTrace(popPosterior, { divergent }),
      "pair.png": plotPair(popPosterior, { divergent }),
      "parallax.png": plotHistogram(cat.parallax, {
        bins: 120,
        markers: [
          { value: 1000 / median(posterior.D.draws), label: "1000 / D (posterior median)" },
        ],
        xLabel: "parallax [mas]",
        yLabel: "count",
        title: "Gaia DR3 parallaxes towards M67",
      }),
    };
    for (const [name, svg] of Object.entries(figures)) {
      const png = join(out, "plots", name);
      const svgPath = png.replace(/\.png$/, ".svg");
      yield* write(png, () => writeFileAtomic(png, toPng(svg)));
      yield* write(svgPath, () => writeFileAtomic(svgPath, svg));
    }
    const members = membership.reduce((s, p) => s + (p > 0.5 ? 1 : 0), 0);
    yield* write(join(out, "index.html"), () =>
      writeReportHtml(join(out, "index.html"), {
        title: "Distance to M67 from Gaia DR3 parallaxes",
        subtitle: `${nStars} stars, ${config.numChains} chains × (${config.numWarmup} warmup + ${config.numSamples} draws), seed ${config.seed}`,
        sections: [
          {
            heading: "Posterior summary",
            text:
              `NUTS sampled ${nStars + 4} parameters in ${seconds.toFixed(1)} s (${divergences} divergent transitions). ` +
              `${members} stars have membership probability above 0.5. Parallax zero points follow ` +
              "Lindegren et al. (2021), extrapolated outside the calibration as the seed's gaiadr3-zeropoint call does.",
            table: {
              columns: ["", ...json.columns],
              rows: json.index.map((name, i) => [
                name,
                ...json.data[i].map((v) => (v === null ? "NaN" : v)),
              ]),
            },
          },
          {
            heading: "Traces",
            images: [
              {
                src: "plots/trace.png",
                caption: "Population parameters per chain; divergences marked",
              },
            ],
          },
          {
            heading: "Pair plot",
            images: [
              { src: "plots/pair.png", caption: "D, L, Q and the approximate cluster size" },
            ],
          },
          {
            heading: "Data",
            images: [
              {
                src: "plots/parallax.png",
                caption: "Observed parallaxes with the inferred cluster parallax",
              },
            ],
          },
          {
            heading: "Files",
            html: '<ul><li><a href="idata.nc">idata.nc</a> (ArviZ InferenceData)</li><li><a href="draws.csv">draws.csv</a> (CmdStan-style, population parameters)</li><li><a href="summary.json">summary.json</a>, <a href="summary.txt">summary.txt</a></li><li><a href="membership.csv">membership.csv</a></li></ul>',
          },
        ],
      }),
    );
    return {
      outDir: out,
      nStars,
      secondsSampling: seconds,
      summaryText,
      divergences,
    } satisfies PipelineResult;
  });

/** The first `n` stars (for quick looks and tests); the full catalogue when n is 0. */
function limitStars(cat: M67Catalogue, n: number): M67Catalogue {
  if (n <= 0 || n >= cat.parallax.length) return cat;
  return {
    ...cat,
    parallax: cat.parallax.slice(0, n),
    parallaxError: cat.parallaxError.slice(0, n),
    zeroPoint: cat.zeroPoint.slice(0, n),
    ra: cat.ra.slice(0, n),
    dec: cat.dec.slice(0, n),
  };
}

function median(x: Float64Array): number {
  const s = Float64Array.from(x).sort();
  return s[Math.floor(s.length / 2)];
}
