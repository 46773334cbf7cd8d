#!/usr/bin/env node
// The `exo-rt` command (`exo-rt reference --case NAME --out FILE.csv`). A committed launcher:
// npm links a bin only when its file exists at install time, and dist/ is built afterwards.
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  console.error(
    "exo-rt: @sidereal/exo-rt is not built yet; run `npm run build` at the repository root",
  );
  process.exit(1);
}
await import(entry.href);
