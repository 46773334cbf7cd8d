// The README example, kept runnable.
import { expect, it } from "vitest";
import {
  compile,
  exp,
  mul,
  scalar,
  square,
  sub,
  sum,
  type Tensor,
  tensor,
  valueAndGrad,
} from "../src/index.js";

it("README example", () => {
  const y = tensor([0.1, -0.4, 0.3, 1.2]);
  const logLik = (mu: Tensor, logSigma: Tensor) =>
    sum(sub(mul(square(mul(sub(y, mu), exp(mul(logSigma, -1)))), -0.5), logSigma));

  const [value, [dMu, dLogSigma]] = valueAndGrad(logLik)(scalar(0.2), scalar(0));
  expect(value.item()).toBeCloseTo(-0.69, 14);
  expect(dMu.item()).toBeCloseTo(0.4, 14);
  expect(dLogSigma.item()).toBeCloseTo(1.38 - 4, 14);

  const compiled = compile(logLik, [scalar(0), scalar(0)]);
  const grad = new Float64Array(2);
  expect(compiled.flat(new Float64Array([0.2, 0]), grad)).toBeCloseTo(-0.69, 14);
  expect(grad[0]).toBeCloseTo(0.4, 14);
});
