import { InferenceDataError } from "./errors.js";
import { isInferenceDataGroup } from "./groups.js";
import {
  BOOL_DTYPE_ATTRIBUTE,
  FILL_VALUE_ATTRIBUTE,
  RESERVED_ATTRIBUTES,
} from "./netcdf-conventions.js";
import type { Attributes, Dataset, InferenceData, InferenceDataGroup } from "./types.js";

/** A group that passed validation, with the length of each of its dimensions. */
export type ValidatedGroup = {
  /** Group name. */
  name: InferenceDataGroup;
  /** The group's dataset. */
  dataset: Dataset;
  /** Length of every dimension, in order of first use (variables first, then extra coords). */
  dimLengths: Map<string, number>;
};

/**
 * Checks an InferenceData object against the rules the NetCDF-4 writer relies
 * on and returns its groups with their dimension lengths. Throws an
 * {@link InferenceDataError} naming the group and variable on the first problem:
 * - unknown group names, or groups that are not `{ variables: {...} }`;
 * - variable, dimension and coordinate names that are empty or contain `/`;
 * - `dims.length !== shape.length`, shapes that are not non-negative integers,
 *   `data.length !== product(shape)`, unsupported data arrays, booleans other than 0/1;
 * - a dimension with different lengths within one group (including its coordinate);
 * - a variable named like a dimension (the dimension's coordinate variable takes that name);
 * - attributes that are not strings or numbers, or that use reserved netCDF/HDF5 names
 *   (and `dtype` on variables, which xarray reserves for its boolean encoding).
 */
export function validateInferenceData(idata: InferenceData): ValidatedGroup[] {
  if (typeof idata !== "object" || idata === null) {
    throw new InferenceDataError({ reason: "expected an object of groups" });
  }
  const groups: ValidatedGroup[] = [];
  for (const [name, dataset] of Object.entries(idata)) {
    if (dataset === undefined) continue;
    if (!isInferenceDataGroup(name)) {
      throw new InferenceDataError({ group: name, reason: "not an InferenceData group name" });
    }
    groups.push({ name, dataset, dimLengths: validateDataset(name, dataset) });
  }
  return groups;
}

function validateDataset(group: string, dataset: Dataset): Map<string, number> {
  if (typeof dataset !== "object" || dataset === null) {
    throw new InferenceDataError({ group, reason: "expected a Dataset object" });
  }
  if (typeof dataset.variables !== "object" || dataset.variables === null) {
    throw new InferenceDataError({ group, reason: "missing `variables` object" });
  }
  const dimLengths = new Map<string, number>();
  const dimSource = new Map<string, string>();
  for (const [variable, v] of Object.entries(dataset.variables)) {
    const fail = (reason: string): never => {
      throw new InferenceDataError({ group, variable, reason });
    };
    checkName(group, variable, "variable");
    if (typeof v !== "object" || v === null) fail("expected a Variable object");
    if (!Array.isArray(v.dims) || !v.dims.every((d) => typeof d === "string")) {
      fail("`dims` must be an array of strings");
    }
    if (!Array.isArray(v.shape)) fail("`shape` must be an array of numbers");
    if (v.dims.length !== v.shape.length) {
      fail(`dims has ${v.dims.length} entries but shape has ${v.shape.length}`);
    }
    let size = 1;
    for (const n of v.shape) {
      if (!Number.isSafeInteger(n) || n < 0)
        fail(`shape entry ${String(n)} is not an integer >= 0`);
      size *= n;
    }
    const data = v.data;
    if (
      !(
        data instanceof Float64Array ||
        data instanceof Int32Array ||
        data instanceof Uint8Array ||
        data instanceof BigInt64Array
      )
    ) {
      fail("`data` must be a Float64Array, Int32Array, Uint8Array (bool) or BigInt64Array");
    }
    if (data.length !== size) {
      fail(`data has ${data.length} values but shape [${v.shape.join(", ")}] needs ${size}`);
    }
    if (data instanceof Uint8Array && data.some((x) => x > 1)) {
      fail("boolean (Uint8Array) data must be 0 or 1");
    }
    v.dims.forEach((dim, axis) => {
      checkName(group, variable, "dimension", dim);
      const n = v.shape[axis];
      const known = dimLengths.get(dim);
      if (known === undefined) {
        dimLengths.set(dim, n);
        dimSource.set(dim, variable);
      } else if (known !== n) {
        fail(
          `dimension "${dim}" has length ${n} here but ${known} in variable "${dimSource.get(dim)}"`,
        );
      }
    });
    validateAttributes(group, variable, v.attrs, true);
    const fill = v.attrs?.[FILL_VALUE_ATTRIBUTE];
    if (fill !== undefined && !(data instanceof Float64Array) && !Number.isInteger(fill)) {
      fail("_FillValue of an integer or boolean variable must be an integer");
    }
  }
  for (const [coord, values] of Object.entries(dataset.coords ?? {})) {
    const fail = (reason: string): never => {
      throw new InferenceDataError({ group, variable: coord, reason });
    };
    checkName(group, coord, "coordinate");
    if (Array.isArray(values)) {
      if (!values.every((s) => typeof s === "string")) fail("string coordinates must be strings");
    } else if (!(values instanceof Float64Array || values instanceof Int32Array)) {
      fail("coordinate values must be a Float64Array, Int32Array or string[]");
    }
    const known = dimLengths.get(coord);
    if (known === undefined) {
      dimLengths.set(coord, values.length);
    } else if (known !== values.length) {
      fail(
        `coordinate has ${values.length} values but dimension "${coord}" has length ${known} in variable "${dimSource.get(coord)}"`,
      );
    }
  }
  for (const variable of Object.keys(dataset.variables)) {
    if (dimLengths.has(variable)) {
      throw new InferenceDataError({
        group,
        variable,
        reason: `a variable cannot be named like dimension "${variable}"; put coordinate values in \`coords\``,
      });
    }
  }
  validateAttributes(group, undefined, dataset.attrs, false);
  return dimLengths;
}

function checkName(group: string, variable: string, what: string, name = variable): void {
  if (typeof name !== "string" || name.length === 0 || name.includes("/") || name === ".") {
    throw new InferenceDataError({
      group,
      variable,
      reason: `invalid ${what} name ${JSON.stringify(name)} (must be non-empty, without "/")`,
    });
  }
}

function validateAttributes(
  group: string,
  variable: string | undefined,
  attrs: Attributes | undefined,
  onVariable: boolean,
): void {
  if (attrs === undefined) return;
  if (typeof attrs !== "object" || attrs === null) {
    throw new InferenceDataError({ group, variable, reason: "`attrs` must be an object" });
  }
  for (const [key, value] of Object.entries(attrs)) {
    const fail = (reason: string): never => {
      throw new InferenceDataError({ group, variable, reason: `attribute "${key}": ${reason}` });
    };
    if (key.length === 0) fail("empty attribute name");
    if (RESERVED_ATTRIBUTES.has(key)) fail("reserved netCDF/HDF5 attribute name");
    if (onVariable && key === BOOL_DTYPE_ATTRIBUTE.name) {
      fail("reserved for xarray's boolean encoding (use Uint8Array data for booleans)");
    }
    if (typeof value !== "string" && typeof value !== "number") {
      fail("value must be a string or a number");
    }
    if (key === FILL_VALUE_ATTRIBUTE && (!onVariable || typeof value !== "number")) {
      fail("_FillValue must be a number on a variable");
    }
  }
}
