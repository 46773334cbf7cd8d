/**
 * Discrete-integral-transform helpers shared by MODIT and PreMODIT (research/exojax.md
 * §4.1, §4.2, §5.2): linear-interpolation indices (`getix`) and the width grids, with
 * ExoJAX's float32 outward nudges of their end points.
 */

/**
 * jnp.interp(x, xv, arange(len)) split into integer part and fraction: weight 1−cont
 * goes to `index`, cont to `index + 1`; values outside the grid clamp (cont = 0).
 */
export function getix(x: number, xv: ArrayLike<number>): { index: number; cont: number } {
  const n = xv.length;
  if (!(x > xv[0])) return { index: 0, cont: 0 };
  if (x >= xv[n - 1]) return { index: n - 1, cont: 0 };
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xv[mid] <= x) lo = mid;
    else hi = mid;
  }
  const pos = lo + (x - xv[lo]) / (xv[hi] - xv[lo]);
  const index = Math.floor(pos);
  return { index, cont: pos - index };
}

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/** numpy.nextafter(float32(x), ±inf) for positive or negative finite x, as float64. */
export function nextafterFloat32(x: number, direction: 1 | -1): number {
  f32[0] = x;
  const v = f32[0];
  if (v === 0) {
    i32[0] = 1;
    return direction > 0 ? f32[0] : -f32[0];
  }
  // positive values: larger bits = larger magnitude
  const up = v > 0 === direction > 0;
  i32[0] += up ? 1 : -1;
  return f32[0];
}

/** nextafter(x, +inf) in float64. */
export function nextafterUp(x: number): number {
  const b = new Float64Array([x]);
  const u = new BigInt64Array(b.buffer);
  if (x === 0) return Number.MIN_VALUE;
  u[0] += x > 0 ? 1n : -1n;
  return b[0];
}

function minMax(v: ArrayLike<number>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < v.length; i++) {
    if (v[i] < lo) lo = v[i];
    if (v[i] > hi) hi = v[i];
  }
  return [lo, hi];
}

/**
 * ExoJAX `ditgrid_log_interval(x, res)`: exp(linspace(ln min, nextafter(ln max), Ng)),
 * Ng = floor((lmax − lmin)/res) + 2, end points nudged one float32 ulp outward.
 */
export function ditgridLogInterval(x: ArrayLike<number>, resolution: number): Float64Array {
  const [mn, mx] = minMax(x);
  const lmin = Math.log(mn);
  const lmax = nextafterUp(Math.log(mx));
  const ng = Math.floor((lmax - lmin) / resolution) + 2;
  const grid = new Float64Array(ng);
  const step = (lmax - lmin) / (ng - 1);
  for (let i = 0; i < ng; i++) grid[i] = Math.exp(i === ng - 1 ? lmax : lmin + i * step);
  grid[0] = nextafterFloat32(mn, -1);
  grid[ng - 1] = nextafterFloat32(grid[ng - 1], 1);
  return grid;
}

/**
 * ExoJAX `ditgrid_linear_interval(x, res, weight)`: linspace(min wx, max wx, Ng)/weight
 * with wx = weight·x, Ng = floor((max wx − min wx)/res) + 2, ends nudged (float32 ulp).
 */
export function ditgridLinearInterval(
  x: ArrayLike<number>,
  resolution: number,
  weight: number,
): Float64Array {
  const [mn, mx] = minMax(x);
  const wmin = weight * mn;
  const wmax = weight * mx;
  const ng = Math.floor((wmax - wmin) / resolution) + 2;
  const grid = new Float64Array(ng);
  const step = (wmax - wmin) / (ng - 1);
  for (let i = 0; i < ng; i++) grid[i] = (i === ng - 1 ? wmax : wmin + i * step) / weight;
  grid[0] = nextafterFloat32(wmin / weight, -1);
  grid[ng - 1] = nextafterFloat32(grid[ng - 1], 1);
  return grid;
}

/** MODIT xsmatrix width grid per layer: 10^linspace(lmin_i, lmax_i, Ng), Ng shared (no nudges). */
export function ditgridMatrix(
  log10Widths: readonly Float64Array[],
  resolution: number,
): Float64Array[] {
  const ranges = log10Widths.map(minMax);
  let span = 0;
  for (const [lo, hi] of ranges) span = Math.max(span, hi - lo);
  const ng = Math.floor(span / resolution) + 2;
  return ranges.map(([lo, hi]) => {
    const g = new Float64Array(ng);
    const step = (hi - lo) / (ng - 1);
    for (let i = 0; i < ng; i++) g[i] = 10 ** (i === ng - 1 ? hi : lo + i * step);
    return g;
  });
}
