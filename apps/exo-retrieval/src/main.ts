#!/usr/bin/env node
/** Entry point of the `exo-retrieval` bin (see cli.ts for the commands and flags). */
import { runMain } from "@sidereal/runtime";
import { app, PACKAGE_JSON } from "./cli.js";

runMain(app, { packageJson: PACKAGE_JSON, program: "exo-retrieval" });
