/**
 * How an app's command chooses its JobRunner: the `--runner local | cluster`, `--storage URL`,
 * `--runners N` and `--workers N` flags, the Schema fields they set, and the layer they ask
 * for. Shared by every app with a sharded command, so the flags read and fail alike.
 */
import { availableParallelism } from "node:os";
import { type Layer, Schema } from "effect";
import { NonNegativeInt } from "../config.js";
import { ConfigError } from "../errors.js";
import { Flags } from "../flags.js";
import { JobRunner } from "./jobRunner.js";
import { failLayer } from "./layerErrors.js";

/** The Schema fields of the choice (all optional in a config file). */
export const RunnerChoiceFields = {
  /** `local` (this machine, worker threads) or `cluster` (Effect Cluster with `storage`). */
  runner: Schema.optionalKey(Schema.Literals(["local", "cluster"])),
  /** `postgres://…` or `sqlite:PATH` (cluster only). */
  storage: Schema.optionalKey(Schema.String),
  /** Runner processes to start on this machine (cluster with Postgres; 0 = started elsewhere). */
  runners: Schema.optionalKey(NonNegativeInt),
};

/** The choice as decoded (`workers`: the local runner's worker threads). */
export interface RunnerChoice {
  readonly runner?: "local" | "cluster" | undefined;
  readonly storage?: string | undefined;
  readonly runners?: number | undefined;
  readonly workers?: number | undefined;
}

/** The flags of the choice (`--workers` is left to the command: its meaning varies). */
export const runnerChoiceFlags = {
  runner: Flags.choice(
    "runner",
    ["local", "cluster"] as const,
    "local: this machine's worker threads (default); cluster: Effect Cluster with --storage",
  ),
  storage: Flags.string("storage", "cluster storage: postgres://USER@HOST:PORT/DB or sqlite:PATH"),
  runners: Flags.int("runners", "runner processes to start on this machine (cluster, Postgres)"),
};

/**
 * The JobRunner the choice asks for; `tasks` are the modules the started runners load.
 * `--runner cluster` without `--storage` is a ConfigError naming the flag.
 */
export const runnerChoiceLayer = (
  choice: RunnerChoice,
  tasks: ReadonlyArray<string>,
): ReturnType<typeof JobRunner.cluster> => {
  if ((choice.runner ?? "local") === "local")
    return JobRunner.localWith({
      workers: choice.workers ?? availableParallelism(),
    }) as Layer.Layer<JobRunner, never>;
  if (choice.storage === undefined || choice.storage === "")
    return failLayer(
      new ConfigError({ field: "--storage", reason: "required with --runner cluster" }),
    );
  return JobRunner.cluster({ storage: choice.storage, runners: choice.runners ?? 0, tasks });
};
