/**
 * The accretion-disc (quasar) term of agnfinder (spec §3.4): Shang et al. (2011)'s median
 * radio-quiet quasar SED, log_flux interpolated linearly in log10 λ, normalised by its
 * integral Q_N over 100 Å–1e7 Å (Simpson, 500,000 log-spaced points; 567808.8611), shifted by
 * −21 dex, and damped by (λ/1 µm)^−5 beyond 1 µm. The file's values are log νFν in arbitrary
 * units, used as if they were L_ν: agnfinder's quirk, kept.
 */
import { interp, logspace, simpson } from "../numeric.js";

/** c in m/s, used to turn the template's frequencies into wavelengths: λ[Å] = c/ν × 1e10. */
const C_MS = 2.99792458e8;

export interface QuasarTemplate {
  /** log10 λ (Å), increasing. */
  readonly log10Wavelength: Float64Array;
  /** log10 flux at each knot. */
  readonly log10Flux: Float64Array;
  /** ∫ 10^q dλ over 100 Å–1e7 Å. */
  readonly normalisation: number;
}

/** Parses the Shang table (header lines `#`, a `log_freq log_flux n_obj sigma` line, rows). */
export function parseQuasarTemplate(text: string): QuasarTemplate {
  const rows: [number, number][] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || /^[A-Za-z]/.test(line)) continue;
    const [logFreq, logFlux] = line.split(/\s+/).map(Number);
    if (!Number.isFinite(logFreq) || !Number.isFinite(logFlux))
      throw new Error(`bad quasar row "${line}"`);
    rows.push([Math.log10((C_MS / 10 ** logFreq) * 1e10), logFlux]);
  }
  rows.sort((a, b) => a[0] - b[0]);
  const x = Float64Array.from(rows, (r) => r[0]);
  const q = Float64Array.from(rows, (r) => r[1]);
  const grid = logspace(100, 1e7, 500_000);
  const f = grid.map((l) => 10 ** interp(x, q, Math.log10(l)));
  return { log10Wavelength: x, log10Flux: q, normalisation: simpson(f, grid) };
}

/** Damping of the disc beyond 1 µm: (λ/1e4 Å)^−5 ("short only"). */
export const discDamping = (lambda: number): number => (lambda > 1e4 ? (lambda / 1e4) ** -5 : 1);

/**
 * The normalised, damped quasar shape t_Q(λ)·damp on a wavelength grid (Å), before the
 * ×1e14 × agn_mass scale.
 */
export function quasarShape(t: QuasarTemplate, wavelength: ArrayLike<number>): Float64Array {
  const shift = Math.log10(t.normalisation) + 21;
  const out = new Float64Array(wavelength.length);
  for (let i = 0; i < out.length; i++) {
    const l = wavelength[i];
    out[i] = 10 ** (interp(t.log10Wavelength, t.log10Flux, Math.log10(l)) - shift) * discDamping(l);
  }
  return out;
}
