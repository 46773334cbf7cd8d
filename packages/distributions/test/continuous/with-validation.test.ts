/**
 * The global validation switch (NumPyro's `validation_enabled`): `withValidation(false, f)`
 * skips the parameter checks of every distribution built in `f` that is not told otherwise,
 * restores the previous setting afterwards (also when `f` throws), and leaves the always-on
 * checks of the families that cannot carry a bad value in place.
 */
import { describe, expect, it } from "vitest";
import { Normal } from "../../src/continuous/index.js";
import { Categorical } from "../../src/discrete/index.js";
import { DistributionError } from "../../src/errors.js";
import { validationEnabled, withValidation } from "../../src/validate.js";

describe("withValidation", () => {
  it("is on by default and can be switched off for a block", () => {
    expect(validationEnabled()).toBe(true);
    expect(() => Normal(0, -1)).toThrow(DistributionError);
    const d = withValidation(false, () => Normal(0, -1));
    expect(Number.isNaN(d.logProb(0).item())).toBe(true); // log of a negative scale
    expect(validationEnabled()).toBe(true);
  });

  it("an explicit validateArgs wins over the switch", () => {
    expect(() => withValidation(false, () => Normal(0, -1, { validateArgs: true }))).toThrow(
      DistributionError,
    );
    expect(() => Normal(0, -1, { validateArgs: false })).not.toThrow();
  });

  it("nests and restores the previous setting, also after a throw", () => {
    withValidation(false, () => {
      expect(() => withValidation(true, () => Normal(0, -1))).toThrow(DistributionError);
      expect(validationEnabled()).toBe(false);
    });
    expect(() =>
      withValidation(false, () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(validationEnabled()).toBe(true);
  });

  it("the always-on checks stay on", () => {
    expect(() => withValidation(false, () => Categorical({ probs: [0.5, Number.NaN] }))).toThrow(
      DistributionError,
    );
  });
});
