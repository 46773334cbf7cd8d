/**
 * `ComposeTransform(parts)`: y = parts[n−1](…parts[0](x)) (NumPyro's `ComposeTransform`;
 * an empty list is the identity). Event dims propagate as in NumPyro: the input event dim
 * is the largest needed by any part, walking backwards
 * (e_in ← part.domain.eventDim + max(e_in − part.codomain.eventDim, 0)), and each part's
 * log|det J| is summed over the extra batch dims it sees, so the total has the batch
 * shape of the composite domain. Domain/codomain are the first/last part's, wrapped in
 * `independentConstraint` when the composite needs more event dims.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { add, toTensor } from "@sidereal/tensor";
import type { Constraint } from "../constraints/constraint.js";
import type { Bijector } from "./bijector.js";
import { IdentityTransform } from "./identity.js";
import { independentConstraint } from "./independent-constraint.js";
import { sumRightmost } from "./util.js";

function inputEventDim(parts: readonly Bijector[]): number {
  let e = parts[parts.length - 1].domain.eventDim;
  for (let i = parts.length - 1; i >= 0; i--)
    e = parts[i].domain.eventDim + Math.max(e - parts[i].codomain.eventDim, 0);
  return e;
}
function outputEventDim(parts: readonly Bijector[]): number {
  let e = parts[0].codomain.eventDim;
  for (let i = 1; i < parts.length; i++)
    e = parts[i].codomain.eventDim + Math.max(e - parts[i].domain.eventDim, 0);
  return e;
}
function widen(c: Constraint, eventDim: number): Constraint {
  return eventDim > c.eventDim ? independentConstraint(c, eventDim - c.eventDim) : c;
}

/** Composition of bijectors, applied left to right. */
export function ComposeTransform(parts: readonly Bijector[]): Bijector {
  if (parts.length === 0) return IdentityTransform();
  if (parts.length === 1) return parts[0];
  const list = [...parts];
  const inDim = inputEventDim(list);
  const domain = widen(list[0].domain, inDim);
  const codomain = widen(list[list.length - 1].codomain, outputEventDim(list));
  return {
    name: `ComposeTransform(${list.map((p) => p.name).join(", ")})`,
    domain,
    codomain,
    forward: (x: TensorLike): Tensor => list.reduce<Tensor>((v, p) => p.forward(v), toTensor(x)),
    inverse: (y: TensorLike): Tensor =>
      list.reduceRight<Tensor>((v, p) => p.inverse(v), toTensor(y)),
    logAbsDetJacobian: (x: TensorLike, y: TensorLike): Tensor => {
      let e = inDim;
      let cur = toTensor(x);
      let total: Tensor | undefined;
      list.forEach((p, i) => {
        const next = i === list.length - 1 ? toTensor(y) : p.forward(cur);
        const batchNdims = e - p.domain.eventDim;
        const term = sumRightmost(toTensor(p.logAbsDetJacobian(cur, next)), batchNdims);
        total = total === undefined ? term : add(total, term);
        e = p.codomain.eventDim + batchNdims;
        cur = next;
      });
      return total as Tensor;
    },
    forwardShape: (s: Shape): Shape => list.reduce<Shape>((v, p) => p.forwardShape(v), s),
    inverseShape: (s: Shape): Shape => list.reduceRight<Shape>((v, p) => p.inverseShape(v), s),
  };
}
