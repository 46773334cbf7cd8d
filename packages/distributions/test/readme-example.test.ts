// The README example, kept runnable.
import { grad, sum, tensor } from "@sidereal/tensor";
import { expect, it } from "vitest";
import { Categorical, Gamma, key, MixtureGeneral, Normal, split } from "../src/index.js";

it("README example", () => {
  const d = Normal(0, 2);
  expect(d.logProb(1).item()).toBeCloseTo(-1.737085713764618, 14);
  const [k1] = split(key(0));
  expect(d.sample(k1, [1000]).shape).toEqual([1000]);
  expect(Gamma(2, 0.5).mean.item()).toBe(4);
  const mix = MixtureGeneral(Categorical({ probs: [0.7, 0.3] }), [Normal(1, 0.1), Normal(0, 2)]);
  const [dx] = grad((x) => sum(mix.logProb(x)))(tensor([0.9, 1.3]));
  expect(dx.shape).toEqual([2]);
  expect(dx.toArray()[0]).toBeGreaterThan(0); // below the narrow component's mode
});
