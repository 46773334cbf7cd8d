#!/usr/bin/env node
// The fault test of the cluster JobRunner (issue 22), run by `npm run validate`:
// a private PostgreSQL on 127.0.0.1 (packages/runtime/scripts/setup-postgres.sh, which installs
// Debian's postgresql when absent), three `sidereal-runner` processes on this machine and a
// synthetic catalogue, then
//   1. a runner is killed with SIGKILL mid-job: the job completes, each shard has exactly one
//      stored result and distances.csv equals the single-machine (--runner local) file byte
//      for byte (numbers are written in shortest round-trip form, so bit for bit);
//   2. Postgres is restarted mid-job: runners reconnect, the job completes, same output;
//   3. shard 3 fails on every attempt (runners started with the fault-injection test layer,
//      --fail-shard 3): the job ends with ShardFailed naming shard 3, every other shard's result
//      is stored; a rerun with healthy runners computes only shard 3, same output.
// Every wait is bounded; everything listens on 127.0.0.1 only; Postgres is stopped at the end.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { clusterHarness } from "../../../packages/runtime/scripts/cluster-harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const app = resolve(here, "..");
const bin = join(app, "bin/gaia-distances.js");
const STARS = Number(process.env.SIDEREAL_FAULTS_STARS ?? 40000);
const h = clusterHarness({
  tag: "faults",
  taskModule: join(app, "dist/catalogue/task.js"),
  pgPort: Number(process.env.SIDEREAL_FAULTS_PG_PORT ?? 54339),
  basePort: Number(process.env.SIDEREAL_FAULTS_RUNNER_PORT ?? 34461),
});
const { log, tmp } = h;

/** Runs the catalogue command; resolves to { code, stderr }. */
const catalogue = (args, timeoutMs = 600_000) => h.runBin(bin, ["catalogue", ...args], timeoutMs);
const clusterArgs = (out, shardSize) => [
  "--data",
  join(tmp, "cat.fits"),
  "--out",
  join(tmp, out),
  "--runner",
  "cluster",
  "--storage",
  h.url,
  "--shard-size",
  String(shardSize),
];
const meta = (out) => JSON.parse(readFileSync(join(tmp, out, "meta.json"), "utf8"));
const csv = (out) => readFileSync(join(tmp, out, "distances.csv"));

await h.run(async () => {
  h.startPostgres();
  execFileSync(process.execPath, [
    join(here, "synthetic-catalogue.mjs"),
    String(STARS),
    join(tmp, "cat.fits"),
    "7",
  ]);
  const local = await catalogue(["--data", join(tmp, "cat.fits"), "--out", join(tmp, "local")]);
  h.check(local.code === 0, "single-machine reference (--runner local)");
  const reference = csv("local");

  // 1. kill -9 a runner mid-job
  h.startRunners();
  const job1 = catalogue(clusterArgs("killed", 500));
  const shards1 = Math.ceil(STARS / 500);
  await h.killBusiestRunner(5, 300_000, shards1);
  const r1 = await job1;
  h.check(
    r1.code === 0,
    `job completes after the kill (exit ${r1.code}) ${r1.code === 0 ? "" : r1.stderr.slice(-400)}`,
  );
  if (r1.code === 0) {
    const id = meta("killed").jobId;
    const rows = h.scalar(`select count(*) from sidereal_shard_results where job_id = '${id}'`);
    const distinct = h.scalar(
      `select count(distinct shard) from sidereal_shard_results where job_id = '${id}'`,
    );
    h.check(
      rows === shards1 && distinct === shards1,
      `every shard stored exactly once (${rows} rows, ${distinct} shards of ${shards1})`,
    );
    const runs = h.psql(
      `select shard, count(*) from sidereal_shard_runs where job_id = '${id}' group by shard having count(*) > 1`,
    );
    log(
      `shards executed more than once (result still written once): ${runs === "" ? "none" : runs.replace(/\n/g, "; ")}`,
    );
    const byRunner = h.psql(
      `select runner, count(*) from sidereal_shard_results where job_id = '${id}' group by runner order by runner`,
    );
    log(`results by runner: ${byRunner.replace(/\n/g, "; ")}`);
    h.check(
      Buffer.compare(csv("killed"), reference) === 0,
      "output equals the single-machine result byte for byte",
    );
  }

  // 2. Postgres restarted mid-job (runner-vi restarted first so three runners run again)
  await h.stopRunners();
  h.startRunners();
  const job2 = catalogue(clusterArgs("pg-restart", 400));
  await h.waitFor(
    () =>
      h.scalar(
        "select count(*) from sidereal_shard_results where job_id not in (select job_id from sidereal_shard_results group by job_id having count(*) = " +
          shards1 +
          ")",
      ) >= 5,
    300_000,
    "first results of job 2",
  );
  log("restarting postgres (down for 2 s)");
  h.restartPostgres();
  const r2 = await job2;
  h.check(
    r2.code === 0,
    `job completes after the Postgres restart (exit ${r2.code}) ${r2.code === 0 ? "" : r2.stderr.slice(-400)}`,
  );
  if (r2.code === 0)
    h.check(
      Buffer.compare(csv("pg-restart"), reference) === 0,
      "output equals the single-machine result byte for byte",
    );

  // 3. a shard that fails every time, then a rerun without the fault
  await h.stopRunners();
  h.startRunners(["--fail-shard", "3"]);
  const shards3 = Math.ceil(STARS / 1000);
  const r3 = await catalogue(clusterArgs("failing", 1000));
  h.check(
    r3.code !== 0 && /ShardFailed|shard 3 failed/.test(r3.stderr),
    `job fails with ShardFailed naming shard 3 (exit ${r3.code}): ${r3.stderr.trim().split("\n").pop()}`,
  );
  const stored = h.psql(
    "select job_id, count(*) from sidereal_shard_results group by job_id having count(*) = " +
      (shards3 - 1),
  );
  h.check(stored !== "", `the other ${shards3 - 1} shards' results are kept (${stored})`);
  const id3 = stored.split("|")[0];
  const has3 = h.scalar(
    `select count(*) from sidereal_shard_results where job_id = '${id3}' and shard = 3`,
  );
  h.check(has3 === 0, "shard 3 has no result");
  const runsBefore = h.psql(
    `select shard, count(*) from sidereal_shard_runs where job_id = '${id3}' group by shard order by shard`,
  );
  await h.stopRunners();
  h.startRunners();
  const r4 = await catalogue(clusterArgs("failing", 1000));
  h.check(r4.code === 0, `rerun without the fault completes (exit ${r4.code})`);
  const runsAfter = h.psql(
    `select shard, count(*) from sidereal_shard_runs where job_id = '${id3}' group by shard order by shard`,
  );
  const before = new Map(
    runsBefore
      .split("\n")
      .filter(Boolean)
      .map((l) => l.split("|").map(Number)),
  );
  const after = new Map(
    runsAfter
      .split("\n")
      .filter(Boolean)
      .map((l) => l.split("|").map(Number)),
  );
  const recomputed = [...after].filter(([s, c]) => c !== (before.get(s) ?? 0)).map(([s]) => s);
  h.check(
    recomputed.length === 1 && recomputed[0] === 3,
    `the rerun computed only the missing shard (recomputed: ${recomputed.join(", ")})`,
  );
  if (r4.code === 0)
    h.check(
      Buffer.compare(csv("failing"), reference) === 0,
      "output equals the single-machine result byte for byte",
    );
}, "all fault checks passed");
