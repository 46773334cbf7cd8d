/**
 * `npm run bench -w @sidereal/autodiff-samplers`: runs each benchmark of this package in its own
 * Node process (so one benchmark's JIT state and garbage do not colour the next) and lets each
 * write its `bench/results/<name>.json` at the repository root. Pass names to run a subset:
 * `node bench/run.ts nuts`.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const all = ["nuts", "vi"];
const requested = process.argv.slice(2);
const names = requested.length > 0 ? requested : all;

let failed = false;
for (const name of names) {
  const file = join(here, `${name}.ts`);
  if (!existsSync(file)) {
    console.error(`bench: no benchmark named "${name}" (expected ${file})`);
    failed = true;
    continue;
  }
  console.log(`\n=== bench ${name} ===`);
  const result = spawnSync(process.execPath, [file], { stdio: "inherit" });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
