/**
 * NUTS chains (Stan's window adaptation, `sampleChain` of @sidereal/autodiff-samplers)
 * on the compiled potential U = −ln p, started from the MAP point as the seed does
 * (each chain jittered slightly), in this thread or in worker threads, and the chains
 * as named posterior arrays with dims (chain, draw, knot) — the layout of ArviZ, the
 * plots and the summary.
 */

import { Worker } from "node:worker_threads";
import { type SampleChainResult, sampleChain } from "@sidereal/autodiff-samplers";
import { foldIn, key, normal, split } from "@sidereal/distributions";
import type { Dataset } from "@sidereal/io";
import type { CompiledModel } from "./compiled.js";
import type { ModelSpec } from "./models/spec.js";

/** Settings of one sampling run. */
export interface ChainSettings {
  readonly numChains: number;
  readonly numWarmup: number;
  readonly numSamples: number;
  readonly maxTreeDepth: number;
  readonly targetAccept: number;
  readonly seed: number;
  /** Standard deviation of the per-chain jitter added to the start (default 0.01). */
  readonly jitter?: number;
  /** Starting diagonal inverse mass matrix (default: ones); Stan's windows adapt it further. */
  readonly initialInverseMassMatrix?: Float64Array;
  readonly onProgress?: (line: string) => void;
}

/** Draws of one variable: `[chain, draw, ...]` row-major. */
export interface Draws {
  readonly draws: Float64Array;
  readonly shape: readonly number[];
}

/** What a worker thread needs to run some of the chains (all plain, cloneable data). */
export interface ChainJob {
  readonly spec: ModelSpec;
  readonly start: Float64Array;
  readonly settings: Omit<ChainSettings, "onProgress">;
  /** Which chains (0-based) this worker runs. */
  readonly chainIndices: readonly number[];
}

/**
 * Runs chain `c` of `s.numChains` from `start` + jitter: a pure function of
 * `split(key(seed), numChains)[c]` (jitter from `foldIn(k, 1)`, NUTS from
 * `foldIn(k, 2)`), so it gives the same draws in any thread. Throws the sampler's
 * McmcParameterError/McmcValueError for bad settings or a non-finite start.
 */
export function runChain(
  compiled: CompiledModel,
  start: Float64Array,
  s: Omit<ChainSettings, "onProgress">,
  c: number,
  onProgress?: (line: string) => void,
): SampleChainResult {
  const dim = compiled.model.dim;
  const k = split(key(s.seed), s.numChains)[c];
  const eps = normal(foldIn(k, 1), [dim]);
  const init = start.map((v, i) => v + (s.jitter ?? 0.01) * eps[i]);
  return sampleChain(compiled.potential, init, {
    numWarmup: s.numWarmup,
    numSamples: s.numSamples,
    maxTreeDepth: s.maxTreeDepth,
    targetAccept: s.targetAccept,
    initialInverseMassMatrix: s.initialInverseMassMatrix,
    key: foldIn(k, 2),
    progressInterval: 100,
    onProgress: (p) =>
      onProgress?.(
        `${compiled.model.name} chain ${c + 1}/${s.numChains} ${p.phase} ${p.iteration}/${p.total} step size ${p.stepSize.toPrecision(3)} divergences ${p.divergences}`,
      ),
  });
}

/** Runs all chains one after the other in this thread (see {@link runChain}). */
export function runChains(
  compiled: CompiledModel,
  start: Float64Array,
  s: ChainSettings,
): { chains: SampleChainResult[]; seconds: number } {
  const t0 = performance.now();
  const chains = Array.from({ length: s.numChains }, (_, c) =>
    runChain(compiled, start, s, c, s.onProgress),
  );
  return { chains, seconds: (performance.now() - t0) / 1000 };
}

/** The worker entry, next to this module in the built package (`dist/chain-worker.js`). */
const WORKER_URL = new URL("../dist/chain-worker.js", import.meta.url);

function runWorker(job: ChainJob, onProgress?: (line: string) => void) {
  const worker = new Worker(WORKER_URL, { workerData: job });
  const result = new Promise<SampleChainResult[]>((resolve, reject) => {
    let done = false;
    worker.on(
      "message",
      (m: { progress?: string; chains?: SampleChainResult[]; error?: string }) => {
        if (m.progress !== undefined) onProgress?.(m.progress);
        else if (m.chains !== undefined) {
          done = true;
          resolve(m.chains);
        } else if (m.error !== undefined) {
          done = true;
          reject(new Error(m.error));
        }
      },
    );
    worker.on("error", (e) => {
      done = true;
      reject(e);
    });
    worker.on("exit", (code) => {
      if (!done) reject(new Error(`chain worker exited with code ${code} before finishing`));
    });
  });
  return { worker, result };
}

/**
 * Runs the chains with `workers` worker threads (chain c goes to worker c mod workers;
 * each worker rebuilds the model from `spec`), or in this thread when `workers` is 0 or
 * there is one chain. The draws do not depend on `workers`: every chain is a pure
 * function of its key. Rejects with the first worker's error (the other workers are
 * terminated).
 */
export async function sampleChains(
  spec: ModelSpec,
  compiled: CompiledModel,
  start: Float64Array,
  s: ChainSettings & { readonly workers: number },
): Promise<{ chains: SampleChainResult[]; seconds: number }> {
  const n = Math.min(s.workers, s.numChains);
  if (n === 0) return runChains(compiled, start, s);
  const t0 = performance.now();
  const settings = {
    numChains: s.numChains,
    numWarmup: s.numWarmup,
    numSamples: s.numSamples,
    maxTreeDepth: s.maxTreeDepth,
    targetAccept: s.targetAccept,
    seed: s.seed,
    jitter: s.jitter,
    initialInverseMassMatrix: s.initialInverseMassMatrix,
  };
  const groups = Array.from({ length: n }, (_, w) =>
    Array.from({ length: s.numChains }, (_, c) => c).filter((c) => c % n === w),
  );
  const runs = groups.map((chainIndices) =>
    runWorker({ spec, start: Float64Array.from(start), settings, chainIndices }, s.onProgress),
  );
  let results: SampleChainResult[][];
  try {
    results = await Promise.all(runs.map((r) => r.result));
  } catch (e) {
    await Promise.all(runs.map((r) => r.worker.terminate()));
    throw e;
  }
  const chains: SampleChainResult[] = new Array(s.numChains);
  groups.forEach((g, w) => {
    g.forEach((c, j) => {
      chains[c] = results[w][j];
    });
  });
  return { chains, seconds: (performance.now() - t0) / 1000 };
}

/** The chains split into the model's blocks: name → draws of shape [chain, draw, size]. */
export function blockDraws(
  compiled: CompiledModel,
  chains: readonly SampleChainResult[],
): Record<string, Draws> {
  const nChains = chains.length;
  const nDraws = chains[0].stats.lp.length;
  const d = compiled.model.dim;
  const out: Record<string, Draws> = {};
  let off = 0;
  for (const b of compiled.model.blocks) {
    const arr = new Float64Array(nChains * nDraws * b.size);
    chains.forEach((ch, c) => {
      for (let k = 0; k < nDraws; k++)
        for (let j = 0; j < b.size; j++)
          arr[(c * nDraws + k) * b.size + j] = ch.draws[k * d + off + j];
    });
    out[b.name] = { draws: arr, shape: [nChains, nDraws, b.size] };
    off += b.size;
  }
  return out;
}

/** The block draws as an InferenceData posterior group (dims chain, draw, `<name>_knot`). */
export function posteriorDataset(post: Record<string, Draws>): Dataset {
  const variables: Dataset["variables"] = {};
  for (const [name, v] of Object.entries(post))
    variables[name] = { dims: ["chain", "draw", `${name}_knot`], shape: v.shape, data: v.draws };
  return { variables };
}

/** Sampler statistics as an InferenceData sample_stats group (ArviZ names). */
export function sampleStatsDataset(chains: readonly SampleChainResult[]): Dataset {
  const nChains = chains.length;
  const nDraws = chains[0].stats.lp.length;
  const shape = [nChains, nDraws];
  const dims = ["chain", "draw"];
  const cat = <T extends Float64Array | Int32Array | Uint8Array>(
    make: (n: number) => T,
    pick: (c: SampleChainResult) => T,
  ): T => {
    const out = make(nChains * nDraws);
    chains.forEach((c, k) => {
      out.set(pick(c), k * nDraws);
    });
    return out;
  };
  const f64 = (n: number) => new Float64Array(n);
  const i32 = (n: number) => new Int32Array(n);
  return {
    variables: {
      lp: { dims, shape, data: cat(f64, (c) => c.stats.lp) },
      energy: { dims, shape, data: cat(f64, (c) => c.stats.energy) },
      acceptance_rate: { dims, shape, data: cat(f64, (c) => c.stats.acceptanceRate) },
      step_size: { dims, shape, data: cat(f64, (c) => c.stats.stepSize) },
      tree_depth: { dims, shape, data: cat(i32, (c) => c.stats.treeDepth) },
      n_steps: { dims, shape, data: cat(i32, (c) => c.stats.numSteps) },
      diverging: {
        dims,
        shape,
        data: cat(
          (n) => new Uint8Array(n),
          (c) => c.stats.diverging,
        ),
      },
    },
  };
}

/** Divergent transitions over all chains. */
export function countDivergences(chains: readonly SampleChainResult[]): number {
  return chains.reduce((s, c) => s + c.stats.diverging.reduce((a, b) => a + b, 0), 0);
}

/** Divergence flags [chain, draw] for the trace plot. */
export function divergenceFlags(chains: readonly SampleChainResult[]): Uint8Array {
  const n = chains[0].stats.lp.length;
  const out = new Uint8Array(chains.length * n);
  chains.forEach((c, k) => {
    out.set(c.stats.diverging, k * n);
  });
  return out;
}

/** Mean NUTS tree depth over all kept draws of all chains. */
export function meanTreeDepth(chains: readonly SampleChainResult[]): number {
  let s = 0;
  let n = 0;
  for (const c of chains)
    for (const d of c.stats.treeDepth) {
      s += d;
      n++;
    }
  return n > 0 ? s / n : Number.NaN;
}
