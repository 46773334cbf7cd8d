#!/usr/bin/env node
/** Entry point of the `exo-retrieval` bin (see cli.ts for the commands and flags). */
import { runMain } from "@sidereal/runtime";
import { app, CLI_OPTIONS } from "./cli.js";

runMain(app, CLI_OPTIONS);
