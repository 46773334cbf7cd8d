/**
 * `scale(model, factor)` (NumPyro's `scale`): multiplies the log-density of every `sample`
 * site inside by `factor` (a positive number, or a tensor broadcasting with the sites'
 * log-densities); nested scales multiply. Throws a `ModelError` ("bad-argument") for a
 * number that is not finite and positive.
 */
import { mul, type TensorLike, toTensor } from "@sidereal/tensor";
import { ModelError } from "../errors.js";
import type { Message } from "../message.js";
import { type Model, wrapModel } from "../model.js";

/** Scales the log-densities of `model`'s sample sites by `factor`. */
export function scale<D, R>(model: Model<D, R>, factor: TensorLike): Model<D, R> {
  if (typeof factor === "number" && !(factor > 0 && Number.isFinite(factor)))
    throw new ModelError("bad-argument", "", `scale: factor must be finite and > 0, got ${factor}`);
  const f = toTensor(factor);
  return wrapModel(model, (m, data, inner) =>
    m.withMessenger(
      {
        process(msg: Message): void {
          if (msg.type !== "sample") return;
          msg.scale = msg.scale === null ? f : mul(f, msg.scale);
        },
      },
      () => inner(m, data),
    ),
  );
}
