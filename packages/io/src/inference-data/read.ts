import { statSync } from "node:fs";
import type { Attribute, Dataset as H5Dataset, Group as H5Group, OutputData } from "h5wasm/node";
import { InferenceDataError } from "./errors.js";
import { isInferenceDataGroup } from "./groups.js";
import { type H5, loadH5, openH5File } from "./h5.js";
import {
  BOOL_DTYPE_ATTRIBUTE,
  DIMENSION_SCALE_CLASS,
  NC_COORDINATES_ATTRIBUTE,
  NC_DIM_WITHOUT_VARIABLE,
  NC_DIMID_ATTRIBUTE,
  RESERVED_ATTRIBUTES,
} from "./netcdf-conventions.js";
import type {
  Attributes,
  AttributeValue,
  CoordinateValues,
  Dataset,
  InferenceData,
  Variable,
  VariableData,
} from "./types.js";

/** HDF5 datatype classes (H5T_class_t) used below. */
const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_ENUM = 8;

/**
 * Reads an InferenceData NetCDF-4/HDF5 file: the files written by
 * {@link writeInferenceData} and plain ArviZ files (`InferenceData.to_netcdf`,
 * netcdf4 or h5netcdf engine).
 *
 * - Groups: the root groups named like InferenceData roles; other groups are ignored.
 * - Dimensions of a variable: for each axis, the HDF5 dimension scale attached
 *   to it (`DIMENSION_LIST`, resolved by h5wasm's `get_attached_scales`); the
 *   dimension name is the scale dataset's own name (as netCDF-C does; this also
 *   covers scales named `"This is a netCDF dimension but not a netCDF
 *   variable. N"`). A 1-D scale is its own dimension; a multi-dimensional
 *   coordinate variable uses `_Netcdf4Coordinates` mapped through the
 *   `_Netcdf4Dimid` of the scales in its group and the root group. Axes without
 *   any of these get netCDF-C style `phony_dim_<k>` names, shared by length.
 * - Coordinates: every 1-D coordinate variable (scale that is a netCDF
 *   variable), as Float64Array (float types, uint32, and int64 outside the
 *   int32 range), Int32Array (other integers) or string[]; their attributes are
 *   dropped.
 * - Data: float64/float32 → Float64Array, int64 → BigInt64Array, other
 *   integers up to 32 bits → Int32Array (uint32 → Float64Array), int8 with
 *   attribute `dtype = "bool"` (xarray) or an h5py FALSE/TRUE enum →
 *   Uint8Array (the `dtype` attribute is consumed). String or compound data
 *   variables raise an {@link InferenceDataError}.
 * - Attributes: structural netCDF/HDF5 attributes (`CLASS`, `NAME`,
 *   `DIMENSION_LIST`, `REFERENCE_LIST`, `_Netcdf4Dimid`, `_Netcdf4Coordinates`,
 *   `_NCProperties`) are hidden; one-element arrays become scalars, int64
 *   becomes number, longer arrays become their JSON text.
 */
export async function readInferenceData(path: string): Promise<InferenceData> {
  statSync(path); // a clean ENOENT instead of an HDF5 error stack
  const h5 = await loadH5();
  const file = openH5File(h5, path, "r");
  try {
    const rootDimIds = dimensionIds(h5, file);
    const idata: InferenceData = {};
    for (const name of file.keys()) {
      if (!isInferenceDataGroup(name)) continue;
      const group = file.get(name);
      if (group instanceof h5.Group) idata[name] = readGroup(h5, group, name, rootDimIds);
    }
    return idata;
  } finally {
    file.close();
  }
}

function readGroup(
  h5: H5,
  group: H5Group,
  groupName: string,
  rootDimIds: Map<number, string>,
): Dataset {
  const dimIds = new Map([...rootDimIds, ...dimensionIds(h5, group)]);
  const phony = new PhonyDimensions();
  const variables: Record<string, Variable> = {};
  const coords: Record<string, CoordinateValues> = {};
  for (const name of group.keys()) {
    const dataset = group.get(name);
    if (!(dataset instanceof h5.Dataset)) continue;
    const shape = dataset.shape;
    if (shape === null) continue; // null dataspace: nothing to read
    const rawAttrs = dataset.attrs;
    const scaleName = isScale(rawAttrs) ? attributeString(rawAttrs.NAME) : undefined;
    if (scaleName?.startsWith(NC_DIM_WITHOUT_VARIABLE)) continue; // a dimension, not a variable
    if (scaleName !== undefined && shape.length === 1) {
      coords[name] = coordinateValues(dataset, groupName, name);
      continue;
    }
    const dims = shape.map((_length, axis) => {
      if (scaleName !== undefined && axis === 0) return name;
      const attached = dataset.get_attached_scales(axis);
      if (attached.length > 0) return baseName(attached[0]);
      const ids = rawAttrs[NC_COORDINATES_ATTRIBUTE]?.value;
      if (ArrayBuffer.isView(ids) && !(ids instanceof DataView)) {
        const dim = dimIds.get(Number(ids[axis]));
        if (dim !== undefined) return dim;
      }
      return undefined;
    });
    const attrs = readAttributes(rawAttrs);
    const data = variableData(dataset, attrs, groupName, name);
    const variable: Variable = { dims: phony.fill(dims, shape), shape, data };
    if (Object.keys(attrs).length > 0) variable.attrs = attrs;
    variables[name] = variable;
  }
  const result: Dataset = { variables, coords };
  const attrs = readAttributes(group.attrs);
  if (Object.keys(attrs).length > 0) result.attrs = attrs;
  return result;
}

/** netCDF-C style `phony_dim_<k>` names for axes without dimension scales. */
class PhonyDimensions {
  private readonly byLength = new Map<number, string[]>();
  private count = 0;

  /** Replaces `undefined` entries by phony names, reusing one per length (not twice per variable). */
  fill(dims: (string | undefined)[], shape: number[]): string[] {
    const used = new Set<string>();
    return dims.map((dim, axis) => {
      if (dim !== undefined) return dim;
      const candidates = this.byLength.get(shape[axis]) ?? [];
      let name = candidates.find((c) => !used.has(c));
      if (name === undefined) {
        name = `phony_dim_${this.count++}`;
        candidates.push(name);
        this.byLength.set(shape[axis], candidates);
      }
      used.add(name);
      return name;
    });
  }
}

/** `_Netcdf4Dimid` → dimension name for the scales directly in `group`. */
function dimensionIds(h5: H5, group: H5Group): Map<number, string> {
  const ids = new Map<number, string>();
  for (const name of group.keys()) {
    const dataset = group.get(name);
    if (!(dataset instanceof h5.Dataset)) continue;
    const attrs = dataset.attrs;
    const id = attrs[NC_DIMID_ATTRIBUTE]?.value;
    if (isScale(attrs) && (typeof id === "number" || typeof id === "bigint")) {
      ids.set(Number(id), name);
    }
  }
  return ids;
}

function isScale(attrs: Record<string, Attribute>): boolean {
  return attributeString(attrs.CLASS) === DIMENSION_SCALE_CLASS;
}

function attributeString(attr: Attribute | undefined): string | undefined {
  const value = attr?.value;
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === "string") return value[0];
  return undefined;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Values of a numeric dataset as an array-like of numbers or bigints (scalars wrapped). */
function numericValues(value: OutputData | null): ArrayLike<number> | ArrayLike<bigint> | null {
  if (typeof value === "number" || typeof value === "bigint") return [value] as number[] | bigint[];
  if (typeof value === "boolean") return [Number(value)];
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return value;
  return null;
}

function unsupported(group: string, variable: string, what: string): never {
  throw new InferenceDataError({ group, variable, reason: `unsupported HDF5 datatype: ${what}` });
}

function variableData(
  dataset: H5Dataset,
  attrs: Attributes,
  group: string,
  variable: string,
): VariableData {
  const metadata = dataset.metadata;
  const values = numericValues(dataset.value);
  const isBoolEnum =
    metadata.type === H5T_ENUM &&
    metadata.enum_type !== undefined &&
    metadata.enum_type.nmembers === 2 &&
    metadata.enum_type.members.FALSE === 0 &&
    metadata.enum_type.members.TRUE === 1;
  const isIntOrEnum = metadata.type === H5T_INTEGER || metadata.type === H5T_ENUM;
  if (values === null || !(isIntOrEnum || metadata.type === H5T_FLOAT)) {
    return unsupported(group, variable, `class ${metadata.type}, size ${metadata.size}`);
  }
  const isXarrayBool =
    metadata.type === H5T_INTEGER &&
    metadata.size === 1 &&
    attrs[BOOL_DTYPE_ATTRIBUTE.name] === BOOL_DTYPE_ATTRIBUTE.value;
  if (isBoolEnum || isXarrayBool) {
    delete attrs[BOOL_DTYPE_ATTRIBUTE.name];
    return Uint8Array.from(values as ArrayLike<number>, (x) => (x !== 0 ? 1 : 0));
  }
  if (metadata.type === H5T_FLOAT) {
    return values instanceof Float64Array ? values : Float64Array.from(values as ArrayLike<number>);
  }
  if (metadata.size === 8) {
    if (values instanceof BigInt64Array) return values;
    return BigInt64Array.from(values as ArrayLike<bigint>, (x) => BigInt.asIntN(64, x));
  }
  if (metadata.size === 4 && !metadata.signed)
    return Float64Array.from(values as ArrayLike<number>);
  return values instanceof Int32Array ? values : Int32Array.from(values as ArrayLike<number>);
}

function coordinateValues(dataset: H5Dataset, group: string, name: string): CoordinateValues {
  const value = dataset.value;
  if (Array.isArray(value) && value.every((s) => typeof s === "string")) return value as string[];
  if (typeof value === "string") return [value];
  const metadata = dataset.metadata;
  const values = numericValues(value);
  if (values === null) return unsupported(group, name, `class ${metadata.type} coordinate`);
  if (metadata.type === H5T_FLOAT) {
    return values instanceof Float64Array ? values : Float64Array.from(values as ArrayLike<number>);
  }
  if (metadata.size === 8) {
    const numbers = Array.from(values as ArrayLike<bigint>, (x) => Number(x));
    const fitsInt32 = numbers.every((x) => x >= -(2 ** 31) && x < 2 ** 31);
    return fitsInt32 ? Int32Array.from(numbers) : Float64Array.from(numbers);
  }
  if (metadata.size === 4 && !metadata.signed)
    return Float64Array.from(values as ArrayLike<number>);
  return values instanceof Int32Array ? values : Int32Array.from(values as ArrayLike<number>);
}

/** Non-structural attributes as strings and numbers (see {@link readInferenceData}). */
function readAttributes(raw: Record<string, Attribute>): Attributes {
  const attrs: Attributes = {};
  for (const [key, attr] of Object.entries(raw)) {
    if (RESERVED_ATTRIBUTES.has(key)) continue;
    const value = attributeValue(attr.value);
    if (value !== undefined) attrs[key] = value;
  }
  return attrs;
}

function attributeValue(value: OutputData | null): AttributeValue | undefined {
  if (typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "bigint" || typeof value === "boolean") return Number(value);
  if (value === null || typeof value !== "object") return undefined;
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    items = Array.from(value as ArrayLike<unknown>);
  } else return undefined;
  const converted = items.map((x) =>
    typeof x === "bigint" || typeof x === "boolean" ? Number(x) : x,
  );
  if (!converted.every((x) => typeof x === "string" || typeof x === "number")) return undefined;
  if (converted.length === 1) return converted[0] as AttributeValue;
  return JSON.stringify(converted);
}
