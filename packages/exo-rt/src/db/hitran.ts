/**
 * HITRAN/HITEMP `.par` line database (160-character records). Line strengths in the file
 * are abundance-weighted at 296 K; their temperature scaling needs a partition function.
 * TIPS is not shipped: the caller passes one (e.g. the ExoMol `.pf` of the same
 * isotopologue, see README "HITRAN partition functions").
 */
import { HC_PER_K, T_REF_ORIGINAL } from "../constants.js";
import { DatabaseFileError } from "../errors.js";
import { interp1, type PartitionFunction } from "./partition.js";
import { GrowableF64, readText } from "./text.js";

/** HITRAN isotopologue masses (Da) for CO (molecule 5), HITRAN molparam. */
export const HITRAN_CO_MASSES: Readonly<Record<number, number>> = {
  1: 27.994915,
  2: 28.99827,
  3: 29.999161,
  4: 28.99913,
  5: 31.002516,
  6: 30.002434,
};

export interface MdbHitranOptions {
  readonly nurange: ArrayLike<number>;
  /** Keep only this isotope number (HITRAN's local numbering, 1 = most abundant); default all. */
  readonly isotope?: number;
  /** Keep lines with S(296 K) > crit (default 0). */
  readonly crit?: number;
}

const FIELDS = [
  ["molecule", 0, 2],
  ["isotope", 2, 3],
  ["nu", 3, 15],
  ["sij0", 15, 25],
  ["A", 25, 35],
  ["gammaAir", 35, 40],
  ["gammaSelf", 40, 45],
  ["elower", 45, 55],
  ["nAir", 55, 59],
  ["deltaAir", 59, 67],
  ["gupper", 146, 153],
  ["glower", 153, 160],
] as const;

type Field = (typeof FIELDS)[number][0];

/** A HITRAN/HITEMP line list cropped to a range (strictly inside, as ExoMol). */
export class MdbHitran {
  readonly file: string;
  readonly columns: Readonly<Record<Field, Float64Array>>;

  constructor(file: string, options: MdbHitranOptions) {
    this.file = file;
    let numin = Number.POSITIVE_INFINITY;
    let numax = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < options.nurange.length; i++) {
      numin = Math.min(numin, options.nurange[i]);
      numax = Math.max(numax, options.nurange[i]);
    }
    const grow = Object.fromEntries(FIELDS.map(([k]) => [k, new GrowableF64()])) as Record<
      Field,
      GrowableF64
    >;
    const text = readText(file);
    const lines = text.split("\n");
    const crit = options.crit ?? 0;
    const row = new Float64Array(FIELDS.length);
    for (let ln = 0; ln < lines.length; ln++) {
      const s = lines[ln].replace(/\r$/, "");
      if (s.length === 0) continue;
      if (s.length < 160)
        throw new DatabaseFileError({
          file,
          line: ln + 1,
          reason: `record has ${s.length} characters, expected 160`,
        });
      for (let f = 0; f < FIELDS.length; f++) {
        const [name, a, b] = FIELDS[f];
        const tok = s.slice(a, b).trim();
        const v = Number(tok);
        if (tok.length === 0 || !Number.isFinite(v))
          throw new DatabaseFileError({
            file,
            line: ln + 1,
            reason: `${name} (columns ${a + 1}-${b}) is not a number: "${tok}"`,
          });
        row[f] = v;
      }
      const nu = row[2];
      if (!(nu > numin && nu < numax)) continue;
      if (options.isotope !== undefined && row[1] !== options.isotope) continue;
      if (!(row[3] > crit)) continue;
      for (let f = 0; f < FIELDS.length; f++) grow[FIELDS[f][0]].push(row[f]);
    }
    this.columns = Object.fromEntries(FIELDS.map(([k]) => [k, grow[k].toArray()])) as Record<
      Field,
      Float64Array
    >;
  }

  get nLines(): number {
    return this.columns.nu.length;
  }

  /**
   * S(T) (cm/molecule, abundance-weighted as in HITRAN) with the given partition function:
   * S296 Q(296)/Q(T) e^{−c2 E (1/T − 1/296)} (1 − e^{−c2 ν/T}) / (1 − e^{−c2 ν/296}).
   */
  lineStrength(t: number, pf: PartitionFunction): Float64Array {
    const qr = interp1(t, pf.temperature, pf.q) / interp1(T_REF_ORIGINAL, pf.temperature, pf.q);
    const { sij0, elower, nu } = this.columns;
    const c2 = HC_PER_K;
    return sij0.map(
      (s, i) =>
        ((s / qr) *
          Math.exp(-c2 * elower[i] * (1 / t - 1 / T_REF_ORIGINAL)) *
          Math.expm1((-c2 * nu[i]) / t)) /
        Math.expm1((-c2 * nu[i]) / T_REF_ORIGINAL),
    );
  }
}
