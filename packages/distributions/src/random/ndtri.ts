// Inverse of the standard normal CDF by algorithm AS 241 (PPND16): M. J. Wichura, "Algorithm
// AS 241: The percentage points of the normal distribution", Applied Statistics 37(3),
// 477-484 (1988). The rational-approximation coefficients below are the published ones;
// relative accuracy is about 1e-16. Each coefficient is written as its nearest float64.

/** central numerator, coefficients of r⁰ … r⁷. */
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
] as const;
/** central denominator (B0 = 1), coefficients of r⁰ … r⁷. */
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
] as const;
/** intermediate-tail numerator, coefficients of r⁰ … r⁷. */
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
] as const;
/** intermediate-tail denominator (D0 = 1), coefficients of r⁰ … r⁷. */
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9,
] as const;
/** far-tail numerator, coefficients of r⁰ … r⁷. */
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 2.7115555687434876e-5, 2.0103343992922881e-7,
] as const;
/** far-tail denominator (F0 = 1), coefficients of r⁰ … r⁷. */
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  1.8463183175100548e-5, 1.421511758316446e-7, 2.0442631033899397e-15,
] as const;

/**
 * Σ c_i rⁱ by Horner's rule from the highest power (the same operations, in the same order,
 * as the unrolled ((c7 r + c6) r + …) r + c0 of the published algorithm, so bit-identical).
 */
function horner(c: readonly number[], r: number): number {
  let acc = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) acc = acc * r + c[i];
  return acc;
}

/**
 * Quantile function of the standard normal distribution, `Phi^{-1}(p)`, by Wichura's AS 241
 * (about 1e-16 relative accuracy). Returns `-Infinity` at 0, `+Infinity` at 1 and `NaN`
 * outside `[0, 1]`. Pure float64 arithmetic plus `Math.log`/`Math.sqrt`, so deterministic.
 */
export function ndtri(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(A, r)) / horner(B, r);
  }
  let r = q < 0 ? p : 1 - p;
  if (r === 0) return q < 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  r = Math.sqrt(-Math.log(r));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = horner(C, r) / horner(D, r);
  } else {
    r -= 5;
    x = horner(E, r) / horner(F, r);
  }
  return q < 0 ? -x : x;
}
