#!/usr/bin/env node
// The local runner in one thread vs in worker threads (issue 22): `catalogue --runner local`
// with --workers 1 and --workers 2 on a synthetic table, runs interleaved (1, 2, 1, 2, …) so
// that a change of the machine's load hits both alike; stars/s from wall time (the command's
// own timing: runner ready → last result) and the process's CPU seconds (GNU time, when
// present). Adds an entry to `localWorkers` of bench/results/scaleout.json (replacing one of
// the same stars and shard size), keeping the file's other entries.
//   node scripts/bench-local-workers.mjs [STARS=20000] [SHARD_SIZE=1000] [REPEATS=3]
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const app = resolve(here, "..");
const bin = join(app, "bin/gaia-distances.js");
const results = join(app, "../../bench/results/scaleout.json");
const STARS = Number(process.argv[2] ?? 20000);
const SHARD = Number(process.argv[3] ?? 1000);
const REPEATS = Number(process.argv[4] ?? 3);
const gnuTime = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const tmp = mkdtempSync("/tmp/sidereal-bench-local-");

const run = (workers, k) => {
  const args = [
    bin,
    "catalogue",
    "--data",
    join(tmp, "cat.fits"),
    "--out",
    join(tmp, `w${workers}-${k}`),
  ];
  args.push("--shard-size", String(SHARD), "--workers", String(workers), "--quiet");
  const r = gnuTime
    ? spawnSync(gnuTime, ["-f", "CPU %U %S", process.execPath, ...args], { encoding: "utf8" })
    : spawnSync(process.execPath, args, { encoding: "utf8" });
  const m = /: ([0-9.]+) s, ([0-9]+) stars\/s/.exec(r.stdout);
  if (r.status !== 0 || !m) throw new Error(`catalogue exited ${r.status}: ${r.stdout}${r.stderr}`);
  const cpu = /CPU ([0-9.]+) ([0-9.]+)/.exec(r.stderr);
  return {
    seconds: Number(m[1]),
    starsPerSecond: Number(m[2]),
    cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : null,
    csv: readFileSync(join(tmp, `w${workers}-${k}`, "distances.csv")),
  };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  execFileSync(process.execPath, [
    join(here, "synthetic-catalogue.mjs"),
    String(STARS),
    join(tmp, "cat.fits"),
    "11",
  ]);
  const load = [loadavg()[0]];
  const runs = { 1: [], 2: [] };
  for (let k = 0; k < REPEATS; k++)
    for (const w of [1, 2]) {
      runs[w].push(run(w, k));
      load.push(loadavg()[0]);
    }
  const identical = [...runs[1], ...runs[2]].every((r) => r.csv.equals(runs[1][0].csv));
  const summary = (w) => ({
    workers: w,
    starsPerSecond: median(runs[w].map((r) => r.starsPerSecond)),
    runs: runs[w].map(({ seconds, starsPerSecond, cpuSeconds }) => ({
      seconds,
      starsPerSecond,
      cpuSeconds,
    })),
  });
  const entry = {
    date: new Date().toISOString(),
    machine: `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}`,
    stars: STARS,
    shardSize: SHARD,
    loadAverage1min: { min: Math.min(...load), max: Math.max(...load) },
    sequential: summary(1),
    parallel2Workers: summary(2),
    speedup:
      median(runs[2].map((r) => r.starsPerSecond)) / median(runs[1].map((r) => r.starsPerSecond)),
    outputsIdentical: identical,
    // what the lanes cost beyond the shards' own work: each worker imports the task's module
    // (≈ 0.6 s of CPU for gaia's, which pulls in @sidereal/parallax), reads the table and warms its JIT
    extraCpuSecondsPerWorker: gnuTime
      ? (median(runs[2].map((r) => r.cpuSeconds)) - median(runs[1].map((r) => r.cpuSeconds))) / 2
      : null,
    note: "catalogue --runner local with --workers 1 (every shard in the main thread) and --workers 2 (two lanes of shards in worker threads through runTasks); median of the interleaved runs; wall-time stars/s from the runner being ready to the last result; cpuSeconds is the whole process's user + system time (GNU time). With the machine loaded by other jobs the 2-worker speed-up is bounded by the cores left free, not by the runner",
  };
  const all = existsSync(results) ? JSON.parse(readFileSync(results, "utf8")) : {};
  // one entry per (stars, shard size): a small table shows the workers' start-up cost, a large one the speed-up
  const earlier = Array.isArray(all.localWorkers)
    ? all.localWorkers
    : all.localWorkers === undefined
      ? []
      : [all.localWorkers];
  all.localWorkers = [
    ...earlier.filter((e) => !(e.stars === STARS && e.shardSize === SHARD)),
    entry,
  ];
  writeFileSync(results, `${JSON.stringify(all, null, 2)}\n`);
  console.log(JSON.stringify(entry, null, 2));
  if (!identical) process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
