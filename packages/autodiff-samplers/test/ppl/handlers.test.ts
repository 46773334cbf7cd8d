import { key, Normal } from "@sidereal/distributions";
import { tensor, zeros } from "@sidereal/tensor";
import { describe, expect, test } from "vitest";
import {
  block,
  condition,
  defineModel,
  logJoint,
  ModelError,
  mask,
  runModel,
  scale,
  seed,
  siteLogProb,
  substitute,
  trace,
} from "../../src/ppl/index.js";

const LOG2PI = Math.log(2 * Math.PI);
const logN = (v: number, loc: number, s: number) =>
  -0.5 * ((v - loc) / s) ** 2 - Math.log(s) - 0.5 * LOG2PI;

const model = defineModel((m, data: { y?: number[] }) => {
  const mu = m.sample("mu", Normal(0, 1));
  const out = m.plate("obs", 3, () => m.sample("y", Normal(mu, 2), { obs: data.y }));
  m.deterministic("twice", tensor(2).item() * mu.item());
  return out;
});

describe("handlers", () => {
  test("trace records every site in order with one message shape", () => {
    const tr = trace(seed(model, key(1))).getTrace({ y: [0.5, 1, 1.5] });
    expect([...tr.keys()]).toEqual(["mu", "y", "twice"]);
    const mu = tr.get("mu");
    expect(mu?.type).toBe("sample");
    expect(mu?.isObserved).toBe(false);
    expect(mu?.value?.shape).toEqual([]);
    const y = tr.get("y");
    expect(y?.isObserved).toBe(true);
    expect(y?.fn?.batchShape).toEqual([3]);
    expect(y?.condIndepStack).toEqual([{ name: "obs", size: 3, dim: -1 }]);
    expect(tr.get("twice")?.type).toBe("deterministic");
  });

  test("seed makes a run a pure function of the key", () => {
    const a = trace(seed(model, key(3)))
      .getTrace({})
      .get("mu")
      ?.value?.item();
    const b = trace(seed(model, key(3)))
      .getTrace({})
      .get("mu")
      ?.value?.item();
    const c = trace(seed(model, key(4)))
      .getTrace({})
      .get("mu")
      ?.value?.item();
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    // without observations, y is drawn with shape [3]
    expect(
      trace(seed(model, key(3)))
        .getTrace({})
        .get("y")?.value?.shape,
    ).toEqual([3]);
  });

  test("sampling without a key is a clear ModelError", () => {
    expect(() => runModel(model, { y: [0, 0, 0] })).toThrow(ModelError);
    expect(() => runModel(model, { y: [0, 0, 0] })).toThrow(/"mu".*no PRNG key.*seed/);
  });

  test("substitute sets values and keeps the site latent; condition makes it observed", () => {
    const ts = trace(substitute(model, { mu: 0.25 })).getTrace({ y: [0, 1, 2] });
    expect(ts.get("mu")?.value?.item()).toBe(0.25);
    expect(ts.get("mu")?.isObserved).toBe(false);
    expect(ts.get("twice")?.value?.item()).toBe(0.5);
    const tc = trace(condition(model, { mu: 0.25 })).getTrace({ y: [0, 1, 2] });
    expect(tc.get("mu")?.isObserved).toBe(true);
    // log joint = log N(0.25; 0, 1) + Σ log N(y_i; 0.25, 2)
    const expected = logN(0.25, 0, 1) + logN(0, 0.25, 2) + logN(1, 0.25, 2) + logN(2, 0.25, 2);
    expect(logJoint(ts).item()).toBeCloseTo(expected, 12);
    expect(logJoint(tc).item()).toBeCloseTo(expected, 12);
  });

  test("block hides sites from outer handlers (hide / expose / all)", () => {
    const data = { y: [0, 1, 2] };
    const sub = substitute(model, { mu: 0 });
    expect([
      ...trace(block(sub, { hide: ["mu"] }))
        .getTrace(data)
        .keys(),
    ]).toEqual(["y", "twice"]);
    expect([
      ...trace(block(sub, { expose: ["mu"] }))
        .getTrace(data)
        .keys(),
    ]).toEqual(["mu"]);
    expect([...trace(block(sub)).getTrace(data).keys()]).toEqual([]);
    // a blocked substitute does not reach the site: the outer substitute wins
    const inner = block(substitute(model, { mu: 5 }), { hide: ["mu"] });
    const outer = trace(substitute(inner, { mu: 1 })).getTrace(data);
    expect(outer.has("mu")).toBe(false);
    expect(outer.get("twice")?.value?.item()).toBe(10);
  });

  test("scale multiplies log densities, nested scales multiply", () => {
    const data = { y: [0, 1, 2] };
    const base = trace(substitute(model, { mu: 0.3 })).getTrace(data);
    const scaled = trace(scale(scale(substitute(model, { mu: 0.3 }), 2), 1.5)).getTrace(data);
    expect(logJoint(scaled).item()).toBeCloseTo(3 * logJoint(base).item(), 12);
    expect(scaled.get("y")?.scale?.item()).toBe(3);
    expect(() => scale(model, -1)).toThrow(ModelError);
  });

  test("mask zeroes masked log densities", () => {
    const data = { y: [0, 1, 2] };
    const tr = trace(mask(substitute(model, { mu: 0.3 }), tensor([1, 0, 1]))).getTrace(data);
    expect(siteLogProb(tr.get("y") as NonNullable<ReturnType<typeof tr.get>>).item()).toBeCloseTo(
      logN(0, 0.3, 2) + logN(2, 0.3, 2),
      12,
    );
    const off = trace(mask(substitute(model, { mu: 0.3 }), false)).getTrace(data);
    expect(logJoint(off).item()).toBe(0);
  });

  test("duplicate site names are a ModelError naming the site and both occurrences", () => {
    const dup = defineModel((m) => {
      m.sample("a", Normal(0, 1));
      m.sample("b", Normal(0, 1));
      m.deterministic("a", 1);
    });
    const run = () => trace(seed(dup, key(0))).getTrace(undefined);
    expect(run).toThrow(ModelError);
    try {
      run();
    } catch (e) {
      expect((e as ModelError).problem).toBe("duplicate-site");
      expect((e as ModelError).site).toBe("a");
      expect((e as Error).message).toMatch(/deterministic site #3 .* sample site #1/);
    }
  });

  test("plate shape mismatch names the site, expected and actual shapes", () => {
    const bad = defineModel((m) => {
      m.plate("data", 4, () => m.sample("z", Normal(zeros([3]), 1)));
    });
    expect(() => trace(seed(bad, key(0))).getTrace(undefined)).toThrow(
      /site "z".*plate "data".*expected \[4\], got \[3\]/,
    );
    const badObs = defineModel((m) => {
      m.plate("data", 4, () => m.sample("z", Normal(0, 1), { obs: [1, 2, 3] }));
    });
    expect(() => runModel(badObs, undefined)).toThrow(/observed value.*expected \[4\], got \[3\]/);
  });

  test("nested plates broadcast scalar distributions to [inner, outer]", () => {
    const nested = defineModel((m) =>
      m.plate("a", 3, () => m.plate("b", 2, () => m.sample("z", Normal(0, 1)))),
    );
    const tr = trace(seed(nested, key(0))).getTrace(undefined);
    const z = tr.get("z");
    expect(z?.value?.shape).toEqual([2, 3]);
    expect(z?.condIndepStack.map((f) => [f.name, f.dim])).toEqual([
      ["b", -2],
      ["a", -1],
    ]);
    const explicit = defineModel((m) =>
      m.plate("a", 3, () => m.sample("z", Normal(0, 1)), { dim: -2 }),
    );
    expect(
      trace(seed(explicit, key(0)))
        .getTrace(undefined)
        .get("z")?.value?.shape,
    ).toEqual([3, 1]);
  });

  test("factor, param and sub-models with a name prefix", () => {
    const sub = defineModel((m, s: number) => {
      const z = m.sample("z", Normal(0, s));
      m.factor("pen", -1);
      return z;
    });
    const top = defineModel((m) => {
      const w = m.param("w", 2.5);
      const z = m.call("inner", sub, 3);
      return [w.item(), z.item()];
    });
    const { trace: tr, value } = trace(seed(top, key(5))).getTraceAndValue(undefined);
    expect([...tr.keys()]).toEqual(["w", "inner/z", "inner/pen"]);
    expect(value[0]).toBe(2.5);
    expect(tr.get("inner/pen")?.isObserved).toBe(true);
    // log joint = log N(z; 0, 3) − 1 (the factor)
    expect(logJoint(tr).item()).toBeCloseTo(logN(value[1], 0, 3) - 1, 12);
    expect(
      trace(substitute(seed(top, key(0)), { w: 7 }))
        .getTrace(undefined)
        .get("w")
        ?.value?.item(),
    ).toBe(7);
  });
});
