/**
 * The identity primitive used to give traced copies of arguments a graph node.
 */
import type { Primitive } from "../core/primitive.js";

export const IDENTITY_ALIAS: Primitive<undefined> = {
  name: "identity",
  elementwise: 1,
  outShape: ([s]) => s,
  run: ([x], _s, out) => out.set(x),
  expr: ([x]) => x,
  vjp: (g) => [g],
};
