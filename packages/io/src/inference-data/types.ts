/**
 * In-memory model of ArviZ `InferenceData`: a set of named groups, each an
 * xarray-like `Dataset` of named, dimensioned arrays.
 *
 * Spec: ArviZ InferenceData schema
 * (https://python.arviz.org/en/stable/schema/schema.html): every group is a
 * Dataset; posterior-like groups have `chain` and `draw` as their first two
 * dimensions; `observed_data` / `constant_data` have neither.
 *
 * Arrays are flat and row-major (C order, last dimension fastest), as numpy
 * and HDF5 lay them out.
 */

/** Value of a group or variable attribute. */
export type AttributeValue = string | number;

/** Attributes of a group or variable (netCDF attributes). */
export type Attributes = Record<string, AttributeValue>;

/**
 * Flat storage of a variable.
 *
 * - `Float64Array`: float64 (NC_DOUBLE).
 * - `Int32Array`: int32 (NC_INT).
 * - `Uint8Array`: boolean (0 / 1), e.g. `diverging`; written the way xarray
 *   writes numpy bools (int8 with attribute `dtype = "bool"`).
 * - `BigInt64Array`: int64 (NC_INT64).
 */
export type VariableData = Float64Array | Int32Array | Uint8Array | BigInt64Array;

/** Values of a coordinate variable (one entry per index of its dimension). */
export type CoordinateValues = Float64Array | Int32Array | string[];

/** One named, dimensioned array of a {@link Dataset}. */
export type Variable = {
  /** Dimension names, one per axis (e.g. `["chain", "draw", "cloud"]`). */
  dims: readonly string[];
  /** Length of each axis; same length as `dims`. */
  shape: readonly number[];
  /** Row-major values; `data.length` is the product of `shape` (1 for a scalar). */
  data: VariableData;
  /** Variable attributes (e.g. `units`). */
  attrs?: Attributes;
};

/** One InferenceData group: variables sharing named dimensions. */
export type Dataset = {
  /** Data variables by name. */
  variables: Record<string, Variable>;
  /**
   * Coordinate values by dimension name. Dimensions without an entry get
   * index coordinates `0..n-1` when written, as ArviZ does by default.
   */
  coords?: Record<string, CoordinateValues>;
  /** Group attributes. */
  attrs?: Attributes;
};

/**
 * ArviZ InferenceData: one optional {@link Dataset} per role. Group names are
 * those of the ArviZ schema, plus bayes_spec's `solution_<k>` groups (the chains
 * of each unique solution that `solve()` finds), and are used verbatim as HDF5
 * group names.
 */
export type InferenceData = {
  [solution: `solution_${number}`]: Dataset | undefined;
  posterior?: Dataset;
  sample_stats?: Dataset;
  prior?: Dataset;
  prior_predictive?: Dataset;
  posterior_predictive?: Dataset;
  observed_data?: Dataset;
  log_likelihood?: Dataset;
  warmup_posterior?: Dataset;
  warmup_sample_stats?: Dataset;
  constant_data?: Dataset;
};

/** Name of one InferenceData group. */
export type InferenceDataGroup = keyof InferenceData;
