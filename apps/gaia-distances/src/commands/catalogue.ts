/**
 * `catalogue`: EDSD distances (median, 16 %, 84 %, mode) of every star of a Gaia table with
 * a finite parallax and a finite positive parallax error, sharded by rows and run by the
 * runtime's JobRunner — on this machine's worker threads (`--runner local [--workers N]`) or on Effect Cluster
 * (`--runner cluster --storage postgres://…|sqlite:PATH [--runners N]`). Writes
 * DIR/distances.csv (input order) and DIR/meta.json, and with `--parquet` the same columns in
 * DIR/distances.parquet.
 */
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import {
  DataError,
  JobRunner,
  reasonOf,
  runnerChoiceLayer,
  withOutputDir,
  writeBytes,
  writeChunks,
  writeJson,
} from "@sidereal/runtime";
import { Effect } from "effect";
import type { CatalogueConfig } from "../catalogue/config.js";
import { CSV_HEADER, shardColumns, shardCsv } from "../catalogue/csv.js";
import { distancesParquet } from "../catalogue/parquet.js";
import { loadGaiaTable } from "../catalogue/table.js";
import { CATALOGUE_TASK_MODULE, type CatalogueShard, catalogueTask } from "../catalogue/task.js";
import type { CommandResult } from "./result.js";

/** The shards of a table of `n` stars. */
export const catalogueShards = (
  file: string,
  n: number,
  shardSize: number,
  L: number,
): CatalogueShard[] => {
  const shards: CatalogueShard[] = [];
  for (let start = 0; start < n; start += shardSize)
    shards.push({ file, start, end: Math.min(n, start + shardSize), L });
  return shards;
};

/** A job id that changes with the input, its version and the settings (so results are reused only for the same job). */
export const catalogueJobId = (config: CatalogueConfig, mtimeMs: number, n: number): string =>
  `catalogue-${createHash("sha256")
    .update(JSON.stringify([config.data, mtimeMs, n, config.lengthScale, config.shardSize]))
    .digest("hex")
    .slice(0, 16)}`;

/** The JobRunner layer the configuration asks for (the runtime's shared runner choice). */
export const jobRunnerLayer = (config: CatalogueConfig) =>
  runnerChoiceLayer(config, [CATALOGUE_TASK_MODULE]);

export const runCatalogue = (config: CatalogueConfig) =>
  withOutputDir(config.out, (dir) =>
    Effect.gen(function* () {
      const table = yield* Effect.try({
        try: () => loadGaiaTable(config.data),
        catch: (e) => new DataError({ file: config.data, reason: reasonOf(e) }),
      });
      const n = table.parallax.length;
      if (n === 0)
        return yield* Effect.fail(
          new DataError({
            file: config.data,
            field: "parallax_error",
            reason: "no star with a finite parallax and a finite positive parallax error",
          }),
        );
      const shards = catalogueShards(config.data, n, config.shardSize, config.lengthScale);
      const jobId = catalogueJobId(config, statSync(config.data).mtimeMs, n);
      // timed from the runner being ready (runners started, storage connected) to the last result
      const { results, seconds } = yield* Effect.gen(function* () {
        const runner = yield* JobRunner;
        const t0 = performance.now();
        const results = yield* runner.run({ id: jobId, task: catalogueTask, shards });
        return { results, seconds: (performance.now() - t0) / 1000 };
      }).pipe(Effect.provide(jobRunnerLayer(config)));
      // one shard's rows at a time, into a file that appears whole or not at all
      yield* writeChunks(
        dir.file("distances.csv"),
        (function* () {
          yield `${CSV_HEADER}\n`;
          for (let s = 0; s < shards.length; s++)
            yield shardCsv(table.sourceId, shards[s].start, shardColumns(results[s]));
        })(),
      );
      const meta = {
        prior: "EDSD",
        L_pc: config.lengthScale,
        zeroPoint: "L21",
        zeroPointInputs: table.zeroPointInputs,
        method:
          "exact 1-D posterior by quadrature on nested grids in ln r (edsdDistances of @sidereal/parallax)",
        stars: n,
        rowsInFile: table.rowsInFile,
        shards: shards.length,
        runner: config.runner,
        jobId,
      };
      yield* writeJson(dir.file("meta.json"), meta);
      if (config.parquet === true)
        yield* writeBytes(
          dir.file("distances.parquet"),
          distancesParquet(
            table.sourceId,
            shards.map((s, k) => ({ start: s.start, cols: shardColumns(results[k]) })),
            meta,
          ),
        );
      const result: CommandResult = {
        outDirs: [dir.path],
        text: `${n} stars (${table.rowsInFile} rows) in ${shards.length} shards, runner ${config.runner}${config.runner === "local" ? ` (${config.workers ?? availableParallelism()} workers)` : ""}: ${seconds.toFixed(2)} s, ${(n / seconds).toFixed(0)} stars/s`,
      };
      return result;
    }),
  );
