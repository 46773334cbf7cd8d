/**
 * Worker-thread entry of `mcmc(..., { chainMethod: "parallel" })`: imports the model from
 * its `ModelRef`, runs the chains it was given with `runChain` and posts each output (or a
 * serialised error) to the parent. Not part of the public API.
 */
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import { wrapKeyData } from "@sidereal/distributions";
import { InitializationError, ModelError } from "./errors.js";
import { isModel } from "./model.js";
import type { WorkerInput, WorkerMessage } from "./parallel.js";
import { runChain } from "./runChain.js";

function post(msg: WorkerMessage): void {
  parentPort?.postMessage(msg);
}

async function main(input: WorkerInput): Promise<void> {
  const spec = isAbsolute(input.ref.module)
    ? pathToFileURL(input.ref.module).href
    : input.ref.module;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(spec)) as Record<string, unknown>;
  } catch (e) {
    throw new ModelError(
      "model-reference",
      "",
      `cannot import the model module ${input.ref.module}: ${(e as Error).message ?? String(e)}`,
    );
  }
  const model = mod[input.ref.export];
  if (!isModel(model))
    throw new ModelError(
      "model-reference",
      "",
      `export "${input.ref.export}" of ${input.ref.module} is not a model (defineModel)`,
    );
  for (const c of input.chains) {
    const k = wrapKeyData(Uint32Array.of(c.k0, c.k1));
    const output = runChain(
      model,
      input.data,
      k,
      input.options,
      input.progress
        ? (progress) => post({ type: "progress", chain: c.index, progress })
        : undefined,
    );
    post({ type: "result", chain: c.index, output });
  }
}

main(workerData as WorkerInput).catch((e: unknown) => {
  if (e instanceof ModelError)
    post({ type: "error", tag: e._tag, message: e.message, problem: e.problem, site: e.site });
  else if (e instanceof InitializationError)
    post({
      type: "error",
      tag: e._tag,
      message: e.message,
      sites: e.sites,
      attempts: e.attempts,
    });
  else {
    const err = e as { name?: string; message?: string };
    post({ type: "error", tag: err.name ?? "Error", message: err.message ?? String(e) });
  }
});
