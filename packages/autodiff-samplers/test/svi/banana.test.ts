// The banana target (fixtures/banana.ts, shared with `npm run validate`, which runs the full
// 10 000-step comparison): short fits here. Like the fixture, these use the built package
// (npm test builds first).
import {
  AutoBNAFNormal,
  AutoIAFNormal,
  AutoMultivariateNormal,
  adam,
  svi,
} from "@sidereal/autodiff-samplers";
import { key } from "@sidereal/distributions";
import { describe, expect, test } from "vitest";
import { banana, fitBanana } from "./fixtures/banana.js";

describe("banana target", () => {
  test("AutoBNAFNormal beats AutoMultivariateNormal (final loss and KL)", () => {
    const mvn = fitBanana(AutoMultivariateNormal(banana), 2000);
    const bnaf = fitBanana(AutoBNAFNormal(banana), 2000);
    expect(bnaf.tail).toBeLessThan(mvn.tail);
    expect(bnaf.kl).toBeLessThan(mvn.kl);
    expect(bnaf.kl).toBeGreaterThan(-0.02); // KL ≥ 0 up to Monte-Carlo error
  }, 20_000);

  test("AutoIAFNormal trains and gives finite posterior draws", () => {
    const guide = AutoIAFNormal(banana);
    const { params, losses } = svi(banana, guide, adam(0.01)).run(key(12), 300, null);
    expect(losses.every(Number.isFinite)).toBe(true);
    const draws = guide.samplePosterior(key(13), params, 100);
    expect(draws.x.shape).toEqual([100]);
    const q = guide.quantiles(params, [0.1, 0.9]);
    expect(q.y.toArray()[0]).toBeLessThan(q.y.toArray()[1]);
  });
});
