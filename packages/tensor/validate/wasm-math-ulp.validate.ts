/**
 * The 10^7-point accuracy run of the vectorised wasm exp/log/log1p/expm1 against
 * Math.* (whole double range by random bit patterns, the useful domain uniformly,
 * tiny magnitudes, and the edges), bound 2 ulp. Prints each function's max and mean.
 */
import { beforeAll, expect, it } from "vitest";
import {
  MATH_FUNCTIONS,
  type MathArrayKernels,
  type MathFunctionName,
} from "../src/compile/wasm/math/array-kernels.js";
import { loadMathKernels, measureUlp, testPoints } from "../test/helpers/wasm-ulp.js";

const POINTS = 10_000_000;
let kernels: MathArrayKernels;
beforeAll(async () => {
  kernels = await loadMathKernels(1 << 18);
});

for (const name of Object.keys(MATH_FUNCTIONS) as MathFunctionName[])
  it(`${name}: 10^7 points within 2 ulp of Math.${name}`, () => {
    const r = measureUlp(kernels, name, testPoints(name, POINTS, 20261207));
    console.log(JSON.stringify(r));
    expect(r.maxUlp).toBeLessThanOrEqual(2);
  });
