/**
 * Number formatting for SVG attributes and tick labels.
 *
 * Attribute numbers are rounded to about four significant digits so files stay
 * small and output is byte-identical across runs (no platform-dependent tails).
 */

/** Format a coordinate or length for an SVG attribute: ~4 significant digits, no exponent, no "-0". */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) {
    throw new RangeError(`cannot write non-finite number ${v} into an SVG attribute`);
  }
  const a = Math.abs(v);
  if (a < 1e-4) return "0";
  const r = a >= 1e4 ? Math.round(v) : Number(v.toPrecision(4));
  return r === 0 ? "0" : String(r);
}

/** Number of decimals needed to distinguish multiples of `step` (a nice 1/2/5 × 10^k step). */
export function decimalsForStep(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  const k = Math.floor(Math.log10(step) + 1e-9);
  // A step such as 0.25 (not produced by niceTicks, but by callers) needs one more digit.
  const mantissa = step / 10 ** k;
  const extra = Math.abs(mantissa - Math.round(mantissa)) > 1e-6 ? 1 : 0;
  return Math.min(20, Math.max(0, -k + extra));
}

/** Replace an ASCII hyphen-minus sign with the typographic minus sign U+2212. */
export function typographicMinus(s: string): string {
  return s.startsWith("-") ? `\u2212${s.slice(1)}` : s;
}

/**
 * Format a tick value for display given the tick spacing: fixed notation with as many
 * decimals as the step needs, exponent notation for very large or very small magnitudes.
 */
export function formatTick(v: number, step: number): string {
  if (v === 0 || Math.abs(v) < Math.abs(step) * 1e-9) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-4) {
    const digits = Math.min(
      6,
      Math.max(0, Math.floor(Math.log10(a)) - Math.floor(Math.log10(step))),
    );
    return typographicMinus(v.toExponential(digits).replace("e+", "e"));
  }
  return typographicMinus(v.toFixed(decimalsForStep(step)));
}

/**
 * Format a value with asymmetric uncertainties, rounding all three to the precision of
 * two significant digits of the smaller uncertainty. Returns the display strings.
 */
export function formatWithUncertainty(
  value: number,
  plus: number,
  minus: number,
): { value: string; plus: string; minus: string } {
  const err = Math.min(Math.abs(plus), Math.abs(minus));
  const scale = Math.max(Math.abs(value), err);
  if (!(err > 0) || !Number.isFinite(err) || scale >= 1e6 || (scale > 0 && scale < 1e-4)) {
    const e = (x: number) => typographicMinus(x.toPrecision(3).replace("e+", "e"));
    return { value: e(value), plus: `+${e(Math.abs(plus))}`, minus: `\u2212${e(Math.abs(minus))}` };
  }
  const decimals = Math.min(8, Math.max(0, 1 - Math.floor(Math.log10(err))));
  let v = value.toFixed(decimals);
  if (Number(v) === 0) v = (0).toFixed(decimals);
  return {
    value: typographicMinus(v),
    plus: `+${Math.abs(plus).toFixed(decimals)}`,
    minus: `\u2212${Math.abs(minus).toFixed(decimals)}`,
  };
}
