import { Exponential, HalfNormal, key, Normal, Uniform } from "@sidereal/distributions";
import { describe, expect, test } from "vitest";
import {
  defineModel,
  InitializationError,
  initializeModel,
  initToMedian,
  initToSample,
  initToUniform,
  initToValue,
  ModelError,
} from "../../src/ppl/index.js";

const model = defineModel((m) => {
  const a = m.sample("a", Normal(3, 0.5));
  const s = m.sample("s", HalfNormal(2));
  m.sample("u", Uniform(-1, 1));
  m.plate("data", 4, () => m.sample("y", Normal(a, s), { obs: [2.5, 3.1, 2.9, 3.4] }));
});

describe("init strategies", () => {
  test("initToUniform (default): unconstrained values in (−radius, radius)", () => {
    const init = initializeModel(model, undefined, { key: key(0) });
    expect(init.attempts).toBe(1);
    for (const v of init.initialPosition) expect(Math.abs(v)).toBeLessThan(2);
    const small = initializeModel(model, undefined, {
      key: key(0),
      initStrategy: initToUniform({ radius: 0.1 }),
    });
    for (const v of small.initialPosition) expect(Math.abs(v)).toBeLessThan(0.1);
    expect(() => initToUniform({ radius: 0 })).toThrow(ModelError);
  });

  test("initToMedian: median of 15 prior draws (near the prior median)", () => {
    const init = initializeModel(model, undefined, { key: key(1), initStrategy: initToMedian() });
    const c = init.constrain(init.initialPosition);
    // The median of 15 N(3, 0.5) draws has sd ≈ 1.2533·0.5/√15 ≈ 0.16: allow 5 sd.
    expect(Math.abs(c.a.item() - 3)).toBeLessThan(0.8);
    // HalfNormal(2) median = 2·Φ⁻¹(0.75) ≈ 1.349
    expect(c.s.item()).toBeGreaterThan(0.3);
    expect(c.s.item()).toBeLessThan(3.5);
  });

  test("initToSample: a prior draw; initToValue: the given values, fallback elsewhere", () => {
    const init = initializeModel(model, undefined, { key: key(2), initStrategy: initToSample() });
    expect(init.initialPosition.every(Number.isFinite)).toBe(true);
    const fixed = initializeModel(model, undefined, {
      key: key(2),
      initStrategy: initToValue({ a: 2.75, s: 0.5 }),
    });
    const c = fixed.constrain(fixed.initialPosition);
    expect(c.a.item()).toBe(2.75);
    expect(c.s.item()).toBeCloseTo(0.5, 14);
    expect(Math.abs(fixed.initialPosition[2])).toBeLessThan(2);
    expect(() =>
      initializeModel(model, undefined, { key: key(2), initStrategy: initToValue({ a: [1, 2] }) }),
    ).toThrow(/site "a" has shape \[\], got a value of shape \[2\]/);
  });

  test("InitializationError names the sites with a non-finite log density", () => {
    // y is observed negative under an Exponential likelihood: log p(y) = −∞ everywhere.
    const bad = defineModel((m) => {
      const rate = m.sample("rate", HalfNormal(1));
      m.sample("mu", Normal(0, 1));
      m.sample("y", Exponential(rate), { obs: -1 });
    });
    let caught: unknown;
    try {
      initializeModel(bad, undefined, { key: key(0) });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InitializationError);
    const err = caught as InitializationError;
    expect(err._tag).toBe("InitializationError");
    expect(err.attempts).toBe(100);
    expect(err.sites).toContain("y");
    expect(err.sites).not.toContain("mu");
    expect(err.message).toMatch(/100 attempts.*"y"/);
  });

  test("latent discrete sites are unsupported (ModelError)", async () => {
    const { Bernoulli } = await import("@sidereal/distributions");
    const disc = defineModel((m) => {
      m.sample("z", Bernoulli({ probs: 0.3 }));
    });
    expect(() => initializeModel(disc, undefined, { key: key(0) })).toThrow(/discrete support/);
  });
});
