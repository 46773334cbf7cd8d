#!/usr/bin/env node
// The `sidereal` command (`sidereal verify DIR`). A committed launcher: npm links a bin only
// when its file exists at install time, and dist/ is built afterwards.
import { existsSync } from "node:fs";

const entry = new URL("../dist/verify.js", import.meta.url);
if (!existsSync(entry)) {
  console.error(
    "sidereal: @sidereal/runtime is not built yet; run `npm run build` at the repository root",
  );
  process.exit(1);
}
const { verifyCli } = await import(entry.href);
process.exitCode = verifyCli(process.argv.slice(2));
