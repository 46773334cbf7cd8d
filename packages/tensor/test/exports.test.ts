import { expect, it } from "vitest";
import * as T from "../src/index.js";

// The names other packages and acceptance checks rely on (tensor issue, "Interfaces others rely on").
const REQUIRED =
  `tensor scalar zeros ones linspace arange add sub mul div exp log log1p sum logsumexp where
  matmul cholesky interp grad valueAndGrad stopGradient compile lgamma digamma erf erfc erfcx erfinv ndtr
  ndtri logNdtr betaln xlogy gammaincReg voigtProfile`.split(/\s+/);

it("exports every required function", () => {
  const api = T as unknown as Record<string, unknown>;
  for (const name of REQUIRED) expect(typeof api[name], name).toBe("function");
});
it("tensors expose shape, item() and toArray() as a Float64Array", () => {
  const t = T.tensor([[1, 2]]);
  expect(t.shape).toEqual([1, 2]);
  expect(t.toArray()).toBeInstanceOf(Float64Array);
  expect(T.scalar(3).item()).toBe(3);
  expect(T.add(new Float64Array([1, 2]), [3, 4]).toArray()).toEqual(new Float64Array([4, 6]));
});
