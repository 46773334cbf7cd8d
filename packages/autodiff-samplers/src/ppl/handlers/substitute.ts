/**
 * `substitute(model, values)` (NumPyro's `substitute`): sets the value of `sample`, `param`
 * and `deterministic` sites named in `values` (or for which the function form returns a
 * value) without changing whether they are observed: a substituted latent site stays latent
 * and contributes its log-density at the substituted value. The function form receives the
 * message (with `fn` already expanded by plates and `key` set by an inner `seed`).
 */
import { type Tensor, type TensorLike, toTensor } from "@sidereal/tensor";
import type { Message } from "../message.js";
import { type Model, wrapModel } from "../model.js";

/** Substitution source: site name → value, or a function of the message (undefined: keep). */
export type SubstituteSource =
  | Readonly<Record<string, TensorLike>>
  | ((msg: Message) => TensorLike | undefined);

/** Substitutes values into `model`'s sites. */
export function substitute<D, R>(model: Model<D, R>, values: SubstituteSource): Model<D, R> {
  const lookup: (msg: Message) => Tensor | undefined =
    typeof values === "function"
      ? (msg) => {
          const v = values(msg);
          return v === undefined ? undefined : toTensor(v);
        }
      : (() => {
          const map = new Map(Object.entries(values).map(([k, v]) => [k, toTensor(v)]));
          return (msg: Message) => map.get(msg.name);
        })();
  return wrapModel(model, (m, data, inner) =>
    m.withMessenger(
      {
        process(msg: Message): void {
          const v = lookup(msg);
          if (v !== undefined) msg.value = v;
        },
      },
      () => inner(m, data),
    ),
  );
}
