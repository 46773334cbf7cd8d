import { describe, expect, test } from "vitest";
import {
  adagrad,
  adam,
  applyUpdates,
  clippedAdam,
  type GradientTransformation,
  momentum,
  piecewiseConstant,
  rmsprop,
  sgd,
  updateParamsInPlace,
} from "../../src/optim/index.js";

const v = (...xs: number[]) => Float64Array.from(xs);

/** Runs `steps` updates of `opt` on ½Σaᵢ(xᵢ − cᵢ)² and returns the final params. */
function minimise<S>(opt: GradientTransformation<S>, steps: number): Float64Array {
  const a = v(1, 4, 0.5);
  const c = v(1, -2, 3);
  let x: Float64Array = new Float64Array(3);
  let state = opt.init(x);
  for (let t = 0; t < steps; t++) {
    const g = new Float64Array(3);
    for (let i = 0; i < 3; i++) g[i] = a[i] * (x[i] - c[i]);
    const [u, next] = opt.update(g, state, x);
    x = applyUpdates(x, u);
    state = next;
  }
  return x;
}

describe("stochastic optimizers (optax convention: update returns −lr·direction)", () => {
  test("sgd and a schedule-valued learning rate", () => {
    const opt = sgd(piecewiseConstant([0], [0.1, 0.01]));
    const s0 = opt.init(v(0, 0));
    const [u1, s1] = opt.update(v(1, -2), s0);
    expect(Array.from(u1)).toEqual([-0.1, 0.2]);
    const [u2] = opt.update(v(1, -2), s1);
    expect(Array.from(u2)).toEqual([-0.01, 0.02]);
  });

  test("momentum (heavy ball and Nesterov), hand-computed", () => {
    const hb = momentum(0.1, { beta: 0.9 });
    let s = hb.init(v(0));
    const [a1, s1] = hb.update(v(1), s);
    const [a2] = hb.update(v(1), s1);
    expect(a1[0]).toBeCloseTo(-0.1, 15);
    expect(a2[0]).toBeCloseTo(-0.1 * 1.9, 15);
    const nes = momentum(0.1, { beta: 0.9, nesterov: true });
    s = nes.init(v(0));
    const [n1, t1] = nes.update(v(1), s);
    const [n2] = nes.update(v(1), t1);
    expect(n1[0]).toBeCloseTo(-0.1 * (1 + 0.9 * 1), 15);
    expect(n2[0]).toBeCloseTo(-0.1 * (1 + 0.9 * 1.9), 15);
  });

  test("adam matches the optax formulas for two steps", () => {
    const opt = adam(0.1);
    const [u1, s1] = opt.update(v(2), opt.init(v(0)));
    expect(u1[0]).toBeCloseTo((-0.1 * 2) / (2 + 1e-8), 15);
    const [u2, s2] = opt.update(v(1), s1);
    const mu = 0.9 * 0.1 * 2 + 0.1 * 1;
    const nu = 0.999 * 0.001 * 4 + 0.001 * 1;
    const expected = (-0.1 * (mu / (1 - 0.9 ** 2))) / (Math.sqrt(nu / (1 - 0.999 ** 2)) + 1e-8);
    expect(u2[0]).toBeCloseTo(expected, 14);
    expect(s2.count).toBe(2);
  });

  test("clippedAdam clips each gradient component and decays the rate by lrd^count", () => {
    const opt = clippedAdam(0.1, { clipNorm: 1, lrd: 0.5 });
    const [u1, s1] = opt.update(v(5, -0.5), opt.init(v(0, 0)));
    expect(u1[0]).toBeCloseTo(-0.1 / (1 + 1e-8), 15); // gradient clipped to 1
    expect(u1[1]).toBeCloseTo(0.1 * (0.5 / (0.5 + 1e-8)), 15);
    const [u2] = opt.update(v(5, -0.5), s1);
    // Same clipped gradient again: m̂ = g, v̂ = g², rate halved.
    expect(u2[0]).toBeCloseTo(-0.05 / (1 + 1e-8), 14);
  });

  test("adagrad and rmsprop first steps", () => {
    const ag = adagrad(0.1);
    const [ua] = ag.update(v(2), ag.init(v(0)));
    expect(ua[0]).toBeCloseTo((-0.1 * 2) / Math.sqrt(0.1 + 4 + 1e-7), 15);
    const rp = rmsprop(0.1);
    const [ur] = rp.update(v(2), rp.init(v(0)));
    expect(ur[0]).toBeCloseTo((-0.1 * 2) / Math.sqrt(0.1 * 4 + 1e-8), 15);
  });

  test("states and inputs are never mutated", () => {
    const opt = adam(0.1);
    const s0 = opt.init(v(0, 0));
    const g = v(1, 2);
    const [, s1] = opt.update(g, s0);
    expect(Array.from(s0.mu)).toEqual([0, 0]);
    expect(s0.count).toBe(0);
    expect(Array.from(g)).toEqual([1, 2]);
    // Re-applying from an old state reproduces the same result.
    const [, s1b] = opt.update(g, s0);
    expect(Array.from(s1b.mu)).toEqual(Array.from(s1.mu));
    expect(() => opt.update(v(1), s0)).toThrow(RangeError);
  });

  test("Adam minimises a quadratic", () => {
    const x = minimise(adam(0.05), 2000);
    expect(x[0]).toBeCloseTo(1, 4);
    expect(x[1]).toBeCloseTo(-2, 4);
    expect(x[2]).toBeCloseTo(3, 4);
  });

  test("every optimizer decreases the quadratic", () => {
    for (const opt of [
      sgd(0.1),
      momentum(0.05, { nesterov: true }),
      clippedAdam(0.05),
      adagrad(0.5),
      rmsprop(0.01),
    ] as GradientTransformation<unknown>[]) {
      const x = minimise(opt, 500);
      const err = Math.hypot(x[0] - 1, x[1] + 2, x[2] - 3);
      expect(err).toBeLessThan(0.1 * Math.hypot(1, 2, 3));
    }
  });

  test("updateInPlace gives the pure update's numbers bit for bit, reusing the arrays", () => {
    const schedule = piecewiseConstant([3], [0.05, 0.02]);
    const cases: [string, GradientTransformation<unknown>][] = [
      ["sgd", sgd(schedule) as GradientTransformation<unknown>],
      ["momentum", momentum(schedule, { beta: 0.8 }) as GradientTransformation<unknown>],
      ["nesterov", momentum(0.05, { nesterov: true }) as GradientTransformation<unknown>],
      ["adam", adam(schedule, { epsRoot: 1e-10 }) as GradientTransformation<unknown>],
      [
        "clippedAdam",
        clippedAdam(0.05, { clipNorm: 0.7, lrd: 0.9 }) as GradientTransformation<unknown>,
      ],
      ["adagrad", adagrad(schedule) as GradientTransformation<unknown>],
      ["rmsprop", rmsprop(0.01, { initialScale: 0.5 }) as GradientTransformation<unknown>],
    ];
    for (const [name, opt] of cases) {
      expect(opt.updateInPlace, name).toBeDefined();
      let pure: Float64Array = v(0.3, -1, 2, 0);
      let pureState = opt.init(pure);
      const params = pure.slice();
      let state = opt.init(params);
      const arrays = Object.values(state as object).filter((x) => x instanceof Float64Array);
      for (let t = 0; t < 8; t++) {
        const g = Float64Array.from(pure, (x, i) => Math.sin(3 * t + i) * (1 + x * x));
        const [u, next] = opt.update(g, pureState, pure);
        pure = applyUpdates(pure, u);
        pureState = next;
        state = opt.updateInPlace?.(g, state, params);
        expect([...params], `${name} step ${t}`).toEqual([...pure]);
        expect(state, name).toEqual(pureState);
      }
      // the state's arrays are the ones init made, advanced in place
      const after = Object.values(state as object).filter((x) => x instanceof Float64Array);
      for (const [i, x] of after.entries()) expect(x, name).toBe(arrays[i]);
    }
  });

  test("updateParamsInPlace falls back to update for transformations without updateInPlace", () => {
    const base = adam(0.1);
    const pureOnly: GradientTransformation<ReturnType<typeof base.init>> = {
      init: base.init,
      update: base.update,
    };
    const a = v(1, 2);
    const b = v(1, 2);
    let sa = pureOnly.init(a);
    let sb = base.init(b);
    for (let t = 0; t < 3; t++) {
      sa = updateParamsInPlace(pureOnly, v(t, 1 - t), sa, a);
      sb = updateParamsInPlace(base, v(t, 1 - t), sb, b);
    }
    expect([...a]).toEqual([...b]);
    expect(sa).toEqual(sb);
    expect(() => updateParamsInPlace(base, v(1), base.init(v(0, 0)), v(0, 0))).toThrow(RangeError);
  });
});
