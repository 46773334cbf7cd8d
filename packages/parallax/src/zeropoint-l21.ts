/**
 * The Gaia (E)DR3 parallax zero point of Lindegren et al. 2021, A&A 649, A4 (L21),
 * Appendix A, for 5- and 6-parameter astrometric solutions.
 */
import { ZeroPointError } from "./errors.js";
import { Z5_TABLE, Z6_TABLE, type ZeroPointTable } from "./zeropoint-l21-tables.js";

/** A per-star input: an array (one value per star) or a number used for every star. */
export type ZeroPointInput = number | ArrayLike<number>;

/** Options of {@link zeroPointL21} and {@link zeroPointL21Detailed}. */
export interface ZeroPointOptions {
  /**
   * What to return for a star outside the published validity ranges
   * (6 < G < 21; 1.1 < nu_eff < 1.9 for 5p; 1.24 < pseudocolour < 1.72 for 6p):
   * - `"nan"` (default): NaN, as the reference `gaiadr3-zeropoint` `get_zpt(...,
   *   _warnings=False)` does;
   * - `"extrapolate"`: the formula's value, as `get_zpt` returns with its default
   *   `_warnings=True` (only warning): the G interpolation is clamped to the G = 6 and
   *   G = 21 rows, the colour basis functions are used as defined (for 6p they are
   *   constant beyond 1.24 and 1.72; for 5p, c3 and c4 stay linear outside 1.1–1.9).
   *
   * Either way the stars are counted (see {@link ZeroPointReport}).
   */
  readonly outOfRange?: "nan" | "extrapolate";
  /**
   * Round the result in mas to 6 decimals (half to even) as the reference package does
   * (`np.round(Z * 0.001, 6)`); default true. With false the value is Z / 1000 unrounded.
   */
  readonly round?: boolean;
  /**
   * Called once per call, after the computation, when at least one star is out of range
   * (the analogue of the reference implementation's warning).
   */
  readonly onOutOfRange?: (report: ZeroPointReport) => void;
}

/** Counts of problem stars in one call. */
export interface ZeroPointReport {
  /** Stars outside at least one validity range (each star counted once). */
  readonly outOfRange: number;
  /** Stars with G >= 21 or G <= 6. */
  readonly gMag: number;
  /** 5p stars with nu_eff >= 1.9 or nu_eff <= 1.1. */
  readonly nuEff: number;
  /** 6p stars with pseudocolour >= 1.72 or pseudocolour <= 1.24. */
  readonly pseudocolour: number;
  /**
   * Stars with a NaN input that their zero point needs (G, the colour of their solution
   * type, or ecliptic latitude): their zero point is NaN. A NaN is never out of range
   * by itself (the reference implementation does not flag it either), but such a star
   * can also be out of range through another input.
   */
  readonly nanInput: number;
}

/** The result of {@link zeroPointL21Detailed}. */
export interface ZeroPointResult extends ZeroPointReport {
  /** Zero point in mas per star (parallax_corrected = parallax - zeroPoint). */
  readonly zeroPoint: Float64Array;
  /** 1 where the star is outside a validity range, else 0. */
  readonly outOfRangeMask: Uint8Array;
}

const DEG = Math.PI / 180;

/** The L21 colour basis c_j(colour), j = 0..4 (L21 Eq. A.2 and Table 9/10 headers). */
function colourBasis(j: number, c: number): number {
  switch (j) {
    case 0:
      return 1;
    case 1:
      return Math.max(-0.24, Math.min(0.24, c - 1.48));
    case 2:
      return Math.min(0.24, Math.max(0, 1.48 - c)) ** 3;
    case 3:
      return Math.min(0, c - 1.24);
    default:
      return Math.max(0, c - 1.72);
  }
}

/** The L21 latitude basis b_k(sin β), k = 0..2: 1, sin β, sin²β - 1/3. */
function latitudeBasis(k: number, s: number): number {
  if (k === 0) return 1;
  if (k === 1) return s;
  return s * s - 1 / 3;
}

/**
 * Z in micro-arcsec for one star from one table: q_i(G) interpolated linearly between
 * the two tabulated magnitudes around G (left node = the last node <= G, clamped to the
 * first/last interval, weight clamped to [0, 1]), summed against c_j(colour) b_k(sin β).
 */
function zTable(t: ZeroPointTable, g: number, colour: number, sinBeta: number): number {
  const nodes = t.gNodes;
  const n = nodes.length;
  let ig = 0;
  while (ig < n - 2 && nodes[ig + 1] <= g) ig++;
  const h = Math.max(0, Math.min(1, (g - nodes[ig]) / (nodes[ig + 1] - nodes[ig])));
  const lo = t.q[ig];
  const hi = t.q[ig + 1];
  let z = 0;
  for (let i = 0; i < lo.length; i++) {
    const qi = (1 - h) * lo[i] + h * hi[i];
    z += qi * colourBasis(t.colourBasis[i], colour) * latitudeBasis(t.latitudeBasis[i], sinBeta);
  }
  return z;
}

/** NumPy's `rint`: round half to even. */
function rintHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function inputLength(name: string, x: ZeroPointInput, n: number): number {
  if (typeof x === "number") return n;
  if (n >= 0 && x.length !== n)
    throw new ZeroPointError(
      "shape",
      name,
      `length ${x.length} differs from the length ${n} of the earlier array inputs`,
    );
  return x.length;
}

const at = (x: ZeroPointInput, i: number): number => (typeof x === "number" ? x : Number(x[i]));

/**
 * The L21 parallax zero point, in mas, with the full per-star report.
 *
 * Z(G, colour, β) = Σ_i q_i(G) c_{j_i}(colour) b_{k_i}(sin β) [µas], from Table 9 (5p,
 * `astrometricParamsSolved` = 31, colour = `nuEff` = nu_eff_used_in_astrometry [µm⁻¹]) or
 * Table 10 (6p, 95, colour = `pseudocolour` [µm⁻¹]); `eclLat` is the ecliptic latitude β
 * in degrees. Basis functions: c0 = 1, c1 = clamp(colour - 1.48, ±0.24),
 * c2 = min(0.24, max(0, 1.48 - colour))³, c3 = min(0, colour - 1.24),
 * c4 = max(0, colour - 1.72); b0 = 1, b1 = sin β, b2 = sin²β - 1/3. q_i(G) is linearly
 * interpolated between the tabulated G (clamped to the G = 6 and G = 21 rows).
 * The result is Z / 1000 rounded to 6 decimals (see {@link ZeroPointOptions}).
 *
 * Inputs are arrays of equal length (any `ArrayLike<number>`: Float64Array, Float32Array,
 * Int16Array, number[]) or numbers broadcast to that length (all numbers: one star).
 * Only the colour of each star's own solution type is read, so the other may be NaN.
 * Out-of-range stars: NaN (default) or extrapolated, counted in the result. NaN inputs
 * give NaN. Throws {@link ZeroPointError} for unequal lengths or a solution type other
 * than 31 / 95 (filter out 2-parameter solutions, `astrometric_params_solved` = 3, first).
 */
export function zeroPointL21Detailed(
  gMag: ZeroPointInput,
  nuEff: ZeroPointInput,
  pseudocolour: ZeroPointInput,
  eclLat: ZeroPointInput,
  astrometricParamsSolved: ZeroPointInput,
  options: ZeroPointOptions = {},
): ZeroPointResult {
  const mode = options.outOfRange ?? "nan";
  if (mode !== "nan" && mode !== "extrapolate")
    throw new ZeroPointError(
      "option",
      "outOfRange",
      `expected "nan" or "extrapolate", got ${mode}`,
    );
  const round = options.round ?? true;
  let n = -1;
  n = inputLength("gMag", gMag, n);
  n = inputLength("nuEff", nuEff, n);
  n = inputLength("pseudocolour", pseudocolour, n);
  n = inputLength("eclLat", eclLat, n);
  n = inputLength("astrometricParamsSolved", astrometricParamsSolved, n);
  if (n < 0) n = 1;

  for (let i = 0; i < n; i++) {
    const aps = at(astrometricParamsSolved, i);
    if (aps !== 31 && aps !== 95)
      throw new ZeroPointError(
        "astrometricParamsSolved",
        "astrometricParamsSolved",
        `expected 31 (5-parameter) or 95 (6-parameter) solutions, got ${aps}`,
        i,
      );
  }

  const zeroPoint = new Float64Array(n);
  const mask = new Uint8Array(n);
  let nG = 0;
  let nNu = 0;
  let nPc = 0;
  let nBad = 0;
  let nNaN = 0;
  for (let i = 0; i < n; i++) {
    const g = at(gMag, i);
    const five = at(astrometricParamsSolved, i) === 31;
    const colour = five ? at(nuEff, i) : at(pseudocolour, i);
    const badG = g >= 21 || g <= 6;
    const badColour = five ? colour >= 1.9 || colour <= 1.1 : colour >= 1.72 || colour <= 1.24;
    if (badG) nG++;
    if (badColour) {
      if (five) nNu++;
      else nPc++;
    }
    const bad = badG || badColour;
    const lat = at(eclLat, i);
    if (Number.isNaN(g) || Number.isNaN(colour) || Number.isNaN(lat)) nNaN++;
    let z: number;
    if (bad) {
      nBad++;
      mask[i] = 1;
    }
    if (bad && mode === "nan") {
      z = Number.NaN;
    } else {
      const zMicro = zTable(five ? Z5_TABLE : Z6_TABLE, g, colour, Math.sin(lat * DEG));
      z = round ? rintHalfEven(zMicro * 0.001 * 1e6) / 1e6 : zMicro * 0.001;
    }
    zeroPoint[i] = z;
  }
  const report: ZeroPointReport = {
    outOfRange: nBad,
    gMag: nG,
    nuEff: nNu,
    pseudocolour: nPc,
    nanInput: nNaN,
  };
  if (nBad > 0 && options.onOutOfRange !== undefined) options.onOutOfRange(report);
  return { ...report, zeroPoint, outOfRangeMask: mask };
}

/**
 * The L21 parallax zero point in mas (Float64Array, one value per star): the
 * `zeroPoint` of {@link zeroPointL21Detailed}, which documents the formula, inputs and
 * errors. Outside the validity ranges the value is NaN (default) or extrapolated
 * (`options.outOfRange`); pass `options.onOutOfRange` to receive the count of such stars.
 */
export function zeroPointL21(
  gMag: ZeroPointInput,
  nuEff: ZeroPointInput,
  pseudocolour: ZeroPointInput,
  eclLat: ZeroPointInput,
  astrometricParamsSolved: ZeroPointInput,
  options: ZeroPointOptions = {},
): Float64Array {
  return zeroPointL21Detailed(gMag, nuEff, pseudocolour, eclLat, astrometricParamsSolved, options)
    .zeroPoint;
}
