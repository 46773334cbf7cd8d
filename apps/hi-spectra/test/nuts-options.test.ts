/** The NUTS options a config gives `sample`: the seed's diagonal metric unless `denseMass`. */
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { HI_DEFAULTS, HiConfig } from "../src/config.js";
import { nutsOptions } from "../src/model.js";

const config = (over: Record<string, unknown> = {}) =>
  Schema.decodeUnknownSync(HiConfig)({ ...HI_DEFAULTS, ...over });

describe("nutsOptions", () => {
  it("keeps the seed's settings by default (diagonal metric, target_accept 0.9, 8 chains)", () => {
    const o = nutsOptions(config(), 3);
    expect(o.denseMass).toBeUndefined();
    expect(o.targetAccept).toBe(0.9);
    expect(o.chains).toBe(8);
    expect(o.tune).toBe(1000);
  });

  it("asks for a dense metric when the config says denseMass: true", () => {
    expect(nutsOptions(config({ denseMass: true }), 3).denseMass).toBe(true);
  });

  it("rejects a denseMass that is not a boolean", () => {
    expect(() => config({ denseMass: "yes" })).toThrow(/denseMass/);
  });
});
