/**
 * The simulation cube's HDF5 layout (spec §2.6): group `samples` with `theta` (M, 9) physical
 * values, `normalised_theta` (M, 9) hypercube values, `simulated_y` (M, F) AB maggies in
 * filter-set order and `wavelengths` (F,) effective wavelengths, with agnfinder's
 * `columns`/`description` attributes, plus what agnfinder did not record: the model names of
 * the columns, the ranges and log flags of the hypercube, units, the filter names and set.
 * File names follow agnfinder (`photometry_simulation_{N}n_z_{lo}_to_{hi}[_w_{i}].hdf5`).
 */
import type { FreeParams } from "../config/free-params.js";

export interface CubeLayout {
  /** Hypercube (sampling-space) names, agnfinder's `columns` attribute. */
  readonly columns: readonly string[];
  /** Forward-model (Prospector) names of the same columns. */
  readonly parameterNames: readonly string[];
  /** Units of the physical θ columns. */
  readonly units: readonly string[];
  /** (D, 2) row-major hypercube limits (sampling space). */
  readonly ranges: Float64Array;
  /** log10 flag per column. */
  readonly log: readonly boolean[];
  /** Filter (band) names in column order of `simulated_y`. */
  readonly bands: readonly string[];
  /** Effective wavelengths of the bands, Å. */
  readonly wavelengths: Float64Array;
  /** Filter-set name (DES, Euclid, …) or "custom". */
  readonly filterSet: string;
}

const THETA_UNITS: Readonly<Record<string, string>> = {
  zred: "redshift",
  mass: "M_sun formed",
  dust2: "optical depth at 5500 AA",
  tage: "Gyr",
  tau: "Gyr",
  agn_mass: "dimensionless AGN disc scale",
  agn_eb_v: "E(B-V) mag",
  agn_torus_mass: "dimensionless torus scale",
  inclination: "degrees",
};

/** The layout of agnfinder's cube for a FreeParams hypercube and a model's bands. */
export function cubeLayout(
  fp: FreeParams,
  bands: readonly string[],
  wavelengths: Float64Array,
  filterSet = "custom",
): CubeLayout {
  return {
    columns: fp.columns,
    parameterNames: fp.thetaColumns,
    units: fp.thetaColumns.map((c) => THETA_UNITS[c] ?? ""),
    ranges: fp.limits,
    log: fp.log,
    bands,
    wavelengths,
    filterSet,
  };
}

/** Bytes per cube row: float64 θ, normalised θ and photometry. */
export const bytesPerSample = (layout: Pick<CubeLayout, "columns" | "bands">): number =>
  8 * (2 * layout.columns.length + layout.bands.length);

const z4 = (z: number): string => z.toFixed(4).replace(".", "p");

/** `photometry_simulation_{N}n_z_{lo}_to_{hi}.hdf5` (spec §2.6). */
export const cubeFileName = (nSamples: number, zLo: number, zHi: number): string =>
  `photometry_simulation_${nSamples}n_z_${z4(zLo)}_to_${z4(zHi)}.hdf5`;

/** `photometry_simulation_{n}n_z_{lo}_to_{hi}_w_{i}.hdf5` (spec §2.4). */
export const partialFileName = (n: number, zLo: number, zHi: number, worker: number): string =>
  `photometry_simulation_${n}n_z_${z4(zLo)}_to_${z4(zHi)}_w_${worker}.hdf5`;
