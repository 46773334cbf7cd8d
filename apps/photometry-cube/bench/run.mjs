// Benchmark of `photometry-cube sim` (issue 20): a cube of 10^5 samples with 2 workers, through
// the built bin, timed by the run itself (summary.json) and by /usr/bin/time (peak memory of
// the main process). Writes bench/results/photometry.json (repository root). Usage: node bench/run.mjs [N] [P]
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const n = Number(process.argv[2] ?? 100_000);
const workers = Number(process.argv[3] ?? 2);
const bin = fileURLToPath(new URL("../bin/photometry-cube.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "photometry-cube-bench-"));
const out = join(dir, "cube");
const loadBefore = loadavg();
const args = [
  bin,
  "sim",
  "--n",
  String(n),
  "--workers",
  String(workers),
  "--seed",
  "1",
  "--out",
  out,
  "--quiet",
];
const timed = existsSync("/usr/bin/time");
const t0 = performance.now();
const r = timed
  ? spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...args], { encoding: "utf8" })
  : spawnSync(process.execPath, args, { encoding: "utf8" });
const wall = (performance.now() - t0) / 1000;
if (r.status !== 0) {
  console.error(r.stderr);
  process.exit(1);
}
const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
const maxRssKiB = timed ? Number(r.stderr.trim().split("\n").at(-1)) : null;
let h5py = null;
try {
  h5py = execFileSync("/usr/bin/python3", ["-c", "import h5py; print(h5py.__version__)"], {
    encoding: "utf8",
  }).trim();
} catch {}
rmSync(dir, { recursive: true, force: true });
const result = {
  command: `photometry-cube sim --n ${n} --workers ${workers} --seed 1 --quiet`,
  samples: n,
  workers,
  filters: summary.filters,
  bytesPerSample: summary.bytesPerSample,
  simulateSeconds: summary.simulateSeconds,
  samplesPerSecond: summary.samplesPerSecond,
  samplesPerSecondPerWorker: summary.samplesPerSecond / workers,
  combineSeconds: summary.combineSeconds,
  wallSeconds: wall,
  mainProcessPeakRssMiB: maxRssKiB === null ? null : maxRssKiB / 1024,
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadavg(),
  },
  note: "measured on a shared 2-core machine under heavy contention from other jobs (load average above); rates on an idle machine are higher",
  h5pyVersion: h5py,
  reference: {
    figure:
      "0.004 s per Prospector likelihood call (10-band photometry, no nebular or dust emission, MacBook Pro) = 250 samples/s per core",
    source:
      "Prospector documentation, FAQ 'How long will it take to fit my data?' (https://prospect.readthedocs.io/en/stable/faq.html)",
    caveat:
      "neither the agnfinder spec (../shared/research/agnfinder.md) nor seed 003 gives agnfinder's own simulation rate; agnfinder's model adds dust emission and the AGN terms, so its Prospector+FSPS rate per core is at most this figure",
    perCoreRatio: summary.samplesPerSecond / workers / 250,
  },
};
mkdirSync(new URL("../../../bench/results/", import.meta.url), { recursive: true });
const resultsFile = new URL("../../../bench/results/photometry.json", import.meta.url);
// the 10^6-sample measurement (`cube1e6`, taken by hand: see the README) is kept
const previous = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")) : {};
writeFileSync(
  resultsFile,
  `${JSON.stringify({ ...result, ...(previous.cube1e6 ? { cube1e6: previous.cube1e6 } : {}) }, null, 2)}\n`,
);
console.log(JSON.stringify(result, null, 2));
