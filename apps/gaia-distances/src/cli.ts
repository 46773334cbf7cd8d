/**
 * The `gaia-distances` command line: `gaia-distances [outliers|single|m67] [--out DIR]
 * [--chains N] [--warmup N] [--draws N] [--seed N] [--data FILE] [--max-stars N]
 * [--rank N] [--workers N] [--config FILE.json|FILE.yaml]` (no command = m67).
 */
import { Effect } from "effect";
import { m67, outliers, single } from "./commands/index.js";
import type { CommandResult } from "./commands/result.js";
import { type RunConfig, resolveConfig } from "./config.js";

export const USAGE = `usage: gaia-distances [outliers | single | m67] [options]   (default command: m67)

  outliers   seed 004 example 1: straight line without (DIR/simple) and with (DIR/mixture) outliers
  single     prior predictive check, then one low-S/N star: NUTS vs quadrature vs 1/parallax
  m67        hierarchical model of the distance to M67 (4,300 stars, chains in worker threads)

options:
  --out DIR          output folder (default out/gaia-distances)
  --chains N         chains (default 2)
  --warmup N         warmup iterations per chain (default 2000)
  --draws N          kept draws per chain (default: m67 and single 4000, outliers 2000)
  --seed N           PRNG seed (default: m67 7, single 5, outliers 3)
  --data FILE        input: FITS catalogue (single, m67) or line JSON (outliers)
  --max-stars N      only the first N stars after the cuts (0 = all)
  --rank N           single: star by rank of parallax S/N in the cut catalogue (0 = lowest)
  --workers N        worker threads for the chains (default one per chain)
  --config FILE      JSON or YAML (.yaml/.yml) with any of: command, out, data, chains, warmup, draws, seed,
                     maxStars, rank, workers, cuts: { parallaxMin, parallaxMax }
                     (flags override the file; unknown keys are an error)`;

/** Runs the command of a resolved configuration. */
export function runCommand(config: RunConfig) {
  switch (config.command) {
    case "outliers":
      return outliers(config);
    case "single":
      return single(config);
    case "m67":
      return m67(config);
  }
}

/** The whole program as an Effect: configuration, then the command. */
export const program = (argv: readonly string[]) =>
  Effect.flatMap(resolveConfig(argv), (config) =>
    Effect.map(runCommand(config) as Effect.Effect<CommandResult, Error>, (r) => ({
      config,
      result: r,
    })),
  );

/**
 * Runs the CLI on `argv` (without `node main.js`); prints the results on stdout and a
 * one-line error naming the flag, field, file or stage on stderr; returns the exit code
 * (0, 1 for a failed run, 2 for a usage error).
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  const exit = await Effect.runPromiseExit(program(argv));
  if (exit._tag === "Success") {
    const { result } = exit.value;
    console.log(`${result.text}\n\nwritten: ${result.outDirs.join(", ")}`);
    return 0;
  }
  const failure = exit.cause.reasons.find((r) => r._tag === "Fail");
  const err = failure && "error" in failure ? (failure.error as Error) : undefined;
  if (err !== undefined) {
    console.error(`gaia-distances: ${err.message}`);
    return (err as { _tag?: string })._tag === "ConfigError" ? 2 : 1;
  }
  console.error(`gaia-distances: unexpected failure: ${String(exit.cause)}`);
  return 1;
}
