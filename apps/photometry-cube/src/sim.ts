/**
 * `photometry-cube sim`: agnfinder's `make sim`, resumable and in bounded memory.
 *
 * 1. The settings are decoded and the model built before anything is written (bad input:
 *    exit 2, nothing created); the output location is checked.
 * 2. Worker i of P owns redshift slice i and `workerSampleCounts(N, P)[i]` rows drawn from
 *    `workerKey(seed, i)`; its partial file goes to the work folder `.NAME.partials` beside
 *    the output. A partial that is already there under its final name is complete (partials
 *    are renamed into place only when written) and is kept when its row count and layout
 *    match; the others are computed by `runTasks` in worker threads.
 *    With `--runner cluster --storage URL` the partials are instead assembled from a JobRunner
 *    job on Effect Cluster (`sim-cluster.ts`: shards = slices × chunks of `--shard-rows`),
 *    with the same rows, so the cube is the same byte for byte.
 * 3. The partials, in worker order, are combined and shuffled (`combineCubes`, bounded memory,
 *    seeded) into the staged output folder, which appears with its manifest when complete;
 *    the work folder is then removed.
 *
 * The final cube is a function of the settings alone, so a run killed at any point and
 * started again with the same arguments ends with the same datasets as an uninterrupted one.
 * The work folder records the settings (`run.json`): partials of other settings are removed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import {
  bytesPerSample,
  combineCubes,
  cubeFileName,
  FILTER_SET_NAMES,
  partialFileName,
  readCubeInfo,
  redshiftSlices,
  workerSampleCounts,
} from "@sidereal/photometry";
import {
  appCommand,
  ConfigError,
  checkOutputLocation,
  Flags,
  NonEmptyString,
  PositiveInt,
  Progress,
  parseStorage,
  RunError,
  RunInfo,
  type RunnerChoice,
  RunnerChoiceFields,
  runnerChoiceFlags,
  runTasks,
  Seed,
  standardFlags,
  withOutputDir,
  writeJson,
  writeText,
} from "@sidereal/runtime";
import { Effect, Option, Schema } from "effect";
import { hdf5Problem } from "./hdf5-check.js";
import { checkCubeModel, loadModel, type ModelSettings } from "./model.js";
import type { ShardInput, ShardResult } from "./shard.js";
import { simulateOnJobRunner } from "./sim-cluster.js";

const SimConfig = Schema.Struct({
  n: Schema.optionalKey(PositiveInt),
  workers: Schema.optionalKey(PositiveInt),
  out: Schema.optionalKey(NonEmptyString),
  seed: Seed,
  filters: Schema.optionalKey(Schema.Literals(FILTER_SET_NAMES)),
  design: Schema.Literals(["uniform", "lhs"]),
  shuffle: Schema.optionalKey(Schema.Boolean),
  ...RunnerChoiceFields,
  /** Rows per shard of `--runner cluster` (each redshift slice is cut into such chunks). */
  shardRows: Schema.optionalKey(PositiveInt),
  // photometry's simulation-config sections (decoded by @sidereal/photometry)
  forwardModel: Schema.optionalKey(Schema.Unknown),
  freeParams: Schema.optionalKey(Schema.Unknown),
  samplingParams: Schema.optionalKey(
    Schema.Struct({
      nSamples: Schema.optionalKey(PositiveInt),
      concurrency: Schema.optionalKey(PositiveInt),
      saveDir: Schema.optionalKey(NonEmptyString),
      noise: Schema.optionalKey(Schema.Boolean),
      filters: Schema.optionalKey(Schema.Literals(FILTER_SET_NAMES)),
      shuffle: Schema.optionalKey(Schema.Boolean),
    }),
  ),
});
type SimConfig = typeof SimConfig.Type;

/** The settings of a run, resolved (flags > config file > samplingParams > defaults). */
export interface SimPlan {
  readonly n: number;
  readonly workers: number;
  readonly out: string;
  readonly seed: number;
  readonly design: "uniform" | "lhs";
  readonly shuffle: boolean;
  readonly settings: ModelSettings;
  /** Where the partial files are computed: `runTasks` here, or a JobRunner job (cluster). */
  readonly runner: RunnerChoice & { readonly runner: "local" | "cluster" };
  readonly shardRows: number;
}

/** Rows per cluster shard by default: a few seconds of forward model per shard. */
export const DEFAULT_SHARD_ROWS = 2048;

const missing = (flag: string, what: string) =>
  new ConfigError({ field: flag, reason: `missing: ${what}` });

/** Resolves the decoded configuration into a plan (exit 2 on what is missing or inconsistent). */
export function resolvePlan(
  c: SimConfig,
  configFile?: string,
): Effect.Effect<SimPlan, ConfigError> {
  return Effect.gen(function* () {
    const sp = c.samplingParams ?? {};
    const n = c.n ?? sp.nSamples;
    if (n === undefined) return yield* missing("--n", "the number of samples");
    const out = c.out ?? sp.saveDir;
    if (out === undefined) return yield* missing("--out", "the output folder");
    const workers = c.workers ?? sp.concurrency ?? availableParallelism();
    if (workers > n)
      return yield* new ConfigError({
        field: "--workers",
        reason: `${workers} workers for ${n} samples: every worker needs at least one sample`,
      });
    const runner = c.runner ?? "local";
    // the storage is checked before anything is written (a bad URL: exit 2, no work folder)
    if (runner === "cluster") {
      if (c.storage === undefined || c.storage === "")
        return yield* missing("--storage", "the cluster storage (postgres://… or sqlite:PATH)");
      const parsed = parseStorage(c.storage);
      if (!("kind" in parsed)) return yield* parsed;
    }
    return {
      n,
      workers,
      out,
      seed: c.seed,
      design: c.design,
      shuffle: c.shuffle ?? sp.shuffle ?? true,
      runner: {
        runner,
        ...(c.storage !== undefined ? { storage: c.storage } : {}),
        ...(c.runners !== undefined ? { runners: c.runners } : {}),
      },
      shardRows: c.shardRows ?? DEFAULT_SHARD_ROWS,
      settings: {
        filters: c.filters ?? sp.filters ?? "DES",
        ...(c.forwardModel !== undefined ? { forwardModel: c.forwardModel } : {}),
        ...(c.freeParams !== undefined ? { freeParams: c.freeParams } : {}),
        ...(configFile !== undefined ? { configFile } : {}),
      },
    };
  });
}

/** The work folder of an output folder: partial files live there until the combine. */
export const workFolder = (out: string): string =>
  join(dirname(resolve(out)), `.${basename(resolve(out))}.partials`);

/** Keeps the work folder only when it belongs to the same settings (see the module doc), then records their key. */
function prepareWorkFolder(work: string, plan: SimPlan, progress: Progress["Service"]) {
  const key = JSON.stringify({
    n: plan.n,
    workers: plan.workers,
    seed: plan.seed,
    design: plan.design,
    settings: { ...plan.settings, configFile: undefined },
  });
  const runFile = join(work, "run.json");
  if (existsSync(runFile) && readFileSync(runFile, "utf8").trimEnd() !== key) {
    progress.message(`${work} holds partials of other settings: removed`);
    rmSync(work, { recursive: true, force: true });
  }
  mkdirSync(work, { recursive: true });
  // temporary files of writers that were killed
  for (const f of readdirSync(work))
    if (f.includes(".tmp-")) rmSync(join(work, f), { force: true });
  // atomically: a killed run must not leave a truncated key that would discard good partials
  return writeText(runFile, key);
}

/** Runs a resolved plan (see the module doc). */
export const runSim = (plan: SimPlan) =>
  Effect.gen(function* () {
    yield* Effect.try({ try: () => checkOutputLocation(plan.out), catch: (e) => e as ConfigError });
    const loaded = yield* loadModel(plan.settings);
    yield* checkCubeModel(loaded);
    const progress = yield* Progress;
    const { fp, layout } = loaded;
    const z = fp.columns.indexOf("redshift");
    const zLo = fp.limits[2 * z];
    const zHi = fp.limits[2 * z + 1];
    const slices = redshiftSlices(zLo, zHi, plan.workers);
    const counts = workerSampleCounts(plan.n, plan.workers);
    const work = workFolder(plan.out);
    yield* prepareWorkFolder(work, plan, progress);
    const shards: ShardInput[] = slices.map((slice, i) => ({
      settings: plan.settings,
      seed: plan.seed,
      design: plan.design,
      slice,
      count: counts[i],
      path: join(work, partialFileName(counts[i], slice.zLo, slice.zHi, i)),
    }));
    const todo: ShardInput[] = [];
    for (const s of shards) {
      if (existsSync(s.path)) {
        // a damaged file is recomputed (checked first: HDF5 would print its error stack)
        const info =
          hdf5Problem(s.path) === undefined
            ? yield* Effect.option(readCubeInfo(s.path))
            : Option.none();
        const ok =
          Option.isSome(info) &&
          info.value.rows === s.count &&
          info.value.layout.columns.join() === layout.columns.join() &&
          info.value.layout.bands.join() === layout.bands.join();
        if (ok) {
          progress.message(
            `worker ${s.slice.worker}: keeping its complete partial ${basename(s.path)}`,
          );
          continue;
        }
        rmSync(s.path, { force: true });
      }
      todo.push(s);
    }
    const t0 = performance.now();
    const results =
      plan.runner.runner === "cluster"
        ? yield* simulateOnJobRunner(plan, todo, layout)
        : yield* runTasks<ShardInput, ShardResult>({
            ref: { module: new URL("./shard.js", import.meta.url).href, export: "simulateShard" },
            inputs: todo,
            concurrency: todo.length,
            label: (s) => `worker ${s.slice.worker}`,
          });
    const simSeconds = (performance.now() - t0) / 1000;
    const simulated = results.reduce((a, r) => a + r.rows, 0);
    const file = cubeFileName(plan.n, zLo, zHi);
    const t1 = performance.now();
    yield* withOutputDir(plan.out, (dir) =>
      Effect.gen(function* () {
        progress.message(`combining ${shards.length} partial files into ${file}`);
        yield* combineCubes(
          shards.map((s) => s.path),
          dir.file(file),
          { shuffle: plan.shuffle, seed: plan.seed },
        ).pipe(Effect.mapError((e) => new RunError({ stage: "combining", reason: e.message })));
        const summary = {
          file,
          samples: plan.n,
          workers: plan.workers,
          runner: plan.runner.runner,
          seed: plan.seed,
          design: plan.design,
          filters: plan.settings.filters,
          bands: layout.bands,
          thetaColumns: fp.thetaColumns,
          bytesPerSample: bytesPerSample(layout),
          shardsReused: shards.length - todo.length,
          samplesSimulated: simulated,
          simulateSeconds: simSeconds,
          samplesPerSecond: simulated > 0 ? simulated / simSeconds : null,
          combineSeconds: (performance.now() - t1) / 1000,
        };
        yield* writeJson(dir.file("summary.json"), summary);
      }),
    );
    rmSync(work, { recursive: true, force: true });
    progress.message(
      `${plan.out}/${file}: ${plan.n} samples (${simulated} simulated at ${(simulated / simSeconds).toFixed(0)}/s)`,
    );
  });

export const sim = appCommand({
  name: "sim",
  description:
    "simulate a cube of N samples in P worker threads (redshift slices), resumable, combined and shuffled into one HDF5 file in --out",
  config: SimConfig,
  defaults: { seed: 0, design: "uniform" },
  flags: {
    n: Flags.int("n", "number of samples N"),
    workers: Flags.int("workers", "worker threads P, one redshift slice each (default: the CPUs)"),
    ...runnerChoiceFlags,
    shardRows: Flags.int(
      "shard-rows",
      `rows per shard with --runner cluster (slices × chunks; default ${DEFAULT_SHARD_ROWS})`,
    ),
    out: standardFlags.out,
    seed: standardFlags.seed,
    filters: Flags.choice("filters", FILTER_SET_NAMES, "filter set (default DES)"),
    design: Flags.choice(
      "design",
      ["uniform", "lhs"] as const,
      "uniform draws (agnfinder) or a Latin hypercube",
    ),
  },
  pathFields: ["out"],
  run: (c) =>
    Effect.flatMap(RunInfo, (info) => resolvePlan(c, info.configFile)).pipe(Effect.flatMap(runSim)),
});
