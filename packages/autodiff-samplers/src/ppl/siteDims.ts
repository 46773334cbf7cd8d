/**
 * Dimension names of a site's value for ArviZ output: the axis at a plate's position gets
 * the plate's name, every other axis `i` gets `${site}_dim_${i}` (ArviZ's default).
 * For `sample` sites the value is `sampleShape + batchShape + eventShape` and plate dim `d`
 * sits at `sampleShape.length + batchRank + d`; for deterministic sites (no event shape
 * known) at `rank + d`, and only when that axis has the plate's size.
 */
import type { Message } from "./message.js";

/** Dim names of `msg.value`'s axes (see the module doc). */
export function siteDims(msg: Message): string[] {
  const shape = msg.value?.shape ?? [];
  const dims = shape.map((_, i) => `${msg.name}_dim_${i}`);
  const end =
    msg.type === "sample" && msg.fn !== null
      ? msg.sampleShape.length + msg.fn.batchShape.length
      : shape.length;
  for (const f of msg.condIndepStack) {
    const i = end + f.dim;
    if (i >= 0 && i < shape.length && shape[i] === f.size) dims[i] = f.name;
  }
  return dims;
}
