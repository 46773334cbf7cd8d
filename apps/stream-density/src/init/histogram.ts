/**
 * Histograms with numpy semantics: bins are half-open [e_i, e_{i+1}) except the last,
 * which includes its right edge; values outside [e_0, e_n] (and NaN) are dropped.
 */

/** Index of the bin of `v` in increasing `edges` (numpy rules), or -1 when outside. */
export function binIndex(edges: ArrayLike<number>, v: number): number {
  const n = edges.length - 1;
  if (!(v >= edges[0] && v <= edges[n])) return -1;
  if (v === edges[n]) return n - 1;
  // searchsorted(edges, v, side="right") - 1
  let lo = 0;
  let hi = n + 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * `np.histogram(values, bins=edges)[0]`: counts per bin. Throws RangeError when
 * `edges` has fewer than 2 entries or is not increasing.
 */
export function histogram1d(values: ArrayLike<number>, edges: ArrayLike<number>): Float64Array {
  checkEdges(edges);
  const counts = new Float64Array(edges.length - 1);
  for (let i = 0; i < values.length; i++) {
    const b = binIndex(edges, values[i]);
    if (b >= 0) counts[b]++;
  }
  return counts;
}

/**
 * `np.histogram2d(x, y, bins=(xEdges, yEdges))[0]`: counts, row-major [nx, ny] (x bins
 * along the first axis). Throws RangeError for mismatched x/y lengths or bad edges.
 */
export function histogram2d(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  xEdges: ArrayLike<number>,
  yEdges: ArrayLike<number>,
): Float64Array {
  if (x.length !== y.length)
    throw new RangeError(`histogram2d: x has ${x.length} values, y has ${y.length}`);
  checkEdges(xEdges);
  checkEdges(yEdges);
  const ny = yEdges.length - 1;
  const counts = new Float64Array((xEdges.length - 1) * ny);
  for (let i = 0; i < x.length; i++) {
    const bx = binIndex(xEdges, x[i]);
    const by = binIndex(yEdges, y[i]);
    if (bx >= 0 && by >= 0) counts[bx * ny + by]++;
  }
  return counts;
}

function checkEdges(edges: ArrayLike<number>): void {
  if (edges.length < 2) throw new RangeError("histogram: need at least 2 bin edges");
  for (let i = 1; i < edges.length; i++)
    if (!(edges[i] > edges[i - 1])) throw new RangeError("histogram: edges must increase");
}
