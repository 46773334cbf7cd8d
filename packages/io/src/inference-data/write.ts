import type { Dataset as H5Dataset, Group as H5Group } from "h5wasm/node";
import { writeFileAtomically } from "./atomic-file.js";
import { withFixedClock } from "./fixed-clock.js";
import { loadH5, openH5File } from "./h5.js";
import {
  BOOL_DTYPE_ATTRIBUTE,
  FILL_VALUE_ATTRIBUTE,
  NC_DIMID_ATTRIBUTE,
  NC_PROPERTIES_ATTRIBUTE,
  NC_PROPERTIES_VALUE,
} from "./netcdf-conventions.js";
import type { Attributes, AttributeValue, InferenceData, VariableData } from "./types.js";
import { type ValidatedGroup, validateInferenceData } from "./validate.js";

/** Options of {@link writeInferenceData}. */
export interface WriteInferenceDataOptions {
  /** Group attribute `inference_library` (default `"sidereal"`). */
  inferenceLibrary?: string;
  /** Group attribute `inference_library_version`; omitted when not given. */
  inferenceLibraryVersion?: string;
  /**
   * Group attribute `created_at` (default: now, ISO 8601 UTC); `null` omits it, so that the
   * file is a pure function of its data (reproducible outputs keep times elsewhere).
   */
  createdAt?: string | null;
}

/** HDF5 type string (h5wasm dtype) of each storage kind. */
type StorageDtype = "<d" | "<i" | "<b" | "<q";

/**
 * Writes InferenceData as a NetCDF-4 (HDF5) file laid out as ArviZ's
 * `InferenceData.to_netcdf` does, readable by `arviz.from_netcdf`,
 * `xarray.open_dataset(path, group=...)` and netCDF-C:
 *
 * - one HDF5 group per InferenceData role (`posterior`, `sample_stats`, ...);
 * - in each group, one coordinate variable per dimension, which is the
 *   dimension's HDF5 dimension scale (`CLASS`, `NAME`, `_Netcdf4Dimid`):
 *   values from `coords`, otherwise int64 `0..n-1` (ArviZ's default for
 *   `chain`, `draw` and model dimensions);
 * - each data variable an HDF5 dataset whose axes are attached to those
 *   scales (`DIMENSION_LIST` / `REFERENCE_LIST`), so netCDF sees named
 *   dimensions;
 * - storage types: Float64Array → float64, Int32Array → int32,
 *   BigInt64Array → int64, Uint8Array → int8 with attribute `dtype = "bool"`
 *   (xarray's boolean encoding: xarray/ArviZ read it back as bool, netCDF4
 *   alone as int8);
 * - group attributes `created_at` (ISO 8601 UTC, unless `createdAt: null`), `inference_library`,
 *   `inference_library_version` (only if given), then the dataset's own attrs
 *   (which win on a name clash); no `arviz_version`;
 * - root attribute `_NCProperties = "version=2,sidereal_io=1"`.
 *
 * Attribute numbers that are integers in the int32 range are stored as int32,
 * other numbers as float64; strings as UTF-8 variable-length strings.
 * `_FillValue` is stored with its variable's type.
 *
 * The input is fully validated first ({@link validateInferenceData}); an
 * {@link InferenceDataError} is thrown before anything touches the disk. The
 * file is written to `<path>.tmp-<pid>-<random>` in the same directory and
 * renamed onto `path` when complete; on any error the temporary file is
 * removed and an existing `path` is left untouched.
 */
export async function writeInferenceData(
  path: string,
  idata: InferenceData,
  options: WriteInferenceDataOptions = {},
): Promise<void> {
  const groups = validateInferenceData(idata);
  const h5 = await loadH5();
  const createdAt = options.createdAt === undefined ? new Date().toISOString() : options.createdAt;
  const groupAttrs: Attributes = {
    ...(createdAt !== null ? { created_at: createdAt } : {}),
    inference_library: options.inferenceLibrary ?? "sidereal",
  };
  if (options.inferenceLibraryVersion !== undefined) {
    groupAttrs.inference_library_version = options.inferenceLibraryVersion;
  }
  // without a creation time the file is reproducible: HDF5's object-header times fixed too
  const clock = createdAt === null ? withFixedClock : <T>(write: () => T) => write();
  await writeFileAtomically(path, (tempPath) =>
    clock(() => {
      const file = openH5File(h5, tempPath, "w");
      try {
        file.create_attribute(
          NC_PROPERTIES_ATTRIBUTE,
          NC_PROPERTIES_VALUE,
          [],
          `A${NC_PROPERTIES_VALUE.length}`,
        );
        let nextDimId = 0;
        for (const group of groups) {
          const h5Group = file.create_group(group.name, true);
          nextDimId = writeGroup(h5Group, group, groupAttrs, nextDimId);
        }
      } finally {
        file.close();
      }
    }),
  );
}

/** Writes one group; returns the next free netCDF dimension id. */
function writeGroup(
  h5Group: H5Group,
  group: ValidatedGroup,
  defaultAttrs: Attributes,
  firstDimId: number,
): number {
  const { dataset, dimLengths } = group;
  let dimId = firstDimId;
  for (const [dim, length] of dimLengths) {
    const values = dataset.coords?.[dim] ?? indexCoordinate(length);
    const scale = h5Group.create_dataset({
      name: dim,
      data: values,
      shape: [length],
      track_order: true,
    });
    scale.make_scale(dim);
    writeNumberAttribute(scale, NC_DIMID_ATTRIBUTE, dimId, "<i");
    dimId += 1;
  }
  for (const [name, variable] of Object.entries(dataset.variables)) {
    const { data, dtype } = storageOf(variable.data);
    const h5Dataset = h5Group.create_dataset({
      name,
      data,
      shape: [...variable.shape],
      dtype,
      track_order: true,
    });
    variable.dims.forEach((dim, axis) => {
      h5Dataset.attach_scale(axis, `${h5Group.path}/${dim}`);
    });
    if (variable.data instanceof Uint8Array) {
      h5Dataset.create_attribute(BOOL_DTYPE_ATTRIBUTE.name, BOOL_DTYPE_ATTRIBUTE.value);
    }
    for (const [key, value] of Object.entries(variable.attrs ?? {})) {
      if (key === FILL_VALUE_ATTRIBUTE && typeof value === "number") {
        writeNumberAttribute(h5Dataset, key, value, dtype);
      } else {
        writeAttribute(h5Dataset, key, value);
      }
    }
  }
  for (const [key, value] of Object.entries({ ...defaultAttrs, ...dataset.attrs })) {
    writeAttribute(h5Group, key, value);
  }
  return dimId;
}

/** ArviZ's default coordinate: int64 `0..n-1`. */
function indexCoordinate(length: number): BigInt64Array {
  const values = new BigInt64Array(length);
  for (let i = 0; i < length; i++) values[i] = BigInt(i);
  return values;
}

/** Storage array and HDF5 type of variable data (booleans become int8). */
function storageOf(data: VariableData): {
  data: Float64Array | Int32Array | Int8Array | BigInt64Array;
  dtype: StorageDtype;
} {
  if (data instanceof Float64Array) return { data, dtype: "<d" };
  if (data instanceof Int32Array) return { data, dtype: "<i" };
  if (data instanceof BigInt64Array) return { data, dtype: "<q" };
  return { data: Int8Array.from(data), dtype: "<b" };
}

/** Writes a string or number attribute (see {@link writeInferenceData} for types). */
function writeAttribute(target: H5Group | H5Dataset, key: string, value: AttributeValue): void {
  if (typeof value === "string") {
    target.create_attribute(key, value);
  } else {
    const isInt32 = Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31;
    writeNumberAttribute(target, key, value, isInt32 ? "<i" : "<d");
  }
}

/** Writes a scalar numeric attribute of the given HDF5 type. */
function writeNumberAttribute(
  target: H5Group | H5Dataset,
  key: string,
  value: number,
  dtype: StorageDtype,
): void {
  let data: Float64Array | Int32Array | Int8Array | BigInt64Array;
  switch (dtype) {
    case "<d":
      data = Float64Array.of(value);
      break;
    case "<i":
      data = Int32Array.of(value);
      break;
    case "<b":
      data = Int8Array.of(value);
      break;
    case "<q":
      data = BigInt64Array.of(BigInt(Math.trunc(value)));
      break;
  }
  target.create_attribute(key, data, [], dtype);
}
