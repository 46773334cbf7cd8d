/**
 * The NUTS options a config gives `sample`: a dense metric by default (the seed's diagonal
 * chains mix too slowly for `solve`; README), PyMC's diagonal tuning with `denseMass: false`.
 */
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { HI_DEFAULTS, HiConfig } from "../src/config.js";
import { nutsOptions } from "../src/model.js";

const config = (over: Record<string, unknown> = {}) =>
  Schema.decodeUnknownSync(HiConfig)({ ...HI_DEFAULTS, ...over });

describe("nutsOptions", () => {
  it("keeps the seed's sampler settings but adapts a dense metric by default", () => {
    const o = nutsOptions(config(), 3);
    expect(o.denseMass).toBe(true);
    expect(o.targetAccept).toBe(0.9);
    expect(o.chains).toBe(8);
    expect(o.tune).toBe(1000);
  });

  it("keeps PyMC's diagonal tuning when the config says denseMass: false", () => {
    expect(nutsOptions(config({ denseMass: false }), 3).denseMass).toBeUndefined();
  });

  it("rejects a denseMass that is not a boolean", () => {
    expect(() => config({ denseMass: "yes" })).toThrow(/denseMass/);
  });
});
