/**
 * Whether two components' supports agree, for MixtureGeneral (internal).
 *
 * Names are compared after canonicalisation: positive ≡ greaterThan(0), nonnegative ≡
 * greaterThanEq(0), unitInterval ≡ interval(0, 1) (an Exp-transformed and an
 * Affine-transformed positive distribution, as in the M67 model, then agree). Parameters
 * of parameterised constraints must be equal where their values can be read; inside
 * `compile` traced bounds cannot be read and are accepted. Independent constraints compare
 * their event dims and bases.
 */
import type { Tensor } from "@sidereal/tensor";
import { tensor } from "@sidereal/tensor";
import type { Constraint } from "../constraints/index.js";
import { concreteValues } from "../validate.js";

interface Canonical {
  readonly kind: string;
  readonly params: readonly Tensor[];
}

const ZERO = tensor(0);
const ONE = tensor(1);

function canonical(c: Constraint): Canonical {
  const p = c.params ?? {};
  switch (c.name) {
    case "positive":
      return { kind: "greaterThan", params: [ZERO] };
    case "nonnegative":
      return { kind: "greaterThanEq", params: [ZERO] };
    case "unitInterval":
      return { kind: "interval", params: [ONE, ZERO] }; // sorted keys: high, low
    default:
      return {
        kind: c.name,
        params: Object.keys(p)
          .sort()
          .map((k) => p[k]),
      };
  }
}

/** Equal where readable: one side of length 1 is compared with every entry of the other. */
function sameValues(a: Tensor, b: Tensor): boolean {
  const x = concreteValues(a);
  const y = concreteValues(b);
  if (x === null || y === null) return true;
  const n = Math.max(x.length, y.length);
  if (x.length !== n && x.length !== 1) return false;
  if (y.length !== n && y.length !== 1) return false;
  for (let i = 0; i < n; i++)
    if (x[x.length === 1 ? 0 : i] !== y[y.length === 1 ? 0 : i]) return false;
  return true;
}

/** True when `a` and `b` describe the same set (see the module comment). */
export function sameSupport(a: Constraint, b: Constraint): boolean {
  // the common case (components of one family: e.g. both `real`) needs no canonicalisation
  if (a === b) return true;
  if (a.eventDim !== b.eventDim) return false;
  const ba = (a as { base?: Constraint }).base;
  const bb = (b as { base?: Constraint }).base;
  if (ba !== undefined || bb !== undefined)
    return ba !== undefined && bb !== undefined && sameSupport(ba, bb);
  const ca = canonical(a);
  const cb = canonical(b);
  if (ca.kind !== cb.kind || ca.params.length !== cb.params.length) return false;
  return ca.params.every((t, i) => sameValues(t, cb.params[i]));
}
