/**
 * The coefficient tables of the Gaia (E)DR3 parallax zero point of Lindegren et al. 2021,
 * A&A 649, A4 ("L21"): Table 9 (Z5, 5-parameter solutions) and Table 10 (Z6, 6-parameter
 * solutions), coefficients q_jk(G) in micro-arcseconds at the tabulated G magnitudes.
 *
 * Data, not code: a transcription of `data/zeropoint_L21.json` (a byte copy of
 * `shared/data/gaia/zeropoint_L21.json`, itself read from the files `z5_200720.txt` and
 * `z6_200720.txt` that the `gaiadr3-zeropoint` package ships). The paper's blank entries
 * are 0. A test checks that this module equals the JSON file. See the package README for
 * provenance and licence.
 */

/** One L21 coefficient table. */
export interface ZeroPointTable {
  /** Column names q_jk (j: colour basis index, k: latitude basis index). */
  readonly columns: readonly string[];
  /** For each column, the index j of the colour basis function c_j. */
  readonly colourBasis: readonly number[];
  /** For each column, the index k of the latitude basis function b_k. */
  readonly latitudeBasis: readonly number[];
  /** The tabulated G magnitudes (increasing). */
  readonly gNodes: readonly number[];
  /** q[row][column] in micro-arcsec; row indexes `gNodes`. */
  readonly q: readonly (readonly number[])[];
}

/** L21 Table 9: Z5, 5-parameter solutions (`astrometric_params_solved` = 31); colour = nu_eff_used_in_astrometry. */
export const Z5_TABLE: ZeroPointTable = {
  columns: ["q00", "q01", "q02", "q10", "q11", "q20", "q30", "q40"],
  colourBasis: [0, 0, 0, 1, 1, 2, 3, 4],
  latitudeBasis: [0, 1, 2, 0, 1, 0, 0, 0],
  gNodes: [6.0, 10.8, 11.2, 11.8, 12.2, 12.9, 13.1, 15.9, 16.1, 17.5, 19.0, 20.0, 21.0],
  q: [
    [-26.98, -9.62, 27.4, -25.1, 0.0, -1257.0, 0.0, 0.0],
    [-27.23, -3.07, 23.04, 35.3, 15.7, -1257.0, 0.0, 0.0],
    [-30.33, -9.23, 9.08, -88.4, -11.8, -1257.0, 0.0, 0.0],
    [-33.54, -10.08, 13.28, -126.7, 11.6, -1257.0, 0.0, 0.0],
    [-13.65, -0.07, 9.35, -111.4, 40.6, -1257.0, 0.0, 0.0],
    [-19.53, -1.64, 15.86, -66.8, 20.6, -1257.0, 0.0, 0.0],
    [-37.99, 2.63, 16.14, -5.7, 14.0, -1257.0, 107.9, 104.3],
    [-38.33, 5.61, 15.42, 0.0, 18.7, -1189.0, 243.8, 155.2],
    [-31.05, 2.83, 8.59, 0.0, 15.5, -1404.0, 105.5, 170.7],
    [-29.18, -0.09, 2.41, 0.0, 24.5, -1165.0, 189.7, 325.0],
    [-18.4, 5.98, -6.46, 0.0, 5.5, 0.0, 0.0, 276.6],
    [-12.65, -4.57, -7.46, 0.0, 97.9, 0.0, 0.0, 0.0],
    [-18.22, -15.24, -18.54, 0.0, 128.2, 0.0, 0.0, 0.0],
  ],
};

/** L21 Table 10: Z6, 6-parameter solutions (`astrometric_params_solved` = 95); colour = pseudocolour. */
export const Z6_TABLE: ZeroPointTable = {
  columns: ["q00", "q01", "q02", "q10", "q11", "q12", "q20"],
  colourBasis: [0, 0, 0, 1, 1, 1, 2],
  latitudeBasis: [0, 1, 2, 0, 1, 2, 0],
  gNodes: [6.0, 10.8, 11.2, 11.8, 12.2, 12.9, 13.1, 15.9, 16.1, 17.5, 19.0, 20.0, 21.0],
  q: [
    [-27.85, -7.78, 27.47, -32.1, 14.4, 9.5, -67.0],
    [-28.91, -3.57, 22.92, 7.7, 12.6, 1.6, -572.0],
    [-26.72, -8.74, 9.36, -30.3, 5.6, 17.2, -1104.0],
    [-29.04, -9.69, 13.63, -49.4, 36.3, 17.7, -1129.0],
    [-12.39, -2.16, 10.23, -92.6, 19.8, 27.6, -365.0],
    [-18.99, -1.93, 15.9, -57.2, -8.0, 19.9, -554.0],
    [-38.29, 2.59, 16.2, -10.5, 1.4, 0.4, -960.0],
    [-36.83, 4.2, 15.76, 22.3, 11.1, 10.0, -1367.0],
    [-28.37, 1.99, 9.28, 50.4, 17.2, 13.7, -1351.0],
    [-24.68, -1.37, 3.52, 86.8, 19.8, 21.3, -1380.0],
    [-15.32, 4.01, -6.03, 29.2, 14.1, 0.4, -563.0],
    [-13.73, -10.92, -8.3, -74.4, 196.4, -42.0, 536.0],
    [-29.53, -20.34, -18.74, -39.5, 326.8, -262.3, 1598.0],
  ],
};
