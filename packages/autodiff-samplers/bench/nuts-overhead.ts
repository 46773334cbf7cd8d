/**
 * NUTS overhead at M67's size (`node bench/nuts-overhead.ts`, after building the package): the
 * time a NUTS transition spends outside the potential at d = 4,304, per gradient evaluation,
 * against M67's gradient (0.30 ms, `bench/results/nuts.json`). The target is a cheap synthetic
 * potential, a Gaussian with scales spread over two decades, `U = ½ Σ (qᵢ/sᵢ)²`, with the
 * identity metric and a step size that gives M67's depth-8/9 trees; its own cost is measured
 * separately over the same number of calls and subtracted. Then the pieces of a transition are
 * timed alone (momentum draw, one leapfrog without the potential, a d-copy, a U-turn pass) so
 * the total can be read against them.
 *
 * Times are this process's CPU time (`process.cpuUsage`), not wall time, so that other
 * processes on a shared machine inflate them less (cache sharing still does); M67's gradient
 * is timed the same way in the same run and the ratio is the figure to read.
 *
 * Prints one JSON object; writes `bench/results/nuts-overhead.json` at the repository root
 * (not with `--no-write`).
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildMetric,
  initState,
  leapfrogInPlace,
  type MutableHMCState,
  nuts,
  type Potential,
} from "@sidereal/autodiff-samplers";
import { foldIn, key, split } from "@sidereal/distributions";
import { loadWasmBackend } from "@sidereal/tensor";
import { loadM67Bench } from "./m67.ts";

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, "../../../bench/results/nuts-overhead.json");
/** `--no-write`: print only (A/B runs of another build). */
const write = !process.argv.includes("--no-write");

const d = 4304;
/** M67's value-and-gradient, ms (bench/results/nuts.json, msPerGradient). */
const M67_GRADIENT_MS = 0.3025;
const precision = new Float64Array(d);
for (let i = 0; i < d; i++) precision[i] = Math.exp(-2 * Math.sin(i)); // scales e^{±1}
const gaussian: Potential = (q, g) => {
  let u = 0;
  for (let i = 0; i < d; i++) {
    const gi = precision[i] * q[i];
    g[i] = gi;
    u += gi * q[i];
  }
  return 0.5 * u;
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** CPU milliseconds used by this process so far. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Median CPU seconds per call of `f` over rounds. */
function perCall(f: () => void, reps: number, rounds = 7): number {
  for (let k = 0; k < reps; k++) f();
  const t: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = cpuMs();
    for (let k = 0; k < reps; k++) f();
    t.push((cpuMs() - t0) / 1000 / reps);
  }
  return median(t);
}

// ---- whole transitions
const q0 = new Float64Array(d);
for (let i = 0; i < d; i++) q0[i] = Math.cos(i) / Math.sqrt(precision[i]);
const s0 = initState(q0, gaussian);
const stepSize = Number(process.env.STEP_SIZE ?? 0.03);
const params = { stepSize, inverseMassMatrix: new Float64Array(d).fill(1) };
const kernel = nuts.buildKernel({ potential: gaussian });
// the transitions run in place on one state (stepInto), as sampleChain runs them
const state: MutableHMCState = { ...s0, position: s0.position.slice() };
const info = kernel.newInfo();
const k = key(0);
for (let i = 0; i < 20; i++) kernel.stepInto(foldIn(k, i), state, params, state, info);
const rounds: { perGradientUs: number; steps: number; depth: number }[] = [];
for (let r = 0; r < 5; r++) {
  let steps = 0;
  let depth = 0;
  const iters = 20;
  const t0 = cpuMs();
  for (let i = 0; i < iters; i++) {
    kernel.stepInto(foldIn(k, 1000 * (r + 1) + i), state, params, state, info);
    steps += info.numSteps;
    depth += info.treeDepth;
  }
  const t = (cpuMs() - t0) * 1e3;
  rounds.push({ perGradientUs: t / steps, steps: steps / iters, depth: depth / iters });
}
const transitionUsPerGradient = median(rounds.map((r) => r.perGradientUs));
const q = s0.position.slice();
const g = new Float64Array(d);
const potentialUs = perCall(() => gaussian(q, g), 5000) * 1e6;
const overheadUs = transitionUsPerGradient - potentialUs;

// ---- M67's gradient in the same run (the machine is shared: compare within one run): the JS
// path, then the WebAssembly path the seed's demo uses (`wasm: true`), loaded only after the
// JS timing because compiles pick the wasm backend once it is loaded.
let m67GradientUs: number | null = null;
let m67WasmGradientUs: number | null = null;
try {
  const { initializeModel } = await import("@sidereal/autodiff-samplers");
  const { clusterModel, data } = await loadM67Bench();
  const timeGradient = () => {
    const init = initializeModel(clusterModel, data, { key: key(0) });
    const qm = init.initialPosition;
    const gm = new Float64Array(qm.length);
    return perCall(() => init.potential(qm, gm), 300) * 1e6;
  };
  m67GradientUs = timeGradient();
  await loadWasmBackend();
  m67WasmGradientUs = timeGradient();
} catch (e) {
  console.error(`M67 gradient not timed (build @sidereal/gaia-distances first): ${e}`);
}

// ---- pieces
const metric = buildMetric(params.inverseMassMatrix, d);
const p = new Float64Array(d);
let c = 0;
const momentumUs = perCall(() => metric.sampleMomentum(foldIn(k, c++), p), 50) * 1e6;
const noPotential: Potential = (_q, gOut) => {
  gOut[0] = 0;
  return 0;
};
const z = { position: q.slice(), momentum: p.slice(), potentialEnergy: 0, potentialGrad: g };
const velocity = new Float64Array(d);
const leapfrogUs =
  perCall(() => leapfrogInPlace(noPotential, metric, z, 1e-9, velocity), 2000) * 1e6;
const a = new Float64Array(d);
const b = new Float64Array(d).fill(1);
const copyUs = perCall(() => a.set(b), 20000) * 1e6;
const dotUs =
  perCall(() => {
    let s = 0;
    for (let i = 0; i < d; i++) s += a[i] * b[i];
    c += s > 0 ? 1 : 0;
  }, 5000) * 1e6;
const keysUs = perCall(() => split(foldIn(k, c++), 2), 20000) * 1e6;

const out = {
  benchmark: "nuts-overhead",
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, node: process.version },
  note: "CPU time of this process on a 2-core machine shared by several sessions (contended)",
  loadAverage1m: loadavg()[0],
  dim: d,
  stepSize,
  meanTreeDepth: median(rounds.map((r) => r.depth)),
  meanStepsPerTransition: median(rounds.map((r) => r.steps)),
  transitionUsPerGradient,
  potentialUs,
  overheadUsPerGradient: overheadUs,
  overheadVsM67GradientIdle: overheadUs / (M67_GRADIENT_MS * 1e3),
  m67GradientUsSameRun: m67GradientUs,
  overheadVsM67GradientSameRun: m67GradientUs === null ? null : overheadUs / m67GradientUs,
  m67WasmGradientUsSameRun: m67WasmGradientUs,
  overheadVsM67WasmGradientSameRun:
    m67WasmGradientUs === null ? null : overheadUs / m67WasmGradientUs,
  pieces: {
    momentumDrawUsPerTransition: momentumUs,
    leapfrogWithoutPotentialUs: leapfrogUs,
    copyOfDUs: copyUs,
    dotOfDUs: dotUs,
    keySplitUs: keysUs,
  },
};
console.log(JSON.stringify(out, null, 2));
if (write) {
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(`${resultsFile}.tmp`, `${JSON.stringify(out, null, 2)}\n`);
  renameSync(`${resultsFile}.tmp`, resultsFile);
}
