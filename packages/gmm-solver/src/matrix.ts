import { Tensor } from "@sidereal/tensor";
import { GmmError } from "./errors.js";

/**
 * Data accepted by every function of this package: a row-major n×d `Float64Array` (the number
 * of features d then comes from the `nFeatures` option when fitting, or from the model), an
 * array of n rows of length d, or a 2-D `Tensor` of shape [n, d].
 */
export type MatrixInput = Float64Array | readonly (readonly number[])[] | Tensor;

/** A validated row-major n×d matrix. `data` may alias the caller's `Float64Array` (never written). */
export interface Matrix {
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
}

/**
 * Validates and flattens `X` to a row-major n×d matrix. `d` is the expected number of features
 * (required for a flat `Float64Array`; checked against rows and tensors when given).
 * Throws `GmmError` with reason `"shape"` (ragged, empty, wrong rank, length not a multiple of
 * d), `"dimensionMismatch"` (d differs from the expected one) or `"nonFinite"` (NaN/±Inf).
 */
export function toMatrix(X: MatrixInput, d: number | undefined, name = "X"): Matrix {
  let data: Float64Array;
  let n: number;
  let cols: number;
  if (X instanceof Float64Array) {
    if (d === undefined) {
      throw new GmmError(
        "shape",
        `${name}: a flat Float64Array needs the number of features (option nFeatures)`,
        name,
      );
    }
    if (!Number.isInteger(d) || d < 1) {
      throw new GmmError("shape", `${name}: nFeatures must be an integer ≥ 1, got ${d}`, name);
    }
    if (X.length === 0 || X.length % d !== 0) {
      throw new GmmError(
        "shape",
        `${name}: length ${X.length} is not a positive multiple of nFeatures = ${d}`,
        name,
      );
    }
    data = X;
    cols = d;
    n = X.length / d;
  } else if (X instanceof Tensor) {
    if (X.shape.length !== 2) {
      throw new GmmError("shape", `${name}: expected a 2-D tensor, got shape [${X.shape}]`, name);
    }
    n = X.shape[0]!;
    cols = X.shape[1]!;
    data = X.toArray();
  } else if (Array.isArray(X)) {
    n = X.length;
    if (n === 0) throw new GmmError("shape", `${name}: no rows`, name);
    const first = X[0];
    if (!Array.isArray(first)) {
      throw new GmmError("shape", `${name}: expected an array of rows (number[][])`, name);
    }
    cols = first.length;
    data = new Float64Array(n * cols);
    for (let i = 0; i < n; i++) {
      const row = X[i]!;
      if (!Array.isArray(row) || row.length !== cols) {
        throw new GmmError("shape", `${name}: row ${i} does not have ${cols} entries`, name);
      }
      for (let j = 0; j < cols; j++) data[i * cols + j] = row[j]!;
    }
  } else {
    throw new GmmError("shape", `${name}: expected Float64Array, number[][] or a 2-D Tensor`, name);
  }
  if (n < 1 || cols < 1) {
    throw new GmmError("shape", `${name}: expected at least one row and one column`, name);
  }
  if (d !== undefined && cols !== d) {
    throw new GmmError(
      "dimensionMismatch",
      `${name}: has ${cols} features but ${d} were expected`,
      name,
    );
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) {
      const r = Math.floor(i / cols);
      throw new GmmError(
        "nonFinite",
        `${name}: contains NaN or infinity (row ${r}, column ${i - r * cols})`,
        name,
      );
    }
  }
  return { data, n, d: cols };
}
