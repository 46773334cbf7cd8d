/**
 * `seed(model, key)` (NumPyro's `seed`): gives every latent `sample` site (and `param` with
 * an init function) a fresh key, splitting `key` once per site in execution order. Unlike
 * NumPyro's stateful handler, each run of the seeded model starts again from `key`, so a
 * seeded model is a pure function of its data.
 */
import { type PRNGKey, split } from "@sidereal/distributions";
import type { Message } from "../message.js";
import { type Model, wrapModel } from "../model.js";

/** Runs `model` with keys derived from `rngKey`. */
export function seed<D, R>(model: Model<D, R>, rngKey: PRNGKey): Model<D, R> {
  return wrapModel(model, (m, data, inner) => {
    let current = rngKey;
    return m.withMessenger(
      {
        process(msg: Message): void {
          const wants = (msg.type === "sample" && !msg.isObserved) || msg.type === "param";
          if (!wants || msg.key !== null) return;
          const [next, sub] = split(current);
          current = next;
          msg.key = sub;
        },
      },
      () => inner(m, data),
    );
  });
}
