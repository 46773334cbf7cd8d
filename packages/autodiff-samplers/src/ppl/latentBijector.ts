/**
 * `latentBijector(msg)`: `bijectTo(fn.support)` of a latent site, or a `ModelError`
 * ("unsupported") naming the site when its support is discrete: MCMC needs continuous
 * latent sites and there is no enumeration (marginalise the variable, e.g. with a mixture).
 */
import { type Bijector, bijectTo } from "@sidereal/distributions";
import { ModelError } from "./errors.js";
import type { Message } from "./message.js";

/** The unconstraining bijector of a latent site (see the module doc). */
export function latentBijector(msg: Message): Bijector {
  const fn = msg.fn;
  if (fn === null || fn.support.isDiscrete)
    throw new ModelError(
      "unsupported",
      msg.name,
      `latent site "${msg.name}" has a discrete support (${fn?.support.name ?? "none"}); MCMC needs continuous latent sites (enumeration is not supported: marginalise it, e.g. with a mixture)`,
    );
  return bijectTo(fn.support);
}
