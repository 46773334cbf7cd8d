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
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const app = resolve(here, "..");
const bin = join(app, "bin/photometry-cube.js");
const runtime = resolve(app, "../../packages/runtime");
const runnerBin = join(runtime, "bin/sidereal-runner.js");
const setupPg = join(runtime, "scripts/setup-postgres.sh");
const taskModule = join(app, "dist/cube-shards.js");
const N = Number(process.argv[2] ?? 1200);
const SHARD_ROWS = Number(process.argv[3] ?? 100);
const SLICES = 3;
const PG_PORT = Number(process.env.SIDEREAL_CUBE_PG_PORT ?? 54359);
const BASE_PORT = Number(process.env.SIDEREAL_CUBE_RUNNER_PORT ?? 34491);

const tmp = mkdtempSync("/tmp/sidereal-cube-cluster-");
chmodSync(tmp, 0o755);
const pgDir = join(tmp, "pg");
const log = (...a) => console.log(`[cube ${new Date().toISOString().slice(11, 19)}]`, ...a);
let failures = 0;
const check = (ok, what) => {
  log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let url = "";
const psql = (q) =>
  execFileSync("psql", ["-At", "-v", "ON_ERROR_STOP=1", url, "-c", q], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"], // polls before the tables exist fail quietly
  }).trim();
const scalar = (q) => {
  try {
    return Number(psql(q));
  } catch {
    return Number.NaN;
  }
};

let runners = [];
const startRunners = () => {
  runners = Array.from({ length: 3 }, (_, i) =>
    spawn(
      process.execPath,
      [
        runnerBin,
        "--storage",
        url,
        "--port",
        String(BASE_PORT + i),
        "--name",
        `runner-${i}`,
        "--tasks",
        taskModule,
      ],
      { stdio: ["ignore", "ignore", "inherit"] },
    ),
  );
};
const stopRunners = async () => {
  for (const r of runners) if (r.exitCode === null && r.signalCode === null) r.kill("SIGTERM");
  for (const r of runners)
    for (let k = 0; k < 100 && r.exitCode === null && r.signalCode === null; k++) await sleep(100);
  for (const r of runners) if (r.exitCode === null && r.signalCode === null) r.kill("SIGKILL");
  runners = [];
};

/** Runs `photometry-cube sim`; resolves to { code, stderr }. */
const sim = (out, extra = [], timeoutMs = 900_000) =>
  new Promise((done) => {
    const args = [
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
    ];
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stdout.on("data", (d) => process.stdout.write(d));
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? signal, stderr });
    });
  });
const clusterArgs = ["--runner", "cluster", "--storage", "", "--shard-rows", String(SHARD_ROWS)];
const withUrl = () => clusterArgs.map((a) => (a === "" ? url : a));
const cube = (out) => {
  const f = readdirSync(join(tmp, out)).find((x) => x.endsWith(".hdf5"));
  return readFileSync(join(tmp, out, f));
};
const waitFor = async (pred, timeoutMs, what) => {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (pred()) return true;
    await sleep(100);
  }
  log(`timed out waiting for ${what}`);
  return false;
};

try {
  url = execFileSync("bash", [setupPg, "start", pgDir, String(PG_PORT)], {
    encoding: "utf8",
  }).trim();
  log(`postgres at ${url}`);
  const local = await sim("local", ["--quiet"]);
  check(local.code === 0, `single-machine reference (--runner local) ${local.stderr.slice(-300)}`);
  const reference = cube("local");
  const perSlice = Math.ceil(N / SLICES);
  const shards = SLICES * Math.ceil(perSlice / SHARD_ROWS);

  // 1. kill -9 a runner mid-job
  startRunners();
  const t0 = performance.now();
  const job = sim("killed", [...withUrl(), "--quiet"]);
  await waitFor(
    () => scalar("select count(*) from sidereal_shard_results") >= 2,
    600_000,
    "first results",
  );
  const victim = psql(
    "select runner from sidereal_shard_runs group by runner order by count(*) desc limit 1",
  );
  const vi = Number(victim.replace("runner-", ""));
  const doneAtKill = scalar("select count(*) from sidereal_shard_results");
  runners[vi].kill("SIGKILL");
  log(`killed ${victim} (SIGKILL) with ${doneAtKill}/${shards} shards done`);
  const r1 = await job;
  const seconds = (performance.now() - t0) / 1000;
  check(
    r1.code === 0,
    `the job completes after the kill (exit ${r1.code}, ${seconds.toFixed(1)} s) ${r1.code === 0 ? "" : r1.stderr.slice(-400)}`,
  );
  if (r1.code === 0) {
    const id = psql("select job_id from sidereal_shard_results group by job_id");
    const rows = scalar(`select count(*) from sidereal_shard_results where job_id = '${id}'`);
    const distinct = scalar(
      `select count(distinct shard) from sidereal_shard_results where job_id = '${id}'`,
    );
    check(
      rows === shards && distinct === shards,
      `every shard stored exactly once (${rows} rows, ${distinct} shards of ${shards})`,
    );
    const twice = psql(
      `select shard, count(*) from sidereal_shard_runs where job_id = '${id}' group by shard having count(*) > 1`,
    );
    log(
      `shards executed more than once (result still written once): ${twice === "" ? "none" : twice.replace(/\n/g, "; ")}`,
    );
    log(
      `results by runner: ${psql(`select runner, count(*) from sidereal_shard_results where job_id = '${id}' group by runner order by runner`).replace(/\n/g, "; ")}`,
    );
    check(
      Buffer.compare(cube("killed"), reference) === 0,
      "the cube equals the single-machine cube byte for byte",
    );

    // 2. the same job again: everything is stored, nothing runs
    const runsBefore = scalar(`select count(*) from sidereal_shard_runs where job_id = '${id}'`);
    const r2 = await sim("again", [...withUrl(), "--quiet"]);
    const runsAfter = scalar(`select count(*) from sidereal_shard_runs where job_id = '${id}'`);
    check(
      r2.code === 0 && runsAfter === runsBefore,
      `a second submission runs no shard (${runsAfter - runsBefore} runs)`,
    );
    if (r2.code === 0)
      check(Buffer.compare(cube("again"), reference) === 0, "and writes the same cube");
  }
} catch (e) {
  failures++;
  log(`FAIL ${e instanceof Error ? e.message : String(e)}`);
} finally {
  await stopRunners();
  try {
    execFileSync("bash", [setupPg, "stop", pgDir]);
  } catch {}
  if (failures === 0) rmSync(tmp, { recursive: true, force: true });
  else log(`kept ${tmp} for inspection`);
}
log(failures === 0 ? "all cluster checks passed" : `${failures} check(s) failed`);
process.exitCode = failures === 0 ? 0 : 1;
