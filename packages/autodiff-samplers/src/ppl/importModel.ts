/**
 * `importModel(ref)`: loads the model a {@link ModelRef} points to (a worker thread's way to
 * get the model, and the main thread's when a run given only a reference needs the model
 * itself, e.g. for `init: "advi+adapt_diag"`). A module that cannot be imported, or an export
 * that is not a model, is a `ModelError` ("model-reference") naming the module and export.
 */
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import { ModelError } from "./errors.js";
import { isModel, type Model, type ModelRef } from "./model.js";

/** Imports the model of `ref` (see the module doc). */
export async function importModel(ref: ModelRef): Promise<Model> {
  const spec = isAbsolute(ref.module) ? pathToFileURL(ref.module).href : ref.module;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(spec)) as Record<string, unknown>;
  } catch (e) {
    throw new ModelError(
      "model-reference",
      "",
      `cannot import the model module ${ref.module}: ${(e as Error).message ?? String(e)}`,
    );
  }
  const model = mod[ref.export];
  if (!isModel(model))
    throw new ModelError(
      "model-reference",
      "",
      `export "${ref.export}" of ${ref.module} is not a model (defineModel)`,
    );
  return model;
}
