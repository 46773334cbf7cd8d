/**
 * `npm run bench -w @sidereal/hi-physics`: each benchmark in its own Node process; each writes
 * `bench/results/<name>.json` at the repository root.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
let failed = false;
for (const name of ["gradient"]) {
  console.log(`\n=== bench ${name} ===`);
  const r = spawnSync(process.execPath, [join(here, `${name}.ts`)], { stdio: "inherit" });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
