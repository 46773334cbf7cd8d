/**
 * Self-sorting mixed-radix (Stockham) complex FFT for lengths whose prime factors are
 * 2, 3, 5 and 7 — e.g. 7000 = 2³·5³·7 or 3500 — where Bluestein's algorithm would need
 * two power-of-two transforms of length ≥ 2n plus chirp products. Stage s with radix R and
 * span L (product of the previous radices) reads v_r = x[j + r·n/R]·e^{∓2πi r (j mod L)/(L R)},
 * applies the R-point DFT and writes y[(j div L)·L·R + (j mod L) + t·L]
 * (Govindaraju et al. 2008, "High performance discrete Fourier transforms on graphics
 * processors", §3). Radix-2/3/4/5 butterflies are written out; radix 7 uses its DFT matrix.
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
  /** Forward twiddles e^{−2πi r (j mod L)/(L R)}, index j·R + r (j < n/R). */
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
  /** Butterfly inputs (interleaved re/im, up to radix 7). */
  readonly v: Float64Array;
}

/** Builds the plan (twiddle tables and two length-n work buffers); n must be 7-smooth. */
export function makeMixedRadixPlan(n: number): MixedRadixPlan {
  const factors = smoothFactors(n);
  if (factors === null) throw new RangeError(`mixed-radix FFT: ${n} has a prime factor above 7`);
  const stages: Stage[] = [];
  let span = 1;
  for (const radix of factors) {
    const cols = n / radix;
    const twRe = new Float64Array(cols * radix);
    const twIm = new Float64Array(cols * radix);
    for (let j = 0; j < cols; j++)
      for (let r = 0; r < radix; r++) {
        const a = (-2 * Math.PI * r * (j % span)) / (span * radix);
        twRe[j * radix + r] = Math.cos(a);
        twIm[j * radix + r] = Math.sin(a);
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
    v: new Float64Array(14),
  };
}

const C3 = -0.5;
const S3 = Math.sqrt(3) / 2;
const C51 = Math.cos((2 * Math.PI) / 5);
const C52 = Math.cos((4 * Math.PI) / 5);
const S51 = Math.sin((2 * Math.PI) / 5);
const S52 = Math.sin((4 * Math.PI) / 5);
const C7 = [1, 2, 3].map((k) => Math.cos((2 * Math.PI * k) / 7));
const S7 = [1, 2, 3].map((k) => Math.sin((2 * Math.PI * k) / 7));

/**
 * Unnormalised transform of re/im[off .. off+n): sgn = +1 forward (e^{−2πi jk/n}),
 * −1 inverse (e^{+2πi jk/n}), as the radix-2 kernel.
 */
export function mixedRadix(
  re: Float64Array,
  im: Float64Array,
  off: number,
  plan: MixedRadixPlan,
  sgn: number,
): void {
  const n = plan.n;
  let srcRe = plan.bufRe;
  let srcIm = plan.bufIm;
  let dstRe = plan.tmpRe;
  let dstIm = plan.tmpIm;
  for (let i = 0; i < n; i++) {
    srcRe[i] = re[off + i];
    srcIm[i] = sgn * im[off + i]; // inverse = conj(F(conj x))
  }
  const v = plan.v;
  for (const st of plan.stages) {
    const R = st.radix;
    const L = st.span;
    const cols = n / R;
    const { twRe, twIm } = st;
    for (let j = 0; j < cols; j++) {
      for (let r = 0; r < R; r++) {
        const xr = srcRe[j + r * cols];
        const xi = srcIm[j + r * cols];
        const wr = twRe[j * R + r];
        const wi = twIm[j * R + r];
        v[2 * r] = xr * wr - xi * wi;
        v[2 * r + 1] = xr * wi + xi * wr;
      }
      const b = ((j / L) | 0) * L * R + (j % L);
      if (R === 4) {
        const ar = v[0] + v[4];
        const ai = v[1] + v[5];
        const br = v[0] - v[4];
        const bi = v[1] - v[5];
        const cr = v[2] + v[6];
        const ci = v[3] + v[7];
        const dr = v[2] - v[6];
        const di = v[3] - v[7];
        dstRe[b] = ar + cr;
        dstIm[b] = ai + ci;
        dstRe[b + L] = br + di;
        dstIm[b + L] = bi - dr;
        dstRe[b + 2 * L] = ar - cr;
        dstIm[b + 2 * L] = ai - ci;
        dstRe[b + 3 * L] = br - di;
        dstIm[b + 3 * L] = bi + dr;
      } else if (R === 2) {
        dstRe[b] = v[0] + v[2];
        dstIm[b] = v[1] + v[3];
        dstRe[b + L] = v[0] - v[2];
        dstIm[b + L] = v[1] - v[3];
      } else if (R === 3) {
        const sr = v[2] + v[4];
        const si = v[3] + v[5];
        const dr = v[2] - v[4];
        const di = v[3] - v[5];
        const mr = v[0] + C3 * sr;
        const mi = v[1] + C3 * si;
        dstRe[b] = v[0] + sr;
        dstIm[b] = v[1] + si;
        dstRe[b + L] = mr + S3 * di;
        dstIm[b + L] = mi - S3 * dr;
        dstRe[b + 2 * L] = mr - S3 * di;
        dstIm[b + 2 * L] = mi + S3 * dr;
      } else if (R === 5) {
        const s1r = v[2] + v[8];
        const s1i = v[3] + v[9];
        const d1r = v[2] - v[8];
        const d1i = v[3] - v[9];
        const s2r = v[4] + v[6];
        const s2i = v[5] + v[7];
        const d2r = v[4] - v[6];
        const d2i = v[5] - v[7];
        const m1r = v[0] + C51 * s1r + C52 * s2r;
        const m1i = v[1] + C51 * s1i + C52 * s2i;
        const m2r = v[0] + C52 * s1r + C51 * s2r;
        const m2i = v[1] + C52 * s1i + C51 * s2i;
        const n1r = S51 * d1r + S52 * d2r;
        const n1i = S51 * d1i + S52 * d2i;
        const n2r = S52 * d1r - S51 * d2r;
        const n2i = S52 * d1i - S51 * d2i;
        dstRe[b] = v[0] + s1r + s2r;
        dstIm[b] = v[1] + s1i + s2i;
        dstRe[b + L] = m1r + n1i;
        dstIm[b + L] = m1i - n1r;
        dstRe[b + 4 * L] = m1r - n1i;
        dstIm[b + 4 * L] = m1i + n1r;
        dstRe[b + 2 * L] = m2r + n2i;
        dstIm[b + 2 * L] = m2i - n2r;
        dstRe[b + 3 * L] = m2r - n2i;
        dstIm[b + 3 * L] = m2i + n2r;
      } else {
        // radix 7: pairs (r, 7 − r) share cosines, sines change sign
        dstRe[b] = v[0] + v[2] + v[4] + v[6] + v[8] + v[10] + v[12];
        dstIm[b] = v[1] + v[3] + v[5] + v[7] + v[9] + v[11] + v[13];
        for (let t = 1; t < 7; t++) {
          let accR = v[0];
          let accI = v[1];
          for (let r = 1; r <= 3; r++) {
            const k = (r * t) % 7;
            const ci = k <= 3 ? k - 1 : 6 - k;
            const c = C7[ci];
            const s = k <= 3 ? S7[ci] : -S7[ci];
            const pr = v[2 * r] + v[2 * (7 - r)];
            const pi = v[2 * r + 1] + v[2 * (7 - r) + 1];
            const qr = v[2 * r] - v[2 * (7 - r)];
            const qi = v[2 * r + 1] - v[2 * (7 - r) + 1];
            // v_r e^{−iθ} + v_{7−r} e^{+iθ} = c (v_r + v_{7−r}) − i s (v_r − v_{7−r})
            accR += c * pr + s * qi;
            accI += c * pi - s * qr;
          }
          dstRe[b + t * L] = accR;
          dstIm[b + t * L] = accI;
        }
      }
    }
    const tr = srcRe;
    const ti = srcIm;
    srcRe = dstRe;
    srcIm = dstIm;
    dstRe = tr;
    dstIm = ti;
  }
  for (let i = 0; i < n; i++) {
    re[off + i] = srcRe[i];
    im[off + i] = sgn * srcIm[i];
  }
}
