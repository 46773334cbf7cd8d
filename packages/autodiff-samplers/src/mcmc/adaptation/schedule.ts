import { McmcParameterError } from "../errors.js";

/** Options of {@link buildSchedule} (Stan's defaults). */
export interface ScheduleOptions {
  /** Fast initial buffer (step size only), default 75. */
  readonly initBuffer?: number;
  /** Fast terminal buffer (step size only, final metric), default 50. */
  readonly termBuffer?: number;
  /** Length of the first slow (metric) window, default 25; later windows double. */
  readonly baseWindow?: number;
}

/** A slow adaptation window: iterations `start ≤ i < end` feed the metric estimator. */
export interface AdaptationWindow {
  /** First iteration (0-based) of the window. */
  readonly start: number;
  /** One past the last iteration. */
  readonly end: number;
}

/** Stan's three-stage warmup plan. */
export interface WarmupSchedule {
  /** Number of warmup iterations. */
  readonly numWarmup: number;
  /** Iterations `[0, initBuffer)` adapt only the step size. */
  readonly initBuffer: number;
  /** Iterations `[numWarmup − termBuffer, numWarmup)` adapt only the step size. */
  readonly termBuffer: number;
  /** Slow windows in order, contiguous from `initBuffer` to `numWarmup − termBuffer`. */
  readonly windows: readonly AdaptationWindow[];
  /** False when `numWarmup < 20`: no metric is estimated (step size only), as in Stan. */
  readonly adaptMetric: boolean;
}

function checkCount(v: number, name: string, min: number): void {
  if (!Number.isInteger(v) || v < min) {
    throw new McmcParameterError(`buildSchedule: ${name} must be an integer >= ${min}, got ${v}`);
  }
}

/**
 * Stan's windowed adaptation schedule (Stan Reference Manual, "HMC algorithm parameters —
 * automatic parameter tuning"), as a pure function of `numWarmup`:
 *
 * - `numWarmup < 20`: no metric adaptation (`windows = []`, `initBuffer = numWarmup`);
 * - if `initBuffer + baseWindow + termBuffer > numWarmup`, the buffers are rescaled to
 *   `initBuffer = ⌊0.15·numWarmup⌋`, `termBuffer = ⌊0.1·numWarmup⌋` and the single base window
 *   gets the rest;
 * - slow windows start at `initBuffer` with size `baseWindow` and double; a window is extended to
 *   the start of the terminal buffer whenever the next (doubled) window would not fit before
 *   it, so the last window absorbs the remainder.
 *
 * For `numWarmup = 1000` this gives 75 | 25, 50, 100, 200, 500 | 50. Throws
 * `McmcParameterError` for negative or non-integer sizes (`baseWindow ≥ 1`).
 */
export function buildSchedule(numWarmup: number, options: ScheduleOptions = {}): WarmupSchedule {
  let initBuffer = options.initBuffer ?? 75;
  let termBuffer = options.termBuffer ?? 50;
  let baseWindow = options.baseWindow ?? 25;
  checkCount(numWarmup, "numWarmup", 0);
  checkCount(initBuffer, "initBuffer", 0);
  checkCount(termBuffer, "termBuffer", 0);
  checkCount(baseWindow, "baseWindow", 1);
  if (numWarmup < 20) {
    return { numWarmup, initBuffer: numWarmup, termBuffer: 0, windows: [], adaptMetric: false };
  }
  if (initBuffer + baseWindow + termBuffer > numWarmup) {
    initBuffer = Math.floor(0.15 * numWarmup);
    termBuffer = Math.floor(0.1 * numWarmup);
    baseWindow = numWarmup - (initBuffer + termBuffer);
  }
  const slowEnd = numWarmup - termBuffer;
  const windows: AdaptationWindow[] = [];
  let start = initBuffer;
  let size = baseWindow;
  let end = start + size;
  for (;;) {
    windows.push({ start, end });
    if (end >= slowEnd) break;
    start = end;
    size *= 2;
    end = start + size;
    if (end + 2 * size > slowEnd) end = slowEnd;
  }
  return { numWarmup, initBuffer, termBuffer, windows, adaptMetric: true };
}
