/**
 * Direct line-profile-function cross sections (ExoJAX `OpaDirect`, research/exojax.md
 * §3.2): every line contributes at every grid point (no wing cut).
 */
import { T_REF_ORIGINAL } from "../constants.js";
import type { MdbExomol } from "../db/exomol.js";
import type { MdbHitran } from "../db/hitran.js";
import {
  dopplerSigma,
  gammaExomol,
  gammaHitran,
  gammaNatural,
  lineStrengthJax,
} from "../db/line-physics.js";
import type { PartitionFunction } from "../db/partition.js";
import { voigtHjert } from "./hjert.js";

/** The per-line inputs of LPF/MODIT: strengths and widths at one (T, P). */
export interface LineState {
  readonly nu: Float64Array;
  readonly strength: Float64Array;
  readonly sigmaD: Float64Array;
  readonly gammaL: Float64Array;
}

/** S(T), σ_D and γ_L (pressure + natural) of every line of an ExoMol database. */
export function exomolLineState(
  mdb: MdbExomol,
  t: number,
  p: number,
  molmass = mdb.molmass,
): LineState {
  const n = mdb.nLines;
  const qr = mdb.qr(t, T_REF_ORIGINAL);
  const strength = new Float64Array(n);
  const sigmaD = new Float64Array(n);
  const gammaL = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    strength[i] = lineStrengthJax(mdb.logsij0[i], mdb.elower[i], mdb.nuLines[i], t, qr);
    sigmaD[i] = dopplerSigma(mdb.nuLines[i], t, molmass);
    gammaL[i] = gammaExomol(p, t, mdb.nTexp[i], mdb.alphaRef[i]) + mdb.gammaNatural[i];
  }
  return { nu: mdb.nuLines, strength, sigmaD, gammaL };
}

/** Σ_l S_l V(ν_k − ν_l; σ_D,l, γ_L,l) on `nuGrid` (cm²/molecule), written into `out`. */
export function xsvectorLpfLines(
  lines: LineState,
  nuGrid: Float64Array,
  out = new Float64Array(nuGrid.length),
): Float64Array {
  out.fill(0);
  const nl = lines.nu.length;
  for (let l = 0; l < nl; l++) {
    const s = lines.strength[l];
    const nul = lines.nu[l];
    const sd = lines.sigmaD[l];
    const gl = lines.gammaL[l];
    for (let k = 0; k < nuGrid.length; k++) out[k] += s * voigtHjert(nuGrid[k] - nul, sd, gl);
  }
  return out;
}

/** LPF cross section of an ExoMol database at (T, P) (ExoJAX `OpaDirect.xsvector`). */
export function xsvectorLpf(
  mdb: MdbExomol,
  nuGrid: Float64Array,
  t: number,
  p: number,
): Float64Array {
  return xsvectorLpfLines(exomolLineState(mdb, t, p), nuGrid);
}

/** LPF cross sections per layer (Nlayer × Nnu, row-major). */
export function xsmatrixLpf(
  mdb: MdbExomol,
  nuGrid: Float64Array,
  tarr: ArrayLike<number>,
  parr: ArrayLike<number>,
): Float64Array {
  const n = nuGrid.length;
  const out = new Float64Array(tarr.length * n);
  for (let i = 0; i < tarr.length; i++)
    xsvectorLpfLines(
      exomolLineState(mdb, tarr[i], parr[i]),
      nuGrid,
      out.subarray(i * n, (i + 1) * n),
    );
  return out;
}

/**
 * S(T), σ_D and γ_L of a HITRAN/HITEMP line list (air/self broadening, P_self = 0 by
 * default; natural width from A), with the caller's partition function (see MdbHitran).
 * `molmass` is the isotopologue mass (Da) of the selected lines.
 */
export function hitranLineState(
  db: MdbHitran,
  pf: PartitionFunction,
  t: number,
  p: number,
  molmass: number,
  pSelf = 0,
): LineState {
  const { nu, nAir, gammaAir, gammaSelf, A } = db.columns;
  const n = nu.length;
  const sigmaD = new Float64Array(n);
  const gammaL = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    sigmaD[i] = dopplerSigma(nu[i], t, molmass);
    gammaL[i] = gammaHitran(p, t, pSelf, nAir[i], gammaAir[i], gammaSelf[i]) + gammaNatural(A[i]);
  }
  return { nu, strength: db.lineStrength(t, pf), sigmaD, gammaL };
}
