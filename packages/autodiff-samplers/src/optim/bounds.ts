import { OptimizerError } from "./errors.js";

/** One `[lower, upper]` pair; `null`, `undefined` or ±Infinity mean "no bound". */
export type BoundPair = readonly [number | null | undefined, number | null | undefined];

/** Box constraints: scipy-style list of pairs, or explicit lower/upper arrays. */
export type BoundsSpec =
  | ReadonlyArray<BoundPair>
  | { readonly lower: Float64Array; readonly upper: Float64Array };

/**
 * Normalised box. `kind[i]` follows the L-BFGS-B `nbd` convention:
 * 0 unbounded, 1 lower only, 2 both, 3 upper only.
 */
export interface Box {
  /** Lower bounds (-Infinity where absent). */
  readonly lower: Float64Array;
  /** Upper bounds (+Infinity where absent). */
  readonly upper: Float64Array;
  /** Bound type per coordinate (0 none, 1 lower, 2 both, 3 upper). */
  readonly kind: Int8Array;
  /** True when at least one coordinate has a bound. */
  readonly constrained: boolean;
  /** True when every coordinate has both bounds. */
  readonly boxed: boolean;
}

function boundValue(v: number | null | undefined, which: "lower" | "upper", i: number): number {
  if (v === null || v === undefined) return which === "lower" ? -Infinity : Infinity;
  if (typeof v !== "number" || Number.isNaN(v)) {
    throw new OptimizerError(`${which} bound at index ${i} is not a number (${String(v)})`);
  }
  return v;
}

/**
 * Validates and normalises a bounds specification for `n` parameters.
 * Throws {@link OptimizerError} on wrong length, NaN bounds, or lower > upper.
 */
export function normalizeBounds(spec: BoundsSpec | undefined, n: number): Box {
  const lower = new Float64Array(n).fill(-Infinity);
  const upper = new Float64Array(n).fill(Infinity);
  if (spec !== undefined) {
    if (Array.isArray(spec)) {
      const pairs = spec as ReadonlyArray<BoundPair>;
      if (pairs.length !== n) {
        throw new OptimizerError(`bounds has length ${pairs.length} but x0 has length ${n}`);
      }
      for (let i = 0; i < n; i++) {
        const pair = pairs[i];
        if (!Array.isArray(pair) || pair.length !== 2) {
          throw new OptimizerError(`bounds[${i}] must be a [lower, upper] pair`);
        }
        lower[i] = boundValue(pair[0], "lower", i);
        upper[i] = boundValue(pair[1], "upper", i);
      }
    } else {
      const box = spec as { readonly lower: Float64Array; readonly upper: Float64Array };
      if (box.lower.length !== n || box.upper.length !== n) {
        throw new OptimizerError(
          `bounds.lower/upper have lengths ${box.lower.length}/${box.upper.length} but x0 has length ${n}`,
        );
      }
      for (let i = 0; i < n; i++) {
        lower[i] = boundValue(box.lower[i], "lower", i);
        upper[i] = boundValue(box.upper[i], "upper", i);
      }
    }
  }
  const kind = new Int8Array(n);
  let constrained = false;
  let boxed = n > 0;
  for (let i = 0; i < n; i++) {
    if (lower[i] > upper[i]) {
      throw new OptimizerError(
        `lower bound ${lower[i]} is greater than upper bound ${upper[i]} at index ${i}`,
      );
    }
    const hasL = lower[i] !== -Infinity;
    const hasU = upper[i] !== Infinity;
    if (hasL && lower[i] === Infinity) {
      throw new OptimizerError(`lower bound at index ${i} is +Infinity`);
    }
    if (hasU && upper[i] === -Infinity) {
      throw new OptimizerError(`upper bound at index ${i} is -Infinity`);
    }
    kind[i] = hasL ? (hasU ? 2 : 1) : hasU ? 3 : 0;
    if (kind[i] !== 0) constrained = true;
    if (kind[i] !== 2) boxed = false;
  }
  return { lower, upper, kind, constrained, boxed };
}

/**
 * Clips `x` into the box, returning the projected copy and one warning per
 * clipped coordinate (index, old value, new value).
 */
export function clipIntoBox(x: Float64Array, box: Box): { x: Float64Array; warnings: string[] } {
  const out = Float64Array.from(x);
  const warnings: string[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const c = Math.min(Math.max(v, box.lower[i]), box.upper[i]);
    if (c !== v) {
      out[i] = c;
      warnings.push(
        `x0[${i}] = ${v} is outside the bounds [${box.lower[i]}, ${box.upper[i]}]; clipped to ${c}`,
      );
    }
  }
  return { x: out, warnings };
}

/**
 * Infinity norm of the projected gradient, as L-BFGS-B's `projgr`: each
 * component is truncated so that a step along -g cannot leave the box.
 */
export function projectedGradientNorm(x: Float64Array, g: Float64Array, box: Box): number {
  let norm = 0;
  for (let i = 0; i < x.length; i++) {
    let gi = g[i];
    const k = box.kind[i];
    if (k !== 0) {
      if (gi < 0) {
        if (k >= 2) gi = Math.max(x[i] - box.upper[i], gi);
      } else if (k <= 2) {
        gi = Math.min(x[i] - box.lower[i], gi);
      }
    }
    norm = Math.max(norm, Math.abs(gi));
  }
  return norm;
}
