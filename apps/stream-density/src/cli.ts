/**
 * The `stream-density` command line, built with @sidereal/runtime: `stream-density
 * gaussian | spline | gd1 | all [flags]` (`--help`, `--version`, `--config FILE.json|.yaml`,
 * one-line errors, exit codes 2/1/130). A bare `stream-density` prints the help. Without
 * `--full` the quick settings are used (1-D NUTS 2 × (500 + 500), GD-1 MAP only in `all`);
 * `--full` uses 4 × (1000 + 1000) for the 1-D model and 2 × (300 + 300) NUTS on GD-1, which
 * the `gd1` command also uses by default. The draws do not depend on `--workers`.
 */
import { appCommand, cliRunner, Flags, standardFlags } from "@sidereal/runtime";
import { Console, Effect } from "effect";
import { Command } from "effect/cli";
import {
  type Command as CommandName,
  resolveRunConfig,
  SETTINGS_DEFAULTS,
  Settings,
} from "./config.js";
import { runPipeline } from "./pipeline.js";

const flags = {
  ...standardFlags,
  samples: Flags.deprecatedAlias(Flags.int("samples", "deprecated: use --draws"), "draws"),
  full: Flags.boolean("full", "the seed's run lengths (see the README)"),
  gaussianData: Flags.string("gaussian-data", "1-D data (float64 little-endian; default: bundled)"),
  gd1Data: Flags.string("gd1-data", "GD-1 FITS catalogue (default: bundled)"),
  gd1Warmup: Flags.int("gd1-warmup", "GD-1 NUTS warmup iterations per chain"),
  gd1Draws: Flags.int("gd1-draws", "GD-1 NUTS draws per chain (0: MAP only)"),
  gd1Samples: Flags.deprecatedAlias(
    Flags.int("gd1-samples", "deprecated: use --gd1-draws"),
    "gd1Draws",
  ),
  gd1Chains: Flags.int("gd1-chains", "GD-1 NUTS chains"),
  gd1MaxIter: Flags.int("gd1-maxiter", "L-BFGS iterations for GD-1"),
  maxPoints: Flags.int("max-points", "only the first N 1-D points (0 = all)"),
  maxStars: Flags.int("max-stars", "every k-th GD-1 star so that N remain (0 = all)"),
};

const DESCRIPTIONS: Readonly<Record<CommandName, string>> = {
  gaussian: "1-D Gaussian density model, L-BFGS-B (the seed's bounds)",
  spline: "1-D spline log-density (11 knots), L-BFGS-B, then NUTS and the density band",
  gd1: "the GD-1 stream model on Gaia DR3: initial guess, L-BFGS, NUTS, memberships",
  all: "the three in turn, plus an overview",
};

const command = <const N extends CommandName>(name: N) =>
  appCommand({
    name,
    description: DESCRIPTIONS[name],
    config: Settings,
    defaults: SETTINGS_DEFAULTS,
    flags,
    pathFields: ["out", "gaussianData", "gd1Data"],
    run: (s) =>
      Effect.flatMap(runPipeline(resolveRunConfig(name, s)), (r) =>
        Console.log(`\n${r.summaryText}\n\nreport: ${r.outDir}/index.html`),
      ),
  });

/** The command tree. */
export const app = Command.make("stream-density").pipe(
  Command.withDescription("Seed 002: spline density models of a 1-D sample and the GD-1 stream"),
  Command.withSubcommands([command("gaussian"), command("spline"), command("gd1"), command("all")]),
);

/** What `runMain` and `runCli` need besides the command. */
export const CLI_OPTIONS = {
  packageJson: new URL("../package.json", import.meta.url),
  program: "stream-density",
};

/** Runs the CLI on `argv`; resolves to the exit code (`io` redirects stdout/stderr). */
export const runCli = cliRunner(app, CLI_OPTIONS);
