/**
 * The `gaia-distances` command line: `gaia-distances outliers | single | m67 [flags]`, built
 * with @sidereal/runtime (`--help`, `--version`, `--config FILE.json|.yaml`, one-line errors,
 * exit codes 2/1/130). A bare `gaia-distances` prints the help.
 */
import { appCommand, cliRunner, Flags, runnerChoiceFlags, standardFlags } from "@sidereal/runtime";
import { Console, Effect } from "effect";
import { Command } from "effect/cli";
import { CATALOGUE_DEFAULTS, CatalogueConfig } from "./catalogue/config.js";
import { runCatalogue, runM67, runOutliers, runSingle } from "./commands/index.js";
import type { CommandResult } from "./commands/result.js";
import { type Command as CommandName, DEFAULTS, RunConfig } from "./config.js";

const flags = {
  ...standardFlags,
  data: Flags.string("data", "input: FITS catalogue (single, m67) or line JSON (outliers)"),
  maxStars: Flags.int("max-stars", "only the first N stars after the cuts (0 = all)"),
  rank: Flags.int("rank", "single: the star by rank of parallax S/N (0 = lowest)"),
  wasm: Flags.boolean(
    "wasm",
    'WebAssembly SIMD potential (default on for m67; "wasm": false in --config turns it off)',
  ),
};

const DESCRIPTIONS: Readonly<Record<CommandName, string>> = {
  outliers:
    "seed 004 example 1: straight line without (DIR/simple) and with (DIR/mixture) outliers",
  single: "prior predictive check, then one low-S/N star: NUTS vs quadrature vs 1/parallax",
  m67: "hierarchical model of the distance to M67 (4,300 stars, chains in worker threads)",
};

const command = <const N extends CommandName, E, R>(
  name: N,
  run: (c: RunConfig) => Effect.Effect<CommandResult, E, R>,
) =>
  appCommand({
    name,
    description: DESCRIPTIONS[name],
    config: RunConfig,
    defaults: DEFAULTS[name],
    flags,
    pathFields: ["data", "out"],
    run: (c) =>
      Effect.flatMap(run(c), (r) => Console.log(`${r.text}\n\nwritten: ${r.outDirs.join(", ")}`)),
  });

const catalogueCommand = appCommand({
  name: "catalogue",
  description:
    "EDSD distances (median, 16/84 %, mode) of every star of a Gaia table, sharded (local or Effect Cluster)",
  config: CatalogueConfig,
  defaults: CATALOGUE_DEFAULTS,
  flags: {
    out: standardFlags.out,
    data: Flags.string("data", "the Gaia FITS table"),
    ...runnerChoiceFlags,
    workers: Flags.int("workers", "worker threads of the local runner (default: the CPUs)"),
    parquet: Flags.boolean(
      "parquet",
      "also write distances.parquet (source_id INT64, DOUBLE results)",
    ),
    lengthScale: Flags.number("length-scale", "EDSD length scale L [pc] (default 1350)"),
    shardSize: Flags.int("shard-size", "stars per shard (default 2000)"),
  },
  pathFields: ["data", "out"],
  run: (c) =>
    Effect.flatMap(runCatalogue(c), (r) =>
      Console.log(`${r.text}\n\nwritten: ${r.outDirs.join(", ")}`),
    ),
});

/** The command tree. */
export const app = Command.make("gaia-distances").pipe(
  Command.withDescription(
    "Seed 004: Gaia DR3 parallax distances (line with outliers, one star, M67)",
  ),
  Command.withSubcommands([
    command("outliers", runOutliers),
    command("single", runSingle),
    command("m67", runM67),
    catalogueCommand,
  ]),
);

/** What `runMain` and `runCli` need besides the command. */
export const CLI_OPTIONS = {
  packageJson: new URL("../package.json", import.meta.url),
  program: "gaia-distances",
};

/** Runs the CLI on `argv`; resolves to the exit code (`io` redirects stdout/stderr). */
export const runCli = cliRunner(app, CLI_OPTIONS);
