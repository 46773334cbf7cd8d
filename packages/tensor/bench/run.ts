/**
 * `npm run bench` for @sidereal/tensor: the three measurements of the tensor issue,
 * each as a ratio against a baseline measured in the same run, written to
 * `bench/results/tensor.json` (repository root) with the machine and date.
 *
 * Compiled code is timed on both backends in the same run: "js" (generated JavaScript)
 * and "wasm" (f64x2 WebAssembly, loaded first with `loadWasmBackend()`).
 *
 * Run with Node >= 22.18 (type stripping): `node packages/tensor/bench/run.ts`.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  add,
  compile,
  cos,
  div,
  exp,
  loadWasmBackend,
  log,
  log1p,
  mul,
  scalar,
  sin,
  sqrt,
  square,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
  valueAndGrad,
} from "@sidereal/tensor";
import { m67HandGradient, m67LogDensity, syntheticM67 } from "./m67-model.ts";

await loadWasmBackend();

/**
 * Median time per call in ms of several functions, measured in interleaved rounds
 * (A B C A B C ...) so that drift in machine load affects all of them alike.
 */
function timeAll(fns: readonly (() => void)[], reps: readonly number[], rounds = 9): number[] {
  return timeAllWithMin(fns, reps, rounds).map((t) => t.median);
}

/** Median and minimum time per call in ms (the minimum is the least disturbed by load). */
function timeAllWithMin(
  fns: readonly (() => void)[],
  reps: readonly number[],
  rounds = 9,
): { median: number; min: number }[] {
  fns.forEach((fn, j) => {
    for (let k = 0; k < Math.max(3, reps[j] / 10); k++) fn();
  });
  const times = fns.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++)
    fns.forEach((fn, j) => {
      const t0 = performance.now();
      for (let k = 0; k < reps[j]; k++) fn();
      times[j].push((performance.now() - t0) / reps[j]);
    });
  return times.map((t) => {
    const sorted = t.sort((a, b) => a - b);
    return { median: sorted[Math.floor(rounds / 2)], min: sorted[0] };
  });
}

// 1. elementwise exp(x)*y + log1p(z) on 10^6 elements
function elementwise() {
  const n = 1_000_000;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = Math.sin(i) * 2;
    y[i] = Math.cos(i);
    z[i] = (i % 100) / 50;
  }
  const out = new Float64Array(n);
  const tx = tensor(x);
  const ty = tensor(y);
  const tz = tensor(z);
  const f = (a: Tensor, b: Tensor, c: Tensor) => add(mul(exp(a), b), log1p(c));
  const c = compile(f, [tx, ty, tz], { grad: false, backend: "js" });
  const w = compile(f, [tx, ty, tz], { grad: false, backend: "wasm" });
  const [hand, eager, compiled, wasm] = timeAll(
    [
      () => {
        for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]) * y[i] + Math.log1p(z[i]);
      },
      () => f(tx, ty, tz),
      () => c.valueBuffer(x, y, z),
      () => w.valueBuffer(x, y, z),
    ],
    [5, 5, 5, 5],
  );
  return {
    elements: n,
    handLoopMs: hand,
    eagerMs: eager,
    compiledMs: compiled,
    compiledWasmMs: wasm,
    eagerThroughputVsHand: hand / eager,
    compiledThroughputVsHand: hand / compiled,
    compiledWasmThroughputVsHand: hand / wasm,
    targets: { compiled: ">= 0.9", eager: ">= 0.3" },
  };
}

// 2. a 20-op scalar expression with gradient
function scalarOverhead() {
  const f = (a: Tensor, b: Tensor) => {
    let t = add(mul(a, b), sin(a));
    t = sub(t, div(cos(b), add(square(a), 1)));
    t = add(t, log(add(exp(mul(a, 0.1)), 1)));
    t = mul(t, tanh(sub(b, a)));
    t = add(t, sqrt(add(square(b), 2)));
    t = sub(t, mul(log1p(square(a)), 0.5));
    return add(t, div(a, add(exp(b), 1)));
  };
  const a = scalar(0.7);
  const b = scalar(-1.3);
  const vg = valueAndGrad(f);
  const c = compile(f, [a, b]);
  const q = new Float64Array([0.7, -1.3]);
  const g = new Float64Array(2);
  const [eagerMs, compiledMs] = timeAll([() => vg(a, b), () => c.flat(q, g)], [20000, 200000]);
  return {
    ops: 20,
    eagerUsPerValueAndGrad: eagerMs * 1000,
    compiledUsPerValueAndGrad: compiledMs * 1000,
    targets: { eagerUs: "< 20", compiledUs: "< 1" },
  };
}

// 3. the M67 cluster model (4,304 parameters)
function m67() {
  const n = 4300;
  const data = syntheticM67(n);
  const q = new Float64Array(n + 4);
  q[0] = Math.log(400);
  q[1] = Math.log(900);
  q[2] = -3;
  q[3] = 0.2;
  for (let i = 0; i < n; i++) q[4 + i] = Math.log(1000 / Math.max(data.plx[i], 0.3));
  const g = new Float64Array(n + 4);
  const hand = m67HandGradient(data);
  const f = m67LogDensity(data);
  const args = [scalar(q[0]), scalar(q[1]), scalar(q[2]), scalar(q[3]), tensor(q.subarray(4))];
  const vg = valueAndGrad(f);
  const c = compile(f, args, { backend: "js" });
  const w = compile(f, args, { backend: "wasm" });
  const [hand_, eager_, js_, wasm_] = timeAllWithMin(
    [() => hand(q, g), () => vg(...args), () => c.flat(q, g), () => w.flat(q, g)],
    [300, 20, 300, 300],
    21,
  );
  const [handMs, eagerMs, compiledMs, compiledWasmMs] = [hand_, eager_, js_, wasm_].map(
    (t) => t.median,
  );
  return {
    parameters: n + 4,
    handFusedMs: handMs,
    eagerMs,
    compiledMs,
    compiledWasmMs,
    minimaMs: { hand: hand_.min, compiled: js_.min, compiledWasm: wasm_.min },
    wasmSpeedupOverJs: compiledMs / compiledWasmMs,
    wasmSpeedupOverJsMinima: js_.min / wasm_.min,
    compiledOverHand: compiledMs / handMs,
    compiledWasmOverHand: compiledWasmMs / handMs,
    eagerOverHand: eagerMs / handMs,
    compiledStats: c.stats,
    compiledWasmStats: w.stats,
    targets: { compiledOverHand: "<= 1.3", compiledMs: "<= 0.4", compiledWasmMs: "<= 0.10" },
    anchors: { stanMsPerGradient: 1.17, numpyroMsPerGradientApprox: 0.4 },
  };
}

// 4. a 1000-dimensional standard normal (the sampler benchmark's smallest target)
function normal1000() {
  const n = 1000;
  const q = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
  const g = new Float64Array(n);
  const f = (x: Tensor) => mul(sum(square(x)), -0.5);
  const c = compile(f, [tensor(q)], { backend: "js" });
  const w = compile(f, [tensor(q)], { backend: "wasm" });
  const [js, wasm] = timeAllWithMin([() => c.flat(q, g), () => w.flat(q, g)], [2000, 2000], 21);
  return {
    parameters: n,
    compiledUs: js.median * 1000,
    compiledWasmUs: wasm.median * 1000,
    minimaUs: { compiled: js.min * 1000, compiledWasm: wasm.min * 1000 },
    wasmSpeedupOverJs: js.median / wasm.median,
    wasmSpeedupOverJsMinima: js.min / wasm.min,
  };
}

const result = {
  package: "@sidereal/tensor",
  date: new Date().toISOString(),
  machine: {
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform}-${process.arch}`,
  },
  elementwise: elementwise(),
  scalarOverhead: scalarOverhead(),
  m67: m67(),
  normal1000: normal1000(),
  note: "2-core machine shared with other jobs: timings are under contention; ratios are from interleaved rounds of the same run",
};
const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "../../../bench/results");
mkdirSync(outDir, { recursive: true });
const target = join(outDir, "tensor.json");
const tmp = `${target}.tmp-${process.pid}`;
writeFileSync(tmp, `${JSON.stringify(result, null, 2)}\n`);
renameSync(tmp, target);
console.log(JSON.stringify(result, null, 2));
