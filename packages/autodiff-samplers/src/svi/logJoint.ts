/**
 * `negLogJointUnconstrained(model, data, latent, { jacobian })`: a function of one
 * unconstrained tensor per latent site returning
 *
 *   −[ log p(x(u), y) + Σ_latent scale_i · log|det ∂x_i/∂u_i| ]   (jacobian = true: the potential U)
 *   −log p(x(u), y)                                               (jacobian = false: AutoDelta's MAP target)
 *
 * with x_i = bijectTo(support_i).forward(u_i), the support read from the site at every run
 * (as the PPL's potential). Unlike `initializeModel(...).potentialFn` it takes the data as an
 * argument, so the ELBO can be rebuilt for new data of the same shapes. Traceable; a latent
 * site that disappears on a run raises an `SviError` ("bad-argument").
 */
import { bijectTo } from "@sidereal/distributions";
import { add, mul, neg, sum, type Tensor } from "@sidereal/tensor";
import { substitute } from "../ppl/handlers/substitute.js";
import { trace } from "../ppl/handlers/trace.js";
import { logJoint } from "../ppl/logDensity.js";
import type { Message } from "../ppl/message.js";
import type { Model } from "../ppl/model.js";
import type { LatentSiteInfo } from "../ppl/potential.js";
import { SviError } from "./errors.js";

/** The (negative) unconstrained log joint (see the module doc). */
export function negLogJointUnconstrained<D, R>(
  model: Model<D, R>,
  data: D,
  latent: readonly LatentSiteInfo[],
  options: { readonly jacobian: boolean },
): (...unconstrained: Tensor[]) => Tensor {
  return (...us) => {
    const values = new Map(latent.map((s, i) => [s.name, us[i]]));
    const ldjs = new Map<string, Tensor>();
    const constrained = substitute(model, (msg: Message) => {
      if (msg.type !== "sample" || msg.isObserved || msg.fn === null) return undefined;
      const u = values.get(msg.name);
      if (u === undefined) return undefined;
      const bij = bijectTo(msg.fn.support);
      const x = bij.forward(u);
      if (options.jacobian) ldjs.set(msg.name, bij.logAbsDetJacobian(u, x));
      return x;
    });
    const tr = trace(constrained).getTrace(data);
    let lj = logJoint(tr);
    for (const s of latent) {
      const msg = tr.get(s.name);
      if (msg === undefined)
        throw new SviError(
          "bad-argument",
          s.name,
          `latent site "${s.name}" disappeared on a later run: the model's structure must not depend on the data or on site values`,
        );
      const ldj = ldjs.get(s.name);
      if (ldj !== undefined) lj = add(lj, sum(msg.scale === null ? ldj : mul(msg.scale, ldj)));
    }
    return neg(lj);
  };
}
