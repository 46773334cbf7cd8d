/**
 * The `photometry-cube` command line (seed 003, agnfinder's simulator): `sim`, `forward`,
 * `inspect`, built on @sidereal/runtime (`--help`, `--version`, `--config`, one-line errors,
 * exit codes 2/1/130). A bare `photometry-cube` prints the help.
 */
import { cliRunner } from "@sidereal/runtime";
import { Command } from "effect/cli";
import { calibrateCommand } from "./calibrate.js";
import { compareCommand } from "./compare.js";
import { forward } from "./forward.js";
import { inspect } from "./inspect.js";
import { posteriorCommand } from "./posterior.js";
import { recalibrateCommand } from "./recalibrate.js";
import { sim } from "./sim.js";
import { trainCommand } from "./train.js";

export const app = Command.make("photometry-cube").pipe(
  Command.withDescription(
    "Seed 003 (agnfinder): simulation cubes of galaxy + AGN photometry, forward-model runs, cube inspection",
  ),
  Command.withSubcommands([
    sim,
    forward,
    inspect,
    trainCommand,
    posteriorCommand,
    recalibrateCommand,
    calibrateCommand,
    compareCommand,
  ]),
);

export const PACKAGE_JSON = new URL("../package.json", import.meta.url);

/** What `runMain` and `runCli` need besides the command. */
export const CLI_OPTIONS = { packageJson: PACKAGE_JSON, program: "photometry-cube" };

/** Runs the CLI on `argv` (without `node main.js`); resolves to the exit code. */
export const runCli = cliRunner(app, CLI_OPTIONS);
