/**
 * `writeRunOutputs`: the files every inference app writes into its (staged) output folder.
 *
 * - `idata.nc`: ArviZ InferenceData (no `created_at`: times are in the manifest only) — the groups `result.toInferenceDataInput()` gives
 *   (posterior, sample_stats, observed_data, and log_likelihood when the sampler provides it)
 *   plus the caller's extra groups (`prior`, `prior_predictive`, `posterior_predictive`, …);
 *   a caller's group of the same name replaces the result's (e.g. a trimmed posterior);
 * - `summary.json` (pandas "split" layout) and `summary.txt`: ArviZ `az.summary` columns;
 * - `draws.csv`: CmdStan-style (`chain__`, `draw__`, sampler statistics, `theta`, `z.1`, …);
 * - `plots/trace`, `plots/pair` and, given predictive draws, `plots/predictive` (SVG + PNG),
 *   then the caller's figures;
 * - `index.html`: configuration, diagnostics, summary, figures and a list of the files.
 *
 * A plain potential's chains become an `McmcResult` (`potentialResult`); SVI's guide draws
 * become `PosteriorDraws` (`guideDraws`: one chain, no sampler statistics, so no
 * `sample_stats` group, divergences or sampler columns in draws.csv). One writer for all.
 * Every failure is a `RunError` naming the file.
 */
import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  type ChainOutput,
  formatSummary,
  type InferenceVariable,
  McmcResult,
  type SampleChainResult,
  type SiteDraws,
  type SummaryTable,
  summary,
  summaryToJson,
} from "@sidereal/autodiff-samplers";
import {
  type Dataset,
  type InferenceData,
  writeDrawsCsv,
  writeFileAtomic,
  writeFileAtomically,
  writeInferenceData,
} from "@sidereal/io";
import {
  type ConfigValue,
  plotPair,
  plotPredictive,
  plotTrace,
  type ReportSection,
  toPng,
  writeReport,
} from "@sidereal/plots";
import { Effect, Option } from "effect";
import { RunError, reasonOf } from "./errors.js";
import type { StagedDir } from "./outputDir.js";
import { RunInfo } from "./runInfo.js";

/** One figure: file stem under plots/, SVG text and a caption for the report. */
export interface Figure {
  readonly name: string;
  readonly svg: string;
  readonly caption: string;
}

/** Observations against predictive draws, for the standard `plots/predictive` figure. */
export interface PredictiveFigureInput {
  readonly x: ArrayLike<number>;
  readonly observed: ArrayLike<number>;
  readonly observedErr?: ArrayLike<number>;
  /** `draws[k][i]`: predictive draw k at x[i]. */
  readonly draws: readonly ArrayLike<number>[];
  readonly xLabel?: string;
  readonly yLabel?: string;
}

/** What {@link writeRunOutputs} writes (see the module doc). */
export interface RunOutputs {
  /** The staged folder (from `withOutputDir`) or a plain folder path. */
  readonly dir: StagedDir | string;
  /** The draws: an `McmcResult` (NUTS, `potentialResult`) or `PosteriorDraws` (`guideDraws`). */
  readonly result: McmcResult | PosteriorDraws;
  readonly title: string;
  readonly subtitle?: string;
  /** Settings shown in the report (default: the run's resolved configuration). */
  readonly config?: Readonly<Record<string, ConfigValue>>;
  /** Further InferenceData groups (prior, posterior_predictive, …); they win over the result's. */
  readonly groups?: Readonly<Partial<Record<string, Dataset>>>;
  /** Sites of summary.json/summary.txt (default: every site with at most 20 components). */
  readonly summaryVars?: readonly string[];
  /** Sites of draws.csv (default: those of the summary). */
  readonly csvVars?: readonly string[];
  /** Sites of the trace and pair plots (default: the latent sites of the summary). */
  readonly plotVars?: readonly string[];
  /** Reference values marked in the pair plot. */
  readonly truths?: Readonly<Record<string, number>>;
  /** Draws for the standard predictive figure. */
  readonly predictive?: PredictiveFigureInput;
  /** Figures after the standard ones. */
  readonly figures?: readonly Figure[];
  /** Further files: relative name → contents. */
  readonly extraFiles?: Readonly<Record<string, string | Uint8Array>>;
  /** Report sections placed after the summary and before the figures. */
  readonly sections?: readonly ReportSection[];
  readonly warnings?: readonly string[];
  /** `false`: no trace and pair plots (e.g. hundreds of parameters); default true. */
  readonly standardPlots?: boolean;
}

const dirOf = (d: StagedDir | string) => (typeof d === "string" ? d : d.staging);

/** Runs a (possibly async) write of `file`; a throw becomes a RunError naming the file. */
export const writeWith = <A>(file: string, run: () => Promise<A> | A): Effect.Effect<A, RunError> =>
  Effect.tryPromise({
    try: async () => await run(),
    catch: (e) => new RunError({ stage: `writing ${file}`, reason: reasonOf(e) }),
  });
const attempt = writeWith;

const sizeOf = (shape: readonly number[]) => shape.slice(2).reduce((a, b) => a * b, 1);

function pick<T>(record: Readonly<Record<string, T>>, names: readonly string[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const n of names) {
    const v = record[n];
    if (v === undefined)
      throw new Error(`no site "${n}" (sites: ${Object.keys(record).join(", ")})`);
    out[n] = v;
  }
  return out;
}

/** Writes `value` as indented JSON (atomically; non-finite numbers become null). */
export const writeJson = (path: string, value: unknown): Effect.Effect<void, RunError> =>
  attempt(path, () => writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`));

/** Writes a text file (atomically), ending it with a newline. */
export const writeText = (path: string, text: string): Effect.Effect<void, RunError> =>
  attempt(path, () => writeFileAtomic(path, text.endsWith("\n") ? text : `${text}\n`));

/** Writes a binary file (atomically), e.g. a Parquet table. */
export const writeBytes = (path: string, bytes: Uint8Array): Effect.Effect<void, RunError> =>
  attempt(path, () => writeFileAtomic(path, bytes));

/**
 * Writes `chunks` one after the other into a file (atomically: a temporary sibling renamed
 * into place), so a large table (a catalogue's CSV, shard by shard) is never held whole.
 */
export const writeChunks = (
  path: string,
  chunks: Iterable<string>,
): Effect.Effect<void, RunError> =>
  attempt(path, () =>
    writeFileAtomically(path, (tmp) => {
      const fd = openSync(tmp, "w");
      try {
        for (const c of chunks) writeSync(fd, c);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }),
  );

/** Writes each figure (`{ name, svg }`, or name → SVG) as `dir/plots/<name>.svg` and `.png`. */
export const writeFigures = (
  dir: string,
  figures: readonly Pick<Figure, "name" | "svg">[] | Readonly<Record<string, string>>,
): Effect.Effect<void, RunError> =>
  Effect.forEach(
    Array.isArray(figures)
      ? (figures as readonly Pick<Figure, "name" | "svg">[])
      : Object.entries(figures).map(([name, svg]) => ({ name, svg })),
    (f) => {
      const svg = join(dir, "plots", `${f.name}.svg`);
      const png = join(dir, "plots", `${f.name}.png`);
      return Effect.andThen(
        attempt(svg, () => writeFileAtomic(svg, f.svg)),
        attempt(png, () => writeFileAtomic(png, toPng(f.svg))),
      );
    },
    { discard: true },
  );

/** A JSON-friendly configuration for the report. */
const asConfigValue = (v: unknown): Readonly<Record<string, ConfigValue>> =>
  typeof v === "object" && v !== null ? (v as Record<string, ConfigValue>) : { value: String(v) };

/** Posterior draws without sampler statistics (SVI guides, importance samples). */
export interface PosteriorDraws {
  /** Draws by site, `[chain, draw, ...site]` row-major. */
  readonly samples: Readonly<Record<string, SiteDraws>>;
  /** Sites drawn from the approximation (plotted by default). */
  readonly latentNames: readonly string[];
  readonly numChains: number;
  readonly numSamples: number;
  /** Observed data (the observed_data group). */
  readonly observedData?: Readonly<Record<string, InferenceVariable>>;
}

/**
 * Draws of an approximate posterior (e.g. `guide.samplePosterior(key, params, n)`: site →
 * tensor of shape `[n, ...site]`) as one chain of `PosteriorDraws`; dims `chain, draw,
 * <site>_dim_0, …`.
 */
export function guideDraws(
  draws: Readonly<
    Record<string, { readonly shape: readonly number[]; toArray(): ArrayLike<number> }>
  >,
  latentNames: readonly string[] = Object.keys(draws),
  observedData: Readonly<Record<string, InferenceVariable>> = {},
): PosteriorDraws {
  const samples: Record<string, SiteDraws> = {};
  let n = 0;
  for (const [name, t] of Object.entries(draws)) {
    n = t.shape[0] ?? 0;
    const site = t.shape.slice(1);
    samples[name] = {
      draws: Float64Array.from(t.toArray()),
      shape: [1, n, ...site],
      dims: ["chain", "draw", ...site.map((_, i) => `${name}_dim_${i}`)],
    };
  }
  return { samples, latentNames, numChains: 1, numSamples: n, observedData };
}

const isMcmc = (r: McmcResult | PosteriorDraws): r is McmcResult => r instanceof McmcResult;

/** The InferenceData groups of a result (McmcResult's own, or posterior + observed_data). */
function groupsOf(r: McmcResult | PosteriorDraws): Record<string, Dataset | undefined> {
  if (isMcmc(r)) return r.toInferenceDataInput() as unknown as Record<string, Dataset>;
  const posterior: Dataset["variables"] = {};
  for (const [name, s] of Object.entries(r.samples))
    posterior[name] = { dims: [...s.dims], shape: [...s.shape], data: s.draws };
  return {
    posterior: { variables: posterior },
    observed_data: { variables: { ...(r.observedData ?? {}) } },
  };
}

/** Writes the outputs (see the module doc); returns the summary table. */
export function writeRunOutputs(o: RunOutputs): Effect.Effect<SummaryTable, RunError> {
  return Effect.gen(function* () {
    const dir = dirOf(o.dir);
    const info = Option.getOrUndefined(yield* Effect.serviceOption(RunInfo));
    const res = o.result;
    const summaryVars =
      o.summaryVars ?? Object.keys(res.samples).filter((n) => sizeOf(res.samples[n].shape) <= 20);
    const csvVars = o.csvVars ?? summaryVars;
    const plotVars = o.plotVars ?? summaryVars.filter((n) => res.latentNames.includes(n));
    const table = yield* Effect.try({
      try: () => summary(pick(res.samples, summaryVars), { hdiProb: 0.94 }),
      catch: (e) => new RunError({ stage: "summary", reason: reasonOf(e) }),
    });
    const base = groupsOf(res);
    const divergences = isMcmc(res) ? res.numDivergences : undefined;
    const idata: Record<string, Dataset> = {};
    for (const [g, ds] of Object.entries({ ...base, ...(o.groups ?? {}) }))
      if (ds !== undefined && Object.keys(ds.variables).length > 0) idata[g] = ds as Dataset;
    yield* attempt(join(dir, "plots"), () => mkdir(join(dir, "plots"), { recursive: true }));
    yield* attempt(join(dir, "idata.nc"), () =>
      writeInferenceData(join(dir, "idata.nc"), idata as unknown as InferenceData, {
        inferenceLibrary: "sidereal",
        // times live in manifest.json only: every other file is a function of data and seed
        createdAt: null,
      }),
    );
    yield* writeJson(join(dir, "summary.json"), summaryToJson(table));
    yield* writeText(
      join(dir, "summary.txt"),
      divergences === undefined
        ? formatSummary(table)
        : `${formatSummary(table)}\n\nNumber of divergences: ${divergences}`,
    );
    const csvPosterior: Dataset = {
      variables: Object.fromEntries(
        csvVars.map((n) => {
          const s = res.samples[n];
          return [n, { dims: [...s.dims], shape: [...s.shape], data: s.draws }];
        }),
      ),
    };
    yield* attempt(join(dir, "draws.csv"), () =>
      writeDrawsCsv(
        join(dir, "draws.csv"),
        csvPosterior,
        base.sample_stats ? { sampleStats: base.sample_stats } : {},
      ),
    );
    for (const [name, body] of Object.entries(o.extraFiles ?? {}))
      yield* attempt(join(dir, name), () => writeFileAtomic(join(dir, name), body));
    const divergent = isMcmc(res)
      ? Uint8Array.from(res.sampleStats.diverging.draws, (v) => (v ? 1 : 0))
      : undefined;
    const figures: Figure[] = [];
    const plotted = pick(res.samples, plotVars);
    if (o.standardPlots !== false && plotVars.length > 0) {
      const standard = yield* Effect.try({
        try: (): Figure[] => [
          {
            name: "trace",
            svg: plotTrace(plotted, divergent ? { divergent } : {}),
            caption: "Traces: per chain, divergences marked",
          },
          ...(plotVars.length >= 2
            ? [
                {
                  name: "pair",
                  svg: plotPair(plotted, {
                    ...(divergent ? { divergent } : {}),
                    ...(o.truths ? { truths: o.truths } : {}),
                  }),
                  caption: "Pair plot: marginal and joint posteriors",
                },
              ]
            : []),
        ],
        catch: (e) => new RunError({ stage: "plotting trace and pair", reason: reasonOf(e) }),
      });
      figures.push(...standard);
    }
    if (o.predictive !== undefined) {
      const p = o.predictive;
      const svg = yield* Effect.try({
        try: () =>
          plotPredictive({
            x: p.x,
            observed: p.observed,
            ...(p.observedErr ? { observedErr: p.observedErr } : {}),
            draws: p.draws,
            xLabel: p.xLabel ?? "x",
            yLabel: p.yLabel ?? "y",
            title: "Posterior predictive",
          }),
        catch: (e) => new RunError({ stage: "plotting the predictive check", reason: reasonOf(e) }),
      });
      figures.push({
        name: "predictive",
        svg,
        caption: "Posterior predictive: replicated data against the observations",
      });
    }
    figures.push(...(o.figures ?? []));
    yield* writeFigures(dir, figures);
    const files = [
      "idata.nc",
      "summary.json",
      "summary.txt",
      "draws.csv",
      ...Object.keys(o.extraFiles ?? {}),
      "manifest.json",
    ];
    yield* attempt(join(dir, "index.html"), () =>
      writeReport(dir, {
        title: o.title,
        ...(o.subtitle !== undefined ? { subtitle: o.subtitle } : {}),
        config: o.config ?? asConfigValue(info?.config ?? {}),
        summary: table,
        diagnostics: {
          ...(divergences !== undefined ? { divergences } : {}),
          totalDraws: res.numChains * res.numSamples,
          ...(o.warnings ? { warnings: o.warnings } : {}),
        },
        sections: [
          ...(o.sections ?? []),
          ...figures.map((f) => ({
            heading: f.caption.split(":")[0],
            images: [{ src: `plots/${f.name}.png`, caption: f.caption }],
          })),
          {
            heading: "Files",
            html: `<ul>${files.map((f) => `<li><a href="${f}">${f}</a></li>`).join("")}</ul>`,
          },
        ],
      }),
    );
    return table;
  });
}

/** A block of a flat potential's position vector, as a named site. */
export interface PotentialBlock {
  readonly name: string;
  /** Site shape (`[]` for a scalar). */
  readonly shape: readonly number[];
  /** Dims of the site (default `<name>_dim_0`, …). */
  readonly dims?: readonly string[];
}

const defaultDims = (name: string, shape: readonly number[]) =>
  shape.map((_, i) => `${name}_dim_${i}`);

/**
 * The chains of a plain potential as an `McmcResult`: each block of the position vector
 * (in order) becomes a latent site, so writeRunOutputs, the summary and the plots treat it
 * like a PPL model's result.
 */
export function potentialResult(
  chains: readonly SampleChainResult[],
  blocks: readonly PotentialBlock[],
  observed: Readonly<
    Record<string, { readonly dims: readonly string[]; readonly data: Float64Array }>
  > = {},
): McmcResult {
  const d = chains[0]?.dim ?? 0;
  const total = blocks.reduce((a, b) => a + b.shape.reduce((x, y) => x * y, 1), 0);
  if (total !== d)
    throw new RangeError(`potentialResult: the blocks hold ${total} components, the chains ${d}`);
  const sites = blocks.map((b) => ({
    name: b.name,
    shape: [...b.shape],
    dims: [...(b.dims ?? defaultDims(b.name, b.shape))],
  }));
  const outputs: ChainOutput[] = chains.map((ch) => {
    const n = ch.stats.lp.length;
    const values: Record<string, Float64Array> = {};
    let off = 0;
    for (const b of blocks) {
      const size = b.shape.reduce((x, y) => x * y, 1);
      const v = new Float64Array(n * size);
      for (let k = 0; k < n; k++)
        for (let j = 0; j < size; j++) v[k * size + j] = ch.draws[k * d + off + j];
      values[b.name] = v;
      off += size;
    }
    return {
      latent: sites,
      deterministic: [],
      observed: Object.entries(observed).map(([name, o]) => ({
        name,
        shape: [o.data.length],
        dims: [...o.dims],
        value: o.data,
      })),
      values,
      stats: ch.stats,
      adapted: ch.adapted,
      initAttempts: 1,
    };
  });
  return new McmcResult(outputs);
}
