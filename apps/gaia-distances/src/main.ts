#!/usr/bin/env node
/** Entry point of the `gaia-distances` bin (see cli.ts for the commands and flags). */
import { runCli } from "./cli.js";

process.exitCode = await runCli(process.argv.slice(2));
