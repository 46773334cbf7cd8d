/**
 * NUTS chains (Stan's window adaptation, `sampleChain` of @sidereal/autodiff-samplers)
 * on the compiled potential U = −ln p, started from the MAP point as the seed does
 * (each chain jittered slightly), and the chains as named posterior arrays with dims
 * (chain, draw, knot) — the layout of ArviZ, the plots and the summary.
 */
import { type SampleChainResult, sampleChain } from "@sidereal/autodiff-samplers";
import { foldIn, key, normal, split } from "@sidereal/distributions";
import type { Dataset } from "@sidereal/io";
import type { CompiledModel } from "./compiled.js";

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
  readonly onProgress?: (line: string) => void;
}

/** Draws of one variable: `[chain, draw, ...]` row-major. */
export interface Draws {
  readonly draws: Float64Array;
  readonly shape: readonly number[];
}

/**
 * Runs `numChains` chains one after the other from `start` + jitter. Each chain is a
 * pure function of `foldIn(split(key(seed), numChains)[c], ·)`. Throws the sampler's
 * McmcParameterError/McmcValueError for bad settings or a non-finite start.
 */
export function runChains(
  compiled: CompiledModel,
  start: Float64Array,
  s: ChainSettings,
): { chains: SampleChainResult[]; seconds: number } {
  const dim = compiled.model.dim;
  const keys = split(key(s.seed), s.numChains);
  const t0 = performance.now();
  const chains = keys.map((k, c) => {
    const eps = normal(foldIn(k, 1), [dim]);
    const init = start.map((v, i) => v + (s.jitter ?? 0.01) * eps[i]);
    return sampleChain(compiled.potential, init, {
      numWarmup: s.numWarmup,
      numSamples: s.numSamples,
      maxTreeDepth: s.maxTreeDepth,
      targetAccept: s.targetAccept,
      key: foldIn(k, 2),
      progressInterval: 100,
      onProgress: (p) =>
        s.onProgress?.(
          `${compiled.model.name} chain ${c + 1}/${s.numChains} ${p.phase} ${p.iteration}/${p.total} step size ${p.stepSize.toPrecision(3)} divergences ${p.divergences}`,
        ),
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
