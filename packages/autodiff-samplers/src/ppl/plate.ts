/**
 * The plate messenger (NumPyro's `plate`, vectorised): it adds its frame to the
 * `condIndepStack` of every site inside it and, for `sample` sites, broadcasts the
 * distribution's batch shape so that batch dim `dim` (counted from the right) has the plate
 * size: a size-1 (or missing) dim is expanded, as NumPyro's `fn.expand`; any other size is a
 * `ModelError` ("plate-shape") naming the site, the expected and the actual shape. An
 * observed value whose batch dim at the plate position is neither 1 nor the plate size is
 * the same error.
 */
import type { Shape } from "@sidereal/tensor";
import { ModelError } from "./errors.js";
import type { CondIndepFrame, Message, Messenger } from "./message.js";

const fmt = (s: Shape) => `[${s.join(", ")}]`;

/** The messenger of one plate frame. */
export function plateMessenger(frame: CondIndepFrame): Messenger {
  return {
    process(msg: Message): void {
      msg.condIndepStack.push(frame);
      if (msg.type !== "sample" || msg.fn === null) return;
      const fn = msg.fn;
      const batch = [...fn.batchShape];
      const need = -frame.dim;
      while (batch.length < need) batch.unshift(1);
      const pos = batch.length + frame.dim;
      if (batch[pos] !== 1 && batch[pos] !== frame.size) {
        const expected = [...batch];
        expected[pos] = frame.size;
        throw new ModelError(
          "plate-shape",
          msg.name,
          `site "${msg.name}": batch shape ${fmt(fn.batchShape)} does not fit plate "${frame.name}" ` +
            `(size ${frame.size}, dim ${frame.dim}); expected ${fmt(expected)}, got ${fmt(fn.batchShape)}`,
        );
      }
      batch[pos] = frame.size;
      msg.fn = fn.expand(batch);
      const v = msg.value;
      if (msg.isObserved && v !== undefined) {
        const vBatchRank = v.rank - fn.eventShape.length - msg.sampleShape.length;
        const vpos = vBatchRank + frame.dim;
        if (vpos >= 0 && v.shape[msg.sampleShape.length + vpos] !== 1) {
          const got = v.shape[msg.sampleShape.length + vpos];
          if (got !== frame.size) {
            const expected = [...v.shape];
            expected[msg.sampleShape.length + vpos] = frame.size;
            throw new ModelError(
              "plate-shape",
              msg.name,
              `site "${msg.name}": observed value of shape ${fmt(v.shape)} does not fit plate ` +
                `"${frame.name}" (size ${frame.size}, dim ${frame.dim}); expected ${fmt(expected)}, got ${fmt(v.shape)}`,
            );
          }
        }
      }
    },
  };
}
