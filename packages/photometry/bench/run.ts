/**
 * `npm run bench -w @sidereal/photometry`: forwardBatch throughput on one core (this process,
 * one thread) for agnfinder's 9-D galaxy + AGN model on the DES (7 bands, the seed's default)
 * and Euclid (8 bands) filter sets, and for the AGN-only model, on θ drawn uniformly from the
 * seed's FreeParams hypercube (seed 0). Also the bytes per sample of a cube row
 * (theta + normalised_theta + simulated_y, float64: 8·(9 + 9 + F)).
 * Writes `bench/results/photometry-forward.json` (repository root) with the machine and date
 * (`photometry.json` is left to the cube app's end-to-end benchmark). Rates are given per
 * wall-clock second and per CPU second of this process (the latter is steadier when other
 * processes share the cores).
 *
 * Run with Node >= 22.18 (type stripping) after `npx turbo run build --filter=@sidereal/photometry...`.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { key } from "@sidereal/distributions";
import {
  agnfinderForwardModel,
  defaultFreeParams,
  denormaliseTheta,
  FILTER_SETS,
  type ForwardModel,
  loadModelData,
  uniformRows,
} from "@sidereal/photometry";
import { Effect } from "effect";

const N = Number(process.env.PHOTOMETRY_BENCH_N ?? 2000);
const fp = defaultFreeParams();
const thetas = denormaliseTheta(fp, uniformRows(key(0), 0, N, 9));
const data = Effect.runSync(loadModelData());

function rate(model: ForwardModel): {
  samplesPerSecond: number;
  samplesPerCpuSecond: number;
  msPerSample: number;
} {
  model.forwardBatch(thetas.subarray(0, 9 * 50)); // warm-up (JIT, lazily built tables)
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  model.forwardBatch(thetas);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    samplesPerSecond: N / s,
    samplesPerCpuSecond: N / cpuSeconds,
    msPerSample: (1000 * s) / N,
  };
}

const results: Record<string, unknown> = {};
for (const set of ["DES", "Euclid"] as const) {
  const full = Effect.runSync(agnfinderForwardModel({ data, filterNames: FILTER_SETS[set] }));
  const agnOnly = Effect.runSync(
    agnfinderForwardModel({ data, filterNames: FILTER_SETS[set], agnOnly: true }),
  );
  const F = full.bands.length;
  results[set] = {
    bands: F,
    bytesPerSample: 8 * (9 + 9 + F),
    galaxyPlusAgn: rate(full),
    agnOnly: rate(agnOnly),
  };
  console.log(set, JSON.stringify(results[set]));
}

const out = {
  package: "@sidereal/photometry",
  date: new Date().toISOString(),
  machine: {
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform}-${process.arch}`,
  },
  workload: `${N} θ uniform on the seed's FreeParams hypercube (seed 0), forwardBatch on one thread`,
  results,
  reference:
    "No sourced Prospector + FSPS samples/s figure for agnfinder's model is available here; the comparison is left to the cube app.",
};
const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const file = join(root, "bench/results/photometry-forward.json");
mkdirSync(dirname(file), { recursive: true });
writeFileSync(`${file}.tmp`, `${JSON.stringify(out, null, 2)}\n`);
renameSync(`${file}.tmp`, file);
console.log(`wrote ${file}`);
