import { beforeAll, describe, expect, it } from "vitest";
import {
  MATH_FUNCTIONS,
  type MathArrayKernels,
  type MathFunctionName,
} from "../../../src/compile/wasm/math/array-kernels.js";
import { EDGES, loadMathKernels, measureUlp, testPoints } from "../../helpers/wasm-ulp.js";

/**
 * The vectorised wasm exp/log/log1p/expm1 against V8's Math.* on 10^5 points each
 * (the 10^7-point run is `npm run validate`). Math.* is itself within 1 ulp, so a
 * bound of 2 ulp here is the issue's bound on the distance to the reference function.
 */
let kernels: MathArrayKernels;
beforeAll(async () => {
  kernels = await loadMathKernels(1 << 15);
}, 30_000);

describe("wasm f64x2 math", () => {
  for (const name of Object.keys(MATH_FUNCTIONS) as MathFunctionName[]) {
    it(`${name} is within 2 ulp of Math.${name} on 10^5 points`, () => {
      const r = measureUlp(kernels, name, testPoints(name, 100_000, 12345));
      console.log(JSON.stringify(r));
      expect(r.maxUlp).toBeLessThanOrEqual(2);
    });
    it(`${name} is exact at the edges (±0, ±Infinity, NaN, subnormals)`, () => {
      const input = Float64Array.from(EDGES);
      const out = new Float64Array(input.length);
      kernels.apply(name, input, out);
      input.forEach((x, i) => {
        const ref = Math[name](x);
        if (!Number.isFinite(ref) || ref === 0 || x === 0)
          expect(Object.is(out[i], ref)).toBe(true);
      });
    });
  }
});
