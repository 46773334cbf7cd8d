/**
 * @sidereal/io — FITS tables and images, ArviZ InferenceData (NetCDF4/HDF5) and
 * CmdStan-style CSV draws.
 */
export * from "./csv/index.js";
export * from "./fits/index.js";
export * from "./inference-data/index.js";
