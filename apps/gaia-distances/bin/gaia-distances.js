#!/usr/bin/env node
// The `gaia-distances` command. npm links a bin only when its file exists at install time, and
// dist/ is built after `npm ci`; this committed launcher is always there and loads the
// built program.
import { existsSync } from "node:fs";
import { enableCompileCache } from "node:module";

// V8's code cache on disk (Node ≥ 22.1): a command loads some thousand modules, and reusing
// their compiled code cuts start-up by about a fifth; Node turns it off by itself where the
// cache folder cannot be written.
enableCompileCache?.();

const main = new URL("../dist/main.js", import.meta.url);
if (!existsSync(main)) {
  console.error(
    "gaia-distances: the app is not built yet; run `npm run build` at the repository root",
  );
  process.exit(1);
}
await import(main.href);
