/**
 * agnfinder's filter groups and filter sets (spec §1.7), in their exact order: the order of
 * the photometry columns. None is sorted by wavelength.
 */

/** Filter groups by name; each entry is a sedpy bandpass stem. */
export const FILTER_GROUPS = {
  galex: ["NUV_galex", "FUV_galex"],
  sdss: ["u_sloan", "g_sloan", "r_sloan", "i_sloan", "z_sloan"],
  cfht: ["g_cfhtl", "i_cfhtl_new", "r_cfhtl", "u_cfhtl", "z_cfhtl"],
  kids: ["i_kids", "r_kids"],
  vista: ["VISTA_H", "VISTA_J", "VISTA_Ks", "VISTA_Y", "VISTA_Z"],
  vista_euclid: ["VISTA_H", "VISTA_J", "VISTA_Y"],
  vista_des: ["VISTA_H", "VISTA_J", "VISTA_Y", "VISTA_Z"],
  des: ["DES_g", "DES_i", "DES_r"],
  wise: ["wise_w1", "wise_w2"],
} as const satisfies Record<string, readonly string[]>;

/** The four filter sets agnfinder's SamplingParams choose between. */
export const FILTER_SET_NAMES = ["DES", "Euclid", "Reliable", "All"] as const;
export type FilterSetName = (typeof FILTER_SET_NAMES)[number];

const G = FILTER_GROUPS;
/** Filter set → bandpass stems, in output-column order (All has 21, not its declared 12). */
export const FILTER_SETS: Readonly<Record<FilterSetName, readonly string[]>> = {
  DES: [...G.des, ...G.vista_des],
  Euclid: [...G.sdss, ...G.vista_euclid],
  Reliable: [...G.sdss, ...G.vista, ...G.wise],
  All: [...G.galex, ...G.sdss, ...G.cfht, ...G.kids, ...G.vista, ...G.wise],
};
