/**
 * Posterior draws as plain data, and their split into scalar components
 * (`theta[0,1]`) with one array of draws per chain.
 */
import { PlotError } from "./errors.js";

/** Draws of one variable: `shape = [chain, draw, ...component dims]`, row-major. */
export interface VariableDraws {
  readonly draws: Float64Array;
  readonly shape: readonly number[];
  /** Names of the component dimensions (`shape[2:]`), e.g. `["cloud"]`; used by `combineDims`. */
  readonly dims?: readonly string[];
}

/** A posterior: variable name → draws. */
export type Posterior = Readonly<Record<string, VariableDraws>>;

/** One scalar component of a variable, chain by chain. */
export interface Component {
  /** Display label: the variable name, plus `[i,j]` for non-scalar variables. */
  readonly label: string;
  /** Variable name. */
  readonly variable: string;
  /** Index into the component dimensions (empty for scalars). */
  readonly index: readonly number[];
  /** One array of draws per chain. */
  readonly chains: readonly Float64Array[];
}

/** Chain and draw counts shared by all variables. */
export interface PosteriorDims {
  readonly chains: number;
  readonly draws: number;
}

function size(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** Validate one variable's shape against its draw buffer. */
function checkVariable(name: string, v: VariableDraws): void {
  if (v.shape.length < 2) {
    throw new RangeError(`variable "${name}": shape must be [chain, draw, ...], got [${v.shape}]`);
  }
  if (v.shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new RangeError(`variable "${name}": shape entries must be non-negative integers`);
  }
  if (size(v.shape) !== v.draws.length) {
    throw new RangeError(
      `variable "${name}": shape [${v.shape}] needs ${size(v.shape)} values, got ${v.draws.length}`,
    );
  }
}

/** Chain/draw counts of the posterior; throws when variables disagree or shapes are invalid. */
export function posteriorDims(posterior: Posterior): PosteriorDims {
  let dims: PosteriorDims | undefined;
  for (const name of Object.keys(posterior)) {
    const v = posterior[name];
    checkVariable(name, v);
    const d = { chains: v.shape[0], draws: v.shape[1] };
    if (dims && (dims.chains !== d.chains || dims.draws !== d.draws)) {
      throw new RangeError(
        `variable "${name}" has ${d.chains}×${d.draws} chain×draw, others ${dims.chains}×${dims.draws}`,
      );
    }
    dims = d;
  }
  if (!dims) throw new RangeError("posterior has no variables");
  return dims;
}

/** Label of component `index` of variable `name`: `name` or `name[i,j]`. */
export function componentLabel(name: string, index: readonly number[]): string {
  return index.length === 0 ? name : `${name}[${index.join(",")}]`;
}

function unravel(flat: number, dims: readonly number[]): number[] {
  const idx = new Array<number>(dims.length);
  for (let k = dims.length - 1; k >= 0; k--) {
    idx[k] = flat % dims[k];
    flat = Math.floor(flat / dims[k]);
  }
  return idx;
}

function extract(name: string, v: VariableDraws, flat: number): Component {
  const [nc, nd] = v.shape;
  const dims = v.shape.slice(2);
  const k = size(dims);
  const chains: Float64Array[] = [];
  for (let c = 0; c < nc; c++) {
    const out = new Float64Array(nd);
    for (let d = 0; d < nd; d++) out[d] = v.draws[(c * nd + d) * k + flat];
    chains.push(out);
  }
  const index = unravel(flat, dims);
  return { label: componentLabel(name, index), variable: name, index, chains };
}

/**
 * Scalar components selected by `varNames` (default: every variable, in key order).
 * A name selects a whole variable, or one component when written as its label, e.g. `"theta[1]"`.
 * Unknown names throw a RangeError listing the available variables.
 */
export function selectComponents(posterior: Posterior, varNames?: readonly string[]): Component[] {
  posteriorDims(posterior);
  const names = varNames ?? Object.keys(posterior);
  const out: Component[] = [];
  for (const name of names) {
    const v = Object.hasOwn(posterior, name) ? posterior[name] : undefined;
    if (v) {
      const k = size(v.shape.slice(2));
      for (let f = 0; f < k; f++) out.push(extract(name, v, f));
      continue;
    }
    const bracket = name.indexOf("[");
    const base = bracket > 0 ? name.slice(0, bracket) : "";
    const bv = base !== "" && Object.hasOwn(posterior, base) ? posterior[base] : undefined;
    let found = false;
    if (bv) {
      const dims = bv.shape.slice(2);
      const k = size(dims);
      for (let f = 0; f < k && !found; f++) {
        if (componentLabel(base, unravel(f, dims)) === name.replaceAll(" ", "")) {
          out.push(extract(base, bv, f));
          found = true;
        }
      }
    }
    if (!found) {
      throw new RangeError(
        `unknown variable "${name}"; available: ${Object.keys(posterior).join(", ")}`,
      );
    }
  }
  return out;
}

/** Concatenate a component's chains into one array. */
export function pooledDraws(c: Component): Float64Array {
  const n = c.chains.reduce((a, ch) => a + ch.length, 0);
  const out = new Float64Array(n);
  let o = 0;
  for (const ch of c.chains) {
    out.set(ch, o);
    o += ch.length;
  }
  return out;
}

/** Check a divergence mask against the posterior's chain × draw layout. */
export function checkDivergent(divergent: Uint8Array | undefined, dims: PosteriorDims): void {
  if (divergent && divergent.length !== dims.chains * dims.draws) {
    throw new RangeError(
      `divergent has ${divergent.length} entries, expected chain×draw = ${dims.chains * dims.draws}`,
    );
  }
}

function ravel(idx: readonly number[], dims: readonly number[]): number {
  let f = 0;
  for (let k = 0; k < dims.length; k++) f = f * dims[k] + idx[k];
  return f;
}

/** Result of {@link combineComponents}. */
export interface CombinedComponents {
  /** Components whose chains hold draw × combined-index values (draw-major). */
  readonly components: Component[];
  /** Number of combined entries per draw (the product of the combined dimension sizes). */
  readonly repeat: number;
}

/**
 * Components with some dimensions concatenated into the draws, as bayes_spec's
 * `plot_pair(combine_dims=…)`: with `combine = true` every component dimension is
 * combined (all clouds of `velocity` become one set of draws named `velocity`); with a
 * list of names, the dimensions of those names (from `VariableDraws.dims`). Per chain the
 * draws are ordered (draw, combined index). Variables without the combined dimensions are
 * repeated so that points stay paired. Throws a PlotError (shape) when variables disagree
 * on the combined size, or when `varNames` names an unknown variable.
 */
export function combineComponents(
  posterior: Posterior,
  varNames: readonly string[] | undefined,
  combine: true | readonly string[],
): CombinedComponents {
  const { chains: nc, draws: nd } = posteriorDims(posterior);
  const names = Object.keys(posterior);
  const plan = new Map<string, { axes: number[]; rest: number[]; kv: number }>();
  let repeat = 1;
  for (const name of names) {
    const v = posterior[name];
    const dims = v.shape.slice(2);
    if (combine !== true && v.dims !== undefined && v.dims.length !== dims.length) {
      throw new PlotError(
        "plotPair",
        `posterior.${name}.dims`,
        "shape",
        `names ${v.dims.length} dimensions, shape has ${dims.length}`,
      );
    }
    const axes: number[] = [];
    const rest: number[] = [];
    dims.forEach((_, a) => {
      const hit = combine === true || (v.dims !== undefined && combine.includes(v.dims[a]));
      (hit ? axes : rest).push(a);
    });
    const kv = size(axes.map((a) => dims[a]));
    plan.set(name, { axes, rest, kv });
    if (kv > 1) {
      if (repeat > 1 && kv !== repeat) {
        throw new PlotError(
          "plotPair",
          "combineDims",
          "shape",
          `variable "${name}" has ${kv} combined entries per draw, others ${repeat}`,
        );
      }
      repeat = kv;
    }
  }
  const build = (name: string): Component[] => {
    const v = posterior[name];
    const p = plan.get(name);
    if (!p) return [];
    const dims = v.shape.slice(2);
    const k = size(dims);
    const combDims = p.axes.map((a) => dims[a]);
    const restDims = p.rest.map((a) => dims[a]);
    const out: Component[] = [];
    for (let r = 0; r < size(restDims); r++) {
      const rIdx = unravel(r, restDims);
      const flatFor = new Int32Array(repeat);
      for (let j = 0; j < repeat; j++) {
        const cIdx = p.kv > 1 ? unravel(j, combDims) : combDims.map(() => 0);
        const full = new Array<number>(dims.length);
        p.axes.forEach((a, t) => {
          full[a] = cIdx[t];
        });
        p.rest.forEach((a, t) => {
          full[a] = rIdx[t];
        });
        flatFor[j] = ravel(full, dims);
      }
      const chains: Float64Array[] = [];
      for (let c = 0; c < nc; c++) {
        const arr = new Float64Array(nd * repeat);
        for (let d = 0; d < nd; d++) {
          const base = (c * nd + d) * k;
          for (let j = 0; j < repeat; j++) arr[d * repeat + j] = v.draws[base + flatFor[j]];
        }
        chains.push(arr);
      }
      out.push({ label: componentLabel(name, rIdx), variable: name, index: rIdx, chains });
    }
    return out;
  };
  const components: Component[] = [];
  for (const name of varNames ?? names) {
    if (Object.hasOwn(posterior, name)) {
      components.push(...build(name));
      continue;
    }
    const bracket = name.indexOf("[");
    const base = bracket > 0 ? name.slice(0, bracket) : "";
    const match =
      base !== "" && Object.hasOwn(posterior, base)
        ? build(base).find((c) => c.label === name.replaceAll(" ", ""))
        : undefined;
    if (!match) {
      throw new PlotError(
        "plotPair",
        "varNames",
        "value",
        `unknown variable "${name}" with combined dimensions; available: ${names.join(", ")}`,
      );
    }
    components.push(match);
  }
  return { components, repeat };
}
