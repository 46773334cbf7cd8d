/**
 * MODIT's convolution of a line-shape density with the folded Voigt kernel ("zeroscan",
 * aliasing-closed mode; research/exojax.md §4.4). The kernel is given on the rfft
 * frequencies k_j = j/(2N) of a length-2N transform, including van den Bekerom's
 * Lorentzian alias correction, so the result is a length-2N circular convolution of
 * the zero-padded density. Derivatives of the kernel with respect to the width g and
 * the Doppler width β are provided for forward-mode temperature derivatives.
 */
import { irfftInto, rfftPaddedInto } from "@sidereal/tensor/kernels";

const FOUR_PI2 = 4 * Math.PI * Math.PI;

/** Recomputes the Lorentz factor with `exp` every this many frequencies (see below). */
const LORENTZ_RESTART = 32;

/** The Gaussian factor is recomputed with `exp` every this many frequencies (see below). */
const GAUSS_RESTART = 32;

/**
 * Doppler factor exp(−2(πβk)²) on the N+1 frequencies k = j/(2N). It depends only on the
 * layer (β), so PreMODIT computes it once per layer and shares it across broadening pairs.
 * With c = 2(πβ/2N)², G_j = exp(−c j²) satisfies G_{j+1} = G_j q_j, q_j = exp(−c(2j+1)),
 * q_{j+1} = q_j exp(−2c): two multiplications per frequency, restarted with `exp` every
 * 32 frequencies so the accumulated rounding stays a few ulp (tested against the direct
 * evaluation to 1e-13 on the kernel's scale).
 */
export function gaussianFactor(beta: number, n: number, out: Float64Array): void {
  const a = (Math.PI * beta) / (2 * n);
  const c = 2 * a * a;
  const q2 = Math.exp(-2 * c);
  for (let j0 = 0; j0 <= n; j0 += GAUSS_RESTART) {
    const jEnd = Math.min(j0 + GAUSS_RESTART, n + 1);
    let v = Math.exp(-c * j0 * j0);
    let q = Math.exp(-c * (2 * j0 + 1));
    for (let j = j0; j < jEnd; j++) {
      out[j] = v;
      v *= q;
      q *= q2;
    }
  }
}

/**
 * Kernel values for normalised Lorentz HWHM g and Doppler σ β on N+1 frequencies.
 * With `dg`/`dbeta` given, also ∂kernel/∂g and ∂kernel/∂β. `gauss` (from
 * {@link gaussianFactor} at the same β and N) is shared across broadening pairs; without
 * it the factor is computed into `out` first. The Lorentz factor exp(−2πgk) = r^j is a
 * geometric sequence, advanced by multiplication and recomputed with `exp` every 32
 * frequencies, so its relative error stays below 32 ulp. The loops are split by whether
 * derivatives are asked for, and j = 0 (the only frequency with the 2B alias term) is
 * taken out, so the per-frequency work is a handful of multiplications and one division.
 */
export function foldedVoigtKernel(
  g: number,
  beta: number,
  n: number,
  out: Float64Array,
  dg?: Float64Array,
  dbeta?: Float64Array,
  gauss?: Float64Array,
): void {
  const vmax = n;
  const q = (2 * g) / vmax;
  const q2 = q * q;
  const ew = Math.exp(0.19461568 * q2);
  const w = vmax * 0.39560962 * ew;
  const ea = Math.exp(-0.06592025 * q2);
  const A = q * 0.09432246 * ea;
  const eb = Math.exp(-0.09048447 * q2);
  const B = q * 0.11202818 * eb;
  const inv2n = 1 / (2 * n);
  const lstep = -2 * Math.PI * g * inv2n;
  const ratio = Math.exp(lstep);
  const c4w2 = FOUR_PI2 * w * w * inv2n * inv2n; // 4π²w²k² with k = j/(2N): c4w2 j²
  let gs: Float64Array;
  if (gauss === undefined) {
    gaussianFactor(beta, n, out);
    gs = out;
  } else gs = gauss;
  if (dg === undefined && dbeta === undefined) {
    out[0] = gs[0] * (1 - A - 2 * B);
    let valL = 1;
    let pm = -1;
    for (let j = 1; j <= n; j++) {
      valL = j % LORENTZ_RESTART === 0 ? Math.exp(lstep * j) : valL * ratio;
      out[j] = gs[j] * (valL - (pm * A) / (1 + c4w2 * j * j));
      pm = -pm;
    }
    return;
  }
  // derivatives with respect to g (dq/dg = 2/vmax)
  const dqdg = 2 / vmax;
  const dw = w * 2 * 0.19461568 * q * dqdg;
  const dA = 0.09432246 * ea * (1 - 2 * 0.06592025 * q2) * dqdg;
  const dB = 0.11202818 * eb * (1 - 2 * 0.09048447 * q2) * dqdg;
  const dDen = FOUR_PI2 * 2 * w * dw * inv2n * inv2n; // ∂den/∂g / j²
  const lk = -2 * Math.PI * inv2n; // ∂(−2πgk)/∂g / j
  const bk = -FOUR_PI2 * beta * inv2n * inv2n; // ∂ log G / ∂β / j²
  let valL = 1;
  let pm = 1;
  for (let j = 0; j <= n; j++) {
    valL = j % LORENTZ_RESTART === 0 ? Math.exp(lstep * j) : valL * ratio;
    const j2 = j * j;
    const den = 1 + c4w2 * j2;
    const valG = gs[j];
    const v = valG * (valL - (A / den + (j === 0 ? 2 * B : 0)) * pm);
    if (dg !== undefined) {
      const dIcorr = (dA / den - (A * dDen * j2) / (den * den) + (j === 0 ? 2 * dB : 0)) * pm;
      dg[j] = valG * (lk * j * valL - dIcorr);
    }
    if (dbeta !== undefined) dbeta[j] = v * bk * j2;
    out[j] = v;
    pm = -pm;
  }
}

/**
 * The kernel and its derivative along one direction, dOut = ∂K/∂g · dg + ∂K/∂β · dβ (a
 * layer's width and Doppler σ both move with its temperature): the same arithmetic as
 * {@link foldedVoigtKernel} with derivatives, without storing the two partials.
 */
export function foldedVoigtKernelTangent(
  g: number,
  beta: number,
  n: number,
  out: Float64Array,
  dOut: Float64Array,
  dgDir: number,
  dbetaDir: number,
  gauss: Float64Array,
): void {
  const vmax = n;
  const q = (2 * g) / vmax;
  const q2 = q * q;
  const ew = Math.exp(0.19461568 * q2);
  const w = vmax * 0.39560962 * ew;
  const ea = Math.exp(-0.06592025 * q2);
  const A = q * 0.09432246 * ea;
  const eb = Math.exp(-0.09048447 * q2);
  const B = q * 0.11202818 * eb;
  const inv2n = 1 / (2 * n);
  const lstep = -2 * Math.PI * g * inv2n;
  const ratio = Math.exp(lstep);
  const c4w2 = FOUR_PI2 * w * w * inv2n * inv2n;
  const dqdg = 2 / vmax;
  const dw = w * 2 * 0.19461568 * q * dqdg;
  const dA = 0.09432246 * ea * (1 - 2 * 0.06592025 * q2) * dqdg;
  const dB = 0.11202818 * eb * (1 - 2 * 0.09048447 * q2) * dqdg;
  const dDen = FOUR_PI2 * 2 * w * dw * inv2n * inv2n;
  const lk = -2 * Math.PI * inv2n;
  const bk = -FOUR_PI2 * beta * inv2n * inv2n;
  let valL = 1;
  let pm = 1;
  for (let j = 0; j <= n; j++) {
    valL = j % LORENTZ_RESTART === 0 ? Math.exp(lstep * j) : valL * ratio;
    const j2 = j * j;
    const den = 1 + c4w2 * j2;
    const valG = gauss[j];
    const v = valG * (valL - (A / den + (j === 0 ? 2 * B : 0)) * pm);
    const dIcorr = (dA / den - (A * dDen * j2) / (den * den) + (j === 0 ? 2 * dB : 0)) * pm;
    dOut[j] = valG * (lk * j * valL - dIcorr) * dgDir + v * bk * j2 * dbetaDir;
    out[j] = v;
    pm = -pm;
  }
}

/**
 * The value kernel ({@link foldedVoigtKernel} without derivatives, with the shared Doppler
 * factor) multiplied into a spectrum and added to an accumulator in the same pass:
 * acc[j] += spec[off + j] × K_j. Same numbers as computing the kernel into a buffer and
 * accumulating it; one pass over the frequencies instead of two, and no kernel buffer.
 */
export function foldedVoigtAccumulate(
  g: number,
  n: number,
  gauss: Float64Array,
  re: Float64Array,
  im: Float64Array,
  off: number,
  accRe: Float64Array,
  accIm: Float64Array,
): void {
  const vmax = n;
  const q = (2 * g) / vmax;
  const q2 = q * q;
  const ew = Math.exp(0.19461568 * q2);
  const w = vmax * 0.39560962 * ew;
  const A = q * 0.09432246 * Math.exp(-0.06592025 * q2);
  const B = q * 0.11202818 * Math.exp(-0.09048447 * q2);
  const inv2n = 1 / (2 * n);
  const lstep = -2 * Math.PI * g * inv2n;
  const ratio = Math.exp(lstep);
  const c4w2 = FOUR_PI2 * w * w * inv2n * inv2n;
  const k0 = gauss[0] * (1 - A - 2 * B);
  accRe[0] += re[off] * k0;
  accIm[0] += im[off] * k0;
  let valL = 1;
  let pm = -1;
  for (let j = 1; j <= n; j++) {
    valL = j % LORENTZ_RESTART === 0 ? Math.exp(lstep * j) : valL * ratio;
    const kj = gauss[j] * (valL - (pm * A) / (1 + c4w2 * j * j));
    accRe[j] += re[off + j] * kj;
    accIm[j] += im[off + j] * kj;
    pm = -pm;
  }
}

/**
 * PreMODIT's VJP pass for one broadening pair, fused: with the kernel K and its tangent dK
 * along (dgDir, dbetaDir) as {@link foldedVoigtKernelTangent} gives them, returns
 * Σ_j c_j dK_j Re(conj(H_j) S_j) (c_j = 1 at j = 0 and j = n, 2 between) and writes
 * kRe/kIm = H × K. Same numbers as the tangent kernel followed by the two loops over its
 * buffers; one pass and no kernel buffers.
 */
export function foldedVoigtVjpPass(
  g: number,
  beta: number,
  n: number,
  dgDir: number,
  dbetaDir: number,
  gauss: Float64Array,
  hRe: Float64Array,
  hIm: Float64Array,
  sRe: Float64Array,
  sIm: Float64Array,
  sOff: number,
  kRe: Float64Array,
  kIm: Float64Array,
): number {
  const vmax = n;
  const q = (2 * g) / vmax;
  const q2 = q * q;
  const ew = Math.exp(0.19461568 * q2);
  const w = vmax * 0.39560962 * ew;
  const ea = Math.exp(-0.06592025 * q2);
  const A = q * 0.09432246 * ea;
  const eb = Math.exp(-0.09048447 * q2);
  const B = q * 0.11202818 * eb;
  const inv2n = 1 / (2 * n);
  const lstep = -2 * Math.PI * g * inv2n;
  const ratio = Math.exp(lstep);
  const c4w2 = FOUR_PI2 * w * w * inv2n * inv2n;
  const dqdg = 2 / vmax;
  const dw = w * 2 * 0.19461568 * q * dqdg;
  const dA = 0.09432246 * ea * (1 - 2 * 0.06592025 * q2) * dqdg;
  const dB = 0.11202818 * eb * (1 - 2 * 0.09048447 * q2) * dqdg;
  const dDen = FOUR_PI2 * 2 * w * dw * inv2n * inv2n;
  const lk = -2 * Math.PI * inv2n;
  const bk = -FOUR_PI2 * beta * inv2n * inv2n;
  let valL = 1;
  let pm = 1;
  let a = 0;
  for (let j = 0; j <= n; j++) {
    valL = j % LORENTZ_RESTART === 0 ? Math.exp(lstep * j) : valL * ratio;
    const j2 = j * j;
    const den = 1 + c4w2 * j2;
    const valG = gauss[j];
    const v = valG * (valL - (A / den + (j === 0 ? 2 * B : 0)) * pm);
    const dIcorr = (dA / den - (A * dDen * j2) / (den * den) + (j === 0 ? 2 * dB : 0)) * pm;
    const dk = valG * (lk * j * valL - dIcorr) * dgDir + v * bk * j2 * dbetaDir;
    const c = j === 0 || j === n ? 1 : 2;
    a += c * dk * (hRe[j] * sRe[sOff + j] + hIm[j] * sIm[sOff + j]);
    kRe[j] = hRe[j] * v;
    kIm[j] = hIm[j] * v;
    pm = -pm;
  }
  return a;
}

/**
 * Accumulates Σ_b rfft(pad(column_b)) × kernel_b and finishes with the inverse transform
 * scaled by R/ν (cross section per cm⁻¹). Buffers are allocated once per grid size.
 */
export class FoldedVoigtConvolver {
  readonly n: number;
  readonly accRe: Float64Array;
  readonly accIm: Float64Array;
  readonly specRe: Float64Array;
  readonly specIm: Float64Array;
  readonly kernel: Float64Array;
  private readonly full: Float64Array;
  private readonly scale: Float64Array;

  /** R/ν_k: the factor `finish` applies. */
  get scaleFactors(): Float64Array {
    return this.scale;
  }

  constructor(nuGrid: Float64Array, resolution: number) {
    const n = nuGrid.length;
    this.n = n;
    this.accRe = new Float64Array(n + 1);
    this.accIm = new Float64Array(n + 1);
    this.specRe = new Float64Array(n + 1);
    this.specIm = new Float64Array(n + 1);
    this.kernel = new Float64Array(n + 1);
    this.full = new Float64Array(n);
    this.scale = nuGrid.map((v) => resolution / v);
  }

  reset(): void {
    this.accRe.fill(0);
    this.accIm.fill(0);
  }

  /**
   * rfft of the zero-padded column into specRe/specIm (gathered straight into the FFT's
   * work arrays; the zero half is not transformed, see `rfftPaddedInto`).
   */
  transform(column: Float64Array, offset = 0, stride = 1): void {
    const n = this.n;
    rfftPaddedInto(column, offset, stride, n, 2 * n, this.specRe, this.specIm, 0);
  }

  /** acc += spec × kernel (spec read from re/im[off ..], default the last transform). */
  accumulate(kernel: Float64Array, re = this.specRe, im = this.specIm, off = 0): void {
    const { accRe, accIm } = this;
    for (let j = 0; j <= this.n; j++) {
      accRe[j] += re[off + j] * kernel[j];
      accIm[j] += im[off + j] * kernel[j];
    }
  }

  /** out[k] = R/ν_k × irfft(acc)[k], k < N. */
  finish(out: Float64Array, outOffset = 0): void {
    const n = this.n;
    // only the first N samples of the length-2N circular convolution are the cross section
    irfftInto(this.accRe, this.accIm, 0, n + 1, 2 * n, this.full, 0, n);
    for (let k = 0; k < n; k++) out[outOffset + k] = this.full[k] * this.scale[k];
  }
}
