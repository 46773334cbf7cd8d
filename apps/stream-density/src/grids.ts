/**
 * numpy-compatible grids: the seed builds its knots with `np.linspace` and its
 * integration grids with `np.arange`, and the exact float64 values matter for
 * reproducing its numbers (Simpson's dx is `x[1] - x[0]`).
 */

/**
 * `np.linspace(start, stop, num)`: start + i·step with step = (stop − start)/(num − 1)
 * and the last value set to `stop`. Throws RangeError for num < 2 or non-finite ends.
 */
export function linspace(start: number, stop: number, num: number): Float64Array {
  if (!Number.isInteger(num) || num < 2)
    throw new RangeError(`linspace: num must be >= 2, got ${num}`);
  if (!Number.isFinite(start) || !Number.isFinite(stop))
    throw new RangeError(`linspace: non-finite ends ${start}, ${stop}`);
  const step = (stop - start) / (num - 1);
  const out = new Float64Array(num);
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  out[num - 1] = stop;
  return out;
}

/**
 * `np.arange(start, stop, step)` for step > 0: ceil((stop − start)/step) values
 * start + i·δ with δ = (start + step) − start, which is how numpy fills float64
 * ranges (δ can differ from `step` in the last bits). Throws RangeError for step ≤ 0
 * or non-finite arguments.
 */
export function arange(start: number, stop: number, step: number): Float64Array {
  if (!(step > 0) || !Number.isFinite(start) || !Number.isFinite(stop))
    throw new RangeError(`arange: bad arguments ${start}, ${stop}, ${step}`);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const out = new Float64Array(n);
  const delta = start + step - start;
  for (let i = 0; i < n; i++) out[i] = start + i * delta;
  return out;
}

/** Bin centres 0.5·(e[i] + e[i+1]) of an edge array (length n − 1). */
export function centres(edges: ArrayLike<number>): Float64Array {
  const out = new Float64Array(Math.max(0, edges.length - 1));
  for (let i = 0; i < out.length; i++) out[i] = 0.5 * (edges[i] + edges[i + 1]);
  return out;
}
