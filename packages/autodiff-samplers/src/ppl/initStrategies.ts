/**
 * Init strategies (NumPyro's `init_to_*`): how MCMC picks the starting value of each latent
 * site. Strategies are plain data (so they can be sent to worker threads);
 * {@link initValue} applies one to a site's message and returns a constrained value.
 *
 * - `initToUniform({ radius = 2 })` (the default): u ~ Uniform(−radius, radius) elementwise in
 *   unconstrained space, value = bijectTo(support).forward(u).
 * - `initToMedian({ numSamples = 15 })`: elementwise median of `numSamples` prior draws
 *   (NumPyro's default of 15); falls back to uniform when the prior cannot be sampled.
 * - `initToSample()`: one prior draw.
 * - `initToValue(values, { fallback })`: the given constrained values for the named sites,
 *   `fallback` (default uniform) for the others.
 */
import { type PRNGKey, uniform } from "@sidereal/distributions";
import {
  type Shape,
  sizeOf,
  type Tensor,
  type TensorLike,
  tensor,
  toTensor,
} from "@sidereal/tensor";
import { ModelError } from "./errors.js";
import { latentBijector } from "./latentBijector.js";
import type { Message } from "./message.js";

/** A value given to {@link initToValue}, stored as plain data. */
export interface InitValue {
  readonly data: Float64Array;
  readonly shape: Shape;
}

/** An init strategy (plain data; see the module doc). */
export type InitStrategy =
  | { readonly kind: "uniform"; readonly radius: number }
  | { readonly kind: "median"; readonly numSamples: number }
  | { readonly kind: "sample" }
  | {
      readonly kind: "value";
      readonly values: Readonly<Record<string, InitValue>>;
      readonly fallback: InitStrategy;
    };

/**
 * Uniform(−radius, radius) in unconstrained space (default radius 2, as NumPyro). Throws a
 * `ModelError` ("bad-argument") unless radius is finite and > 0.
 */
export function initToUniform(options: { readonly radius?: number } = {}): InitStrategy {
  const radius = options.radius ?? 2;
  if (!(radius > 0 && Number.isFinite(radius)))
    throw new ModelError("bad-argument", "", `initToUniform: radius must be > 0, got ${radius}`);
  return { kind: "uniform", radius };
}

/** Median of `numSamples` prior draws (default 15). Throws for a count that is not an integer ≥ 1. */
export function initToMedian(options: { readonly numSamples?: number } = {}): InitStrategy {
  const numSamples = options.numSamples ?? 15;
  if (!Number.isInteger(numSamples) || numSamples < 1)
    throw new ModelError(
      "bad-argument",
      "",
      `initToMedian: numSamples must be an integer ≥ 1, got ${numSamples}`,
    );
  return { kind: "median", numSamples };
}

/** One draw from the prior. */
export function initToSample(): InitStrategy {
  return { kind: "sample" };
}

/** Fixed constrained values for the named sites; `fallback` (default uniform) elsewhere. */
export function initToValue(
  values: Readonly<Record<string, TensorLike>>,
  options: { readonly fallback?: InitStrategy } = {},
): InitStrategy {
  const stored: Record<string, InitValue> = {};
  for (const [name, v] of Object.entries(values)) {
    const t = toTensor(v);
    stored[name] = { data: t.toArray(), shape: [...t.shape] };
  }
  return { kind: "value", values: stored, fallback: options.fallback ?? initToUniform() };
}

function requireKey(msg: Message): PRNGKey {
  if (msg.key === null)
    throw new ModelError(
      "missing-key",
      msg.name,
      `init strategy for site "${msg.name}" needs a PRNG key: run it under seed(model, key)`,
    );
  return msg.key;
}

function uniformInit(msg: Message, radius: number): Tensor {
  const fn = msg.fn;
  if (fn === null) throw new ModelError("bad-argument", msg.name, "init: site has no distribution");
  const bij = latentBijector(msg);
  const ushape = bij.inverseShape(fn.shape(msg.sampleShape));
  return bij.forward(tensor(uniform(requireKey(msg), ushape, -radius, radius), ushape));
}

function medianInit(msg: Message, n: number): Tensor {
  const fn = msg.fn;
  if (fn === null) throw new ModelError("bad-argument", msg.name, "init: site has no distribution");
  const draws = fn.sample(requireKey(msg), [n, ...msg.sampleShape]);
  const shape = draws.shape.slice(1);
  const m = sizeOf(shape);
  const d = draws.toArray();
  const out = new Float64Array(m);
  const col = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) col[i] = d[i * m + j];
    col.sort();
    out[j] = n % 2 === 1 ? col[(n - 1) / 2] : 0.5 * (col[n / 2 - 1] + col[n / 2]);
  }
  return tensor(out, shape);
}

/**
 * The constrained initial value of a latent `sample` site under `strategy` (undefined for
 * other sites, which keep their usual value). Throws a `ModelError` for a missing key or an
 * `initToValue` value whose shape differs from the site's.
 */
export function initValue(strategy: InitStrategy, msg: Message): Tensor | undefined {
  if (msg.type !== "sample" || msg.isObserved || msg.fn === null) return undefined;
  latentBijector(msg);
  switch (strategy.kind) {
    case "uniform":
      return uniformInit(msg, strategy.radius);
    case "median":
      try {
        return medianInit(msg, strategy.numSamples);
      } catch (e) {
        if (e instanceof ModelError) throw e;
        return uniformInit(msg, 2);
      }
    case "sample":
      return msg.fn.sample(requireKey(msg), msg.sampleShape);
    case "value": {
      const v = strategy.values[msg.name];
      if (v === undefined) return initValue(strategy.fallback, msg);
      const expected = msg.fn.shape(msg.sampleShape);
      const ok = expected.length === v.shape.length && expected.every((d, i) => d === v.shape[i]);
      if (!ok)
        throw new ModelError(
          "bad-argument",
          msg.name,
          `initToValue: site "${msg.name}" has shape [${expected.join(", ")}], got a value of shape [${v.shape.join(", ")}]`,
        );
      return tensor(v.data, v.shape);
    }
  }
}
