#!/usr/bin/env node
// The photometry cube on a real Effect Cluster (issue 22), run by `npm run validate -w
// @sidereal/photometry-cube`: a private PostgreSQL on 127.0.0.1 (packages/runtime/scripts/
// setup-postgres.sh, which installs Debian's postgresql when absent), three `sidereal-runner`
// processes on this machine loading the cube's shard task, then
//   1. `sim --runner cluster` (shards = 3 redshift slices × chunks) with one runner killed by
//      SIGKILL mid-job: the job completes, every shard has exactly one stored result, and the
//      cube equals the single-machine (`--runner local`) cube byte for byte;
//   2. the same command again into another folder: no shard runs again, same cube.
// Every wait is bounded; everything listens on 127.0.0.1 only; Postgres is stopped at the end.
//   node scripts/cluster-cube.mjs [N=1200] [SHARD_ROWS=100]
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { clusterHarness } from "../../../packages/runtime/scripts/cluster-harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const app = resolve(here, "..");
const bin = join(app, "bin/photometry-cube.js");
const N = Number(process.argv[2] ?? 1200);
const SHARD_ROWS = Number(process.argv[3] ?? 100);
const SLICES = 3;
const h = clusterHarness({
  tag: "cube",
  taskModule: join(app, "dist/cube-shards.js"),
  pgPort: Number(process.env.SIDEREAL_CUBE_PG_PORT ?? 54359),
  basePort: Number(process.env.SIDEREAL_CUBE_RUNNER_PORT ?? 34491),
});
const { log, tmp } = h;

/** Runs `photometry-cube sim`; resolves to { code, stderr }. */
const sim = (out, extra = [], timeoutMs = 900_000) =>
  h.runBin(
    bin,
    [
      "sim",
      "--n",
      String(N),
      "--workers",
      String(SLICES),
      "--seed",
      "5",
      "--out",
      join(tmp, out),
      ...extra,
    ],
    timeoutMs,
  );
const withUrl = () => [
  "--runner",
  "cluster",
  "--storage",
  h.url,
  "--shard-rows",
  String(SHARD_ROWS),
];
const cube = (out) => {
  const f = readdirSync(join(tmp, out)).find((x) => x.endsWith(".hdf5"));
  return readFileSync(join(tmp, out, f));
};

await h.run(async () => {
  h.startPostgres();
  const local = await sim("local", ["--quiet"]);
  h.check(
    local.code === 0,
    `single-machine reference (--runner local) ${local.stderr.slice(-300)}`,
  );
  const reference = cube("local");
  const perSlice = Math.ceil(N / SLICES);
  const shards = SLICES * Math.ceil(perSlice / SHARD_ROWS);

  // 1. kill -9 a runner mid-job
  h.startRunners();
  const t0 = performance.now();
  const job = sim("killed", [...withUrl(), "--quiet"]);
  await h.killBusiestRunner(2, 600_000, shards);
  const r1 = await job;
  const seconds = (performance.now() - t0) / 1000;
  h.check(
    r1.code === 0,
    `the job completes after the kill (exit ${r1.code}, ${seconds.toFixed(1)} s) ${r1.code === 0 ? "" : r1.stderr.slice(-400)}`,
  );
  if (r1.code === 0) {
    const id = h.psql("select job_id from sidereal_shard_results group by job_id");
    const rows = h.scalar(`select count(*) from sidereal_shard_results where job_id = '${id}'`);
    const distinct = h.scalar(
      `select count(distinct shard) from sidereal_shard_results where job_id = '${id}'`,
    );
    h.check(
      rows === shards && distinct === shards,
      `every shard stored exactly once (${rows} rows, ${distinct} shards of ${shards})`,
    );
    const twice = h.psql(
      `select shard, count(*) from sidereal_shard_runs where job_id = '${id}' group by shard having count(*) > 1`,
    );
    log(
      `shards executed more than once (result still written once): ${twice === "" ? "none" : twice.replace(/\n/g, "; ")}`,
    );
    log(
      `results by runner: ${h.psql(`select runner, count(*) from sidereal_shard_results where job_id = '${id}' group by runner order by runner`).replace(/\n/g, "; ")}`,
    );
    h.check(
      Buffer.compare(cube("killed"), reference) === 0,
      "the cube equals the single-machine cube byte for byte",
    );

    // 2. the same job again: everything is stored, nothing runs
    const runsBefore = h.scalar(`select count(*) from sidereal_shard_runs where job_id = '${id}'`);
    const r2 = await sim("again", [...withUrl(), "--quiet"]);
    const runsAfter = h.scalar(`select count(*) from sidereal_shard_runs where job_id = '${id}'`);
    h.check(
      r2.code === 0 && runsAfter === runsBefore,
      `a second submission runs no shard (${runsAfter - runsBefore} runs)`,
    );
    if (r2.code === 0)
      h.check(Buffer.compare(cube("again"), reference) === 0, "and writes the same cube");
  }
}, "all cluster checks passed");
