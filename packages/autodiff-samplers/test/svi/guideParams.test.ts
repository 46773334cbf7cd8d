import { key, normal } from "@sidereal/distributions";
import { tensor } from "@sidereal/tensor";
import { describe, expect, test } from "vitest";
import {
  constrainParam,
  flatFromParams,
  type ParamSpec,
  packedTrilSize,
  paramLayout,
  rawShapeOf,
  softplusInverse,
  unconstrainParam,
} from "../../src/svi/guideParams.js";

const d = 4;
const spec: ParamSpec = {
  name: "auto_scale_tril",
  shape: [d, d],
  rawShape: [packedTrilSize(d)],
  constraint: "lowerCholesky",
  init: new Float64Array(d * d),
};
/** A lower-triangular factor with positive diagonal and garbage above the diagonal. */
const z = normal(key(7), [d * d]);
const lower = Float64Array.from(z, (v, k) => {
  const [i, j] = [Math.floor(k / d), k % d];
  return j < i ? v : j === i ? 0.5 + Math.abs(v) : 0;
});

describe("lowerCholesky parameters: packed layout (NumPyro's SoftplusLowerCholeskyTransform)", () => {
  test("the raw block holds the strict lower triangle row by row, then softplus⁻¹ of the diagonal", () => {
    const raw = unconstrainParam(spec, lower);
    expect(raw.length).toBe((d * (d + 1)) / 2);
    // L_10, L_20, L_21, L_30, L_31, L_32 (exact copies)
    const offDiagonal = [
      [1, 0],
      [2, 0],
      [2, 1],
      [3, 0],
      [3, 1],
      [3, 2],
    ];
    offDiagonal.forEach(([i, j], k) => {
      expect(raw[k]).toBe(lower[i * d + j]);
    });
    for (let i = 0; i < d; i++) expect(raw[6 + i]).toBe(softplusInverse(lower[i * d + i]));
  });

  test("constrain ∘ unconstrain is the identity (zeros above the diagonal)", () => {
    const back = constrainParam(spec, tensor(unconstrainParam(spec, lower), rawShapeOf(spec)));
    expect(back.shape).toEqual([d, d]);
    const b = back.toArray();
    // softplus(softplus⁻¹(y)) = y to a few ulp for y in [0.5, 3]
    for (let k = 0; k < d * d; k++) expect(b[k]).toBeCloseTo(lower[k], 14);
  });

  test("the flat layout counts D(D+1)/2 numbers for the factor", () => {
    const layout = paramLayout([
      { name: "auto_loc", shape: [d], constraint: "real", init: new Float64Array(d) },
      spec,
    ]);
    expect(layout.size).toBe(d + 10);
    const phi = flatFromParams(layout, {
      auto_loc: tensor([1, 2, 3, 4]),
      auto_scale_tril: tensor(lower, [d, d]),
    });
    expect(phi.length).toBe(d + 10);
    expect(Array.from(phi.subarray(0, d))).toEqual([1, 2, 3, 4]);
  });

  test("a non-positive diagonal or a non-finite entry is a typed error", () => {
    const bad = lower.slice();
    bad[d + 1] = 0; // L_11
    expect(() => unconstrainParam(spec, bad)).toThrow(/auto_scale_tril.*index 5/);
    const nan = lower.slice();
    nan[3] = Number.NaN; // above the diagonal: still rejected
    expect(() => unconstrainParam(spec, nan)).toThrow(/invalid value NaN at index 3/);
  });
});
