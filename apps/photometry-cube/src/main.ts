#!/usr/bin/env node
/** Entry point of the `photometry-cube` bin (see cli.ts for the commands). */
import { runMain } from "@sidereal/runtime";
import { app, PACKAGE_JSON } from "./cli.js";

runMain(app, { packageJson: PACKAGE_JSON, program: "photometry-cube" });
