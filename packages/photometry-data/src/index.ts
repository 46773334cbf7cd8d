/**
 * Paths to the reference data of agnfinder's photometry simulator, shipped as files beside
 * this module (`../data`): sedpy `.par` filter curves, the Shang et al. (2011) quasar
 * template, the Prevot et al. (1984) SMC extinction curve, the CLUMPY torus grid agnfinder
 * interpolates, the FSPS wavelength grid and the 1,000-row testcube validation set.
 *
 * The data are GPL-3.0 (agnfinder) and MIT (sedpy's two WISE curves); `data/README.md` gives
 * provenance, columns and units. This package holds data only, so `@sidereal/photometry`
 * (MIT code) can read it at run time without absorbing its licence.
 */
import { fileURLToPath } from "node:url";

/** Absolute path of the shipped `data/` folder. */
export const dataDir: string = fileURLToPath(new URL("../data/", import.meta.url));

/** Absolute path of a sedpy `.par` filter curve by its stem, e.g. `filterFile("DES_g")`. */
export const filterFile = (stem: string): string => `${dataDir}filters/${stem}.par`;

/** The stems of the 27 shipped filter curves. */
export const FILTER_STEMS = [
  "DES_g",
  "DES_i",
  "DES_r",
  "FUV_galex",
  "NUV_galex",
  "VISTA_H",
  "VISTA_J",
  "VISTA_Ks",
  "VISTA_Y",
  "VISTA_Z",
  "g_cfhtl",
  "g_kids",
  "g_sloan",
  "i_cfhtl_new",
  "i_cfhtl_old",
  "i_kids",
  "i_sloan",
  "r_cfhtl",
  "r_kids",
  "r_sloan",
  "u_cfhtl",
  "u_kids",
  "u_sloan",
  "wise_w1",
  "wise_w2",
  "z_cfhtl",
  "z_sloan",
] as const;

/** Absolute paths of the templates (see `data/README.md` for columns and units). */
export const templateFiles = {
  quasar: `${dataDir}templates/quasar_template_shang.txt`,
  smcExtinction: `${dataDir}templates/smc_extinction_prevot_1984.dat`,
  torusGrid: `${dataDir}templates/clumpy_torus_grid.csv`,
  fspsWavelengths: `${dataDir}templates/fsps_wavelengths_angstrom.txt`,
  legacyTorusSed: `${dataDir}templates/clumpy_selected_torus_sed_tv30.csv`,
} as const;

/** Absolute paths of the simulator outputs used for validation. */
export const simulationFiles = {
  testcube: `${dataDir}simulations/testcube.hdf5`,
  testcubeEffectiveParams: `${dataDir}simulations/testcube_effective_params.csv`,
} as const;
