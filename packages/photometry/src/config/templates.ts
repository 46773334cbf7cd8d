/**
 * Prospector's `parametric_sfh` template (prospect.models.templates, TemplateLibrary), the
 * only one agnfinder and SPItorch use, in its key order: zred, mass, logzsol, dust2, sfh,
 * tage, imf_type, dust_type, tau (spec §1.4, §3.2). Values are Prospector's defaults.
 */
import type { ResolvedParameter } from "./parameter.js";

const entry = (
  name: string,
  init: number,
  free: boolean,
  range: readonly [number, number],
  prior: ResolvedParameter["prior"],
  units: string,
): ResolvedParameter => ({
  name,
  rangeMin: range[0],
  init,
  rangeMax: range[1],
  prior,
  logScale: prior.kind === "LogUniform",
  free,
  units,
  dim: 1,
  dispFloor: null,
  rawRangeMin: range[0],
  rawRangeMax: range[1],
  logUnits: false,
});

const U = { kind: "TopHat" } as const;
const LU = { kind: "LogUniform" } as const;

/** Template name → entries in Prospector's key order. */
export const MODEL_TEMPLATES: Readonly<Record<string, readonly ResolvedParameter[]>> = {
  parametric_sfh: [
    entry("zred", 0.1, false, [0, 4], U, "redshift"),
    entry("mass", 1e10, true, [1e8, 1e12], LU, "Solar masses formed"),
    entry("logzsol", -0.5, true, [-2, 0.19], U, "log Z/Z_sun"),
    entry("dust2", 0.6, true, [0, 2], U, "optical depth at 5500AA"),
    entry("sfh", 4, false, [4, 4], U, "delayed-tau SFH"),
    entry("tage", 1, true, [0.001, 13.8], U, "Gyr"),
    entry("imf_type", 2, false, [2, 2], U, "Kroupa (2001)"),
    entry("dust_type", 0, false, [0, 0], U, "FSPS dust type"),
    entry("tau", 1, true, [0.1, 30], LU, "Gyr"),
  ],
};
