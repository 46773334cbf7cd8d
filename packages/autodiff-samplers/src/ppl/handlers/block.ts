/**
 * `block(model, { hide | expose | hideFn })` (NumPyro's `block`): hides sites from the
 * handlers outside it by setting `msg.stop`. With `hide`, the listed sites are hidden; with
 * `expose`, all but the listed; with `hideFn`, those for which it returns true; with none of
 * them, every site.
 */
import type { Message } from "../message.js";
import { type Model, wrapModel } from "../model.js";

/** Which sites {@link block} hides. */
export interface BlockOptions {
  readonly hide?: readonly string[];
  readonly expose?: readonly string[];
  readonly hideFn?: (msg: Message) => boolean;
}

/** Hides sites of `model` from outer handlers. */
export function block<D, R>(model: Model<D, R>, options: BlockOptions = {}): Model<D, R> {
  const { hide, expose, hideFn } = options;
  const hidden: (msg: Message) => boolean = hideFn
    ? hideFn
    : hide
      ? (msg) => hide.includes(msg.name)
      : expose
        ? (msg) => !expose.includes(msg.name)
        : () => true;
  return wrapModel(model, (m, data, inner) =>
    m.withMessenger(
      {
        process(msg: Message): void {
          if (hidden(msg)) msg.stop = true;
        },
      },
      () => inner(m, data),
    ),
  );
}
