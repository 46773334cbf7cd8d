/**
 * The scope messenger used by `m.call(prefix, model, data)` (NumPyro's `scope` handler):
 * it renames every site inside to `prefix/name` and prefixes the names of the plate frames
 * opened inside the sub-model (the frames already on the message when it reaches the scope).
 */
import type { Message, Messenger } from "./message.js";

/** A messenger prefixing site names (and inner plate names) with `prefix/`. */
export function scopeMessenger(prefix: string): Messenger {
  return {
    process(msg: Message): void {
      msg.name = `${prefix}/${msg.name}`;
      msg.condIndepStack = msg.condIndepStack.map((f) => ({ ...f, name: `${prefix}/${f.name}` }));
    },
  };
}
