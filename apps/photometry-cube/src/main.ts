#!/usr/bin/env node
/** Entry point of the `photometry-cube` bin (see cli.ts for the commands). */
import { runMain } from "@sidereal/runtime";
import { app, CLI_OPTIONS } from "./cli.js";

runMain(app, CLI_OPTIONS);
