import { checkDim, checkSpan } from "./checks.js";
import {
  canSkipZeroHalf,
  type MixedRadixPlan,
  makeMixedRadixPlan,
  mixedRadix,
  smoothFactors,
} from "./mixedRadix.js";

/**
 * Discrete Fourier transforms on split real/imaginary Float64Arrays with NumPy's
 * conventions: forward `X_k = Σ_j x_j e^{−2πi jk/n}`, inverse divided by n.
 *
 * Power-of-two lengths use an iterative radix-2 decimation-in-time transform
 * (Cooley & Tukey 1965); lengths whose prime factors are 2, 3, 5 and 7 use a self-sorting
 * mixed-radix transform (`mixedRadix.ts`); other lengths use Bluestein's chirp-z algorithm
 * (Bluestein 1970), which turns a length-n DFT into a power-of-two circular convolution of
 * length ≥ 2n−1. Real transforms of even length pack the signal into a half-length complex
 * transform and untangle the spectrum (e.g. Press et al., *Numerical Recipes* §12.3).
 *
 * Twiddle tables, bit-reversal permutations and Bluestein chirps are computed once per
 * length with direct `Math.cos`/`Math.sin` (no recurrences, so accuracy does not decay
 * with n) and kept in small Maps keyed by n.
 */

/** Radix-2 plan: per-stage twiddle tables (see getPow2Plan) and the bit-reversal permutation. */
interface Pow2Plan {
  readonly n: number;
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  readonly rev: Int32Array;
}

/** Bluestein plan: chirp w_k = e^{−iπk²/n}, FFT of its conjugate filter, and scratch. */
interface BluesteinPlan {
  readonly n: number;
  readonly m: number;
  readonly inner: Pow2Plan;
  readonly wRe: Float64Array;
  readonly wIm: Float64Array;
  readonly fRe: Float64Array;
  readonly fIm: Float64Array;
  readonly sRe: Float64Array;
  readonly sIm: Float64Array;
}

/** Real-transform twiddles cos/sin(2πk/n) for k ≤ n/2 (even n only). */
interface RealPlan {
  readonly cos: Float64Array;
  readonly sin: Float64Array;
}

const MAX_CACHED = 32;
const pow2Plans = new Map<number, Pow2Plan>();
const bluesteinPlans = new Map<number, BluesteinPlan>();
const realPlans = new Map<number, RealPlan>();
const mixedPlans = new Map<number, MixedRadixPlan>();

function getMixedPlan(n: number): MixedRadixPlan {
  return mixedPlans.get(n) ?? remember(mixedPlans, n, makeMixedRadixPlan(n));
}

function remember<T>(cache: Map<number, T>, n: number, plan: T): T {
  if (cache.size >= MAX_CACHED) {
    // Maps iterate in insertion order: drop the oldest plan.
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(n, plan);
  return plan;
}

function isPow2(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

function getPow2Plan(n: number): Pow2Plan {
  const cached = pow2Plans.get(n);
  if (cached !== undefined) return cached;
  // Stage twiddles stored contiguously: entry h + k (k < h) is e^{iπk/h}, used by the
  // butterflies of span 2h, so every stage reads its table sequentially.
  const cos = new Float64Array(n);
  const sin = new Float64Array(n);
  for (let h = 1; h < n; h <<= 1) {
    for (let k = 0; k < h; k++) {
      const ang = (Math.PI * k) / h;
      cos[h + k] = Math.cos(ang);
      sin[h + k] = Math.sin(ang);
    }
  }
  const rev = new Int32Array(n);
  let bits = 0;
  while (1 << bits < n) bits++;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0, x = i; b < bits; b++, x >>= 1) r = (r << 1) | (x & 1);
    rev[i] = r;
  }
  return remember(pow2Plans, n, { n, cos, sin, rev });
}

function getBluesteinPlan(n: number): BluesteinPlan {
  const cached = bluesteinPlans.get(n);
  if (cached !== undefined) return cached;
  let m = 1;
  while (m < 2 * n - 1) m <<= 1;
  const inner = getPow2Plan(m);
  const wRe = new Float64Array(n);
  const wIm = new Float64Array(n);
  // k² mod 2n, updated incrementally so it stays exact: (k+1)² = k² + 2k + 1.
  let k2 = 0;
  const twoN = 2 * n;
  for (let k = 0; k < n; k++) {
    const ang = (Math.PI * k2) / n;
    wRe[k] = Math.cos(ang);
    wIm[k] = -Math.sin(ang);
    k2 = (k2 + 2 * k + 1) % twoN;
  }
  const fRe = new Float64Array(m);
  const fIm = new Float64Array(m);
  fRe[0] = wRe[0];
  fIm[0] = -wIm[0];
  for (let k = 1; k < n; k++) {
    fRe[k] = fRe[m - k] = wRe[k];
    fIm[k] = fIm[m - k] = -wIm[k];
  }
  radix2(fRe, fIm, 0, inner, 1);
  const plan: BluesteinPlan = {
    n,
    m,
    inner,
    wRe,
    wIm,
    fRe,
    fIm,
    sRe: new Float64Array(m),
    sIm: new Float64Array(m),
  };
  return remember(bluesteinPlans, n, plan);
}

function getRealPlan(n: number): RealPlan {
  const cached = realPlans.get(n);
  if (cached !== undefined) return cached;
  const h = n >> 1;
  const cos = new Float64Array(h + 1);
  const sin = new Float64Array(h + 1);
  for (let k = 0; k <= h; k++) {
    const ang = (2 * Math.PI * k) / n;
    cos[k] = Math.cos(ang);
    sin[k] = Math.sin(ang);
  }
  return remember(realPlans, n, { cos, sin });
}

/**
 * Unnormalised in-place radix-2 transform of re/im[off .. off+n). `sgn = 1` computes
 * Σ x_j e^{−2πi jk/n}; `sgn = −1` the conjugate (unscaled inverse) transform.
 */
function radix2(
  re: Float64Array,
  im: Float64Array,
  off: number,
  plan: Pow2Plan,
  sgn: number,
): void {
  const n = plan.n;
  const rev = plan.rev;
  for (let i = 0; i < n; i++) {
    const r = rev[i];
    if (r > i) {
      const a = off + i;
      const b = off + r;
      const tr = re[a];
      re[a] = re[b];
      re[b] = tr;
      const ti = im[a];
      im[a] = im[b];
      im[b] = ti;
    }
  }
  // Size-2 butterflies have unit twiddles.
  for (let i = off; i + 1 < off + n; i += 2) {
    const xr = re[i + 1];
    const xi = im[i + 1];
    re[i + 1] = re[i] - xr;
    im[i + 1] = im[i] - xi;
    re[i] += xr;
    im[i] += xi;
  }
  const cos = plan.cos;
  const sin = plan.sin;
  const end = off + n;
  for (let half = 2; half < n; half <<= 1) {
    const size = half << 1;
    // Block-outer, twiddle-inner: contiguous data and twiddle access at every stage.
    for (let start = off; start < end; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[half + k];
        const wi = -sgn * sin[half + k];
        const i = start + k;
        const j = i + half;
        const xr = re[j] * wr - im[j] * wi;
        const xi = re[j] * wi + im[j] * wr;
        re[j] = re[i] - xr;
        im[j] = im[i] - xi;
        re[i] += xr;
        im[i] += xi;
      }
    }
  }
}

/** Unnormalised Bluestein transform; `sgn` as in {@link radix2}. */
function bluestein(
  re: Float64Array,
  im: Float64Array,
  off: number,
  plan: BluesteinPlan,
  sgn: number,
): void {
  const { n, m, inner, wRe, wIm, fRe, fIm, sRe, sIm } = plan;
  // Inverse via conj(F(conj x)): conjugate on the way in and out.
  for (let k = 0; k < n; k++) {
    const xr = re[off + k];
    const xi = sgn * im[off + k];
    sRe[k] = xr * wRe[k] - xi * wIm[k];
    sIm[k] = xr * wIm[k] + xi * wRe[k];
  }
  sRe.fill(0, n, m);
  sIm.fill(0, n, m);
  radix2(sRe, sIm, 0, inner, 1);
  for (let k = 0; k < m; k++) {
    const ar = sRe[k];
    const ai = sIm[k];
    sRe[k] = ar * fRe[k] - ai * fIm[k];
    sIm[k] = ar * fIm[k] + ai * fRe[k];
  }
  radix2(sRe, sIm, 0, inner, -1);
  const scale = 1 / m;
  for (let k = 0; k < n; k++) {
    const cr = sRe[k] * scale;
    const ci = sIm[k] * scale;
    re[off + k] = cr * wRe[k] - ci * wIm[k];
    im[off + k] = sgn * (cr * wIm[k] + ci * wRe[k]);
  }
}

/**
 * Unnormalised transform of any length n ≥ 0 (no validation). With `upperHalfZero` the
 * caller promises re/im[off + n/2 ..) are zero (the mixed-radix transform then skips them).
 */
function transform(
  re: Float64Array,
  im: Float64Array,
  off: number,
  n: number,
  sgn: number,
  upperHalfZero = false,
): void {
  if (n <= 1) return;
  if (isPow2(n)) radix2(re, im, off, getPow2Plan(n), sgn);
  else if (mixedPlans.has(n)) mixedRadix(re, im, off, getMixedPlan(n), sgn, upperHalfZero);
  else if (!bluesteinPlans.has(n) && smoothFactors(n) !== null)
    mixedRadix(re, im, off, getMixedPlan(n), sgn, upperHalfZero);
  else bluestein(re, im, off, getBluesteinPlan(n), sgn);
}

/** True when `transform(…, n, …, true)` does not read the zero upper half of its input. */
function skipsZeroHalf(n: number): boolean {
  if (n <= 1 || isPow2(n)) return false;
  if (!mixedPlans.has(n) && (bluesteinPlans.has(n) || smoothFactors(n) === null)) return false;
  return canSkipZeroHalf(getMixedPlan(n));
}

/**
 * In-place complex DFT of `re/im[off .. off+n)` with NumPy normalisation
 * (`numpy.fft.fft`; with `inverse`, `numpy.fft.ifft`, which divides by n).
 *
 * Layout: split real and imaginary parts, same offset in both arrays; any length n.
 * Complexity: O(n log n) — radix-2 for powers of two, a mixed-radix Stockham transform
 * for lengths whose prime factors are ≤ 7, Bluestein (three power-of-two transforms of
 * length ≥ 2n−1) otherwise. Plans are cached per n; the first call for a
 * new n pays O(n log n) setup. No allocation on cached sizes.
 *
 * Bad input: throws `RangeError` if `off`/`n` are not non-negative integers or either
 * array is too short. n = 0 and n = 1 are no-ops. NaN/Inf spread per IEEE 754 (a single
 * NaN contaminates every output bin).
 */
export function fft(
  re: Float64Array,
  im: Float64Array,
  inverse = false,
  off = 0,
  n: number = re.length - off,
): void {
  checkDim("n", n);
  checkSpan("re", re, off, n);
  checkSpan("im", im, off, n);
  transform(re, im, off, n, inverse ? -1 : 1);
  if (inverse && n > 1) {
    const s = 1 / n;
    for (let i = off; i < off + n; i++) {
      re[i] *= s;
      im[i] *= s;
    }
  }
}

/** Module-level scratch for the real transforms, grown on demand (single-threaded). */
let scratchRe = new Float64Array(0);
let scratchIm = new Float64Array(0);

function ensureScratch(len: number): void {
  if (scratchRe.length < len) {
    scratchRe = new Float64Array(len);
    scratchIm = new Float64Array(len);
  }
}

/**
 * Real-input DFT into caller buffers: bins 0 .. ⌊n/2⌋ of the DFT of `x[xOff .. xOff+n)`,
 * as `numpy.fft.rfft` (no zero padding — the input span must hold n values).
 *
 * Layout: writes ⌊n/2⌋+1 values to `outRe/outIm[outOff ..]`; outputs must not overlap `x`.
 * Complexity: O(n log n). Even n uses one complex transform of length n/2; odd n one of
 * length n. Uses module-level scratch (no allocation once warmed to size n).
 *
 * Bad input: throws `RangeError` for n < 1, bad offsets or short buffers.
 */
export function rfftInto(
  x: Float64Array,
  xOff: number,
  n: number,
  outRe: Float64Array,
  outIm: Float64Array,
  outOff = 0,
): void {
  checkDim("n", n);
  if (n < 1) throw new RangeError("rfft length must be at least 1");
  const bins = (n >> 1) + 1;
  checkSpan("x", x, xOff, n);
  checkSpan("outRe", outRe, outOff, bins);
  checkSpan("outIm", outIm, outOff, bins);
  if ((n & 1) === 1) {
    ensureScratch(n);
    const zr = scratchRe;
    const zi = scratchIm;
    for (let j = 0; j < n; j++) {
      zr[j] = x[xOff + j];
      zi[j] = 0;
    }
    transform(zr, zi, 0, n, 1);
    for (let k = 0; k < bins; k++) {
      outRe[outOff + k] = zr[k];
      outIm[outOff + k] = zi[k];
    }
    return;
  }
  const h = n >> 1;
  ensureScratch(h);
  const zr = scratchRe;
  const zi = scratchIm;
  for (let j = 0; j < h; j++) {
    zr[j] = x[xOff + 2 * j];
    zi[j] = x[xOff + 2 * j + 1];
  }
  transform(zr, zi, 0, h, 1);
  untangleAll(n, outRe, outIm, outOff);
}

/** The rfft bins of even n from the half-length complex transform in the scratch arrays. */
function untangleAll(n: number, outRe: Float64Array, outIm: Float64Array, outOff: number): void {
  const h = n >> 1;
  const zr = scratchRe;
  const zi = scratchIm;
  const { cos, sin } = getRealPlan(n);
  // E = (Z_k + conj Z_{h−k}) / 2, O = (Z_k − conj Z_{h−k}) / 2i, X_k = E + e^{−2πik/n}·O,
  // with Z_h read as Z_0. The interior runs without the wrap-around tests; k = 0 and k = h
  // use the same expressions with their indices.
  untangle(zr, zi, 0, 0, 0, cos, sin, outRe, outIm, outOff);
  for (let k = 1; k < h; k++) untangle(zr, zi, k, k, h - k, cos, sin, outRe, outIm, outOff);
  untangle(zr, zi, h, 0, 0, cos, sin, outRe, outIm, outOff);
}

/**
 * Real-input DFT of a strided, zero-padded signal into caller buffers: bins 0 .. ⌊n/2⌋ of
 * the length-n DFT of s_i = x[xOff + i·xStride] (i < m), s_i = 0 (m ≤ i < n) — the same
 * numbers as {@link rfftInto} on that signal written out, without the padded copy. This is
 * the transform of one operand of a linear convolution done by FFT (m ≤ n/2): for even n the
 * half-length complex transform then has a zero upper half, which the mixed-radix transform
 * does not read.
 *
 * Layout: writes ⌊n/2⌋+1 values to `outRe/outIm[outOff ..]`; outputs must not overlap `x`.
 * Complexity: O(n log n); module-level scratch (no allocation once warmed to size n).
 * Bad input: throws `RangeError` for n < 1, m outside [0, n], a stride below 1, bad offsets
 * or short buffers.
 */
export function rfftPaddedInto(
  x: Float64Array,
  xOff: number,
  xStride: number,
  m: number,
  n: number,
  outRe: Float64Array,
  outIm: Float64Array,
  outOff = 0,
): void {
  checkDim("n", n);
  checkDim("m", m);
  checkDim("xStride", xStride);
  if (n < 1) throw new RangeError("rfft length must be at least 1");
  if (m > n) throw new RangeError(`rfftPaddedInto: m = ${m} exceeds n = ${n}`);
  if (xStride < 1) throw new RangeError("rfftPaddedInto: xStride must be at least 1");
  const bins = (n >> 1) + 1;
  if (m > 0) checkSpan("x", x, xOff, (m - 1) * xStride + 1);
  checkSpan("outRe", outRe, outOff, bins);
  checkSpan("outIm", outIm, outOff, bins);
  if ((n & 1) === 1) {
    ensureScratch(n);
    const zr = scratchRe;
    const zi = scratchIm;
    for (let j = 0; j < m; j++) zr[j] = x[xOff + j * xStride];
    zr.fill(0, m, n);
    zi.fill(0, 0, n);
    transform(zr, zi, 0, n, 1);
    for (let k = 0; k < bins; k++) {
      outRe[outOff + k] = zr[k];
      outIm[outOff + k] = zi[k];
    }
    return;
  }
  const h = n >> 1;
  ensureScratch(h);
  const zr = scratchRe;
  const zi = scratchIm;
  const pairs = m >> 1;
  const twoS = 2 * xStride;
  for (let j = 0, i = xOff; j < pairs; j++, i += twoS) {
    zr[j] = x[i];
    zi[j] = x[i + xStride];
  }
  let filled = pairs;
  if ((m & 1) === 1) {
    zr[pairs] = x[xOff + (m - 1) * xStride];
    zi[pairs] = 0;
    filled++;
  }
  const halfZero = 2 * filled <= h && skipsZeroHalf(h);
  const zeroFrom = halfZero ? h - (h >> 1) : h;
  zr.fill(0, filled, Math.max(filled, zeroFrom));
  zi.fill(0, filled, Math.max(filled, zeroFrom));
  transform(zr, zi, 0, h, 1, halfZero);
  untangleAll(n, outRe, outIm, outOff);
}

/** One bin of the real-FFT untangling: X_k from Z_{k1} and Z_{k2} (see rfftInto). */
function untangle(
  zr: Float64Array,
  zi: Float64Array,
  k: number,
  k1: number,
  k2: number,
  cos: Float64Array,
  sin: Float64Array,
  outRe: Float64Array,
  outIm: Float64Array,
  outOff: number,
): void {
  const ar = zr[k1];
  const ai = zi[k1];
  const br = zr[k2];
  const bi = -zi[k2];
  const er = 0.5 * (ar + br);
  const ei = 0.5 * (ai + bi);
  const or = 0.5 * (ai - bi);
  const oi = -0.5 * (ar - br);
  const tr = cos[k];
  const ti = -sin[k];
  outRe[outOff + k] = er + tr * or - ti * oi;
  outIm[outOff + k] = ei + tr * oi + ti * or;
}

/**
 * `numpy.fft.rfft(x, n)`: the ⌊n/2⌋+1 non-negative-frequency bins of the DFT of real x,
 * cropping x or zero-padding it to length n (default `x.length`).
 *
 * Layout: returns fresh `{ re, im }` arrays of length ⌊n/2⌋+1.
 * Complexity: O(n log n); allocates the result (and a padded copy when n > x.length).
 * Bad input: throws `RangeError` when n < 1 (including empty x with no n).
 */
export function rfft(
  x: Float64Array,
  n: number = x.length,
): { re: Float64Array; im: Float64Array } {
  checkDim("n", n);
  if (n < 1) throw new RangeError("rfft length must be at least 1");
  let src = x;
  if (x.length < n) {
    src = new Float64Array(n);
    src.set(x);
  }
  const bins = (n >> 1) + 1;
  const re = new Float64Array(bins);
  const im = new Float64Array(bins);
  rfftInto(src, 0, n, re, im, 0);
  return { re, im };
}

/**
 * Inverse of {@link rfftInto} into a caller buffer, as `numpy.fft.irfft(X, n)`: uses bins
 * 0 .. ⌊n/2⌋ of `re/im[inOff .. inOff+m)` (zero beyond m, extra bins ignored), treats the
 * spectrum as Hermitian, ignores the imaginary parts of the DC bin and (even n) the
 * Nyquist bin, and writes n real samples scaled by 1/n to `out[outOff ..]`.
 *
 * With `count` < n only the first `count` samples are written (e.g. the part of a
 * zero-padded circular convolution that is the linear one); they are the same numbers.
 *
 * Layout: split spectrum; `out` must not overlap the inputs.
 * Complexity: O(n log n); module-level scratch, no allocation once warmed to size n.
 * Bad input: throws `RangeError` for n < 1, m < 1, count > n, bad offsets or short buffers.
 */
export function irfftInto(
  re: Float64Array,
  im: Float64Array,
  inOff: number,
  m: number,
  n: number,
  out: Float64Array,
  outOff = 0,
  count = n,
): void {
  checkDim("m", m);
  checkDim("n", n);
  checkDim("count", count);
  if (n < 1 || m < 1) throw new RangeError("irfft needs n ≥ 1 output points and m ≥ 1 bins");
  if (count > n) throw new RangeError(`irfftInto: count = ${count} exceeds n = ${n}`);
  checkSpan("re", re, inOff, m);
  checkSpan("im", im, inOff, m);
  checkSpan("out", out, outOff, count);
  const h = n >> 1;
  if ((n & 1) === 1) {
    ensureScratch(n);
    const zr = scratchRe;
    const zi = scratchIm;
    zr[0] = re[inOff];
    zi[0] = 0;
    for (let k = 1; k <= h; k++) {
      const xr = k < m ? re[inOff + k] : 0;
      const xi = k < m ? im[inOff + k] : 0;
      zr[k] = xr;
      zi[k] = xi;
      zr[n - k] = xr;
      zi[n - k] = -xi;
    }
    transform(zr, zi, 0, n, -1);
    const s = 1 / n;
    for (let j = 0; j < count; j++) out[outOff + j] = zr[j] * s;
    return;
  }
  ensureScratch(h);
  const zr = scratchRe;
  const zi = scratchIm;
  const { cos, sin } = getRealPlan(n);
  // the full spectrum (m > h) skips the per-bin range tests; otherwise the general loop
  if (m > h) {
    tangle(re[inOff], 0, re[inOff + h], 0, 0, cos, sin, zr, zi);
    for (let k = 1; k < h; k++) {
      const c = h - k;
      tangle(re[inOff + k], im[inOff + k], re[inOff + c], -im[inOff + c], k, cos, sin, zr, zi);
    }
  }
  for (let k = m > h ? h : 0; k < h; k++) {
    const ar = k < m ? re[inOff + k] : 0;
    const ai = k === 0 || k >= m ? 0 : im[inOff + k];
    const c = h - k;
    const br = c < m ? re[inOff + c] : 0;
    // conj(X_{h−k}); the Nyquist (c = h) and DC (c = 0) imaginary parts are ignored.
    const bi = c === h || c === 0 || c >= m ? 0 : -im[inOff + c];
    const er = 0.5 * (ar + br);
    const ei = 0.5 * (ai + bi);
    const dr = 0.5 * (ar - br);
    const di = 0.5 * (ai - bi);
    // O = D · e^{+2πik/n}; Z = E + iO.
    const tr = cos[k];
    const ti = sin[k];
    const or = dr * tr - di * ti;
    const oi = dr * ti + di * tr;
    zr[k] = er - oi;
    zi[k] = ei + or;
  }
  transform(zr, zi, 0, h, -1);
  const s = 1 / h;
  const pairs = count >> 1;
  for (let j = 0; j < pairs; j++) {
    out[outOff + 2 * j] = zr[j] * s;
    out[outOff + 2 * j + 1] = zi[j] * s;
  }
  if ((count & 1) === 1) out[outOff + count - 1] = zr[pairs] * s;
}

/** One bin of the inverse real-FFT packing: Z_k from X_k = (ar, ai) and conj X_{h−k} = (br, bi). */
function tangle(
  ar: number,
  ai: number,
  br: number,
  bi: number,
  k: number,
  cos: Float64Array,
  sin: Float64Array,
  zr: Float64Array,
  zi: Float64Array,
): void {
  const er = 0.5 * (ar + br);
  const ei = 0.5 * (ai + bi);
  const dr = 0.5 * (ar - br);
  const di = 0.5 * (ai - bi);
  // O = D · e^{+2πik/n}; Z = E + iO.
  const tr = cos[k];
  const ti = sin[k];
  const or = dr * tr - di * ti;
  const oi = dr * ti + di * tr;
  zr[k] = er - oi;
  zi[k] = ei + or;
}

/**
 * `numpy.fft.irfft(X, n)`: n real samples (default `2·(m−1)` for m bins) whose rfft is the
 * Hermitian spectrum given by `re/im` (see {@link irfftInto} for cropping/padding rules).
 *
 * Layout: `re` and `im` have the same length m; returns a fresh Float64Array of length n.
 * Complexity: O(n log n); allocates the result.
 * Bad input: throws `RangeError` if `re`/`im` lengths differ, m < 1, or n < 1 (so a
 * single bin needs an explicit n).
 */
export function irfft(
  re: Float64Array,
  im: Float64Array,
  n: number = 2 * (re.length - 1),
): Float64Array {
  if (re.length !== im.length) throw new RangeError("re and im must have the same length");
  checkDim("n", n);
  const out = new Float64Array(n);
  irfftInto(re, im, 0, re.length, n, out, 0);
  return out;
}

/**
 * Drops every cached FFT plan (twiddles, bit-reversal tables, Bluestein chirps) and the
 * real-transform scratch, e.g. after a one-off very long transform.
 * Layout: none. Complexity: O(1). Bad input: none.
 */
export function clearFftCache(): void {
  pow2Plans.clear();
  bluesteinPlans.clear();
  realPlans.clear();
  mixedPlans.clear();
  scratchRe = new Float64Array(0);
  scratchIm = new Float64Array(0);
}

/**
 * Number of cached plans (power-of-two, Bluestein and real-twiddle tables together).
 * Layout: none. Complexity: O(1). Bad input: none.
 */
export function fftCacheSize(): number {
  return pow2Plans.size + bluesteinPlans.size + realPlans.size + mixedPlans.size;
}
