import { key } from "@sidereal/distributions";
import { describe, expect, test } from "vitest";
import {
  type ChainCheckpoint,
  CheckpointLog,
  McmcParameterError,
  McmcShapeError,
  type SampleChainOptions,
  type SampleChainResult,
  sampleChain,
} from "../../src/mcmc/index.js";
import { denseGaussian, diagGaussian } from "./helpers.js";

// A chain resumed from any checkpoint must give exactly the uninterrupted chain: same draws,
// statistics (warmup and sampling), adapted step size and metric, bit for bit. Stan's schedule
// for 150 warmup iterations has one slow window, iterations 75…99, so the resume points below
// fall inside the initial buffer, at the window's start, inside it (Welford accumulator
// half full), at its end, inside the final buffer, at the first sampling transition and late
// in sampling.
const q0 = Float64Array.of(2, -1, 0.5, 3);

function run(
  potential: Parameters<typeof sampleChain>[0],
  opts: SampleChainOptions,
): { result: SampleChainResult; checkpoints: ChainCheckpoint[] } {
  const checkpoints: ChainCheckpoint[] = [];
  const result = sampleChain(potential, q0, {
    ...opts,
    checkpoint: { due: () => true, emit: (cp) => checkpoints.push(cp) },
  });
  return { result, checkpoints };
}

function resumeAt(checkpoints: readonly ChainCheckpoint[], completed: number): ChainCheckpoint {
  const log = new CheckpointLog();
  for (const cp of checkpoints) {
    log.add(cp);
    if (cp.snapshot.completed === completed) break;
  }
  const latest = log.latest();
  if (latest?.snapshot.completed !== completed) throw new Error(`no checkpoint at ${completed}`);
  return latest;
}

function expectSameChain(a: SampleChainResult, b: SampleChainResult): void {
  expect(b.draws).toEqual(a.draws);
  expect(b.stats).toEqual(a.stats);
  expect(b.warmupStats).toEqual(a.warmupStats);
  expect(b.adapted.stepSize).toBe(a.adapted.stepSize);
  expect(b.adapted.inverseMassMatrix).toEqual(a.adapted.inverseMassMatrix);
}

describe("sampleChain checkpoints", () => {
  const base: SampleChainOptions = { numWarmup: 150, numSamples: 80, thinning: 2, key: key(9) };

  test("a checkpoint after every iteration except the last of warmup and of sampling", () => {
    const { checkpoints } = run(diagGaussian([1, 0.1, 3, 0.5]), base);
    const done = checkpoints.map((c) => c.snapshot.completed);
    const expected = [
      ...Array.from({ length: 149 }, (_, i) => i + 1),
      ...Array.from({ length: 159 }, (_, i) => 151 + i),
    ];
    expect(done).toEqual(expected);
    // the deltas add up to the whole history
    const rows = checkpoints.reduce((t, c) => t + c.history.stats.lp.length, 0);
    expect(rows).toBe(79); // draws kept before the last transition (160 transitions, thinning 2)
  });

  for (const [label, potential, dense] of [
    ["diagonal metric", diagGaussian([1, 0.1, 3, 0.5]), false],
    [
      "dense metric",
      denseGaussian([2, 0.9, 0, 0, 0.9, 1, 0, 0, 0, 0, 4, -1, 0, 0, -1, 1], [0, 1, 2, 3]),
      true,
    ],
  ] as const) {
    test(`resuming anywhere gives the uninterrupted chain (${label})`, () => {
      const opts = { ...base, denseMass: dense };
      const { result, checkpoints } = run(potential, opts);
      for (const at of [1, 40, 75, 90, 100, 120, 149, 151, 152, 200, 309]) {
        const resumed = sampleChain(potential, q0, { ...opts, resume: resumeAt(checkpoints, at) });
        expectSameChain(result, resumed);
      }
    });
  }

  test("a resumed chain checkpoints on from where it resumed", () => {
    const potential = diagGaussian([1, 0.1, 3, 0.5]);
    const { result, checkpoints } = run(potential, base);
    const log = new CheckpointLog();
    for (const cp of checkpoints.slice(0, 119)) log.add(cp); // up to completed = 119
    const resume = log.latest();
    if (!resume) throw new Error("no checkpoint");
    const later: ChainCheckpoint[] = [];
    sampleChain(potential, q0, {
      ...base,
      resume,
      checkpoint: { due: (c) => c === 200, emit: (cp) => later.push(cp) },
    });
    expect(later.map((c) => c.snapshot.completed)).toEqual([200]);
    log.add(later[0]);
    const twice = sampleChain(potential, q0, { ...base, resume: log.latest() });
    expectSameChain(result, twice);
  });

  test("a snapshot of another chain shape is rejected", () => {
    const potential = diagGaussian([1, 0.1, 3, 0.5]);
    const { checkpoints } = run(potential, base);
    const cp = resumeAt(checkpoints, 40);
    const short = { ...cp, snapshot: { ...cp.snapshot, position: new Float64Array(3) } };
    expect(() => sampleChain(potential, q0, { ...base, resume: short })).toThrow(McmcShapeError);
    expect(() =>
      sampleChain(potential, q0, { ...base, numWarmup: 20, numSamples: 5, resume: cp }),
    ).toThrow(McmcParameterError);
  });
});
