/**
 * ExoMol line database (ExoJAX `MdbExomol`, research/exojax.md §2): `.def`, `.pf`,
 * `.states(.bz2)`, `.trans(.bz2)` and `.broad`, cropped to a wavenumber range, with
 * reference line strengths, broadening parameters and the `.def` isotopologue mass.
 */
import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { HC_PER_K } from "../constants.js";
import { DatabaseFileError } from "../errors.js";
import { defaultCacheDir, hashBuffers, readCache, writeCache } from "./cache.js";
import { gammaNatural, lineStrength, sij0FromEinsteinA } from "./line-physics.js";
import { interp1, type PartitionFunction, readPartitionFunction } from "./partition.js";
import { decodeText, forEachRow, GrowableF64, parseNumber, readBytes, readText } from "./text.js";

export interface ExomolDef {
  readonly molmass: number;
  readonly alphaRefDefault: number;
  readonly nTexpDefault: number;
  readonly nTransitionFiles: number;
  readonly maxNu: number;
}

export interface MdbExomolOptions {
  /** Wavenumber range (a 2-list or the whole grid); lines strictly inside are kept. */
  readonly nurange: ArrayLike<number>;
  /** Keep lines with S(Ttyp) > crit (default 0). */
  readonly crit?: number;
  /** Keep lines with E'' < elowerMax. */
  readonly elowerMax?: number;
  /** Temperature of the strength cut (default 1000 K). */
  readonly Ttyp?: number;
  /** Background atmosphere (broadener), default "H2". */
  readonly bkgdatm?: string;
  /** Use the `.broad` file when present (default true). */
  readonly broadf?: boolean;
  /** Binary cache folder (default: {@link defaultCacheDir}); `false` disables caching. */
  readonly cacheDir?: string | false;
}

export type BroadeningCode = "a0" | "a1" | "m0" | "default" | "unsupported";

/** Reads the `.def` entries ExoJAX uses (matched by the comment text). */
export function readExomolDef(file: string): ExomolDef {
  const text = readText(file);
  let molmass = Number.NaN;
  let alpha = 0.07;
  let n = 0.5;
  let ntrans = 1;
  let maxNu = Number.NaN;
  const lines = text.split("\n");
  forEachRow(text, (_tok, line) => {
    const raw = lines[line - 1];
    const hash = raw.indexOf("#");
    if (hash < 0) return;
    const value = raw.slice(0, hash).trim().split(/\s+/)[0];
    const comment = raw.slice(hash + 1);
    if (comment.includes("Isotopologue mass (Da) and (kg)"))
      molmass = parseNumber(file, line, value, "isotopologue mass");
    else if (comment.includes("Default value of Lorentzian half-width"))
      alpha = parseNumber(file, line, value, "default Lorentzian half-width");
    else if (comment.includes("Default value of temperature exponent"))
      n = parseNumber(file, line, value, "default temperature exponent");
    else if (comment.includes("No. of transition files"))
      ntrans = parseNumber(file, line, value, "number of transition files");
    else if (comment.includes("Maximum wavenumber (in cm-1)"))
      maxNu = parseNumber(file, line, value, "maximum wavenumber");
  });
  if (!Number.isFinite(molmass))
    throw new DatabaseFileError({
      file,
      line: 0,
      reason: "no 'Isotopologue mass (Da) and (kg)' entry",
    });
  return { molmass, alphaRefDefault: alpha, nTexpDefault: n, nTransitionFiles: ntrans, maxNu };
}

/** Transition files to read for ν in [numin, numax] (ExoJAX's `%05d-%05d` tags when split). */
export function transitionFiles(
  prefix: string,
  def: ExomolDef,
  numin: number,
  numax: number,
): string[] {
  if (def.nTransitionFiles <= 1) return [`${prefix}.trans.bz2`];
  const k = def.nTransitionFiles;
  const numinf = Array.from({ length: k + 1 }, (_, i) => Math.trunc((i * def.maxNu) / k));
  const searchRight = (v: number) => numinf.filter((x) => x <= v).length;
  const imin = Math.max(searchRight(numin) - 1, 0);
  const imax = Math.min(searchRight(numax) - 1, k - 1);
  const pad = (v: number) => String(v).padStart(5, "0");
  const files: string[] = [];
  for (let i = imin; i <= imax; i++)
    files.push(`${prefix}__${pad(numinf[i])}-${pad(numinf[i + 1])}.trans.bz2`);
  return files;
}

interface StatesTable {
  readonly index: Map<number, number>;
  readonly e: Float64Array;
  readonly g: Float64Array;
  readonly j: Float64Array;
}

function readStates(file: string, bytes: Buffer): StatesTable {
  const index = new Map<number, number>();
  const e = new GrowableF64();
  const g = new GrowableF64();
  const j = new GrowableF64();
  forEachRow(decodeText(file, bytes), (tok, line) => {
    const id = parseNumber(file, line, tok[0], "state id");
    index.set(id, e.length);
    e.push(parseNumber(file, line, tok[1], "energy"));
    g.push(parseNumber(file, line, tok[2], "degeneracy"));
    j.push(parseNumber(file, line, tok[3], "J"));
  });
  if (e.length === 0) throw new DatabaseFileError({ file, line: 0, reason: "no states" });
  return { index, e: e.toArray(), g: g.toArray(), j: j.toArray() };
}

/** Joins transitions with states: columns nu, A, gup, elower, jlower, jupper. */
function readTransitions(
  file: string,
  bytes: Buffer,
  states: StatesTable,
  cols: Record<string, GrowableF64>,
): void {
  let count = 0;
  forEachRow(decodeText(file, bytes), (tok, line) => {
    const iu = states.index.get(parseNumber(file, line, tok[0], "upper state id"));
    const il = states.index.get(parseNumber(file, line, tok[1], "lower state id"));
    if (iu === undefined || il === undefined)
      throw new DatabaseFileError({
        file,
        line,
        reason: `state id ${iu === undefined ? tok[0] : tok[1]} is not in the states file`,
      });
    const a = parseNumber(file, line, tok[2], "Einstein A");
    const nu =
      tok[3] === undefined
        ? states.e[iu] - states.e[il]
        : parseNumber(file, line, tok[3], "wavenumber");
    cols.nu.push(nu);
    cols.a.push(a);
    cols.gup.push(states.g[iu]);
    cols.elower.push(states.e[il]);
    cols.jlower.push(states.j[il]);
    cols.jupper.push(states.j[iu]);
    count++;
  });
  if (count === 0) throw new DatabaseFileError({ file, line: 0, reason: "no transitions" });
}

/** The parsed ExoMol line list cropped to a wavenumber range. */
export class MdbExomol {
  readonly path: string;
  readonly isotopologue: string;
  readonly molecule: string;
  readonly dataset: string;
  readonly def: ExomolDef;
  /** Isotopologue mass (Da) from the `.def` file (ExoJAX's effective `molmass`). */
  readonly molmass: number;
  readonly pf: PartitionFunction;
  readonly nuLines: Float64Array;
  readonly A: Float64Array;
  readonly gup: Float64Array;
  readonly elower: Float64Array;
  readonly jlower: Float64Array;
  readonly jupper: Float64Array;
  /** Reference strength at 296 K (cm/molecule) and its natural log. */
  readonly lineStrengthRef: Float64Array;
  readonly logsij0: Float64Array;
  readonly alphaRef: Float64Array;
  readonly nTexp: Float64Array;
  readonly gammaNatural: Float64Array;
  readonly broadeningCode: BroadeningCode;
  readonly warnings: readonly string[];
  /** True when the transitions came from the binary cache. */
  readonly fromCache: boolean;

  constructor(path: string, options: MdbExomolOptions) {
    this.path = path;
    this.dataset = basename(path);
    this.isotopologue = basename(dirname(path));
    this.molecule = this.isotopologue
      .split("-")
      .map((atom) => atom.replace(/^\d+/, ""))
      .join("");
    const prefix = join(path, `${this.isotopologue}__${this.dataset}`);
    const warnings: string[] = [];
    const defFile = `${prefix}.def`;
    this.def = readExomolDef(defFile);
    this.molmass = this.def.molmass;
    this.pf = readPartitionFunction(`${prefix}.pf`);
    let numin = Number.POSITIVE_INFINITY;
    let numax = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < options.nurange.length; i++) {
      numin = Math.min(numin, options.nurange[i]);
      numax = Math.max(numax, options.nurange[i]);
    }
    const statesFile = `${prefix}.states.bz2`;
    const transFiles = transitionFiles(prefix, this.def, numin, numax);
    const statesBytes = readBytes(statesFile);
    const transBytes = transFiles.map(readBytes);
    const cacheDir = options.cacheDir === false ? null : (options.cacheDir ?? defaultCacheDir());
    const key = hashBuffers([readBytes(defFile), statesBytes, ...transBytes]);
    let cols = cacheDir === null ? null : readCache(cacheDir, key);
    this.fromCache = cols !== null;
    if (cols === null) {
      const states = readStates(statesFile, statesBytes);
      const grow: Record<string, GrowableF64> = {};
      for (const k of ["nu", "a", "gup", "elower", "jlower", "jupper"]) grow[k] = new GrowableF64();
      transFiles.forEach((f, i) => {
        readTransitions(f, transBytes[i], states, grow);
      });
      cols = new Map(Object.entries(grow).map(([k, v]) => [k, v.toArray()]));
      if (cacheDir !== null) writeCache(cacheDir, key, cols);
    }
    const col = (k: string) => cols.get(k) as Float64Array;
    const nuAll = col("nu");
    const aAll = col("a");
    const gupAll = col("gup");
    const eAll = col("elower");
    const q296 = interp1(296, this.pf.temperature, this.pf.q);
    const ttyp = options.Ttyp ?? 1000;
    const qrTyp = interp1(ttyp, this.pf.temperature, this.pf.q) / q296;
    const crit = options.crit ?? 0;
    const emax = options.elowerMax ?? Number.POSITIVE_INFINITY;
    const keep: number[] = [];
    const sAll = new Float64Array(nuAll.length);
    for (let i = 0; i < nuAll.length; i++) {
      sAll[i] = sij0FromEinsteinA(aAll[i], gupAll[i], eAll[i], nuAll[i], q296);
      if (!(nuAll[i] > numin && nuAll[i] < numax)) continue;
      if (!(lineStrength(sAll[i], eAll[i], nuAll[i], ttyp, qrTyp) > crit)) continue;
      if (!(eAll[i] < emax)) continue;
      keep.push(i);
    }
    const pick = (src: Float64Array) => Float64Array.from(keep, (i) => src[i]);
    this.nuLines = pick(nuAll);
    this.A = pick(aAll);
    this.gup = pick(gupAll);
    this.elower = pick(eAll);
    this.jlower = pick(col("jlower"));
    this.jupper = pick(col("jupper"));
    this.lineStrengthRef = pick(sAll);
    this.logsij0 = this.lineStrengthRef.map(Math.log);
    this.gammaNatural = this.A.map(gammaNatural);
    const broad = assignBroadening(
      join(path, `${this.isotopologue}__${options.bkgdatm ?? "H2"}.broad`),
      options.broadf ?? true,
      this.def,
      this.jlower,
      this.jupper,
      warnings,
    );
    this.alphaRef = broad.alpha;
    this.nTexp = broad.n;
    this.broadeningCode = broad.code;
    this.warnings = warnings;
  }

  /** Number of lines after cropping. */
  get nLines(): number {
    return this.nuLines.length;
  }

  /** Q(T)/Q(Tref) from the `.pf` table (linear interpolation). */
  qr(t: number, tref = 296): number {
    return (
      interp1(t, this.pf.temperature, this.pf.q) / interp1(tref, this.pf.temperature, this.pf.q)
    );
  }

  /** S(T) of every line (ExoJAX `mdb.line_strength`), relative to Tref = 296 K. */
  lineStrength(t: number): Float64Array {
    const qr = this.qr(t);
    return this.lineStrengthRef.map((s, i) =>
      lineStrength(s, this.elower[i], this.nuLines[i], t, qr),
    );
  }
}

interface BroadRow {
  readonly code: string;
  readonly alpha: number;
  readonly n: number;
  readonly jl: number;
  readonly ju: number;
}

/** Per-line (alpha_ref, n_Texp) from a `.broad` file with ExoJAX's a0/a1 rules and `.def` defaults. */
export function assignBroadening(
  file: string,
  use: boolean,
  def: ExomolDef,
  jlower: Float64Array,
  jupper: Float64Array,
  warnings: string[],
): { alpha: Float64Array; n: Float64Array; code: BroadeningCode } {
  const nl = jlower.length;
  const alpha = new Float64Array(nl).fill(def.alphaRefDefault);
  const n = new Float64Array(nl).fill(def.nTexpDefault);
  if (!use || !existsSync(file)) return { alpha, n, code: "default" };
  const rows: BroadRow[] = [];
  forEachRow(readText(file), (tok, line) => {
    const code = tok[0];
    const a = parseNumber(file, line, tok[1], "alpha_ref");
    const nt = parseNumber(file, line, tok[2], "n_Texp");
    const jl =
      code === "a0" || code === "a1" || code === "m0"
        ? parseNumber(file, line, tok[3], "J''")
        : Number.NaN;
    const ju = code === "a1" ? parseNumber(file, line, tok[4], "J'") : Number.NaN;
    rows.push({ code, alpha: a, n: nt, jl, ju });
  });
  const codes = new Set(rows.map((r) => r.code));
  let code: BroadeningCode;
  if (codes.size === 1 && codes.has("a0")) code = "a0";
  else if (codes.has("a1") && [...codes].every((c) => c === "a0" || c === "a1")) code = "a1";
  else if (codes.size === 1 && codes.has("m0")) code = "m0";
  else code = "unsupported";
  if (code === "unsupported") return { alpha, n, code };
  if (code === "m0") {
    const byM = new Map<number, BroadRow>();
    for (const r of rows) byM.set(r.jl, r);
    for (let i = 0; i < nl; i++) {
      const dj = jupper[i] - jlower[i];
      const m = dj === -1 ? -jlower[i] : dj === 0 ? jlower[i] : jlower[i] + 1;
      const r = byM.get(m);
      alpha[i] = r ? r.alpha : Number.NaN;
      n[i] = r ? r.n : Number.NaN;
    }
    return { alpha, n, code };
  }
  const a0 = rows.filter((r) => r.code === "a0");
  let maxJl = 0;
  for (let i = 0; i < nl; i++) maxJl = Math.max(maxJl, jlower[i]);
  let maxJlFile = -1;
  for (const r of a0) maxJlFile = Math.max(maxJlFile, r.jl);
  const nb = Math.max(maxJl, maxJlFile) + 1;
  const ta = new Float64Array(nb).fill(def.alphaRefDefault);
  const tn = new Float64Array(nb).fill(def.nTexpDefault);
  for (const r of a0) {
    ta[r.jl] = r.alpha;
    tn[r.jl] = r.n;
  }
  if (maxJl > maxJlFile)
    warnings.push(
      `The default broadening parameter (alpha = ${def.alphaRefDefault} cm^-1 and n = ${def.nTexpDefault}) are used for J'' > ${maxJlFile} up to J'' = ${nb}`,
    );
  if (code === "a0") {
    for (let i = 0; i < nl; i++) {
      alpha[i] = ta[jlower[i]];
      n[i] = tn[jlower[i]];
    }
    return { alpha, n, code };
  }
  const a1 = rows.filter((r) => r.code === "a1");
  let maxJu = 0;
  for (let i = 0; i < nl; i++) maxJu = Math.max(maxJu, jupper[i]);
  for (const r of a1) maxJu = Math.max(maxJu, r.ju);
  const nbl = Math.max(nb, ...a1.map((r) => r.jl + 1));
  const nbu = maxJu + 1;
  const t2a = new Float64Array(nbl * nbu);
  const t2n = new Float64Array(nbl * nbu);
  for (let jl = 0; jl < nbl; jl++)
    for (let ju = 0; ju < nbu; ju++) {
      t2a[jl * nbu + ju] = jl < nb ? ta[jl] : def.alphaRefDefault;
      t2n[jl * nbu + ju] = jl < nb ? tn[jl] : def.nTexpDefault;
    }
  for (const r of a1) {
    t2a[r.jl * nbu + r.ju] = r.alpha;
    t2n[r.jl * nbu + r.ju] = r.n;
  }
  for (let i = 0; i < nl; i++) {
    alpha[i] = t2a[jlower[i] * nbu + jupper[i]];
    n[i] = t2n[jlower[i] * nbu + jupper[i]];
  }
  return { alpha, n, code };
}

/** ExoJAX's c2 (exported for callers that scale strengths themselves). */
export const C2 = HC_PER_K;
