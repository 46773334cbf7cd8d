/**
 * Models: `defineModel((m, data) => ...)` wraps a function of an explicit context `m` (see
 * `ModelContext`) and the data. Handlers (`seed`, `substitute`, …) take a model and return
 * a model, so they compose by nesting as in NumPyro: `trace(substitute(seed(model, k), v))`.
 */
import { ModelContext } from "./context.js";

/**
 * Where a model can be imported from (for worker threads): `module` is a file URL
 * (`import.meta.url`) or an absolute path of an ES module, `export` the name of the export
 * holding the model.
 */
export interface ModelRef {
  readonly module: string;
  readonly export: string;
}

/** A model: a function of the context `m` and the data `D`, returning `R`. */
export interface Model<D = unknown, R = unknown> {
  readonly _tag: "Model";
  /** Runs the body with context `m` (handlers wrap this). */
  readonly run: (m: ModelContext, data: D) => R;
  /** Where the model can be imported from (needed by `chainMethod: "parallel"`). */
  readonly ref?: ModelRef;
}

/**
 * Defines a model from `body(m, data)`. Give `ref` (`{ module: import.meta.url, export:
 * "name" }`) when the model will run in worker threads.
 *
 * @example
 * const model = defineModel((m, data: { y: Float64Array }) => {
 *   const mu = m.sample("mu", Normal(0, 10));
 *   m.plate("data", data.y.length, () => m.sample("y", Normal(mu, 1), { obs: data.y }));
 * });
 */
export function defineModel<D = undefined, R = unknown>(
  body: (m: ModelContext, data: D) => R,
  ref?: ModelRef,
): Model<D, R> {
  return ref ? { _tag: "Model", run: body, ref } : { _tag: "Model", run: body };
}

/** Wraps `model`'s body with `wrap` (used by handlers); keeps its `ref` out (the wrapper differs). */
export function wrapModel<D, R>(
  model: Model<D, R>,
  wrap: (m: ModelContext, data: D, inner: (m: ModelContext, data: D) => R) => R,
): Model<D, R> {
  return { _tag: "Model", run: (m, data) => wrap(m, data, model.run) };
}

/** Runs `model` once on `data` with a fresh context and returns its value. */
export function runModel<D, R>(model: Model<D, R>, data: D): R {
  return model.run(new ModelContext(), data);
}

/** True for values built by {@link defineModel} or a handler. */
export function isModel(x: unknown): x is Model {
  return typeof x === "object" && x !== null && (x as { _tag?: unknown })._tag === "Model";
}
