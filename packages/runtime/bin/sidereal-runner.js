#!/usr/bin/env node
// The `sidereal-runner` command (one Effect Cluster runner; see dist/jobs/runnerMain.js).
// A committed launcher: npm links a bin only when its file exists at install time.
import { existsSync } from "node:fs";

const entry = new URL("../dist/jobs/runnerMain.js", import.meta.url);
if (!existsSync(entry)) {
  console.error(
    "sidereal-runner: @sidereal/runtime is not built yet; run `npm run build` at the repository root",
  );
  process.exit(1);
}
const { runnerMain } = await import(entry.href);
runnerMain(process.argv.slice(2));
