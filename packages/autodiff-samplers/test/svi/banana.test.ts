import { key, Normal, normal } from "@sidereal/distributions";
import { add, mul, square, tensor } from "@sidereal/tensor";
import { describe, expect, test } from "vitest";
import { adam, exponentialDecay } from "../../src/optim/index.js";
import { defineModel } from "../../src/ppl/index.js";
import {
  AutoBNAFNormal,
  type AutoGuide,
  AutoIAFNormal,
  AutoMultivariateNormal,
  svi,
} from "../../src/svi/index.js";

/**
 * A normalised banana: x ~ N(0, 1.5), y | x ~ N(0.5 x² − 1, 0.4). With no observations the
 * evidence is 1, so KL(q‖p) = E_q[log q(u) + U(u)] exactly (U has no Jacobian: real
 * supports), estimated with 8000 fresh draws.
 */
const banana = defineModel((m, _d: null) => {
  const x = m.sample("x", Normal(0, 1.5));
  m.sample("y", Normal(add(-1, mul(0.5, square(x))), 0.4));
});

function klEstimate(guide: AutoGuide<null>, params: Parameters<AutoGuide<null>["median"]>[0]) {
  const setup = guide.current;
  if (setup === undefined) throw new Error("no setup");
  const n = 8000;
  const { family } = setup;
  const eps = tensor(normal(key(99), [n, family.epsDim]), [n, family.epsDim]);
  const draw = family.sample(params, eps);
  const u = draw.u.toArray();
  const logq = draw.logq.toArray();
  const g = new Float64Array(2);
  let kl = 0;
  for (let i = 0; i < n; i++)
    kl += (logq[i] + setup.potential.potential(u.slice(2 * i, 2 * i + 2), g)) / n;
  return kl;
}

function fit(guide: AutoGuide<null>, steps: number) {
  // Decaying rate so that the last iterate is representative (constant-rate BNAF iterates
  // fluctuate by ±0.3 nats of KL).
  const lr = exponentialDecay(0.01, steps / 2, 0.3);
  const { params, losses } = svi(banana, guide, adam(lr)).run(key(11), steps, null);
  let tail = 0;
  for (let i = steps - 500; i < steps; i++) tail += losses[i] / 500;
  return { tail, kl: klEstimate(guide, params) };
}

describe("banana target", () => {
  test("AutoBNAFNormal beats AutoMultivariateNormal (final loss and KL)", () => {
    const mvn = fit(AutoMultivariateNormal(banana), 2000);
    const bnaf = fit(AutoBNAFNormal(banana), 2000);
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

// The full comparison (10 000 steps each, ~10 s): `SIDEREAL_SLOW=1 npx vitest run …`.
describe.runIf(process.env.SIDEREAL_SLOW === "1")("banana target, full length", () => {
  test("AutoBNAFNormal beats AutoMultivariateNormal by a wide margin", () => {
    const mvn = fit(AutoMultivariateNormal(banana), 10_000);
    const bnaf = fit(AutoBNAFNormal(banana), 10_000);
    console.log("banana (10k steps): mvn", mvn, "bnaf", bnaf);
    expect(bnaf.tail).toBeLessThan(mvn.tail - 0.2);
    expect(bnaf.kl).toBeLessThan(mvn.kl - 0.2);
  }, 120_000);
});
