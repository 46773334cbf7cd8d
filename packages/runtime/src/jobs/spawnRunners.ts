/**
 * Starts N `sidereal-runner` processes on this machine (127.0.0.1, consecutive ports) for
 * the lifetime of a scope, for testing a cluster on one machine; they are stopped (SIGTERM)
 * when the scope closes. Their logs go to this process's stderr.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Effect, Layer } from "effect";

export interface SpawnRunnersOptions {
  readonly count: number;
  readonly storage: string;
  readonly tasks: ReadonlyArray<string>;
  readonly basePort: number;
  /** Extra arguments for every runner (e.g. `--fail-shard 3` in tests). */
  readonly extraArgs?: ReadonlyArray<string>;
}

/** The runner bin of this package. */
export const RUNNER_BIN = fileURLToPath(new URL("../../bin/sidereal-runner.js", import.meta.url));

/** The argv of runner `i`. */
export const runnerArgs = (o: SpawnRunnersOptions, i: number): string[] => [
  RUNNER_BIN,
  "--storage",
  o.storage,
  "--port",
  String(o.basePort + i),
  "--name",
  `runner-${i}`,
  ...o.tasks.flatMap((t) => ["--tasks", t]),
  ...(o.extraArgs ?? []),
];

export const spawnRunners = (o: SpawnRunnersOptions): Layer.Layer<never> =>
  Layer.effectDiscard(
    Effect.acquireRelease(
      Effect.sync(() => {
        const children: ChildProcess[] = [];
        for (let i = 0; i < o.count; i++)
          children.push(
            spawn(process.execPath, runnerArgs(o, i), { stdio: ["ignore", "inherit", "inherit"] }),
          );
        return children;
      }),
      (children) =>
        Effect.sync(() => {
          for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
        }),
    ),
  );
