/**
 * The Kroupa (2001) IMF as FSPS uses it for imf_type 2: dN/dM ∝ M^−1.3 on 0.08–0.5 M☉ and
 * M^−2.3 on 0.5–100 M☉ (continuous), normalised to 1 M☉ formed (∫ M φ dM = 1). Integrals of
 * φ·M^p over a mass interval are closed forms of the power laws.
 */

export const IMF_MIN = 0.08;
export const IMF_BREAK = 0.5;
export const IMF_MAX = 100;
const A_LOW = 1.3;
const A_HIGH = 2.3;

/** ∫_a^b M^e dM. */
const powInt = (a: number, b: number, e: number): number =>
  Math.abs(e + 1) < 1e-12 ? Math.log(b / a) : (b ** (e + 1) - a ** (e + 1)) / (e + 1);

/** Unnormalised ∫_a^b φ(M) M^p dM with φ continuous at the break (φ = M^−2.3 above it). */
function rawMoment(a: number, b: number, p: number): number {
  let s = 0;
  const lowScale = IMF_BREAK ** (A_LOW - A_HIGH); // continuity: c·0.5^−1.3 = 0.5^−2.3
  if (a < IMF_BREAK) s += lowScale * powInt(a, Math.min(b, IMF_BREAK), p - A_LOW);
  if (b > IMF_BREAK) s += powInt(Math.max(a, IMF_BREAK), b, p - A_HIGH);
  return s;
}

const NORM = 1 / rawMoment(IMF_MIN, IMF_MAX, 1);

/** ∫_a^b φ(M) M^p dM per M☉ formed (a, b clipped to the IMF's range). */
export function imfMoment(a: number, b: number, p: number): number {
  const lo = Math.max(a, IMF_MIN);
  const hi = Math.min(b, IMF_MAX);
  return hi > lo ? NORM * rawMoment(lo, hi, p) : 0;
}

/** φ(M) per M☉ formed. */
export function imfDensity(m: number): number {
  if (m < IMF_MIN || m > IMF_MAX) return 0;
  return NORM * (m < IMF_BREAK ? IMF_BREAK ** (A_LOW - A_HIGH) * m ** -A_LOW : m ** -A_HIGH);
}
