import { grad, sum, type Tensor, type TensorLike, tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import { ExpTransform } from "../../src/bijectors/index.js";
import { key } from "../../src/random/index.js";
import { TransformedDistribution } from "../../src/transformed.js";
import {
  ExpandedDistribution,
  ExpandedDistributionImpl,
  IndependentImpl,
  MaskedDistributionImpl,
} from "../../src/wrappers/index.js";
import { maxAbsDiff, TestNormal } from "../bijectors/helpers.js";

const std = (loc: TensorLike, scale: TensorLike = 1) => new TestNormal(loc, scale);

describe("Independent / toEvent", () => {
  it("moves batch dims to the event and sums logProb", () => {
    const base = std(tensor([0, 1, 2, 3, 4, 5], [2, 3]));
    const d = base.toEvent(1);
    expect(d).toBeInstanceOf(IndependentImpl);
    expect(d.batchShape).toEqual([2]);
    expect(d.eventShape).toEqual([3]);
    const v = tensor([0.5, 1, 2, 3, 4, 5.5], [2, 3]);
    const expected = sum(base.logProb(v), -1).toArray();
    expect(maxAbsDiff(d.logProb(v).toArray(), expected)).toBe(0);
    expect(d.sample(key(0), [4]).shape).toEqual([4, 2, 3]);
    expect(base.toEvent().eventShape).toEqual([2, 3]);
    expect(base.toEvent(0)).toBe(base);
    expect(() => base.toEvent(3)).toThrow(expect.objectContaining({ _tag: "DistributionError" }));
    expect(d.support.eventDim).toBe(1);
  });
});

describe("ExpandedDistribution / expand", () => {
  it("broadcasts logProb and draws independent values for expanded entries", () => {
    const base = std([0, 10], [1, 1]);
    const d = base.expand([3, 2]);
    expect(d).toBeInstanceOf(ExpandedDistributionImpl);
    expect(d.batchShape).toEqual([3, 2]);
    const s = d.sample(key(5), [4]);
    expect(s.shape).toEqual([4, 3, 2]);
    const a = s.toArray();
    // column 1 is centred at 10, column 0 at 0; rows are distinct draws
    for (let i = 0; i < 12; i++) expect(Math.abs(a[2 * i + 1] - 10)).toBeLessThan(8);
    expect(a[0]).not.toBe(a[2]);
    expect(d.logProb(tensor([0, 10])).shape).toEqual([3, 2]);
    expect(d.logProb(s).shape).toEqual([4, 3, 2]);
    expect(base.expand([2])).toBe(base);
    expect(() => base.expand([3])).toThrow(expect.objectContaining({ _tag: "DistributionError" }));
  });
  it("expands interior size-1 dims with independent draws in the right places", () => {
    const base = std(tensor([0, 100, 200], [3, 1]), 0.001);
    const d = ExpandedDistribution(base, [2, 3, 4]);
    const s = d.sample(key(9), []);
    expect(s.shape).toEqual([2, 3, 4]);
    const a = s.toArray();
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++)
        for (let k = 0; k < 4; k++)
          expect(Math.abs(a[i * 12 + j * 4 + k] - 100 * j)).toBeLessThan(0.01);
    expect(new Set(a).size).toBe(24);
  });
});

describe("MaskedDistribution / mask", () => {
  it("zeroes masked log densities with zero (not NaN) gradients", () => {
    const base = TransformedDistribution(std([0, 0, 0]), ExpTransform());
    const d = base.mask(tensor([1, 0, 1]));
    expect(d).toBeInstanceOf(MaskedDistributionImpl);
    const lp = d.logProb([1.5, -3, 2]).toArray();
    expect(lp[1]).toBe(0);
    expect(lp[0]).toBeCloseTo(base.logProb([1.5, 1, 1]).toArray()[0], 14);
    const [g] = grad((y: Tensor) => sum(d.logProb(y)))(tensor([1.5, -3, 2]));
    const ga = g.toArray();
    expect(ga[1]).toBe(0);
    expect(ga.every(Number.isFinite)).toBe(true);
    // masked-out entries give zero gradient to parameters too
    const [gl] = grad((loc: Tensor) =>
      sum(new TestNormal(loc).mask(tensor([0, 1])).logProb(tensor([1e300, 1]))),
    )(tensor([0, 0]));
    expect(gl.toArray()[0]).toBe(0);
  });
  it("broadcasts the mask with the batch shape; boolean masks", () => {
    const base = std([0, 1]);
    const d = base.mask(tensor([[1], [0], [1]]));
    expect(d.batchShape).toEqual([3, 2]);
    expect(d.logProb(tensor([0, 1])).shape).toEqual([3, 2]);
    expect(d.sample(key(2)).shape).toEqual([3, 2]);
    expect(base.mask(true)).toBe(base);
    const off = base.mask(false);
    expect(Array.from(off.logProb(tensor([0.3, 7])).data)).toEqual([0, 0]);
    expect(() => base.mask(tensor([1, 0, 1]))).toThrow(
      expect.objectContaining({ _tag: "DistributionError", parameter: "mask" }),
    );
  });
});
