/**
 * Partition function Q(T) from a tabulated `.pf` file, interpolated linearly in T and
 * clamped to the end values outside the table (numpy/jnp `interp`), as ExoJAX does.
 */
import { DatabaseFileError } from "../errors.js";
import { forEachRow, GrowableF64, parseNumber, readText } from "./text.js";

export interface PartitionFunction {
  readonly temperature: Float64Array;
  readonly q: Float64Array;
}

/** Reads an ExoMol `.pf` file (`T Q(T)` rows, T ascending). */
export function readPartitionFunction(file: string): PartitionFunction {
  const t = new GrowableF64();
  const q = new GrowableF64();
  forEachRow(readText(file), (tok, line) => {
    const tv = parseNumber(file, line, tok[0], "T");
    const qv = parseNumber(file, line, tok[1], "Q(T)");
    if (t.length > 0 && tv <= t.buf[t.length - 1])
      throw new DatabaseFileError({ file, line, reason: `temperature ${tv} is not ascending` });
    t.push(tv);
    q.push(qv);
  });
  if (t.length < 2) throw new DatabaseFileError({ file, line: 0, reason: "fewer than two rows" });
  return { temperature: t.toArray(), q: q.toArray() };
}

/** Linear interpolation with clamping (numpy.interp), for ascending `xp`. */
export function interp1(x: number, xp: ArrayLike<number>, fp: ArrayLike<number>): number {
  const n = xp.length;
  if (x <= xp[0]) return fp[0];
  if (x >= xp[n - 1]) return fp[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xp[mid] <= x) lo = mid;
    else hi = mid;
  }
  const t = (x - xp[lo]) / (xp[hi] - xp[lo]);
  return fp[lo] + t * (fp[hi] - fp[lo]);
}

/** Q(T) and its derivative dQ/dT (the slope of the bracketing table interval). */
export function partitionAt(pf: PartitionFunction, t: number): { q: number; dq: number } {
  const xp = pf.temperature;
  const fp = pf.q;
  const n = xp.length;
  if (t <= xp[0]) return { q: fp[0], dq: 0 };
  if (t >= xp[n - 1]) return { q: fp[n - 1], dq: 0 };
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xp[mid] <= t) lo = mid;
    else hi = mid;
  }
  const slope = (fp[hi] - fp[lo]) / (xp[hi] - xp[lo]);
  return { q: fp[lo] + ((t - xp[lo]) / (xp[hi] - xp[lo])) * (fp[hi] - fp[lo]), dq: slope };
}

/** Q(T)/Q(Tref). */
export function partitionRatio(pf: PartitionFunction, t: number, tref: number): number {
  return interp1(t, pf.temperature, pf.q) / interp1(tref, pf.temperature, pf.q);
}
