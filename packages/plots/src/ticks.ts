/**
 * Tick generation with "nice" numbers, after P. S. Heckbert, "Nice Numbers for
 * Graph Labels", Graphics Gems (1990): round the range to 1, 2, 5 or 10 × 10^k and
 * pick a step of that form close to range / (count − 1).
 */
import { decimalsForStep } from "./format.js";

/** Heckbert's nice number: the 1/2/5/10 × 10^k value near `x`, rounded or taken as ceiling. */
export function niceNumber(x: number, round: boolean): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const exp = Math.floor(Math.log10(x));
  const f = x / 10 ** exp;
  let nf: number;
  if (round) nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nf * 10 ** exp;
}

/** Expand a degenerate or reversed interval to a usable `[lo, hi]` with `lo < hi`. */
function normalise(min: number, max: number): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    throw new RangeError(`niceTicks: non-finite bounds [${min}, ${max}]`);
  }
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (lo === hi) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= d;
    hi += d;
  }
  return [lo, hi];
}

/** The next smaller step of the 1/2/5 × 10^k sequence. */
function smallerStep(step: number): number {
  const exp = Math.floor(Math.log10(step) + 1e-9);
  const f = Math.round(step / 10 ** exp);
  return f === 1 ? 0.5 * 10 ** exp : f === 2 ? 10 ** exp : 2 * 10 ** exp;
}

function countInside(lo: number, hi: number, step: number): number {
  return Math.floor(hi / step + 1e-9) - Math.ceil(lo / step - 1e-9) + 1;
}

/**
 * Tick step for about `count` ticks across `[min, max]`: Heckbert's rounded nice number
 * near (max − min) / (count − 1), refined (5 → 2 → 1 → 0.5 …) until at least
 * min(count, 3) ticks fall inside the interval.
 */
export function niceStep(min: number, max: number, count = 5): number {
  const [lo, hi] = normalise(min, max);
  let step = niceNumber((hi - lo) / Math.max(1, count - 1), true);
  const want = Math.min(Math.max(2, count), 3);
  for (let guard = 0; guard < 6 && countInside(lo, hi, step) < want; guard++)
    step = smallerStep(step);
  return step;
}

/**
 * About `count` nice tick values inside `[min, max]` (inclusive, with a small tolerance).
 * Values are exact decimals: `niceTicks(0, 1, 5)` is `[0, 0.2, 0.4, 0.6, 0.8, 1]`.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const [lo, hi] = normalise(min, max);
  const step = niceStep(lo, hi, count);
  const decimals = decimalsForStep(step);
  const start = Math.ceil(lo / step - 1e-9);
  const end = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let i = start; i <= end; i++) {
    const v = Number((i * step).toFixed(decimals));
    ticks.push(v === 0 ? 0 : v);
  }
  return ticks;
}

/** The interval `[min, max]` widened outwards to multiples of the nice step (Heckbert's "loose" labelling). */
export function niceExtent(min: number, max: number, count = 5): [number, number] {
  const [lo, hi] = normalise(min, max);
  const step = niceStep(lo, hi, count);
  const decimals = decimalsForStep(step);
  const a = Number((Math.floor(lo / step + 1e-9) * step).toFixed(decimals));
  const b = Number((Math.ceil(hi / step - 1e-9) * step).toFixed(decimals));
  return [a === 0 ? 0 : a, b === 0 ? 0 : b];
}

/**
 * Ticks for a logarithmic axis over `[min, max]` (both > 0): powers of ten, thinned to
 * about `count`; 1×, 2× and 5× multiples when fewer than three powers of ten are visible.
 */
export function logTicks(min: number, max: number, count = 5): number[] {
  if (!(min > 0 && max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) {
    throw new RangeError(`logTicks: bounds must be finite and > 0, got [${min}, ${max}]`);
  }
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const a = Math.ceil(Math.log10(lo) - 1e-9);
  const b = Math.floor(Math.log10(hi) + 1e-9);
  const inside = (v: number) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
  if (b - a + 1 >= 3) {
    const stride = Math.max(1, Math.ceil((b - a + 1) / Math.max(2, count)));
    const ticks: number[] = [];
    for (let e = a; e <= b; e += stride) ticks.push(Number(`1e${e}`));
    return ticks;
  }
  const ticks: number[] = [];
  for (let e = a - 1; e <= b + 1; e++) {
    for (const m of [1, 2, 5]) {
      const v = Number(`${m}e${e}`);
      if (inside(v)) ticks.push(v);
    }
  }
  if (ticks.length >= 2) return ticks;
  return niceTicks(lo, hi, count).filter((v) => v > 0);
}
