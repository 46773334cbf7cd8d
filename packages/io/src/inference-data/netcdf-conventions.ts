/**
 * Names fixed by the NetCDF-4 file format and by xarray's encoding conventions.
 *
 * NetCDF-4 format specification ("NetCDF-4 Format", Unidata netCDF User's Guide,
 * section "The NetCDF-4 Format" / "HDF5 dimension scales"): a NetCDF-4 file is
 * an HDF5 file in which
 * - each netCDF dimension is an HDF5 dimension scale (attribute
 *   `CLASS = "DIMENSION_SCALE"` plus `NAME`); a coordinate variable *is* the
 *   scale of the dimension of the same name, a dimension without a coordinate
 *   variable is a scale whose `NAME` starts with {@link NC_DIM_WITHOUT_VARIABLE};
 * - each variable refers to its dimensions through the `DIMENSION_LIST`
 *   attribute (object references, one per axis), and each scale lists its users
 *   in `REFERENCE_LIST`;
 * - `_Netcdf4Dimid` (int32) on a scale fixes the netCDF dimension id,
 *   `_Netcdf4Coordinates` lists the dimension ids of multi-dimensional
 *   coordinate variables, and the root attribute `_NCProperties` records the
 *   writing software (`version=2,key=value,...`).
 */

/** Prefix of `NAME` of a dimension scale that is not a netCDF variable. */
export const NC_DIM_WITHOUT_VARIABLE = "This is a netCDF dimension but not a netCDF variable.";

/** Value of the `CLASS` attribute of an HDF5 dimension scale. */
export const DIMENSION_SCALE_CLASS = "DIMENSION_SCALE";

/** Root attribute naming the writing software (NetCDF-4 format, "_NCProperties"). */
export const NC_PROPERTIES_ATTRIBUTE = "_NCProperties";

/** Attribute fixing the netCDF dimension id of a dimension scale. */
export const NC_DIMID_ATTRIBUTE = "_Netcdf4Dimid";

/** Attribute listing the dimension ids of a multi-dimensional coordinate variable. */
export const NC_COORDINATES_ATTRIBUTE = "_Netcdf4Coordinates";

/** netCDF fill value attribute; written with the variable's own type. */
export const FILL_VALUE_ATTRIBUTE = "_FillValue";

/**
 * Attributes that encode file structure (HDF5 dimension scales and netCDF
 * bookkeeping). They are written by the writer as needed, never copied from
 * user attributes, and hidden by the reader.
 */
export const RESERVED_ATTRIBUTES: ReadonlySet<string> = new Set([
  "CLASS",
  "NAME",
  "DIMENSION_LIST",
  "REFERENCE_LIST",
  NC_DIMID_ATTRIBUTE,
  NC_COORDINATES_ATTRIBUTE,
  NC_PROPERTIES_ATTRIBUTE,
  "_nc3_strict",
  "_IsNetcdf4",
  "_SuperblockVersion",
]);

/**
 * xarray's encoding of numpy booleans: netCDF has no boolean type, so xarray
 * (and therefore ArviZ, for `diverging`) stores them as int8 with the variable
 * attribute `dtype = "bool"`, and casts them back to bool when reading.
 * netCDF4-python without xarray reads such a variable as int8.
 */
export const BOOL_DTYPE_ATTRIBUTE = { name: "dtype", value: "bool" } as const;

/** Value of `_NCProperties` written by this package. */
export const NC_PROPERTIES_VALUE = "version=2,sidereal_io=1";
