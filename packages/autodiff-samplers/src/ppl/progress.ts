/**
 * Progress display of MCMC chains: one line per chain (phase, iteration, step size,
 * divergences, iterations per second). On a TTY the lines are redrawn in place (ANSI cursor
 * movement, at most every `redrawMs`); otherwise a plain log line is written each time a
 * chain crosses another `logFraction` of a phase (10 % by default) and at the end of a phase.
 * The formatting functions are pure; `ProgressReporter` only keeps state and writes.
 */
import type { SampleProgress } from "../mcmc/index.js";

/** What is shown for one chain. */
export interface ChainProgressState {
  /** Chain index (0-based; shown 1-based). */
  readonly chain: number;
  readonly phase: "warmup" | "sampling";
  /** Iterations done in this phase. */
  readonly iteration: number;
  /** Iterations of this phase. */
  readonly total: number;
  /** Current step size. */
  readonly stepSize: number;
  /** Divergent transitions so far in this phase. */
  readonly divergences: number;
  /** Iterations per second in this phase (`NaN` while unknown). */
  readonly itPerSec: number;
}

/** Where progress is written (`process.stderr` by default). */
export interface ProgressStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

const fmtRate = (r: number): string =>
  Number.isFinite(r) ? `${r >= 100 ? Math.round(r) : r.toPrecision(3)} it/s` : "-- it/s";
const fmtStep = (e: number): string => (Number.isFinite(e) ? e.toPrecision(3) : String(e));
const percent = (s: ChainProgressState): number =>
  s.total > 0 ? Math.floor((100 * s.iteration) / s.total) : 100;

/**
 * The progress-bar line of one chain, e.g.
 * `chain 1 warmup   [##########----------]  500/1000  50% | step 0.312 | div 0 | 812 it/s`.
 * `barWidth` (default 20) is the number of cells between the brackets; the filled part is
 * `floor(barWidth · iteration / total)` (a full bar for `total = 0`). Iteration counts are
 * right-aligned to the width of `total`. Non-finite step sizes and rates print as such / `--`.
 */
export function formatProgressBar(s: ChainProgressState, barWidth = 20): string {
  const w = Math.max(1, Math.floor(barWidth));
  const filled = s.total > 0 ? Math.min(w, Math.floor((w * s.iteration) / s.total)) : w;
  const bar = `${"#".repeat(filled)}${"-".repeat(w - filled)}`;
  const n = String(s.total).length;
  return `chain ${s.chain + 1} ${s.phase.padEnd(8)} [${bar}] ${String(s.iteration).padStart(n)}/${s.total} ${String(percent(s)).padStart(3)}% | step ${fmtStep(s.stepSize)} | div ${s.divergences} | ${fmtRate(s.itPerSec)}`;
}

/**
 * The log line of one chain (non-TTY output), e.g.
 * `chain 1: warmup 500/1000 (50%), step size 0.312, 0 divergences, 812 it/s`.
 */
export function formatProgressLog(s: ChainProgressState): string {
  return `chain ${s.chain + 1}: ${s.phase} ${s.iteration}/${s.total} (${percent(s)}%), step size ${fmtStep(s.stepSize)}, ${s.divergences} divergence${s.divergences === 1 ? "" : "s"}, ${fmtRate(s.itPerSec)}`;
}

/** Options of {@link ProgressReporter}. */
export interface ProgressReporterOptions {
  /** Output (default `process.stderr`); redrawn in place when `isTTY`. */
  readonly stream?: ProgressStream;
  /** Clock in milliseconds (default `performance.now`). */
  readonly now?: () => number;
  /** Minimum time between TTY redraws in ms (default 100; phase ends always redraw). */
  readonly redrawMs?: number;
  /** Non-TTY: log each time a chain passes another multiple of this fraction (default 0.1). */
  readonly logFraction?: number;
  /** Width of the bar (default 20). */
  readonly barWidth?: number;
}

interface ChainTrack {
  state: ChainProgressState | undefined;
  phase: string;
  t0: number;
  i0: number;
  tLast: number;
  lastLogged: number;
}

/**
 * Shows the progress of `numChains` chains on a stream (see the module doc). `update` takes
 * the `SampleProgress` reports of chain `chain` (out-of-range chains are ignored); `finish`
 * draws the final state. Rates are measured from the end of the previous phase (the first
 * report for the first phase).
 */
export class ProgressReporter {
  readonly #stream: ProgressStream;
  readonly #now: () => number;
  readonly #redrawMs: number;
  readonly #logFraction: number;
  readonly #barWidth: number;
  readonly #tracks: ChainTrack[];
  #drawnLines = 0;
  #lastDraw = Number.NEGATIVE_INFINITY;

  constructor(numChains: number, options: ProgressReporterOptions = {}) {
    this.#stream = options.stream ?? process.stderr;
    this.#now = options.now ?? (() => performance.now());
    this.#redrawMs = options.redrawMs ?? 100;
    this.#logFraction = options.logFraction ?? 0.1;
    this.#barWidth = options.barWidth ?? 20;
    this.#tracks = Array.from({ length: Math.max(0, numChains) }, () => ({
      state: undefined,
      phase: "",
      t0: 0,
      i0: 0,
      tLast: 0,
      lastLogged: -1,
    }));
  }

  /** Records a report of chain `chain` and redraws or logs as due. */
  update(chain: number, p: SampleProgress): void {
    const tr = this.#tracks[chain];
    if (tr === undefined) return;
    const t = this.#now();
    if (tr.phase !== p.phase) {
      // a later phase starts where the previous one ended (its last report); the first phase
      // is measured from its first report
      const first = tr.phase === "";
      tr.phase = p.phase;
      tr.t0 = first ? t : tr.tLast;
      tr.i0 = first ? p.iteration : 0;
      tr.lastLogged = -1;
    }
    tr.tLast = t;
    const dt = (t - tr.t0) / 1000;
    const itPerSec = dt > 0 && p.iteration > tr.i0 ? (p.iteration - tr.i0) / dt : Number.NaN;
    tr.state = {
      chain,
      phase: p.phase,
      iteration: p.iteration,
      total: p.total,
      stepSize: p.stepSize,
      divergences: p.divergences,
      itPerSec,
    };
    const phaseEnd = p.iteration >= p.total;
    if (this.#stream.isTTY) {
      if (phaseEnd || t - this.#lastDraw >= this.#redrawMs) this.#redraw(t);
      return;
    }
    const step = Math.max(1e-9, this.#logFraction);
    const k = p.total > 0 ? Math.floor(p.iteration / p.total / step + 1e-9) : 0;
    const due = phaseEnd ? tr.lastLogged !== Number.POSITIVE_INFINITY : k > 0 && k > tr.lastLogged;
    if (!due) return;
    tr.lastLogged = phaseEnd ? Number.POSITIVE_INFINITY : k;
    this.#stream.write(`${formatProgressLog(tr.state)}\n`);
  }

  /** Draws the final state (TTY); nothing else to do for logs. */
  finish(): void {
    if (this.#stream.isTTY) this.#redraw(this.#now());
  }

  #redraw(t: number): void {
    this.#lastDraw = t;
    let out = this.#drawnLines > 0 ? `\x1b[${this.#drawnLines}A` : "";
    let n = 0;
    for (const tr of this.#tracks) {
      if (tr.state === undefined) continue;
      out += `\r\x1b[2K${formatProgressBar(tr.state, this.#barWidth)}\n`;
      n++;
    }
    this.#drawnLines = n;
    this.#stream.write(out);
  }
}
