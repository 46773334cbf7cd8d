/**
 * PreMODIT (ExoJAX `OpaPremodit`, research/exojax.md §5). Line strengths at a reference
 * temperature are pre-binned on (wavenumber × broadening pair × E_lower) grids; at run
 * time each E_lower plane is scaled by its Boltzmann factor, summed into a line-shape
 * density per broadening pair and convolved as in MODIT. The pre-binned array has at
 * most 16 non-zero entries per line, so it is stored sparse (ExoJAX stores it dense, in
 * log form); the arithmetic is the same.
 *
 * The cross section's temperature derivative (forward mode, one layer at a time) is
 * provided for the reverse-mode gradient of `xsmatrix` (see `model/premodit-op.ts`).
 */

import { irfftInto, rfftPaddedInto } from "@sidereal/tensor/kernels";
import { DOPPLER_C3, HC_PER_K, T_REF_ORIGINAL } from "../constants.js";
import type { MdbExomol } from "../db/exomol.js";
import { lineStrength } from "../db/line-physics.js";
import { interp1, partitionAt } from "../db/partition.js";
import { ExoInputError } from "../errors.js";
import { isEslogGrid, resolutionEslog } from "../grid.js";
import { BoltzmannFactors } from "./boltzmann-factors.js";
import { ditgridLinearInterval, ditgridLogInterval, getix } from "./dit.js";
import {
  FoldedVoigtConvolver,
  foldedVoigtAccumulate,
  foldedVoigtKernelTangent,
  foldedVoigtVjpPass,
  gaussianFactor,
} from "./folded-voigt.js";
import { type DiffMode, optimalPremoditParams } from "./premodit-params.js";

export interface OpaPremoditOptions {
  /** Temperature range for the automatic (dE, Tref, Twt) choice. */
  readonly autoTrange?: readonly [number, number];
  /** Manual [dE, Tref, Twt] (instead of autoTrange). */
  readonly manualParams?: readonly [number, number, number];
  /** Order of the Taylor expansion in 1/T around Twt (0, 1 or 2; default 0). */
  readonly diffmode?: DiffMode;
  /** DIT grid resolution; overrides broadeningResolution when given. */
  readonly ditGridResolution?: number;
  /** Broadening-parameter resolution (default 0.2, ExoJAX's "manual" mode). */
  readonly broadeningResolution?: number;
}

/** The sparse pre-binned line-basis density: entry i adds value × weight(e) at (k, b). */
interface SparseLbd {
  readonly k: Int32Array;
  readonly b: Int32Array;
  readonly e: Int32Array;
  readonly v0: Float64Array;
  readonly v1: Float64Array;
  readonly v2: Float64Array;
}

export class OpaPremodit {
  readonly nuGrid: Float64Array;
  readonly resolution: number;
  readonly diffmode: DiffMode;
  readonly dE: number;
  readonly Tref: number;
  readonly Twt: number;
  readonly Tmin: number;
  readonly Tmax: number;
  readonly robustRange: readonly [number, number] | null;
  readonly TrefBroadening: number;
  readonly ngammaRefGrid: Float64Array;
  readonly nTexpGrid: Float64Array;
  /** (ig, in) pairs of the broadening grid actually used (ExoJAX `multi_index_uniqgrid`). */
  readonly multiIndex: readonly (readonly [number, number])[];
  readonly elowerGrid: Float64Array;
  readonly molmass: number;
  private readonly mdb: MdbExomol;
  private readonly lbd: SparseLbd;
  /** The non-zero cells of the line-shape density (the only ones `densities` writes). */
  private readonly cells: LbdCells;
  private readonly qTref: number;
  private readonly conv: FoldedVoigtConvolver;
  private readonly slsd: Float64Array;
  private readonly dslsd: Float64Array;
  private readonly dspecRe: Float64Array;
  private readonly dspecIm: Float64Array;
  private readonly dkernel: Float64Array;
  private readonly tangentAccRe: Float64Array;
  private readonly tangentAccIm: Float64Array;
  private readonly weightE: Float64Array;
  /** Per-layer Doppler factor of the kernel, shared by the broadening pairs. */
  private readonly gauss: Float64Array;
  /** 1 / (1 − exp(−c2 ν_k / Tref)): the T-independent half of the stimulated-emission factor. */
  private readonly invBiasRef: Float64Array;
  /** exp(−c2 ν_k / T) on the grid, and its buffer. */
  private readonly boltzmann: BoltzmannFactors;
  private readonly boltzBuf: Float64Array;
  private readonly dweightE: Float64Array;
  /** Spectra F(slsd_b) of the last xsmatrix call per layer, reused by the VJP. */
  private spectrumCache: {
    t: Float64Array;
    p: Float64Array;
    re: Float64Array;
    im: Float64Array;
  } | null = null;
  private readonly adjRe: Float64Array;
  private readonly adjIm: Float64Array;
  private readonly adjPad: Float64Array;
  private readonly adjOut: Float64Array;

  constructor(mdb: MdbExomol, nuGrid: Float64Array, options: OpaPremoditOptions = {}) {
    if (!isEslogGrid(nuGrid))
      throw new ExoInputError({
        fn: "OpaPremodit",
        argument: "nuGrid",
        value: `${nuGrid.length} points`,
        reason: "PreMODIT needs an ESLOG grid",
      });
    if (mdb.nLines === 0)
      throw new ExoInputError({
        fn: "OpaPremodit",
        argument: "mdb",
        value: mdb.path,
        reason: "no lines in the wavenumber range",
      });
    this.mdb = mdb;
    this.molmass = mdb.molmass;
    this.nuGrid = nuGrid;
    this.resolution = resolutionEslog(nuGrid);
    this.diffmode = options.diffmode ?? 0;
    const n = nuGrid.length;
    if (options.manualParams) {
      [this.dE, this.Tref, this.Twt] = options.manualParams;
      this.Tmax = Math.max(this.Twt, this.Tref);
      this.Tmin = Math.min(this.Twt, this.Tref);
      this.robustRange = null;
    } else if (options.autoTrange) {
      const [tl, tu] = options.autoTrange;
      const p = optimalPremoditParams(tl, tu, this.diffmode);
      this.dE = p.dE;
      this.Tref = p.Tref;
      this.Twt = p.Twt;
      this.robustRange = p.robustRange;
      this.Tmax = tu;
      this.Tmin = tl;
    } else
      throw new ExoInputError({
        fn: "OpaPremodit",
        argument: "options",
        value: "{}",
        reason: "give autoTrange or manualParams",
      });

    // broadening grids (§5.2)
    this.TrefBroadening = Math.exp((Math.log(this.Tmax) + Math.log(this.Tmin)) / 2);
    const res = options.ditGridResolution ?? options.broadeningResolution ?? 0.2;
    const r = res / (4 / 3);
    const nl = mdb.nLines;
    const ngRef = new Float64Array(nl);
    for (let l = 0; l < nl; l++) {
      const gref = mdb.alphaRef[l] * (T_REF_ORIGINAL / this.TrefBroadening) ** mdb.nTexp[l];
      ngRef[l] = (gref / mdb.nuLines[l]) * this.resolution;
    }
    this.ngammaRefGrid = ditgridLogInterval(ngRef, r);
    const weight = Math.max(
      Math.abs(Math.log(this.Tmax) - Math.log(this.TrefBroadening)),
      Math.abs(Math.log(this.Tmin) - Math.log(this.TrefBroadening)),
    );
    this.nTexpGrid = ditgridLinearInterval(mdb.nTexp, r, weight);
    const ig = new Int32Array(nl);
    const cg = new Float64Array(nl);
    const inn = new Int32Array(nl);
    const cn = new Float64Array(nl);
    for (let l = 0; l < nl; l++) {
      const a = getix(ngRef[l], this.ngammaRefGrid);
      ig[l] = a.index;
      cg[l] = a.cont;
      const b = getix(mdb.nTexp[l], this.nTexpGrid);
      inn[l] = b.index;
      cn[l] = b.cont;
    }
    const keyOf = (a: number, b: number) => `${a},${b}`;
    const uniq = [...new Set(Array.from(ig, (v, l) => keyOf(v, inn[l])))]
      .map((s) => s.split(",").map(Number) as [number, number])
      .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const pairs: [number, number][] = [...uniq];
    const pos = new Map(pairs.map((p, i) => [keyOf(p[0], p[1]), i]));
    for (const [a, b] of uniq)
      for (const [da, db] of [
        [1, 0],
        [0, 1],
        [1, 1],
      ]) {
        const k = keyOf(a + da, b + db);
        if (!pos.has(k)) {
          pos.set(k, pairs.length);
          pairs.push([a + da, b + db]);
        }
      }
    this.multiIndex = pairs;
    const nb = pairs.length;

    // E_lower grid and weights (§5.3)
    let emin = Number.POSITIVE_INFINITY;
    let emax = Number.NEGATIVE_INFINITY;
    for (let l = 0; l < nl; l++) {
      emin = Math.min(emin, mdb.elower[l]);
      emax = Math.max(emax, mdb.elower[l]);
    }
    const ne = Math.floor((emax - emin) / this.dE) + 2;
    this.elowerGrid = Float64Array.from({ length: ne }, (_, i) => emin + this.dE * i);
    const c2 = HC_PER_K;
    const tw = 1 / this.Twt - 1 / this.Tref;
    const xOf = (e: number) => (this.Twt === this.Tref ? e : Math.exp(-c2 * e * tw));
    const xGrid = this.elowerGrid.map(xOf);
    const xAsc = this.Twt >= this.Tref ? xGrid : xGrid.slice().reverse();
    this.qTref = interp1(this.Tref, mdb.pf.temperature, mdb.pf.q);
    const qrRef = this.qTref / interp1(T_REF_ORIGINAL, mdb.pf.temperature, mdb.pf.q);

    // LBD deposit (§5.4), accumulated sparse
    const acc = new Map<number, [number, number, number]>();
    const put = (k: number, b: number, e: number, w0: number, w1: number, w2: number) => {
      if (k >= n || e >= ne) return;
      const key = (k * nb + b) * ne + e;
      const cur = acc.get(key);
      if (cur) {
        cur[0] += w0;
        cur[1] += w1;
        cur[2] += w2;
      } else acc.set(key, [w0, w1, w2]);
    };
    for (let l = 0; l < nl; l++) {
      const nul = mdb.nuLines[l];
      if (!(nul >= nuGrid[0] && nul <= nuGrid[n - 1])) continue;
      const sref = lineStrength(mdb.lineStrengthRef[l], mdb.elower[l], nul, this.Tref, qrRef);
      const { index: inu, cont: cnu } = getix(nul, nuGrid);
      const el = mdb.elower[l];
      const xl = xOf(el);
      let { index: iz, cont: cz } = getix(xl, xAsc);
      if (this.Twt < this.Tref) {
        cz = 1 - cz;
        iz = ne - iz - 2;
        if (iz < 0) {
          // the line sits on the first grid energy: all weight on plane 0
          iz = 0;
          cz = 0;
        }
      }
      let c1 = 0;
      let c2nd = 0;
      if (this.diffmode > 0 && iz + 1 < ne) {
        const x1 = xGrid[iz];
        const x2 = xGrid[iz + 1];
        const e1 = this.elowerGrid[iz];
        const e2 = this.elowerGrid[iz + 1];
        const dx = x2 - x1;
        const xp1 = e1 * x1;
        const xp2 = e2 * x2;
        const xpl = el * xl;
        const dxp = xp2 - xp1;
        const dr = xl - x1;
        const drp = xpl - xp1;
        const fac1 = drp * dx - dr * dxp;
        c1 = (-c2 * fac1) / (dx * dx);
        const dxpp = e2 * xp2 - e1 * xp1;
        const drpp = el * xpl - e1 * xp1;
        c2nd = c2 * c2 * (drpp / dx - (dr * dxpp) / (dx * dx) - (2 * fac1 * dxp) / (dx * dx * dx));
      }
      const u = pos.get(keyOf(ig[l], inn[l])) as number;
      const targets: [number, number][] = [
        [u, (1 - cg[l]) * (1 - cn[l])],
        [pos.get(keyOf(ig[l] + 1, inn[l])) as number, cg[l] * (1 - cn[l])],
        [pos.get(keyOf(ig[l], inn[l] + 1)) as number, (1 - cg[l]) * cn[l]],
        [pos.get(keyOf(ig[l] + 1, inn[l] + 1)) as number, cg[l] * cn[l]],
      ];
      for (const [b, wb] of targets)
        for (const [k, wnu] of [
          [inu, 1 - cnu],
          [inu + 1, cnu],
        ] as const) {
          const s = sref * wnu * wb;
          // ExoJAX deposits the higher-order coefficients with weight 1 − c at iz (§5.3)
          put(k, b, iz, s * (1 - cz), s * (1 - c1), s * (1 - c2nd));
          put(k, b, iz + 1, s * cz, s * c1, s * c2nd);
        }
    }
    const m = acc.size;
    const lbd: SparseLbd = {
      k: new Int32Array(m),
      b: new Int32Array(m),
      e: new Int32Array(m),
      v0: new Float64Array(m),
      v1: new Float64Array(m),
      v2: new Float64Array(m),
    };
    let i = 0;
    for (const [key, [w0, w1, w2]] of acc) {
      lbd.e[i] = key % ne;
      const kb = (key - lbd.e[i]) / ne;
      lbd.b[i] = kb % nb;
      lbd.k[i] = (kb - lbd.b[i]) / nb;
      lbd.v0[i] = w0;
      lbd.v1[i] = w1;
      lbd.v2[i] = w2;
      i++;
    }
    this.lbd = lbd;
    this.cells = lbdCells(lbd, nb);
    this.conv = new FoldedVoigtConvolver(nuGrid, this.resolution);
    this.slsd = new Float64Array(n * nb);
    this.dslsd = new Float64Array(n * nb);
    this.dspecRe = new Float64Array(n + 1);
    this.dspecIm = new Float64Array(n + 1);
    this.dkernel = new Float64Array(n + 1);
    this.tangentAccRe = new Float64Array(n + 1);
    this.tangentAccIm = new Float64Array(n + 1);
    this.weightE = new Float64Array(ne);
    this.gauss = new Float64Array(n + 1);
    this.invBiasRef = nuGrid.map((v) => 1 / (1 - Math.exp((-c2 * v) / this.Tref)));
    this.boltzmann = new BoltzmannFactors(nuGrid);
    this.boltzBuf = new Float64Array(n);
    this.dweightE = new Float64Array(ne);
    this.adjRe = new Float64Array(n + 1);
    this.adjIm = new Float64Array(n + 1);
    this.adjPad = new Float64Array(n);
    this.adjOut = new Float64Array(n);
  }

  /**
   * Keep the per-layer spectra of the next xsmatrix calls for `vjpTemperature`
   * (memory: Nlayer × Nb × (N+1) complex values).
   */
  enableSpectrumCache(nlayer: number): void {
    const size = nlayer * this.multiIndex.length * (this.nuGrid.length + 1);
    this.spectrumCache = {
      t: new Float64Array(nlayer).fill(Number.NaN),
      p: new Float64Array(nlayer).fill(Number.NaN),
      re: new Float64Array(size),
      im: new Float64Array(size),
    };
  }

  /** Number of broadening pairs (ExoJAX's Nb). */
  get nBroadening(): number {
    return this.multiIndex.length;
  }

  /** Number of sparse LBD entries. */
  get lbdSize(): number {
    return this.lbd.v0.length;
  }

  /**
   * Line-shape densities S[k, b] at T into `slsd` (and ∂S/∂T into `dslsd` when asked).
   * Only the cells (k, b) that hold a pre-binned line are written: the others are zero from
   * the allocation on and stay zero. Each cell sums its LBD entries in their stored order and
   * then takes the stimulated-emission factor at ν_k, as a dense pass over every cell would
   * (the same numbers; the dense pass spent most of its time on zeros: 2,000 entries over
   * 3500 × 4 cells in the seed).
   */
  private densities(t: number, derivative: boolean): void {
    const dout = derivative;
    const c2 = HC_PER_K;
    const { e: le, v0, v1, v2 } = this.lbd;
    const { cell, start, entry, k: cellK, ks } = this.cells;
    const { q, dq } = partitionAt(this.mdb.pf, t);
    const qt = q / this.qTref;
    const dlogqt = dq / q;
    const it = 1 / t;
    const u = it - 1 / this.Twt;
    const du = -it * it;
    const ew = this.weightE;
    const dew = this.dweightE;
    const eg = this.elowerGrid;
    for (let e = 0; e < eg.length; e++) {
      ew[e] = Math.exp(-c2 * eg[e] * (it - 1 / this.Tref));
      dew[e] = ew[e] * c2 * eg[e] * it * it; // d exp(lfb)/dT
    }
    const slsd = this.slsd;
    const dslsd = this.dslsd;
    const dm = this.diffmode;
    // stimulated-emission factor at the grid wavenumber, divided by qt
    const nu = this.nuGrid;
    const ibr = this.invBiasRef;
    const boltz = this.boltzBuf;
    this.boltzmann.atIndices(t, ks, boltz);
    for (let c = 0; c < cell.length; c++) {
      let sc = 0;
      let dsc = 0;
      for (let r = start[c]; r < start[c + 1]; r++) {
        const i = entry[r];
        const e = le[i];
        let s = ew[e] * v0[i];
        let ds = dew[e] * v0[i];
        if (dm >= 1) {
          s += ew[e] * v1[i] * u;
          ds += v1[i] * (dew[e] * u + ew[e] * du);
        }
        if (dm === 2) {
          s += ew[e] * 0.5 * v2[i] * u * u;
          ds += 0.5 * v2[i] * (dew[e] * u * u + 2 * ew[e] * u * du);
        }
        sc += s;
        if (dout) dsc += ds;
      }
      const k = cellK[c];
      const a = boltz[k];
      const gk = (1 - a) * ibr[k];
      const f = gk / qt;
      const j = cell[c];
      if (dout) {
        const dlogg = (-a * ((c2 * nu[k]) / (t * t))) / (1 - a);
        dslsd[j] = f * dsc + f * sc * (dlogg - dlogqt);
      }
      slsd[j] = sc * f;
    }
  }

  /**
   * One layer: cross section at (T, P) into out[off..off+N); with `dout`, also ∂xs/∂T.
   * `cacheIndex` ≥ 0 stores the layer's spectra F(slsd_b) in the spectrum cache;
   * `reuseIndex` ≥ 0 (value only) takes them from that cached layer instead, which is
   * exact when that layer had the same temperature: the densities do not depend on P.
   */
  layer(
    t: number,
    p: number,
    out: Float64Array,
    off = 0,
    dout?: Float64Array,
    cacheIndex = -1,
    reuseIndex = -1,
  ): void {
    const n = this.nuGrid.length;
    const nb = this.multiIndex.length;
    const cache = this.spectrumCache;
    if (reuseIndex >= 0 && cache !== null && dout === undefined) {
      this.layerFromCache(t, p, out, off, cacheIndex, reuseIndex, cache);
      return;
    }
    this.densities(t, dout !== undefined);
    const slsd = this.slsd;
    const dslsd = this.dslsd;
    const nsigmaD = DOPPLER_C3 * Math.sqrt(t / this.molmass) * this.resolution;
    const dnsigmaD = nsigmaD / (2 * t);
    const conv = this.conv;
    const gauss = this.gauss;
    gaussianFactor(nsigmaD, n, gauss);
    conv.reset();
    if (dout) {
      this.tangentAccRe.fill(0);
      this.tangentAccIm.fill(0);
    }
    for (let b = 0; b < nb; b++) {
      const [igb, inb] = this.multiIndex[b];
      const ngref = this.ngammaRefGrid[Math.min(igb, this.ngammaRefGrid.length - 1)];
      const nexp = this.nTexpGrid[Math.min(inb, this.nTexpGrid.length - 1)];
      const g = ngref * (t / this.TrefBroadening) ** -nexp * p;
      conv.transform(slsd, b, nb);
      if (cache !== null && cacheIndex >= 0 && cacheIndex < cache.t.length) {
        const at = (cacheIndex * nb + b) * (n + 1);
        cache.re.set(conv.specRe, at);
        cache.im.set(conv.specIm, at);
      }
      if (dout) {
        const dg = (-nexp * g) / t;
        const dk = this.dkernel;
        foldedVoigtKernelTangent(g, nsigmaD, n, conv.kernel, dk, dg, dnsigmaD, gauss);
        // tangent: F(slsd) dK + F(dslsd) K
        const tre = this.tangentAccRe;
        const tim = this.tangentAccIm;
        for (let j = 0; j <= n; j++) {
          tre[j] += conv.specRe[j] * dk[j];
          tim[j] += conv.specIm[j] * dk[j];
        }
        conv.accumulate(conv.kernel);
        // transform of dslsd (reuses the spectrum buffers after accumulating)
        conv.transform(dslsd, b, nb);
        for (let j = 0; j <= n; j++) {
          tre[j] += conv.specRe[j] * conv.kernel[j];
          tim[j] += conv.specIm[j] * conv.kernel[j];
        }
      } else
        foldedVoigtAccumulate(g, n, gauss, conv.specRe, conv.specIm, 0, conv.accRe, conv.accIm);
    }
    conv.finish(out, off);
    if (dout) {
      conv.accRe.set(this.tangentAccRe);
      conv.accIm.set(this.tangentAccIm);
      conv.finish(dout, off);
    }
  }

  /** A value-only layer whose spectra are those of cached layer `from` (same T). */
  private layerFromCache(
    t: number,
    p: number,
    out: Float64Array,
    off: number,
    cacheIndex: number,
    from: number,
    cache: NonNullable<OpaPremodit["spectrumCache"]>,
  ): void {
    const n = this.nuGrid.length;
    const nb = this.multiIndex.length;
    const conv = this.conv;
    const nsigmaD = DOPPLER_C3 * Math.sqrt(t / this.molmass) * this.resolution;
    gaussianFactor(nsigmaD, n, this.gauss);
    conv.reset();
    for (let b = 0; b < nb; b++) {
      const [igb, inb] = this.multiIndex[b];
      const ngref = this.ngammaRefGrid[Math.min(igb, this.ngammaRefGrid.length - 1)];
      const nexp = this.nTexpGrid[Math.min(inb, this.nTexpGrid.length - 1)];
      const g = ngref * (t / this.TrefBroadening) ** -nexp * p;
      const at = (from * nb + b) * (n + 1);
      foldedVoigtAccumulate(g, n, this.gauss, cache.re, cache.im, at, conv.accRe, conv.accIm);
      if (cacheIndex >= 0 && cacheIndex < cache.t.length && cacheIndex !== from) {
        const to = (cacheIndex * nb + b) * (n + 1);
        cache.re.copyWithin(to, at, at + n + 1);
        cache.im.copyWithin(to, at, at + n + 1);
      }
    }
    conv.finish(out, off);
  }

  /** Cross section (cm²) at temperature T (K) and pressure P (bar). */
  xsvector(t: number, p: number): Float64Array {
    const out = new Float64Array(this.nuGrid.length);
    this.layer(t, p, out);
    return out;
  }

  /** Cross sections per layer (Nlayer × Nnu, row-major). */
  xsmatrix(
    tarr: ArrayLike<number>,
    parr: ArrayLike<number>,
    out: Float64Array = new Float64Array(tarr.length * this.nuGrid.length),
  ): Float64Array {
    const n = this.nuGrid.length;
    const cache = this.spectrumCache;
    for (let i = 0; i < tarr.length; i++) {
      // layers clipped to the same temperature share their spectra (only P differs)
      const reuse =
        cache !== null && i > 0 && i < cache.t.length && cache.t[i - 1] === tarr[i] ? i - 1 : -1;
      this.layer(tarr[i], parr[i], out, i * n, undefined, i, reuse);
      if (cache !== null && i < cache.t.length) {
        cache.t[i] = tarr[i];
        cache.p[i] = parr[i];
      }
    }
    return out;
  }

  /**
   * Vector-Jacobian product of xsmatrix with respect to the layer temperatures:
   * out[i] = Σ_k g[i, k] ∂xs[i, k]/∂T_i. Uses the adjoint of the inverse transform,
   * so a layer costs one forward and Nb inverse transforms (plus Nb forward ones
   * when the layer's spectra are not cached from the last xsmatrix call). With `active`,
   * layers where active[i] is 0 are skipped and get out[i] = 0 (the caller knows their
   * temperature derivative is multiplied by zero, e.g. a clipped temperature).
   */
  vjpTemperature(
    tarr: ArrayLike<number>,
    parr: ArrayLike<number>,
    g: Float64Array,
    out: Float64Array,
    active?: ArrayLike<number>,
  ): void {
    const n = this.nuGrid.length;
    const nb = this.multiIndex.length;
    const conv = this.conv;
    const cache = this.spectrumCache;
    const scale = conv.scaleFactors;
    const inv2n = 1 / (2 * n);
    let densityT = Number.NaN;
    for (let i = 0; i < tarr.length; i++) {
      if (active !== undefined && active[i] === 0) {
        out[i] = 0;
        continue;
      }
      const t = tarr[i];
      const p = parr[i];
      // line-shape density and its T-derivative (no transforms; P-independent, so kept
      // while consecutive layers share T)
      if (t !== densityT) {
        this.densities(t, true);
        densityT = t;
      }
      const slsd = this.slsd;
      const dslsd = this.dslsd;
      // H = rfft(pad(R/ν ∘ g_i))
      const pad = this.adjPad;
      for (let k = 0; k < n; k++) pad[k] = scale[k] * g[i * n + k];
      rfftPaddedInto(pad, 0, 1, n, 2 * n, this.adjRe, this.adjIm, 0);
      const hre = this.adjRe;
      const him = this.adjIm;
      const cached = cache !== null && i < cache.t.length && cache.t[i] === t && cache.p[i] === p;
      const nsigmaD = DOPPLER_C3 * Math.sqrt(t / this.molmass) * this.resolution;
      const dnsigmaD = nsigmaD / (2 * t);
      gaussianFactor(nsigmaD, n, this.gauss);
      let acc = 0;
      for (let b = 0; b < nb; b++) {
        const [igb, inb] = this.multiIndex[b];
        const ngref = this.ngammaRefGrid[Math.min(igb, this.ngammaRefGrid.length - 1)];
        const nexp = this.nTexpGrid[Math.min(inb, this.nTexpGrid.length - 1)];
        const gw = ngref * (t / this.TrefBroadening) ** -nexp * p;
        const dg = (-nexp * gw) / t;
        let sre: Float64Array;
        let sim: Float64Array;
        let soff = 0;
        if (cached && cache !== null) {
          sre = cache.re;
          sim = cache.im;
          soff = (i * nb + b) * (n + 1);
        } else {
          conv.transform(slsd, b, nb);
          sre = conv.specRe;
          sim = conv.specIm;
        }
        // one pass: (1/2N) Σ_j c_j dK_j Re(conj(H_j) F(slsd)_j), and H K_b for the next step
        const kre = this.dspecRe;
        const kim = this.dspecIm;
        const a = foldedVoigtVjpPass(
          gw,
          nsigmaD,
          n,
          dg,
          dnsigmaD,
          this.gauss,
          hre,
          him,
          sre,
          sim,
          soff,
          kre,
          kim,
        );
        acc += a * inv2n;
        // Σ_m dslsd_b[m] irfft(H K_b)[m]
        irfftInto(kre, kim, 0, n + 1, 2 * n, this.adjOut, 0, n);
        const r = this.adjOut;
        // the zero cells of dslsd add nothing: only column b's non-zero cells, in order of m
        const { colStart, colK } = this.cells;
        for (let c = colStart[b]; c < colStart[b + 1]; c++) {
          const m = colK[c];
          acc += dslsd[m * nb + b] * r[m];
        }
      }
      out[i] = acc;
    }
  }

  /** xsmatrix and its per-layer temperature derivative ∂xs[i, :]/∂T_i. */
  xsmatrixWithTangent(
    tarr: ArrayLike<number>,
    parr: ArrayLike<number>,
    out: Float64Array,
    dout: Float64Array,
  ): void {
    const n = this.nuGrid.length;
    for (let i = 0; i < tarr.length; i++) this.layer(tarr[i], parr[i], out, i * n, dout);
  }
}

/**
 * The non-zero cells of a sparse LBD: `cell` (k·nb + b, ascending) with their entries
 * (`entry[start[c] .. start[c+1])`, in stored order), each cell's k, the distinct k
 * (`ks`, ascending), and per broadening column b its cells' k (`colK[colStart[b] ..]`).
 */
interface LbdCells {
  readonly cell: Int32Array;
  readonly start: Int32Array;
  readonly entry: Int32Array;
  readonly k: Int32Array;
  readonly ks: Int32Array;
  readonly colStart: Int32Array;
  readonly colK: Int32Array;
}

function lbdCells(lbd: SparseLbd, nb: number): LbdCells {
  const m = lbd.k.length;
  const cellOf = (i: number) => lbd.k[i] * nb + lbd.b[i];
  // stable: entries of one cell keep their stored order
  const order = Array.from({ length: m }, (_, i) => i).sort(
    (x, y) => cellOf(x) - cellOf(y) || x - y,
  );
  const cells: number[] = [];
  const start: number[] = [];
  order.forEach((i, r) => {
    const c = cellOf(i);
    if (cells.length === 0 || cells[cells.length - 1] !== c) {
      cells.push(c);
      start.push(r);
    }
  });
  start.push(m);
  const cell = Int32Array.from(cells);
  const k = cell.map((c) => Math.floor(c / nb));
  const ks = Int32Array.from(new Set(k));
  const colStart = new Int32Array(nb + 1);
  for (const c of cells) colStart[(c % nb) + 1]++;
  for (let b = 0; b < nb; b++) colStart[b + 1] += colStart[b];
  const fill = colStart.slice(0, nb);
  const colK = new Int32Array(cells.length);
  for (const c of cells) colK[fill[c % nb]++] = Math.floor(c / nb);
  return {
    cell,
    start: Int32Array.from(start),
    entry: Int32Array.from(order),
    k,
    ks,
    colStart,
    colK,
  };
}
