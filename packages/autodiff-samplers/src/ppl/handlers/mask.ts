/**
 * `mask(model, mask)` (NumPyro's `mask`): replaces the distribution of every `sample` site
 * inside by `fn.mask(mask)`, so log-densities where `mask` is false/0 contribute exactly 0
 * (with zero gradients). `mask` is a boolean or a 0/1 tensor broadcasting with the sites'
 * batch shapes (else the distribution's `DistributionError`); nested masks combine (AND).
 */
import { mul, type Tensor, type TensorLike, toTensor } from "@sidereal/tensor";
import type { Message } from "../message.js";
import { type Model, wrapModel } from "../model.js";

/** Masks the log-densities of `model`'s sample sites. */
export function mask<D, R>(model: Model<D, R>, maskValue: boolean | TensorLike): Model<D, R> {
  const mv: boolean | Tensor = typeof maskValue === "boolean" ? maskValue : toTensor(maskValue);
  return wrapModel(model, (m, data, inner) =>
    m.withMessenger(
      {
        process(msg: Message): void {
          if (msg.type !== "sample" || msg.fn === null) return;
          msg.fn = msg.fn.mask(mv);
          const prev = msg.mask;
          if (prev === null || prev === true) msg.mask = mv;
          else if (prev === false || mv === false) msg.mask = false;
          else if (mv !== true) msg.mask = mul(prev, mv);
        },
      },
      () => inner(m, data),
    ),
  );
}
