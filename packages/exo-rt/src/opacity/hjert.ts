/**
 * ExoJAX's Voigt–Hjerting function H(x, a) = Re w(x + i a) ("hjert", research/exojax.md
 * §3.1). It is an approximation (~1e-6 relative to the exact Faddeeva function); it is
 * reproduced here with ExoJAX's constants, rather than using the exact `voigtProfile`
 * of @sidereal/tensor, because the reference outputs are defined by it at 1e-6.
 */

const ERFCX_P = [
  5.92470169e-5, 1.61224554e-4, -3.46481771e-4, -1.39681227e-3, 1.2058838e-3, 8.69014394e-3,
  -8.01387429e-3, -5.42122945e-2, 1.64048523e-1, -1.66031078e-1, -9.27637145e-2, 2.76978403e-1,
];

/** ExoJAX's rational approximation of the scaled complementary error function (x > −9.3). */
export function erfcxExojax(x: number): number {
  const a = Math.abs(x);
  const b = (a - 2) / (a + 2);
  const q = (-a * b - 2 * (b + 1) + a) / (a + 2) + b;
  let p = ERFCX_P[0];
  for (let i = 1; i < ERFCX_P.length; i++) p = p * q + ERFCX_P[i];
  const Q = (p + 1) / (1 + 2 * a);
  const dd = p + 1 - Q * (1 + 2 * a);
  const f = (0.5 * dd) / (a + 0.5) + Q;
  return x >= 0 ? f : 2 * Math.exp(x * x) - f;
}

const S1_C = [
  7.78800786e-1, 3.6787945e-1, 1.05399221e-1, 1.83156393e-2, 1.93045416e-3, 1.23409802e-4,
  4.78511765e-6, 1.12535176e-7,
];
const S1_D = [0.25, 1, 2.25, 4, 6.25, 9, 12.25, 16];

/** Zaghloul & Ali (2011) Algorithm 916 truncated as in ExoJAX (`rewofz`). */
export function rewofz(x: number, y: number): number {
  const u = x * y;
  const e = Math.exp(-x * x);
  const sinc = u === 0 ? 1 : Math.sin(u) / u;
  const cos2u = Math.cos(2 * u);
  const f = e * (erfcxExojax(y) * cos2u + ((x * Math.sin(u)) / Math.PI) * sinc);
  const y2 = y * y;
  let s1 = 0;
  for (let k = 0; k < 8; k++) s1 += S1_C[k] / (S1_D[k] + y2);
  s1 *= e;
  let s23 = 0;
  for (let n = 1; n <= 27; n++) {
    const h = n / 2;
    const ap = h + x;
    const am = h - x;
    s23 += (Math.exp(-ap * ap) + Math.exp(-am * am)) / (h * h + y2);
  }
  return f + (y / Math.PI) * (-cos2u * s1 + 0.5 * s23);
}

const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);

/** H(x, a): `rewofz` inside x² + a² < 111, the asymptotic expansion outside. */
export function hjert(x: number, a: number): number {
  const r2 = x * x + a * a;
  if (r2 < 111) return rewofz(x, a);
  // w ≈ i/(z√π) (1 + b(1 + b(3 + 15 b))), b = 1/(2 z²), z = x + i a
  const zr2 = x * x - a * a;
  const zi2 = 2 * x * a;
  const m2 = zr2 * zr2 + zi2 * zi2;
  const br = (0.5 * zr2) / m2;
  const bi = (-0.5 * zi2) / m2;
  // s = 3 + 15 b
  let sr = 3 + 15 * br;
  let si = 15 * bi;
  // s = 1 + b s
  let tr = 1 + (br * sr - bi * si);
  let ti = br * si + bi * sr;
  // s = 1 + b t
  sr = 1 + (br * tr - bi * ti);
  si = br * ti + bi * tr;
  // i/z = i conj(z)/|z|² = (a + i x)/r2
  const izr = a / r2;
  const izi = x / r2;
  tr = izr * sr - izi * si;
  ti = izr * si + izi * sr;
  return tr * INV_SQRT_PI;
}

/** Area-normalised Voigt profile (1/cm⁻¹) with Doppler σ and Lorentz HWHM γ, via hjert. */
export function voigtHjert(dnu: number, sigmaD: number, gammaL: number): number {
  const s = 1 / (Math.SQRT2 * sigmaD);
  return s * hjert(s * dnu, s * gammaL) * INV_SQRT_PI;
}
