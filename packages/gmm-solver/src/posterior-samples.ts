import { SolveError } from "./solve-error.js";

/**
 * One posterior variable as an array with named axes (an xarray `DataArray` of an ArviZ
 * posterior group): `values` row-major over `shape`, axis i named `dims[i]`. Every variable's
 * dims start with `("chain", "draw")`; a variable with a `"cloud"` axis (anywhere after `draw`)
 * is per-cloud and is re-labelled by `solvePosterior`; others are carried along unchanged.
 */
export interface PosteriorVariable {
  readonly values: Float64Array;
  readonly dims: readonly string[];
  readonly shape: readonly number[];
}

/** A posterior: variable name → {@link PosteriorVariable}. */
export type PosteriorSamples = Readonly<Record<string, PosteriorVariable>>;

/** Validated layout of a posterior. */
export interface PosteriorLayout {
  readonly nChains: number;
  readonly nDraws: number;
  /** Axis index of `"cloud"` per variable (−1 when the variable has none). */
  readonly cloudAxis: ReadonlyMap<string, number>;
}

/**
 * Checks a posterior (see {@link SolveError} for the reasons): consistent dims/shape/values,
 * dims starting with chain, draw, equal chain and draw sizes everywhere, a `"cloud"` axis (at
 * most one) of size `nClouds`, and cloud features `cloudVars` with dims exactly
 * `("chain", "draw", "cloud")` and finite values.
 */
export function validatePosterior(
  samples: PosteriorSamples,
  cloudVars: readonly string[],
  nClouds: number,
): PosteriorLayout {
  if (!Number.isInteger(nClouds) || nClouds < 1) {
    throw new SolveError("nClouds", `nClouds must be an integer ≥ 1, got ${nClouds}`, "nClouds");
  }
  if (typeof samples !== "object" || samples === null) {
    throw new SolveError("shape", "samples must be a record of variables", "samples");
  }
  if (!Array.isArray(cloudVars) || cloudVars.length === 0) {
    throw new SolveError("cloudVars", "cloudVars must name at least one variable", "cloudVars");
  }
  if (new Set(cloudVars).size !== cloudVars.length) {
    throw new SolveError("cloudVars", `cloudVars has duplicates: [${cloudVars}]`, "cloudVars");
  }
  for (const name of cloudVars) {
    if (!Object.hasOwn(samples, name)) {
      throw new SolveError("cloudVars", `cloud variable "${name}" is not in the samples`, name);
    }
  }
  let nChains = -1;
  let nDraws = -1;
  const cloudAxis = new Map<string, number>();
  for (const [name, v] of Object.entries(samples)) {
    if (
      v === null ||
      typeof v !== "object" ||
      !(v.values instanceof Float64Array) ||
      !Array.isArray(v.dims) ||
      !Array.isArray(v.shape)
    ) {
      throw new SolveError(
        "shape",
        `${name}: expected { values: Float64Array, dims, shape }`,
        name,
      );
    }
    const { dims, shape, values } = v;
    if (dims.length !== shape.length) {
      throw new SolveError(
        "shape",
        `${name}: ${dims.length} dims [${dims}] but shape [${shape}] has ${shape.length} axes`,
        name,
      );
    }
    let size = 1;
    for (const s of shape) {
      if (!Number.isInteger(s) || s < 0) {
        throw new SolveError(
          "shape",
          `${name}: shape [${shape}] is not non-negative integers`,
          name,
        );
      }
      size *= s;
    }
    if (values.length !== size) {
      throw new SolveError(
        "shape",
        `${name}: shape [${shape}] needs ${size} values, got ${values.length}`,
        name,
      );
    }
    if (dims[0] !== "chain" || dims[1] !== "draw") {
      throw new SolveError("dims", `${name}: dims [${dims}] must start with chain, draw`, name);
    }
    if (nChains < 0) {
      nChains = shape[0]!;
      nDraws = shape[1]!;
    } else if (shape[0] !== nChains || shape[1] !== nDraws) {
      throw new SolveError(
        "shape",
        `${name}: (chain, draw) = (${shape[0]}, ${shape[1]}) but other variables have ` +
          `(${nChains}, ${nDraws})`,
        name,
      );
    }
    const axes = dims.flatMap((d, i) => (d === "cloud" ? [i] : []));
    if (axes.length > 1) {
      throw new SolveError("dims", `${name}: more than one "cloud" dim in [${dims}]`, name);
    }
    const axis = axes[0] ?? -1;
    if (axis >= 0 && shape[axis] !== nClouds) {
      throw new SolveError(
        "nClouds",
        `${name}: the cloud dim has size ${shape[axis]} but nClouds = ${nClouds}`,
        name,
      );
    }
    cloudAxis.set(name, axis);
  }
  if (nChains < 1 || nDraws < 1) {
    throw new SolveError("shape", `need at least one chain and one draw, got ${nChains}×${nDraws}`);
  }
  for (const name of cloudVars) {
    const v = samples[name]!;
    if (v.dims.length !== 3 || v.dims[2] !== "cloud") {
      throw new SolveError(
        "dims",
        `cloud variable "${name}" must have dims [chain, draw, cloud], got [${v.dims}]`,
        name,
      );
    }
    for (let i = 0; i < v.values.length; i++) {
      if (!Number.isFinite(v.values[i]!)) {
        throw new SolveError(
          "nonFinite",
          `cloud variable "${name}" contains NaN or infinity`,
          name,
        );
      }
    }
  }
  return { nChains, nDraws, cloudAxis };
}

/**
 * Feature matrix of one chain, `(nDraws·nClouds) × cloudVars.length`, row-major: row
 * `t·nClouds + j` holds draw t of cloud j (draw-major, as bayes_spec flattens (draw, cloud)),
 * column f the variable `cloudVars[f]`. Raw, unscaled values.
 */
export function chainFeatures(
  samples: PosteriorSamples,
  cloudVars: readonly string[],
  chain: number,
  nDraws: number,
  nClouds: number,
): Float64Array {
  const nf = cloudVars.length;
  const rows = nDraws * nClouds;
  const X = new Float64Array(rows * nf);
  for (let f = 0; f < nf; f++) {
    const v = samples[cloudVars[f]!]!.values;
    const off = chain * rows;
    for (let r = 0; r < rows; r++) X[r * nf + f] = v[off + r]!;
  }
  return X;
}

/**
 * The posterior restricted to `chains` (in that order) with every per-cloud variable
 * re-indexed: new cloud k of the i-th selected chain := old cloud `cloudOrders[i][k]`. Variables
 * without a cloud dim are only restricted to the chains. Returns fresh arrays.
 */
export function selectAndRelabel(
  samples: PosteriorSamples,
  layout: PosteriorLayout,
  chains: readonly number[],
  cloudOrders: readonly (readonly number[])[],
): Record<string, PosteriorVariable> {
  const out: Record<string, PosteriorVariable> = {};
  for (const [name, v] of Object.entries(samples)) {
    const shape = v.shape;
    const perChain = v.values.length / layout.nChains;
    const values = new Float64Array(perChain * chains.length);
    const axis = layout.cloudAxis.get(name) ?? -1;
    if (axis < 0) {
      chains.forEach((c, i) => {
        values.set(v.values.subarray(c * perChain, (c + 1) * perChain), i * perChain);
      });
    } else {
      const nC = shape[axis]!;
      let inner = 1;
      for (let a = axis + 1; a < shape.length; a++) inner *= shape[a]!;
      const outer = perChain / (nC * inner);
      chains.forEach((c, i) => {
        const order = cloudOrders[i]!;
        const src = c * perChain;
        const dst = i * perChain;
        for (let o = 0; o < outer; o++) {
          const base = o * nC * inner;
          for (let k = 0; k < nC; k++) {
            const from = src + base + order[k]! * inner;
            values.set(v.values.subarray(from, from + inner), dst + base + k * inner);
          }
        }
      });
    }
    out[name] = { values, dims: [...v.dims], shape: [chains.length, ...shape.slice(1)] };
  }
  return out;
}
