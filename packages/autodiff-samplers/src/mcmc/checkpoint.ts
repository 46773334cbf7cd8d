/**
 * Checkpoints of a running chain, so that a chain whose thread died can resume where it was
 * instead of starting again. `sampleChain` emits, when asked, a {@link ChainSnapshot} (all the
 * state the rest of the run depends on: position, tuning parameters, dual-averaging and
 * Welford accumulators, counters) with the history recorded since the previous checkpoint
 * (warmup statistics, kept draws and their statistics). `resume` takes a snapshot with the
 * whole history so far. Iteration `i` of a phase always uses `foldIn(phaseKey, i)`, so a
 * resumed chain produces exactly the draws of an uninterrupted one.
 *
 * All of it is plain data (typed arrays, numbers): it crosses `postMessage` unchanged.
 */
import type { DualAveragingState } from "./adaptation/dualAveraging.js";
import type { AdaptationSnapshot } from "./adaptation/windowAdaptation.js";
import type { SampleStats } from "./sample.js";

/** The state of a chain after `completed` iterations (warmup first, then sampling). */
export interface ChainSnapshot {
  /** Iterations done: warmup iterations, then sampling transitions (thinned ones included). */
  readonly completed: number;
  readonly position: Float64Array;
  readonly potentialEnergy: number;
  readonly potentialGrad: Float64Array;
  readonly stepSize: number;
  readonly inverseMassMatrix: Float64Array;
  readonly dualAveraging: DualAveragingState;
  /** Index of the next slow window of the warmup schedule. */
  readonly window: number;
  /** The mass-matrix accumulator(s) (absent when the metric is not adapted). */
  readonly welford?: AdaptationSnapshot;
  /** Step-size searches done so far (their keys are `foldIn(searchKey, k)`). */
  readonly searches: number;
  readonly warmupDivergences: number;
  readonly samplingDivergences: number;
  /** Draws kept so far. */
  readonly kept: number;
}

/** Recorded rows: warmup statistics, then kept draws (row-major, `d` per row) and their stats. */
export interface ChainHistory {
  readonly warmupStats: SampleStats;
  readonly draws: Float64Array;
  readonly stats: SampleStats;
}

/** A snapshot with history: emitted with the rows since the previous checkpoint. */
export interface ChainCheckpoint {
  readonly snapshot: ChainSnapshot;
  readonly history: ChainHistory;
}

const STAT_KEYS = [
  "lp",
  "potentialEnergy",
  "energy",
  "acceptanceRate",
  "stepSize",
  "treeDepth",
  "numSteps",
  "diverging",
] as const;

type StatArray = Float64Array | Int32Array | Uint8Array;

/** Rows `[from, to)` of `s`, copied. */
export function sliceStats(s: SampleStats, from: number, to: number): SampleStats {
  const out: Record<string, StatArray> = {};
  for (const k of STAT_KEYS) out[k] = s[k].slice(from, to);
  return out as unknown as SampleStats;
}

/** Rows of `parts` one after the other. */
export function concatStats(parts: readonly SampleStats[]): SampleStats {
  const out: Record<string, StatArray> = {};
  for (const k of STAT_KEYS) {
    const n = parts.reduce((t, p) => t + p[k].length, 0);
    const first = parts[0]?.[k] ?? new Float64Array(0);
    const arr = new (first.constructor as new (n: number) => StatArray)(n);
    let o = 0;
    for (const p of parts) {
      arr.set(p[k], o);
      o += p[k].length;
    }
    out[k] = arr;
  }
  return out as unknown as SampleStats;
}

function concatFloat64(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((t, p) => t + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Accumulates the checkpoints of one chain as they arrive (deltas are kept in a list and
 * joined only when a resume needs them, so no quadratic copying).
 */
export class CheckpointLog {
  private snapshot: ChainSnapshot | undefined;
  private readonly parts: ChainHistory[] = [];

  /** Adds a checkpoint emitted by `sampleChain` (history = rows since the previous one). */
  add(cp: ChainCheckpoint): void {
    this.snapshot = cp.snapshot;
    this.parts.push(cp.history);
  }

  /** The latest snapshot with the whole history, or undefined before the first checkpoint. */
  latest(): ChainCheckpoint | undefined {
    if (this.snapshot === undefined) return undefined;
    return {
      snapshot: this.snapshot,
      history: {
        warmupStats: concatStats(this.parts.map((p) => p.warmupStats)),
        draws: concatFloat64(this.parts.map((p) => p.draws)),
        stats: concatStats(this.parts.map((p) => p.stats)),
      },
    };
  }
}
