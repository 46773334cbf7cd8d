/**
 * Self-sorting mixed-radix (Stockham) complex FFT for lengths whose prime factors are
 * 2, 3, 5 and 7 — e.g. 7000 = 2³·5³·7 or 3500 — where Bluestein's algorithm would need
 * two power-of-two transforms of length ≥ 2n plus chirp products. Stage s with radix R and
 * span L (product of the previous radices) reads v_r = x[j + r·n/R]·e^{∓2πi r (j mod L)/(L R)},
 * applies the R-point DFT and writes y[(j div L)·L·R + (j mod L) + t·L]
 * (Govindaraju et al. 2008, "High performance discrete Fourier transforms on graphics
 * processors", §3). Every radix (2, 3, 4, 5, 7) has its own stage loop with the butterfly
 * written out in locals; the loop runs over j = q·L + p so that the twiddles, which depend on
 * p = j mod L only, come from a table of L·(R−1) entries and no division or modulo is
 * taken per element. The odd radices use the symmetric-pair form X_t, X_{R−t} = M_t ∓ i N_t.
 */

const RADICES = [4, 2, 3, 5, 7];

/** The radices of n (4s first), or null when n has a prime factor above 7. */
export function smoothFactors(n: number): number[] | null {
  const f: number[] = [];
  let m = n;
  for (const r of RADICES)
    while (m % r === 0) {
      f.push(r);
      m /= r;
    }
  return m === 1 ? f : null;
}

interface Stage {
  readonly radix: number;
  readonly span: number;
  /** Forward twiddles e^{−2πi r p/(L R)} for p < L, 1 ≤ r < R, at index p·(R−1) + r − 1. */
  readonly twRe: Float64Array;
  readonly twIm: Float64Array;
}

export interface MixedRadixPlan {
  readonly n: number;
  readonly stages: readonly Stage[];
  readonly bufRe: Float64Array;
  readonly bufIm: Float64Array;
  readonly tmpRe: Float64Array;
  readonly tmpIm: Float64Array;
}

/** Builds the plan (twiddle tables and two length-n work buffers); n must be 7-smooth. */
export function makeMixedRadixPlan(n: number): MixedRadixPlan {
  const factors = smoothFactors(n);
  if (factors === null) throw new RangeError(`mixed-radix FFT: ${n} has a prime factor above 7`);
  const stages: Stage[] = [];
  let span = 1;
  for (const radix of factors) {
    const twRe = new Float64Array(span * (radix - 1));
    const twIm = new Float64Array(span * (radix - 1));
    for (let p = 0; p < span; p++)
      for (let r = 1; r < radix; r++) {
        const a = (-2 * Math.PI * r * p) / (span * radix);
        twRe[p * (radix - 1) + r - 1] = Math.cos(a);
        twIm[p * (radix - 1) + r - 1] = Math.sin(a);
      }
    stages.push({ radix, span, twRe, twIm });
    span *= radix;
  }
  return {
    n,
    stages,
    bufRe: new Float64Array(n),
    bufIm: new Float64Array(n),
    tmpRe: new Float64Array(n),
    tmpIm: new Float64Array(n),
  };
}

const C3 = -0.5;
const S3 = Math.sqrt(3) / 2;
const C51 = Math.cos((2 * Math.PI) / 5);
const C52 = Math.cos((4 * Math.PI) / 5);
const S51 = Math.sin((2 * Math.PI) / 5);
const S52 = Math.sin((4 * Math.PI) / 5);
const C71 = Math.cos((2 * Math.PI) / 7);
const C72 = Math.cos((4 * Math.PI) / 7);
const C73 = Math.cos((6 * Math.PI) / 7);
const S71 = Math.sin((2 * Math.PI) / 7);
const S72 = Math.sin((4 * Math.PI) / 7);
const S73 = Math.sin((6 * Math.PI) / 7);

/** One stage: reads sr/si[so ..], writes dr/di[dO ..]. */
type StageFn = (
  sr: Float64Array,
  si: Float64Array,
  so: number,
  dr: Float64Array,
  di: Float64Array,
  dO: number,
  n: number,
  L: number,
  twr: Float64Array,
  twi: Float64Array,
) => void;

const stage2: StageFn = (sr, si, so, dr, di, dO, n, L, twr, twi) => {
  const cols = n / 2;
  for (let jb = 0, ob = 0; jb < cols; jb += L, ob += 2 * L)
    for (let p = 0; p < L; p++) {
      const j = so + jb + p;
      const o = dO + ob + p;
      const ar = sr[j + cols];
      const ai = si[j + cols];
      const x1r = ar * twr[p] - ai * twi[p];
      const x1i = ar * twi[p] + ai * twr[p];
      dr[o] = sr[j] + x1r;
      di[o] = si[j] + x1i;
      dr[o + L] = sr[j] - x1r;
      di[o + L] = si[j] - x1i;
    }
};

const stage3: StageFn = (sr, si, so, dr, di, dO, n, L, twr, twi) => {
  const cols = n / 3;
  for (let jb = 0, ob = 0; jb < cols; jb += L, ob += 3 * L)
    for (let p = 0; p < L; p++) {
      const j = so + jb + p;
      const o = dO + ob + p;
      const t = 2 * p;
      const x0r = sr[j];
      const x0i = si[j];
      let ar = sr[j + cols];
      let ai = si[j + cols];
      const x1r = ar * twr[t] - ai * twi[t];
      const x1i = ar * twi[t] + ai * twr[t];
      ar = sr[j + 2 * cols];
      ai = si[j + 2 * cols];
      const x2r = ar * twr[t + 1] - ai * twi[t + 1];
      const x2i = ar * twi[t + 1] + ai * twr[t + 1];
      const sumr = x1r + x2r;
      const sumi = x1i + x2i;
      const difr = x1r - x2r;
      const difi = x1i - x2i;
      const mr = x0r + C3 * sumr;
      const mi = x0i + C3 * sumi;
      dr[o] = x0r + sumr;
      di[o] = x0i + sumi;
      dr[o + L] = mr + S3 * difi;
      di[o + L] = mi - S3 * difr;
      dr[o + 2 * L] = mr - S3 * difi;
      di[o + 2 * L] = mi + S3 * difr;
    }
};

const stage4: StageFn = (sr, si, so, dr, di, dO, n, L, twr, twi) => {
  const cols = n / 4;
  for (let jb = 0, ob = 0; jb < cols; jb += L, ob += 4 * L)
    for (let p = 0; p < L; p++) {
      const j = so + jb + p;
      const o = dO + ob + p;
      const t = 3 * p;
      const x0r = sr[j];
      const x0i = si[j];
      let ar = sr[j + cols];
      let ai = si[j + cols];
      const x1r = ar * twr[t] - ai * twi[t];
      const x1i = ar * twi[t] + ai * twr[t];
      ar = sr[j + 2 * cols];
      ai = si[j + 2 * cols];
      const x2r = ar * twr[t + 1] - ai * twi[t + 1];
      const x2i = ar * twi[t + 1] + ai * twr[t + 1];
      ar = sr[j + 3 * cols];
      ai = si[j + 3 * cols];
      const x3r = ar * twr[t + 2] - ai * twi[t + 2];
      const x3i = ar * twi[t + 2] + ai * twr[t + 2];
      const pr = x0r + x2r;
      const pi = x0i + x2i;
      const mr = x0r - x2r;
      const mi = x0i - x2i;
      const qr = x1r + x3r;
      const qi = x1i + x3i;
      const nr = x1r - x3r;
      const ni = x1i - x3i;
      dr[o] = pr + qr;
      di[o] = pi + qi;
      dr[o + L] = mr + ni;
      di[o + L] = mi - nr;
      dr[o + 2 * L] = pr - qr;
      di[o + 2 * L] = pi - qi;
      dr[o + 3 * L] = mr - ni;
      di[o + 3 * L] = mi + nr;
    }
};

/**
 * Radix 5, p outer: for a small span L (L² < n/5: the early stages, L = 4 and 20 at n = 3500)
 * the generic order's inner loop over p runs only L times per block; here the long loop over
 * the blocks is inner and the stage's 4 twiddles of p are loaded once. Same arithmetic.
 */
function stage5SpanOuter(
  sr: Float64Array,
  si: Float64Array,
  so: number,
  dr: Float64Array,
  di: Float64Array,
  dO: number,
  n: number,
  L: number,
  twr: Float64Array,
  twi: Float64Array,
): void {
  const cols = n / 5;
  for (let p = 0; p < L; p++) {
    const t = 4 * p;
    const w1r = twr[t];
    const w1i = twi[t];
    const w2r = twr[t + 1];
    const w2i = twi[t + 1];
    const w3r = twr[t + 2];
    const w3i = twi[t + 2];
    const w4r = twr[t + 3];
    const w4i = twi[t + 3];
    for (let jb = 0, ob = 0; jb < cols; jb += L, ob += 5 * L) {
      const j = so + jb + p;
      const o = dO + ob + p;
      const x0r = sr[j];
      const x0i = si[j];
      let ar = sr[j + cols];
      let ai = si[j + cols];
      const x1r = ar * w1r - ai * w1i;
      const x1i = ar * w1i + ai * w1r;
      ar = sr[j + 2 * cols];
      ai = si[j + 2 * cols];
      const x2r = ar * w2r - ai * w2i;
      const x2i = ar * w2i + ai * w2r;
      ar = sr[j + 3 * cols];
      ai = si[j + 3 * cols];
      const x3r = ar * w3r - ai * w3i;
      const x3i = ar * w3i + ai * w3r;
      ar = sr[j + 4 * cols];
      ai = si[j + 4 * cols];
      const x4r = ar * w4r - ai * w4i;
      const x4i = ar * w4i + ai * w4r;
      const s1r = x1r + x4r;
      const s1i = x1i + x4i;
      const d1r = x1r - x4r;
      const d1i = x1i - x4i;
      const s2r = x2r + x3r;
      const s2i = x2i + x3i;
      const d2r = x2r - x3r;
      const d2i = x2i - x3i;
      const m1r = x0r + C51 * s1r + C52 * s2r;
      const m1i = x0i + C51 * s1i + C52 * s2i;
      const m2r = x0r + C52 * s1r + C51 * s2r;
      const m2i = x0i + C52 * s1i + C51 * s2i;
      const n1r = S51 * d1r + S52 * d2r;
      const n1i = S51 * d1i + S52 * d2i;
      const n2r = S52 * d1r - S51 * d2r;
      const n2i = S52 * d1i - S51 * d2i;
      dr[o] = x0r + s1r + s2r;
      di[o] = x0i + s1i + s2i;
      dr[o + L] = m1r + n1i;
      di[o + L] = m1i - n1r;
      dr[o + 4 * L] = m1r - n1i;
      di[o + 4 * L] = m1i + n1r;
      dr[o + 2 * L] = m2r + n2i;
      di[o + 2 * L] = m2i - n2r;
      dr[o + 3 * L] = m2r - n2i;
      di[o + 3 * L] = m2i + n2r;
    }
  }
}

const stage5: StageFn = (sr, si, so, dr, di, dO, n, L, twr, twi) => {
  const cols = n / 5;
  if (L * L < cols) {
    stage5SpanOuter(sr, si, so, dr, di, dO, n, L, twr, twi);
    return;
  }
  for (let jb = 0, ob = 0; jb < cols; jb += L, ob += 5 * L)
    for (let p = 0; p < L; p++) {
      const j = so + jb + p;
      const o = dO + ob + p;
      const t = 4 * p;
      const x0r = sr[j];
      const x0i = si[j];
      let ar = sr[j + cols];
      let ai = si[j + cols];
      const x1r = ar * twr[t] - ai * twi[t];
      const x1i = ar * twi[t] + ai * twr[t];
      ar = sr[j + 2 * cols];
      ai = si[j + 2 * cols];
      const x2r = ar * twr[t + 1] - ai * twi[t + 1];
      const x2i = ar * twi[t + 1] + ai * twr[t + 1];
      ar = sr[j + 3 * cols];
      ai = si[j + 3 * cols];
      const x3r = ar * twr[t + 2] - ai * twi[t + 2];
      const x3i = ar * twi[t + 2] + ai * twr[t + 2];
      ar = sr[j + 4 * cols];
      ai = si[j + 4 * cols];
      const x4r = ar * twr[t + 3] - ai * twi[t + 3];
      const x4i = ar * twi[t + 3] + ai * twr[t + 3];
      const s1r = x1r + x4r;
      const s1i = x1i + x4i;
      const d1r = x1r - x4r;
      const d1i = x1i - x4i;
      const s2r = x2r + x3r;
      const s2i = x2i + x3i;
      const d2r = x2r - x3r;
      const d2i = x2i - x3i;
      const m1r = x0r + C51 * s1r + C52 * s2r;
      const m1i = x0i + C51 * s1i + C52 * s2i;
      const m2r = x0r + C52 * s1r + C51 * s2r;
      const m2i = x0i + C52 * s1i + C51 * s2i;
      const n1r = S51 * d1r + S52 * d2r;
      const n1i = S51 * d1i + S52 * d2i;
      const n2r = S52 * d1r - S51 * d2r;
      const n2i = S52 * d1i - S51 * d2i;
      dr[o] = x0r + s1r + s2r;
      di[o] = x0i + s1i + s2i;
      dr[o + L] = m1r + n1i;
      di[o + L] = m1i - n1r;
      dr[o + 4 * L] = m1r - n1i;
      di[o + 4 * L] = m1i + n1r;
      dr[o + 2 * L] = m2r + n2i;
      di[o + 2 * L] = m2i - n2r;
      dr[o + 3 * L] = m2r - n2i;
      di[o + 3 * L] = m2i + n2r;
    }
};

const stage7: StageFn = (sr, si, so, dr, di, dO, n, L, twr, twi) => {
  const cols = n / 7;
  for (let jb = 0, ob = 0; jb < cols; jb += L, ob += 7 * L)
    for (let p = 0; p < L; p++) {
      const j = so + jb + p;
      const o = dO + ob + p;
      const t = 6 * p;
      const x0r = sr[j];
      const x0i = si[j];
      let ar = sr[j + cols];
      let ai = si[j + cols];
      const x1r = ar * twr[t] - ai * twi[t];
      const x1i = ar * twi[t] + ai * twr[t];
      ar = sr[j + 2 * cols];
      ai = si[j + 2 * cols];
      const x2r = ar * twr[t + 1] - ai * twi[t + 1];
      const x2i = ar * twi[t + 1] + ai * twr[t + 1];
      ar = sr[j + 3 * cols];
      ai = si[j + 3 * cols];
      const x3r = ar * twr[t + 2] - ai * twi[t + 2];
      const x3i = ar * twi[t + 2] + ai * twr[t + 2];
      ar = sr[j + 4 * cols];
      ai = si[j + 4 * cols];
      const x4r = ar * twr[t + 3] - ai * twi[t + 3];
      const x4i = ar * twi[t + 3] + ai * twr[t + 3];
      ar = sr[j + 5 * cols];
      ai = si[j + 5 * cols];
      const x5r = ar * twr[t + 4] - ai * twi[t + 4];
      const x5i = ar * twi[t + 4] + ai * twr[t + 4];
      ar = sr[j + 6 * cols];
      ai = si[j + 6 * cols];
      const x6r = ar * twr[t + 5] - ai * twi[t + 5];
      const x6i = ar * twi[t + 5] + ai * twr[t + 5];
      // pairs (r, 7 − r): sums s_r and differences d_r
      const s1r = x1r + x6r;
      const s1i = x1i + x6i;
      const d1r = x1r - x6r;
      const d1i = x1i - x6i;
      const s2r = x2r + x5r;
      const s2i = x2i + x5i;
      const d2r = x2r - x5r;
      const d2i = x2i - x5i;
      const s3r = x3r + x4r;
      const s3i = x3i + x4i;
      const d3r = x3r - x4r;
      const d3i = x3i - x4i;
      // M_t = x0 + Σ_r cos(2π rt/7) s_r,  N_t = Σ_r sin(2π rt/7) d_r
      const m1r = x0r + C71 * s1r + C72 * s2r + C73 * s3r;
      const m1i = x0i + C71 * s1i + C72 * s2i + C73 * s3i;
      const m2r = x0r + C72 * s1r + C73 * s2r + C71 * s3r;
      const m2i = x0i + C72 * s1i + C73 * s2i + C71 * s3i;
      const m3r = x0r + C73 * s1r + C71 * s2r + C72 * s3r;
      const m3i = x0i + C73 * s1i + C71 * s2i + C72 * s3i;
      const n1r = S71 * d1r + S72 * d2r + S73 * d3r;
      const n1i = S71 * d1i + S72 * d2i + S73 * d3i;
      const n2r = S72 * d1r - S73 * d2r - S71 * d3r;
      const n2i = S72 * d1i - S73 * d2i - S71 * d3i;
      const n3r = S73 * d1r - S71 * d2r + S72 * d3r;
      const n3i = S73 * d1i - S71 * d2i + S72 * d3i;
      dr[o] = x0r + s1r + s2r + s3r;
      di[o] = x0i + s1i + s2i + s3i;
      dr[o + L] = m1r + n1i;
      di[o + L] = m1i - n1r;
      dr[o + 6 * L] = m1r - n1i;
      di[o + 6 * L] = m1i + n1r;
      dr[o + 2 * L] = m2r + n2i;
      di[o + 2 * L] = m2i - n2r;
      dr[o + 5 * L] = m2r - n2i;
      di[o + 5 * L] = m2i + n2r;
      dr[o + 3 * L] = m3r + n3i;
      di[o + 3 * L] = m3i - n3r;
      dr[o + 4 * L] = m3r - n3i;
      di[o + 4 * L] = m3i + n3r;
    }
};

const STAGES: Record<number, StageFn> = { 2: stage2, 3: stage3, 4: stage4, 5: stage5, 7: stage7 };

/**
 * The first radix-4 stage (span L = 1, every twiddle is 1) as one flat loop: the generic
 * stage's inner loop over p would run once per butterfly, and its twiddle products are
 * multiplications by 1. With `halfZero` the inputs x[n/2 ..) are taken as zero (a
 * zero-padded signal, e.g. a linear convolution's operand) and not read: the butterfly
 * reduces to x0 ± x1 and x0 ∓ i·x1. The arithmetic is the generic stage's with the unit
 * twiddles and zero inputs dropped, so every output is the same number.
 */
function stage4Unit(
  sr: Float64Array,
  si: Float64Array,
  so: number,
  dr: Float64Array,
  di: Float64Array,
  dO: number,
  n: number,
  halfZero: boolean,
): void {
  const cols = n / 4;
  if (halfZero) {
    for (let q = 0; q < cols; q++) {
      const j = so + q;
      const o = dO + 4 * q;
      const x0r = sr[j];
      const x0i = si[j];
      const x1r = sr[j + cols];
      const x1i = si[j + cols];
      dr[o] = x0r + x1r;
      di[o] = x0i + x1i;
      dr[o + 1] = x0r + x1i;
      di[o + 1] = x0i - x1r;
      dr[o + 2] = x0r - x1r;
      di[o + 2] = x0i - x1i;
      dr[o + 3] = x0r - x1i;
      di[o + 3] = x0i + x1r;
    }
    return;
  }
  for (let q = 0; q < cols; q++) {
    const j = so + q;
    const o = dO + 4 * q;
    const x0r = sr[j];
    const x0i = si[j];
    const x1r = sr[j + cols];
    const x1i = si[j + cols];
    const x2r = sr[j + 2 * cols];
    const x2i = si[j + 2 * cols];
    const x3r = sr[j + 3 * cols];
    const x3i = si[j + 3 * cols];
    const pr = x0r + x2r;
    const pi = x0i + x2i;
    const mr = x0r - x2r;
    const mi = x0i - x2i;
    const qr = x1r + x3r;
    const qi = x1i + x3i;
    const nr = x1r - x3r;
    const ni = x1i - x3i;
    dr[o] = pr + qr;
    di[o] = pi + qi;
    dr[o + 1] = mr + ni;
    di[o + 1] = mi - nr;
    dr[o + 2] = pr - qr;
    di[o + 2] = pi - qi;
    dr[o + 3] = mr - ni;
    di[o + 3] = mi + nr;
  }
}

/** True when `mixedRadix` can skip the zero upper half of its input (see `stage4Unit`). */
export function canSkipZeroHalf(plan: MixedRadixPlan): boolean {
  return plan.stages.length >= 2 && plan.stages[0].radix === 4;
}

/**
 * Unnormalised transform of re/im[off .. off+n): sgn = +1 forward (e^{−2πi jk/n}),
 * −1 inverse (e^{+2πi jk/n}), as the radix-2 kernel. The inverse is the forward transform
 * with the real and imaginary parts swapped on the way in and out (swap(F(swap x))), which
 * costs nothing: the arrays are passed the other way round. With two or more stages the
 * first stage reads the caller's arrays and the last writes them, so no copies are made.
 * `upperHalfZero` promises that re/im[off + n/2 .. off + n) are zero; they are then not
 * read when {@link canSkipZeroHalf} holds (and the result is the same either way).
 */
export function mixedRadix(
  inRe: Float64Array,
  inIm: Float64Array,
  off: number,
  plan: MixedRadixPlan,
  sgn: number,
  upperHalfZero = false,
): void {
  const n = plan.n;
  const re = sgn === 1 ? inRe : inIm;
  const im = sgn === 1 ? inIm : inRe;
  const stages = plan.stages;
  const ns = stages.length;
  if (ns === 0) return;
  if (ns === 1) {
    // a single butterfly of the whole array: through the work buffer
    const st = stages[0];
    (STAGES[st.radix] as StageFn)(re, im, off, plan.bufRe, plan.bufIm, 0, n, 1, st.twRe, st.twIm);
    for (let i = 0; i < n; i++) {
      re[off + i] = plan.bufRe[i];
      im[off + i] = plan.bufIm[i];
    }
    return;
  }
  // caller → buf → tmp → buf … → caller (the last stage's source is never the caller's)
  let srcRe = re;
  let srcIm = im;
  let so = off;
  for (let s = 0; s < ns; s++) {
    const st = stages[s];
    const last = s === ns - 1;
    const dstRe = last ? re : s % 2 === 0 ? plan.bufRe : plan.tmpRe;
    const dstIm = last ? im : s % 2 === 0 ? plan.bufIm : plan.tmpIm;
    const dO = last ? off : 0;
    if (s === 0 && st.radix === 4) stage4Unit(srcRe, srcIm, so, dstRe, dstIm, dO, n, upperHalfZero);
    else
      (STAGES[st.radix] as StageFn)(
        srcRe,
        srcIm,
        so,
        dstRe,
        dstIm,
        dO,
        n,
        st.span,
        st.twRe,
        st.twIm,
      );
    srcRe = dstRe;
    srcIm = dstIm;
    so = 0;
  }
}
