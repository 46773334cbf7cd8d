/**
 * Builders for the common bijector shapes (internal): elementwise maps, which leave shapes
 * unchanged, and vector ↔ triangular-matrix maps, whose shapes are K(K±1)/2 ↔ K×K.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { take, tensor, toTensor } from "@sidereal/tensor";
import type { Constraint } from "../constraints/constraint.js";
import type { Bijector } from "./bijector.js";
import { flattenMatrix, lastDim, sizeFromTriangle, squareDim } from "./util.js";

/** The three maps of a bijector, written on tensors (the builders convert their inputs). */
export interface BijectorMaps {
  forward(x: Tensor): Tensor;
  inverse(y: Tensor): Tensor;
  logAbsDetJacobian(x: Tensor, y: Tensor): Tensor;
}
type ShapeMaps = Pick<Bijector, "forwardShape" | "inverseShape">;

/** A bijector from its name, [domain, codomain], shape maps and maps. */
export function defineBijector(
  name: string,
  [domain, codomain]: readonly [Constraint, Constraint],
  shapes: ShapeMaps,
  maps: BijectorMaps,
): Bijector {
  return {
    name,
    domain,
    codomain,
    forward: (x: TensorLike) => maps.forward(toTensor(x)),
    inverse: (y: TensorLike) => maps.inverse(toTensor(y)),
    logAbsDetJacobian: (x: TensorLike, y: TensorLike) =>
      maps.logAbsDetJacobian(toTensor(x), toTensor(y)),
    forwardShape: shapes.forwardShape,
    inverseShape: shapes.inverseShape,
  };
}

/** A bijector acting on each element alone: `forwardShape`/`inverseShape` are the identity. */
export function elementwiseBijector(
  name: string,
  [domain, codomain]: readonly [Constraint, Constraint],
  forward: (x: Tensor) => Tensor,
  inverse: (y: Tensor) => Tensor,
  logAbsDetJacobian: (x: Tensor) => Tensor,
): Bijector {
  const same = (s: Shape): Shape => s;
  const maps = { forward, inverse, logAbsDetJacobian };
  return defineBijector(name, [domain, codomain], { forwardShape: same, inverseShape: same }, maps);
}

/** Shape maps that return the shape unchanged after `check` (which throws on a bad shape). */
export function checkedShapes(check: (s: Shape) => unknown): ShapeMaps {
  const same = (s: Shape): Shape => {
    check(s);
    return s;
  };
  return { forwardShape: same, inverseShape: same };
}

/**
 * Shape maps of a bijector from vectors of the K(K+1)/2 lower-triangle entries (with the
 * diagonal) or the K(K−1)/2 strictly-lower ones (without) to K×K matrices.
 */
export function vectorToMatrixShapes(name: string, withDiagonal: boolean): ShapeMaps {
  return {
    forwardShape: (s: Shape): Shape => {
      const k = sizeFromTriangle(name, lastDim(name, s), withDiagonal);
      return [...s.slice(0, -1), k, k];
    },
    inverseShape: (s: Shape): Shape => {
      const k = squareDim(name, s);
      return [...s.slice(0, -2), (k * (k + (withDiagonal ? 1 : -1))) / 2];
    },
  };
}

/** The diagonal [..., K] of a [..., K, K] matrix. */
export function diagonalOf(m: TensorLike & Tensor, k: number): Tensor {
  return take(flattenMatrix(m), tensor(Array.from({ length: k }, (_, i) => i * (k + 1))), -1);
}
