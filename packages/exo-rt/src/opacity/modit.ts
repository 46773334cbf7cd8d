/**
 * MODIT cross sections (ExoJAX `OpaModit`, research/exojax.md §4): line strengths are
 * deposited on a (wavenumber × log-width) grid (the line-shape density) and convolved
 * with the folded Voigt kernel by FFT.
 */
import { DOPPLER_C3 } from "../constants.js";
import type { MdbExomol } from "../db/exomol.js";
import { ExoInputError } from "../errors.js";
import { isEslogGrid, resolutionEslog } from "../grid.js";
import { ditgridLogInterval, ditgridMatrix, getix } from "./dit.js";
import { FoldedVoigtConvolver, foldedVoigtKernel } from "./folded-voigt.js";
import { exomolLineState, type LineState } from "./lpf.js";

/**
 * Line-shape density S[k, g] (N × Ng, row-major): each line's strength split bilinearly
 * over the two nearest wavenumbers (linear in ν) and widths (linear in ln width).
 */
export function lineShapeDensity(
  nuLines: ArrayLike<number>,
  strength: ArrayLike<number>,
  logWidth: ArrayLike<number>,
  nuGrid: Float64Array,
  logWidthGrid: Float64Array,
): Float64Array {
  const n = nuGrid.length;
  const ng = logWidthGrid.length;
  const lsd = new Float64Array(n * ng);
  for (let l = 0; l < nuLines.length; l++) {
    const { index: inu, cont: cnu } = getix(nuLines[l], nuGrid);
    const { index: ig, cont: cg } = getix(logWidth[l], logWidthGrid);
    const s = strength[l];
    const put = (k: number, g: number, w: number) => {
      if (k < n && g < ng) lsd[k * ng + g] += w;
    };
    put(inu, ig, s * (1 - cnu) * (1 - cg));
    put(inu, ig + 1, s * (1 - cnu) * cg);
    put(inu + 1, ig, s * cnu * (1 - cg));
    put(inu + 1, ig + 1, s * cnu * cg);
  }
  return lsd;
}

/** Convolves each width column of an LSD with its folded Voigt kernel and sums (cm²). */
export function convolveLsd(
  conv: FoldedVoigtConvolver,
  lsd: Float64Array,
  widths: Float64Array,
  nsigmaD: number,
  out: Float64Array,
  outOffset = 0,
): void {
  const ng = widths.length;
  conv.reset();
  for (let g = 0; g < ng; g++) {
    conv.transform(lsd, g, ng);
    foldedVoigtKernel(widths[g], nsigmaD, conv.n, conv.kernel);
    conv.accumulate(conv.kernel);
  }
  conv.finish(out, outOffset);
}

function checkEslog(fn: string, nuGrid: Float64Array): void {
  if (!isEslogGrid(nuGrid))
    throw new ExoInputError({
      fn,
      argument: "nuGrid",
      value: `${nuGrid.length} points`,
      reason: "MODIT needs an ESLOG grid",
    });
}

/** MODIT cross section from per-line states (xsvector, with the log-width DIT grid). */
export function xsvectorModitLines(
  lines: LineState,
  nsigmaD: number,
  nuGrid: Float64Array,
  ditGridResolution = 0.2,
): Float64Array {
  checkEslog("xsvectorModit", nuGrid);
  const r = resolutionEslog(nuGrid);
  const ngl = lines.gammaL.map((g, i) => g / (lines.nu[i] / r));
  const grid = ditgridLogInterval(ngl, ditGridResolution);
  const lsd = lineShapeDensity(
    lines.nu,
    lines.strength,
    ngl.map(Math.log),
    nuGrid,
    grid.map(Math.log),
  );
  const out = new Float64Array(nuGrid.length);
  convolveLsd(new FoldedVoigtConvolver(nuGrid, r), lsd, grid, nsigmaD, out);
  return out;
}

/** MODIT cross section of an ExoMol database at (T, P); `molmass` defaults to the `.def` mass. */
export function xsvectorModit(
  mdb: MdbExomol,
  nuGrid: Float64Array,
  t: number,
  p: number,
  options: { ditGridResolution?: number; molmass?: number } = {},
): Float64Array {
  const m = options.molmass ?? mdb.molmass;
  const nsigmaD = DOPPLER_C3 * Math.sqrt(t / m) * resolutionEslog(nuGrid);
  return xsvectorModitLines(
    exomolLineState(mdb, t, p, m),
    nsigmaD,
    nuGrid,
    options.ditGridResolution,
  );
}

/** MODIT cross sections per layer (Nlayer × Nnu) with a per-layer log10 width grid. */
export function xsmatrixModit(
  mdb: MdbExomol,
  nuGrid: Float64Array,
  tarr: ArrayLike<number>,
  parr: ArrayLike<number>,
  options: { ditGridResolution?: number; molmass?: number } = {},
): Float64Array {
  checkEslog("xsmatrixModit", nuGrid);
  const m = options.molmass ?? mdb.molmass;
  const r = resolutionEslog(nuGrid);
  const n = nuGrid.length;
  const states = Array.from(tarr, (t, i) => exomolLineState(mdb, t, parr[i], m));
  const ngls = states.map((s) => s.gammaL.map((g, i) => g / (s.nu[i] / r)));
  const grids = ditgridMatrix(
    ngls.map((v) => v.map(Math.log10)),
    options.ditGridResolution ?? 0.2,
  );
  const conv = new FoldedVoigtConvolver(nuGrid, r);
  const out = new Float64Array(tarr.length * n);
  for (let i = 0; i < tarr.length; i++) {
    const lsd = lineShapeDensity(
      states[i].nu,
      states[i].strength,
      ngls[i].map(Math.log),
      nuGrid,
      grids[i].map(Math.log),
    );
    const nsigmaD = DOPPLER_C3 * Math.sqrt(tarr[i] / m) * r;
    convolveLsd(conv, lsd, grids[i], nsigmaD, out, i * n);
  }
  return out;
}
