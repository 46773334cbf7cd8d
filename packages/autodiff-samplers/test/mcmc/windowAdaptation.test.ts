import { foldIn, key } from "@sidereal/distributions";
import { describe, expect, test } from "vitest";
import {
  type AdaptationWindow,
  buildSchedule,
  dualAveraging,
  findReasonableStepSize,
  initState,
  regularizeVariance,
  welfordVariance,
  windowAdaptation,
} from "../../src/mcmc/index.js";
import { diagGaussian } from "./helpers.js";

/**
 * Stan's window bookkeeping replayed iteration by iteration (src/stan/mcmc/windowed_adaptation.hpp
 * and var_adaptation.hpp, Stan 2.x): a counter runs over the warmup; a draw is added while
 * `initBuffer ≤ counter < numWarmup − termBuffer`; when the counter equals `nextWindow` the
 * metric is updated and the next window is computed (double the size; stretch it to the end
 * of the slow phase when the window after it would not end before the terminal buffer).
 * Returns the windows as [first added draw, update iteration + 1).
 */
function stanWindows(numWarmup: number, init = 75, term = 50, base = 25): AdaptationWindow[] {
  if (numWarmup < 20) return [];
  if (init + base + term > numWarmup) {
    // Stan's 15 % / 75 % / 10 % partition (truncated to integers, as its unsigned fields)
    init = Math.trunc(0.15 * numWarmup);
    term = Math.trunc(0.1 * numWarmup);
    base = numWarmup - (init + term);
  }
  const slowLast = numWarmup - term - 1;
  let size = base;
  let next = init + size - 1;
  const windows: AdaptationWindow[] = [];
  let first = -1;
  for (let counter = 0; counter < numWarmup; counter++) {
    if (counter >= init && counter < numWarmup - term && first < 0) first = counter;
    if (counter === next) {
      windows.push({ start: first, end: counter + 1 });
      first = -1;
      // compute_next_window
      if (next === slowLast) continue;
      size *= 2;
      next = counter + size;
      if (next === slowLast) continue;
      if (next + 2 * size >= numWarmup - term) next = slowLast;
    }
  }
  return windows;
}

describe("buildSchedule against Stan's window counters", () => {
  test("every numWarmup from 0 to 3000 gives Stan's windows", () => {
    for (let n = 0; n <= 3000; n++) {
      expect(buildSchedule(n).windows, `numWarmup = ${n}`).toEqual(stanWindows(n));
    }
  });

  test("Stan's published cases and the short-warmup edges", () => {
    const ends = (n: number) => buildSchedule(n).windows.map((w) => w.end);
    // CmdStan's guide: 1000 warmup → windows ending at 100, 150, 250, 450, 950
    expect(ends(1000)).toEqual([100, 150, 250, 450, 950]);
    expect(ends(2000)).toEqual([100, 150, 250, 450, 850, 1950]);
    // 150 = 75 + 25 + 50 fits exactly; 149 does not: 15 % / 75 % / 10 % (22 | 113 | 14)
    expect(buildSchedule(150).windows).toEqual([{ start: 75, end: 100 }]);
    expect(buildSchedule(149).windows).toEqual([{ start: 22, end: 135 }]);
    // 20 is the smallest warmup with a metric window; 19 has none
    expect(buildSchedule(20).windows).toEqual([{ start: 3, end: 18 }]);
    expect(buildSchedule(19).windows).toEqual([]);
    // a remainder shorter than the next doubled window stretches the current one
    // (300: 25, 50, 100 fit exactly; 350: the 100-window is stretched to 150)
    expect(ends(300)).toEqual([100, 150, 250]);
    expect(ends(350)).toEqual([100, 150, 300]);
    expect(ends(400)).toEqual([100, 150, 350]);
  });

  test("custom buffers follow the same counters", () => {
    for (const [n, i, t, b] of [
      [500, 10, 10, 5],
      [1234, 100, 20, 30],
      [60, 20, 20, 20],
    ] as const) {
      expect(buildSchedule(n, { initBuffer: i, termBuffer: t, baseWindow: b }).windows).toEqual(
        stanWindows(n, i, t, b),
      );
    }
  });
});

describe("windowAdaptation (init, update, final)", () => {
  const d = 3;
  const pot = diagGaussian([0.5, 1, 2]);
  const kernel = { potential: pot };

  test("updates the metric exactly at the window ends, from that window's draws only", () => {
    const numWarmup = 200; // 75 | 25, 50 (stretched to 75) | 50
    const adapt = windowAdaptation(kernel, d, { numWarmup, key: key(3), initialStepSize: 0.05 });
    expect(adapt.windows).toEqual([
      { start: 75, end: 100 },
      { start: 100, end: 150 },
    ]);
    const state0 = initState(Float64Array.of(0.1, 0.2, 0.3), pot);
    let a = adapt.init(state0);
    expect(a.searches).toBe(1);
    expect(a.dualAveraging.step).toBe(0);
    expect([...a.inverseMassMatrix]).toEqual([1, 1, 1]);
    // Feed deterministic positions (iteration-dependent) and a fixed acceptance.
    const positionAt = (i: number) => Float64Array.of(Math.sin(i), 2 * Math.cos(3 * i), i % 7);
    const reference = welfordVariance(d);
    // Stan's first shrinkage target is log(10 · the user's step size) (0.05 here), not
    // log(10 · the searched one); later restarts use the searched one.
    expect(a.stepSize).not.toBe(0.05);
    expect(a.dualAveraging.mu).toBe(Math.log(10) + Math.log(0.05));
    expect(a.dualAveraging.logStepSize).toBe(Math.log(a.stepSize));
    const da = dualAveraging();
    let daRef = da.init(a.stepSize, 0.05);
    for (let i = 0; i < numWarmup; i++) {
      const state = initState(positionAt(i), pot);
      const before = a;
      a = adapt.update(a, i, state, 0.6);
      daRef = da.update(daRef, 0.6);
      const w = adapt.windows.find((x) => x.start <= i && i < x.end);
      if (w) reference.add(state.position);
      if (w && i === w.end - 1) {
        // window end: regularised variance of this window, a new search, dual averaging restarts
        const expected = regularizeVariance(reference.variance(), reference.count);
        expect(reference.count).toBe(w.end - w.start);
        expect([...a.inverseMassMatrix]).toEqual([...expected]);
        expect(a.searches).toBe(before.searches + 1);
        expect(a.window).toBe(before.window + 1);
        expect(a.dualAveraging.step).toBe(0);
        expect(a.dualAveraging.mu).toBeCloseTo(Math.log(10 * a.stepSize), 14);
        reference.reset();
        daRef = da.init(a.stepSize);
      } else {
        expect(a.inverseMassMatrix).toBe(before.inverseMassMatrix);
        expect(a.searches).toBe(before.searches);
        expect(a.dualAveraging).toEqual(daRef);
        expect(a.stepSize).toBe(Math.exp(daRef.logStepSize));
      }
    }
    // final: exp of the averaged iterate over the terminal buffer, and the last metric
    const final = adapt.final(a);
    expect(final.stepSize).toBe(Math.exp(daRef.logStepSizeAvg));
    expect(final.inverseMassMatrix).toBe(a.inverseMassMatrix);
  });

  test("Stan's order at a window end: dual-averaging update, metric, search from exp(x_t), μ = log(10 ε)", () => {
    // adapt_diag_e_nuts::transition: learn_stepsize (nom_epsilon ← exp(x_t)), learn_variance,
    // and on a window end init_stepsize from that nom_epsilon under the NEW metric, then
    // set_mu(log(10 ε)) and restart. The search is replayed here with its own key (search k
    // uses foldIn(key, k)); a search started from the previous ε or from exp(x̄) lands on a
    // different power-of-two multiple, so the equality below pins the start.
    const numWarmup = 200;
    const k = key(11);
    const adapt = windowAdaptation(kernel, d, { numWarmup, key: k });
    const state0 = initState(Float64Array.of(0.3, -0.2, 0.5), pot);
    let a = adapt.init(state0);
    const search = (
      state: ReturnType<typeof initState>,
      m: Float64Array,
      n: number,
      from: number,
    ) =>
      findReasonableStepSize({
        potential: pot,
        state,
        inverseMassMatrix: m,
        key: foldIn(k, n),
        initialStepSize: from,
      });
    // the first search: from the user's step size (default 1) under the identity metric
    expect(a.stepSize).toBe(search(state0, Float64Array.of(1, 1, 1), 0, 1));
    expect(a.dualAveraging.mu).toBe(Math.log(10)); // log(10 · 1), Stan's set_mu before it
    const da = dualAveraging();
    let checked = 0;
    for (let i = 0; i < numWarmup; i++) {
      const state = initState(
        Float64Array.of(Math.sin(i), 0.5 * Math.cos(2 * i), (i % 5) - 2),
        pot,
      );
      const alpha = 0.5 + 0.4 * Math.sin(0.3 * i);
      const before = a;
      a = adapt.update(a, i, state, alpha);
      if (!adapt.windows.some((w) => w.end - 1 === i)) continue;
      const iterate = da.update(before.dualAveraging, alpha);
      const expected = search(
        state,
        a.inverseMassMatrix as Float64Array,
        before.searches,
        Math.exp(iterate.logStepSize),
      );
      expect(a.stepSize).toBe(expected);
      expect(a.dualAveraging).toEqual(da.init(expected));
      // the alternatives Stan does not use give other step sizes here
      expect(
        search(state, a.inverseMassMatrix as Float64Array, before.searches, before.stepSize),
      ).not.toBe(expected);
      expect(
        search(
          state,
          a.inverseMassMatrix as Float64Array,
          before.searches,
          Math.exp(iterate.logStepSizeAvg),
        ),
      ).not.toBe(expected);
      checked++;
    }
    expect(checked).toBe(2);
  });

  test("no metric adaptation: windows empty, step size only", () => {
    const adapt = windowAdaptation(kernel, d, {
      numWarmup: 100,
      key: key(1),
      adaptMassMatrix: false,
      initialInverseMassMatrix: Float64Array.of(2, 2, 2),
    });
    expect(adapt.windows).toEqual([]);
    let a = adapt.init(initState(Float64Array.of(0, 0, 0), pot));
    for (let i = 0; i < 100; i++)
      a = adapt.update(a, i, initState(Float64Array.of(i, 0, 0), pot), 0.9);
    expect([...adapt.final(a).inverseMassMatrix]).toEqual([2, 2, 2]);
    expect(a.searches).toBe(1);
    const snap = adapt.snapshot();
    expect(snap !== undefined && "count" in snap ? snap.count : 0).toBe(0);
  });

  test("wrong-length initial metric throws McmcShapeError", () => {
    expect(() =>
      windowAdaptation(kernel, d, {
        numWarmup: 10,
        key: key(0),
        initialInverseMassMatrix: Float64Array.of(1, 1),
      }),
    ).toThrow(expect.objectContaining({ _tag: "McmcShapeError" }));
  });
});
