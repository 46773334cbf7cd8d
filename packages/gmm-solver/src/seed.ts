import { key, type PRNGKey } from "@sidereal/distributions";
import { GmmError } from "./errors.js";

/** A seed: a safe integer (turned into a key with `key(seed)`) or a PRNG key. */
export type Seed = number | PRNGKey;

/**
 * The PRNG key for a seed (`key(seed)` for numbers; keys pass through). Throws `GmmError`
 * (`"option"`) when a numeric seed is not a safe integer.
 */
export function toKey(seed: Seed | undefined, parameter = "seed"): PRNGKey {
  if (seed === undefined) return key(0);
  if (typeof seed === "number") {
    if (!Number.isSafeInteger(seed)) {
      throw new GmmError("option", `${parameter} must be a safe integer, got ${seed}`, parameter);
    }
    return key(seed);
  }
  return seed;
}
