/**
 * PreMODIT's automatic parameters (ExoJAX `optimal_params` with the v2 "degt" table,
 * research/exojax.md §5.1): for each E_lower spacing dE (largest first) and each
 * (Twt, Tref) cell, the robust temperature range within which a single line's
 * interpolated strength stays within 1%; the first dE with a cell covering the
 * requested range wins. ExoJAX ships the table; it is recomputed here lazily.
 */
import { HC_PER_K } from "../constants.js";
import { ExoInputError } from "../errors.js";
import { linspace, logspace10 } from "../grid.js";

export type DiffMode = 0 | 1 | 2;

export interface PremoditParams {
  readonly dE: number;
  readonly Tref: number;
  readonly Twt: number;
  /** The robust range [Tl, Tu] of the chosen cell. */
  readonly robustRange: readonly [number, number];
}

const TWT_GRID = logspace10(50.1, 3000.1, 75);
const TREF_GRID = logspace10(50, 3000, 75);
const TSEARCH = logspace10(50, 7500, 120);
const DE_GRID = linspace(50, 1000, 39);
const P_VALUES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const CRIT = 0.01;

/** w2 and its first two derivatives in t at s = t − tref (a = c2 p D, c = c2 (1−p) D). */
function w2Derivs(s: number, a: number, c: number): [number, number, number] {
  const ea = Math.exp(a * s);
  const ec = Math.exp(-c * s);
  const num = 1 - ea;
  const den = ec - ea;
  const num1 = -a * ea;
  const den1 = -c * ec - a * ea;
  const num2 = -a * a * ea;
  const den2 = c * c * ec - a * a * ea;
  const w = num / den;
  const w1 = (num1 * den - num * den1) / (den * den);
  const w2 =
    (num2 * den - num * den2) / (den * den) -
    (2 * den1 * (num1 * den - num * den1)) / (den * den * den);
  return [w, w1, w2];
}

/** Maximum |relative strength error| at temperature T for one cell (NaN → +∞). */
function cellError(t: number, twt: number, tref: number, dE: number, diffmode: DiffMode): number {
  const tt = 1 / t;
  const twtInv = 1 / twt;
  const trefInv = 1 / tref;
  const d = dE * (diffmode + 1);
  const ps = diffmode === 0 ? [0.5] : P_VALUES;
  let worst = 0;
  for (const p of ps) {
    const a = HC_PER_K * p * d;
    const c = HC_PER_K * (1 - p) * d;
    const [w, w1, w2] = w2Derivs(twtInv - trefInv, a, c);
    const dt = tt - twtInv;
    let W2 = w;
    if (diffmode >= 1) W2 += w1 * dt;
    if (diffmode === 2) W2 += 0.5 * w2 * dt * dt;
    const W1 = 1 - W2;
    const beta = HC_PER_K * (tt - trefInv);
    const err = Math.abs(W1 * Math.exp(beta * p * d) + W2 * Math.exp(-beta * (1 - p) * d) - 1);
    const e = Number.isNaN(err) ? Number.POSITIVE_INFINITY : err;
    if (e > worst) worst = e;
  }
  return worst;
}

/** ExoJAX `evaluate_trange`: the first failing search temperatures either side of Twt. */
export function robustRange(
  twt: number,
  tref: number,
  dE: number,
  diffmode: DiffMode,
): [number, number] {
  let minBelow = Number.POSITIVE_INFINITY;
  let minAbove = Number.POSITIVE_INFINITY;
  let allNan = true;
  for (const t of TSEARCH) {
    const e = cellError(t, twt, tref, dE, diffmode);
    if (e !== Number.POSITIVE_INFINITY) allNan = false;
    if (!(e > CRIT)) continue;
    if (t < twt) minBelow = Math.min(minBelow, twt - t);
    else if (t > twt) minAbove = Math.min(minAbove, t - twt);
  }
  if (allNan) return [twt, twt];
  const tl = minBelow === Number.POSITIVE_INFINITY ? TSEARCH[0] : twt - minBelow;
  const tu = minAbove === Number.POSITIVE_INFINITY ? TSEARCH[TSEARCH.length - 1] : twt + minAbove;
  return [tl, tu];
}

/**
 * Quick admissibility test: Tl <= tl and Tu >= tu hold iff no search temperature strictly
 * between min(tl, Twt) and max(tu, Twt) (other than Twt) fails the 1% criterion.
 */
function coversRequest(
  twt: number,
  tref: number,
  dE: number,
  diffmode: DiffMode,
  tl: number,
  tu: number,
): boolean {
  const lo = Math.min(tl, twt);
  const hi = Math.max(tu, twt);
  let anyFinite = false;
  for (const t of TSEARCH) {
    if (!(t > lo && t < hi) || t === twt) continue;
    const e = cellError(t, twt, tref, dE, diffmode);
    if (e !== Number.POSITIVE_INFINITY) anyFinite = true;
    if (e > CRIT) return false;
  }
  // an all-NaN cell has the degenerate range [Twt, Twt]
  return anyFinite || (twt <= tl && twt >= tu);
}

/**
 * ExoJAX `optimal_params(Tl, Tu, diffmode)`: the largest dE having a (Twt, Tref) cell whose
 * robust range covers [Tl, Tu]; among several, the widest range, ties going to the cell
 * enumerated last (Twt-major). "Widest" is measured as the ratio Tu/Tl (a log-range):
 * with this measure all five selections published for ExoJAX (research/exojax.md §5.1)
 * come out bit-identical, while the difference Tu − Tl ties to the last bit for
 * auto_trange [400, 1500] and picks the other cell.
 */
export function optimalPremoditParams(
  tl: number,
  tu: number,
  diffmode: DiffMode = 0,
): PremoditParams {
  for (let id = DE_GRID.length - 1; id >= 0; id--) {
    const dE = DE_GRID[id];
    let best: PremoditParams | null = null;
    let bestRatio = Number.NEGATIVE_INFINITY;
    for (const twt of TWT_GRID)
      for (const tref of TREF_GRID) {
        if (!coversRequest(twt, tref, dE, diffmode, tl, tu)) continue;
        const [l, u] = robustRange(twt, tref, dE, diffmode);
        if (!(l <= tl && u >= tu)) continue;
        if (u / l >= bestRatio) {
          bestRatio = u / l;
          best = { dE: dE * (diffmode + 1), Tref: tref, Twt: twt, robustRange: [l, u] };
        }
      }
    if (best !== null) return best;
  }
  throw new ExoInputError({
    fn: "optimalPremoditParams",
    argument: "auto_trange",
    value: `[${tl}, ${tu}]`,
    reason: "no PreMODIT parameters reach 1% accuracy over this range",
  });
}
