/** Point reduction for long series so SVG size stays bounded without changing the picture. */

/**
 * Indices to keep when drawing `n` samples (uniform x spacing) into `buckets` pixel columns:
 * per column the first, minimum, maximum and last sample in index order, so the
 * envelope of the line is preserved. Returns all indices when `n <= 4 * buckets`.
 */
export function minMaxDecimate(ys: ArrayLike<number>, buckets: number): number[] {
  const n = ys.length;
  const all: number[] = [];
  if (n <= 4 * buckets || buckets < 1) {
    for (let i = 0; i < n; i++) all.push(i);
    return all;
  }
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    if (end <= start) continue;
    let iMin = start;
    let iMax = start;
    for (let i = start; i < end; i++) {
      if (ys[i] < ys[iMin]) iMin = i;
      if (ys[i] > ys[iMax]) iMax = i;
    }
    const keep = [start, iMin, iMax, end - 1].sort((a, c) => a - c);
    for (let k = 0; k < keep.length; k++) if (k === 0 || keep[k] !== keep[k - 1]) all.push(keep[k]);
  }
  return all;
}
