/**
 * `condition(model, data)` (NumPyro's `condition`): `sample` sites named in `data` become
 * observed with that value (they then contribute their log-likelihood and are not latent).
 */
import { type TensorLike, toTensor } from "@sidereal/tensor";
import type { Message } from "../message.js";
import { type Model, wrapModel } from "../model.js";

/** Conditions `model`'s sample sites on `data` (site name → value). */
export function condition<D, R>(
  model: Model<D, R>,
  data: Readonly<Record<string, TensorLike>>,
): Model<D, R> {
  const values = new Map(Object.entries(data).map(([k, v]) => [k, toTensor(v)]));
  return wrapModel(model, (m, d, inner) =>
    m.withMessenger(
      {
        process(msg: Message): void {
          if (msg.type !== "sample") return;
          const v = values.get(msg.name);
          if (v === undefined) return;
          msg.value = v;
          msg.isObserved = true;
        },
      },
      () => inner(m, d),
    ),
  );
}
