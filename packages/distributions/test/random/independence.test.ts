import { describe, expect, it } from "vitest";
import { foldIn, key, normal, split, uniform } from "../../src/random/index.js";
import { pearson } from "./stats.js";

// Streams from different keys must be uncorrelated: |r| < 4 / sqrt(n) (a 4-sigma bound, since
// r is approximately N(0, 1/n) for independent streams).

const N = 100_000;
const BOUND = 4 / Math.sqrt(N);

describe("independence of split streams", () => {
  it("normal streams of split(key, 4) are pairwise uncorrelated", () => {
    const streams = split(key(1301), 4).map((k) => normal(k, [N]));
    for (let a = 0; a < 4; a++) {
      for (let b = a + 1; b < 4; b++) {
        expect(Math.abs(pearson(streams[a]!, streams[b]!))).toBeLessThan(BOUND);
      }
    }
  });
  it("a parent stream and its children are uncorrelated", () => {
    const parent = key(1302);
    const [child] = split(parent);
    expect(Math.abs(pearson(uniform(parent, [N]), uniform(child!, [N])))).toBeLessThan(BOUND);
  });
  it("foldIn streams with consecutive data are uncorrelated", () => {
    const k = key(1303);
    const a = uniform(foldIn(k, 0), [N]);
    const b = uniform(foldIn(k, 1), [N]);
    expect(Math.abs(pearson(a, b))).toBeLessThan(BOUND);
  });
  it("streams of sequential seeds are uncorrelated", () => {
    expect(Math.abs(pearson(normal(key(0), [N]), normal(key(1), [N])))).toBeLessThan(BOUND);
  });
  it("consecutive draws within a stream are uncorrelated (lag 1 and lag n/2)", () => {
    const x = uniform(key(1304), [N]);
    expect(Math.abs(pearson(x.subarray(0, N - 1), x.subarray(1)))).toBeLessThan(BOUND * 1.01);
    // Elements i and i + n/2 come from blocks (i, n+i) and (i + n/2, 3n/2 + i).
    expect(Math.abs(pearson(x.subarray(0, N / 2), x.subarray(N / 2)))).toBeLessThan(
      4 / Math.sqrt(N / 2),
    );
  });
});
