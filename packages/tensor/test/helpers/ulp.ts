/**
 * Distance in units in the last place between two doubles: how many doubles lie
 * between them (0 when equal, and for two NaNs; Infinity when exactly one is NaN).
 */
const f = new Float64Array(1);
const w = new Uint32Array(f.buffer);

export function ulpDistance(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (a === b) return 0;
  f[0] = a;
  const ha = w[1];
  const la = w[0];
  f[0] = b;
  const hb = w[1];
  const lb = w[0];
  const negA = ha >>> 31;
  const negB = hb >>> 31;
  // sign-magnitude: the magnitudes' difference, exact while it is below 2^53
  const d = ((ha & 0x7fffffff) - (hb & 0x7fffffff)) * 4294967296 + (la - lb);
  if (negA === negB) return Math.abs(d);
  return (ha & 0x7fffffff) * 4294967296 + la + (hb & 0x7fffffff) * 4294967296 + lb;
}
