/**
 * `npm run bench` for exo-retrieval: SVI steps per second for the MVN and BNAF guides on the
 * seed's model (3500-point grid, 100 layers, 650 observed points), compile time (the first
 * update) apart, against the seed's printed 107.8 it/s (MVN) and 142.2 it/s (BNAF) (its
 * machine is not named; its figures include JAX's compile time). Adds an `svi` entry to
 * `bench/results/exo.json` (repository root). Run: `node apps/exo-retrieval/bench/svi.ts [steps]`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { adam, svi } from "@sidereal/autodiff-samplers";
import { key, normal } from "@sidereal/distributions";
import {
  exoModel,
  forwardModel,
  makeGuide,
  SEED_MODEL,
  truthSpectrum,
} from "@sidereal/exo-retrieval";

const steps = Number(process.argv[2] ?? 20);
const fm = forwardModel(SEED_MODEL);
const mu = truthSpectrum(fm);
const eps = normal(key(0), [mu.length]) as Float64Array;
const spectrum = mu.map((m, i) => m + 500 * eps[i]);
const data = { settings: SEED_MODEL, spectrum };

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const results: Record<string, unknown> = {};
for (const [name, seedRate] of [
  ["mvn", 107.8],
  ["bnaf", 142.2],
] as const) {
  const driver = svi(exoModel, makeGuide(name), adam(0.01));
  const c0 = cpuMs();
  const w0 = performance.now();
  let state = driver.init(key(1), data);
  [state] = driver.update(state, data);
  const compileCpuMs = cpuMs() - c0;
  const compileWallMs = performance.now() - w0;
  const c1 = cpuMs();
  const w1 = performance.now();
  for (let s = 0; s < steps; s++) [state] = driver.update(state, data);
  const cpuPerStep = (cpuMs() - c1) / steps;
  const wallPerStep = (performance.now() - w1) / steps;
  results[name] = {
    steps,
    compileCpuMs,
    compileWallMs,
    stepsPerSecondCpu: 1000 / cpuPerStep,
    stepsPerSecondWall: 1000 / wallPerStep,
    seedItPerSecond: seedRate,
    metCpu: 1000 / cpuPerStep >= seedRate,
  };
  process.stdout.write(`${name}: ${JSON.stringify(results[name])}\n`);
}

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "../../../bench/results");
mkdirSync(outDir, { recursive: true });
const file = join(outDir, "exo.json");
const base = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
base.svi = {
  date: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    loadAverage1m: loadavg()[0],
  },
  note: "stepsPerSecondCpu = 1 / (process CPU time per step), compile (first update) apart; the machine is shared, wall rates are contended",
  ...results,
};
writeFileSync(`${file}.tmp`, `${JSON.stringify(base, null, 2)}\n`);
renameSync(`${file}.tmp`, file);
