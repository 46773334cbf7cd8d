/**
 * `sidereal-runner --storage postgres://… [--host 127.0.0.1] [--port 34431] [--name NAME]
 * [--tasks MODULE]… [--fail-shard K]`: one Effect Cluster runner. It registers at the
 * storage, listens on host:port for other runners, takes its share of the shards and runs
 * the `SiderealShard` entity with the tasks the `--tasks` modules export (every export that
 * is a ShardTask, i.e. has a string `name` and a function `run`). `--fail-shard K` installs
 * the fault-injection test layer (shard K fails on every attempt). Runs until SIGTERM/SIGINT.
 */

// subpath imports: the package barrel also loads the redis client and every other platform module
import * as NodeClusterSocket from "@effect/platform-node/NodeClusterSocket";
import * as NodeRuntime from "@effect/platform-node/NodeRuntime";
import { Effect, Layer } from "effect";
import { ConfigError } from "../errors.js";
import { runnerSharding } from "./clusterConfig.js";
import type { ShardTask } from "./job.js";
import { failLayer } from "./layerErrors.js";
import { shardEntityLayer } from "./shardEntity.js";
import { sqlShardStore } from "./shardStore.js";
import { failShardLayer, shardTasksLayer } from "./shardTasks.js";
import { parseStorage, sqlClientLayer, storageLabel } from "./storage.js";
import { threadExecutor } from "./taskExecutor.js";
import { importTasks } from "./taskModules.js";

export interface RunnerArgs {
  readonly storage: string;
  readonly host: string;
  readonly port: number;
  readonly name: string;
  readonly tasks: ReadonlyArray<string>;
  readonly failShard: number | undefined;
}

/** Parses the runner's argv; a ConfigError naming the flag on bad input. */
export function parseRunnerArgs(argv: ReadonlyArray<string>): RunnerArgs | ConfigError {
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!flag.startsWith("--") || i + 1 >= argv.length)
      return new ConfigError({ field: flag, reason: "expected --flag VALUE" });
    values.set(flag, [...(values.get(flag) ?? []), argv[++i]]);
  }
  const known = ["--storage", "--host", "--port", "--name", "--tasks", "--fail-shard"];
  for (const k of values.keys())
    if (!known.includes(k)) return new ConfigError({ field: k, reason: "unknown flag" });
  const storage = values.get("--storage")?.[0];
  if (storage === undefined) return new ConfigError({ field: "--storage", reason: "required" });
  const port = Number(values.get("--port")?.[0] ?? "34431");
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    return new ConfigError({ field: "--port", reason: "expected a port number" });
  const fail = values.get("--fail-shard")?.[0];
  const failShard = fail === undefined ? undefined : Number(fail);
  if (failShard !== undefined && !Number.isInteger(failShard))
    return new ConfigError({ field: "--fail-shard", reason: "expected a shard index" });
  return {
    storage,
    host: values.get("--host")?.[0] ?? "127.0.0.1",
    port,
    name: values.get("--name")?.[0] ?? `runner-${process.pid}`,
    tasks: values.get("--tasks") ?? [],
    failShard,
  };
}

/** The tasks exported by the modules (paths or file URLs). */
export const loadTasks = (modules: ReadonlyArray<string>) =>
  Effect.tryPromise({
    try: () => importTasks(modules),
    catch: (e) =>
      new ConfigError({ field: "--tasks", reason: e instanceof Error ? e.message : String(e) }),
  });

/** The runner as a layer (everything it runs lives in it). */
export const runnerLayer = (
  args: RunnerArgs,
  tasks: ReadonlyArray<ShardTask<never>>,
): Layer.Layer<never, unknown> => {
  const parsed = parseStorage(args.storage);
  if (!("kind" in parsed)) return failLayer<never, unknown>(parsed);
  const sql = sqlClientLayer(parsed);
  const cluster = NodeClusterSocket.layer({
    storage: "sql",
    shardingConfig: runnerSharding(args.host, args.port),
  });
  const fault = args.failShard === undefined ? Layer.empty : failShardLayer(args.failShard);
  return shardEntityLayer(args.name).pipe(
    Layer.provide(
      Layer.mergeAll(
        cluster,
        sqlShardStore(storageLabel(parsed)),
        shardTasksLayer(tasks),
        fault,
        // tasks run in a worker thread: the event loop stays free for the shard locks
        threadExecutor(args.tasks),
      ),
    ),
    Layer.provide(sql),
  );
};

/** The bin's entry: parse, load tasks, run until interrupted. */
export function runnerMain(argv: ReadonlyArray<string>): void {
  const program = Effect.gen(function* () {
    const args = parseRunnerArgs(argv);
    if (args instanceof ConfigError) return yield* Effect.fail(args);
    const tasks = yield* loadTasks(args.tasks);
    yield* Effect.logInfo(
      `sidereal-runner ${args.name} on ${args.host}:${args.port}, tasks: ${tasks.map((t) => t.name).join(", ") || "none"}`,
    );
    return yield* Layer.launch(runnerLayer(args, tasks));
  });
  NodeRuntime.runMain(program);
}
