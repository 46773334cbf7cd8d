/**
 * A correctly rounded 10^y. numpy's `logspace` calls the C library's `pow`, which is
 * correctly rounded in practice; V8's `10 ** y` can be one ulp off. PreMODIT's automatic
 * parameters break ties between grid cells by last-ulp differences of such grid values,
 * so the grids are built with this function (fixed-point BigInt arithmetic, 160 bits).
 */

const BITS = 160n;
const ONE = 1n << BITS;
// ln 10 and ln 2 to 46 digits (more than the 160-bit fixed point needs)
const LN10 = (BigInt("23025850929940456840179914546843642076011014886") * ONE) / 10n ** 46n;
const LN2 = (BigInt("6931471805599453094172321214581765680755001343") * ONE) / 10n ** 46n;

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** y as an exact fixed-point BigInt (y × 2^160). */
function toFixed(y: number): bigint {
  f64[0] = y;
  const bits = u64[0];
  const sign = bits >> 63n ? -1n : 1n;
  const e = Number((bits >> 52n) & 0x7ffn);
  let m = bits & ((1n << 52n) - 1n);
  if (e === 0) return 0n;
  m |= 1n << 52n;
  const shift = BigInt(e - 1075) + BITS;
  return sign * (shift >= 0n ? m << shift : m >> -shift);
}

/** 10^y rounded to the nearest double (finite y with |y| < 300). */
export function pow10(y: number): number {
  if (!Number.isFinite(y) || Math.abs(y) > 300) return 10 ** y;
  const z = (toFixed(y) * LN10) >> BITS;
  // z = k ln2 + r, 0 <= r < ln2
  let k = z / LN2;
  if (z < 0n && k * LN2 !== z) k -= 1n;
  // exp(r) = exp(r / 256)^256: a short Taylor series, then eight squarings
  const r = (z - k * LN2) >> 8n;
  let term = ONE;
  let sum = ONE;
  for (let i = 1n; i < 40n; i++) {
    term = (term * r) / (i * ONE);
    if (term === 0n) break;
    sum += term;
  }
  for (let i = 0; i < 8; i++) sum = (sum * sum) >> BITS;
  // sum ∈ [2^160, 2^161): Number() rounds to nearest; the power-of-two scaling is exact
  return Number(sum) * 2 ** (Number(k) - Number(BITS));
}
