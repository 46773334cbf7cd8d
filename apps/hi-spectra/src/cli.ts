/**
 * The `hi-spectra` command line, built with @sidereal/runtime (`--help`, `--version`,
 * `--config FILE.json|.yaml`, one-line errors, exit codes 2/1/130):
 * `hi-spectra simulate | run | fit | bias | optimize [flags]`. A bare `hi-spectra` prints the help.
 */
import { appCommand, cliRunner, Flags, standardFlags } from "@sidereal/runtime";
import type { Effect } from "effect";
import { Command } from "effect/cli";
import { runBias } from "./commands/bias.js";
import { runFit } from "./commands/fit.js";
import { runOptimize } from "./commands/optimize.js";
import { runRun } from "./commands/run.js";
import { runSimulate } from "./commands/simulate.js";
import { HI_DEFAULTS, HiConfig, SIMULATE_DEFAULTS, SimulateConfig } from "./config.js";

const inferenceFlags = {
  ...standardFlags,
  data: Flags.string(
    "data",
    "input spectra: simulated.json layout, or JSON map of dataset → CSV file",
  ),
  model: Flags.choice(
    "model",
    [
      "emission",
      "absorption",
      "emission-absorption",
      "emission-physical",
      "absorption-physical",
      "emission-absorption-physical",
    ],
    "model family (default emission-absorption)",
  ),
  nClouds: Flags.int("n-clouds", "number of clouds"),
  maxClouds: Flags.int("max-clouds", "optimize: largest number of clouds tried"),
};

const inference = <E, R>(
  name: string,
  description: string,
  run: (c: HiConfig) => Effect.Effect<void, E, R>,
  defaults: Readonly<Record<string, unknown>> = {},
) =>
  appCommand({
    name,
    description,
    config: HiConfig,
    defaults: { ...HI_DEFAULTS, out: `out/hi-spectra/${name}`, ...defaults },
    flags: inferenceFlags,
    pathFields: ["data", "out"],
    run,
  });

const simulate = appCommand({
  name: "simulate",
  description:
    "seed 000's simulated emission and absorption spectra → DIR/simulated.json and data plots",
  config: SimulateConfig,
  defaults: SIMULATE_DEFAULTS,
  flags: {
    out: standardFlags.out,
    seed: standardFlags.seed,
    noise: Flags.int("noise", "1: one Gaussian noise draw (default); 0: the noise-free spectra"),
  },
  pathFields: ["out"],
  run: runSimulate,
});

/** The command tree. */
export const app = Command.make("hi-spectra").pipe(
  Command.withDescription(
    "HI 21-cm emission/absorption spectra: caribou_hi's cloud models (seed 000)",
  ),
  Command.withSubcommands([
    simulate,
    inference(
      "run",
      "the whole seed-000 tutorial: simulate, ADVI, NUTS (8 chains), solve, summaries, BIC, plots",
      runRun,
    ),
    inference(
      "fit",
      "fit --n-clouds clouds to your spectra (--data) with NUTS, solve, summaries, BIC, plots",
      runFit,
      { priors: {} },
    ),
    inference(
      "bias",
      "the constant-column-density bias: fits with σ(log10 N_HI) null and 0.5 side by side",
      runBias,
    ),
    inference(
      "optimize",
      "BIC model selection over 1 … --max-clouds clouds (ADVI), NUTS on the best",
      runOptimize,
      { priors: {} },
    ),
  ]),
);

/** What `runMain` and `runCli` need besides the command. */
export const CLI_OPTIONS = {
  packageJson: new URL("../package.json", import.meta.url),
  program: "hi-spectra",
};

/** Runs the CLI on `argv`; resolves to the exit code (`io` redirects stdout/stderr). */
export const runCli = cliRunner(app, CLI_OPTIONS);
