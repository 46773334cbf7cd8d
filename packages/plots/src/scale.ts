/** Linear and logarithmic position scales mapping data values to pixels. */
import { formatTick, typographicMinus } from "./format.js";
import { logTicks, niceTicks } from "./ticks.js";

/** Kind of a {@link Scale}. */
export type ScaleType = "linear" | "log";

/** A continuous scale: `map` sends a data value to a pixel coordinate (NaN when undefined). */
export interface Scale {
  readonly type: ScaleType;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  map(v: number): number;
  /** About `count` tick positions inside the domain. */
  ticks(count: number): number[];
  /** Label formatter suited to the given ticks. */
  tickFormat(ticks: readonly number[]): (v: number) => string;
}

/** A linear scale from `domain` to `range`; a zero-width domain is widened so `map` stays finite. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): Scale {
  let [d0, d1] = domain;
  if (!Number.isFinite(d0) || !Number.isFinite(d1)) {
    throw new RangeError(`linearScale: non-finite domain [${d0}, ${d1}]`);
  }
  if (d0 === d1) {
    const pad = d0 === 0 ? 1 : Math.abs(d0) * 0.05;
    d0 -= pad;
    d1 += pad;
  }
  const [r0, r1] = range;
  const k = (r1 - r0) / (d1 - d0);
  return {
    type: "linear",
    domain: [d0, d1],
    range: [r0, r1],
    map: (v) => r0 + (v - d0) * k,
    ticks: (count) => niceTicks(Math.min(d0, d1), Math.max(d0, d1), count),
    tickFormat: (ticks) => {
      const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : Math.abs(d1 - d0);
      return (v) => formatTick(v, step);
    },
  };
}

/** Label for a tick on a log axis: plain decimals in [1e-3, 1e5), exponent form otherwise. */
function formatLogTick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) return typographicMinus(String(Number(v.toPrecision(6))));
  return typographicMinus(v.toExponential(0).replace("e+", "e"));
}

/** A base-10 logarithmic scale; the domain must be positive. Non-positive values map to NaN. */
export function logScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): Scale {
  let [d0, d1] = domain;
  if (!(d0 > 0 && d1 > 0) || !Number.isFinite(d0) || !Number.isFinite(d1)) {
    throw new RangeError(`logScale: domain must be finite and > 0, got [${d0}, ${d1}]`);
  }
  if (d0 === d1) {
    d0 /= 2;
    d1 *= 2;
  }
  const [r0, r1] = range;
  const l0 = Math.log10(d0);
  const k = (r1 - r0) / (Math.log10(d1) - l0);
  return {
    type: "log",
    domain: [d0, d1],
    range: [r0, r1],
    map: (v) => (v > 0 ? r0 + (Math.log10(v) - l0) * k : Number.NaN),
    ticks: (count) => logTicks(d0, d1, count),
    tickFormat: () => formatLogTick,
  };
}

/** Build a scale of the given type. */
export function makeScale(
  type: ScaleType,
  domain: readonly [number, number],
  range: readonly [number, number],
): Scale {
  return type === "log" ? logScale(domain, range) : linearScale(domain, range);
}
