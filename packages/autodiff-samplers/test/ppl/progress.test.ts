import { Normal } from "@sidereal/distributions";
import { describe, expect, test } from "vitest";
import {
  type ChainProgressState,
  defineModel,
  formatProgressBar,
  formatProgressLog,
  mcmc,
  ProgressReporter,
} from "../../src/ppl/index.js";

const state: ChainProgressState = {
  chain: 0,
  phase: "warmup",
  iteration: 450,
  total: 1000,
  stepSize: 0.31234,
  divergences: 2,
  itPerSec: 812.4,
};

describe("progress formatting (pure)", () => {
  test("bar line: phase, bar, counts, step size, divergences, rate", () => {
    expect(formatProgressBar(state)).toBe(
      "chain 1 warmup   [#########-----------]  450/1000  45% | step 0.312 | div 2 | 812 it/s",
    );
    expect(
      formatProgressBar(
        { ...state, chain: 3, phase: "sampling", iteration: 1000, itPerSec: 12.345 },
        10,
      ),
    ).toBe("chain 4 sampling [##########] 1000/1000 100% | step 0.312 | div 2 | 12.3 it/s");
    // unknown rate, empty phase
    expect(formatProgressBar({ ...state, iteration: 0, total: 0, itPerSec: Number.NaN }, 4)).toBe(
      "chain 1 warmup   [####] 0/0 100% | step 0.312 | div 2 | -- it/s",
    );
  });

  test("log line", () => {
    expect(formatProgressLog(state)).toBe(
      "chain 1: warmup 450/1000 (45%), step size 0.312, 2 divergences, 812 it/s",
    );
    expect(formatProgressLog({ ...state, divergences: 1, itPerSec: Number.NaN })).toContain(
      "1 divergence, -- it/s",
    );
  });
});

/** A fake stream and clock. */
function fake(isTTY: boolean) {
  const out: string[] = [];
  let t = 0;
  return {
    out,
    advance: (ms: number) => {
      t += ms;
    },
    options: { stream: { isTTY, write: (s: string) => out.push(s) }, now: () => t },
  };
}

const report = (iteration: number, phase: "warmup" | "sampling" = "warmup", total = 100) => ({
  phase,
  iteration,
  total,
  divergences: 0,
  stepSize: 0.5,
});

describe("ProgressReporter", () => {
  test("non-TTY: one log line per 10 % of a phase and at its end", () => {
    const f = fake(false);
    const r = new ProgressReporter(1, f.options);
    for (let i = 1; i <= 100; i++) {
      f.advance(10);
      r.update(0, report(i));
    }
    expect(f.out).toHaveLength(10);
    expect(f.out[0]).toBe(
      "chain 1: warmup 10/100 (10%), step size 0.500, 0 divergences, 100 it/s\n",
    );
    expect(f.out[9]).toContain("warmup 100/100 (100%)");
    for (let i = 1; i <= 50; i++) {
      f.advance(5);
      r.update(0, report(i, "sampling", 50));
    }
    expect(f.out).toHaveLength(20);
    // the sampling rate is measured from the end of warmup: 50 iterations in 250 ms
    expect(f.out[19]).toBe(
      "chain 1: sampling 50/50 (100%), step size 0.500, 0 divergences, 200 it/s\n",
    );
    r.finish();
    expect(f.out).toHaveLength(20);
  });

  test("TTY: lines redrawn in place, throttled", () => {
    const f = fake(true);
    const r = new ProgressReporter(2, { ...f.options, redrawMs: 100 });
    r.update(0, report(1));
    expect(f.out).toHaveLength(1);
    expect(f.out[0].startsWith("\r\x1b[2Kchain 1 warmup")).toBe(true);
    f.advance(50);
    r.update(1, report(1)); // throttled
    expect(f.out).toHaveLength(1);
    f.advance(60);
    r.update(1, report(2));
    expect(f.out).toHaveLength(2);
    // cursor goes up over the one line drawn before, then both chains are drawn
    expect(f.out[1].startsWith("\x1b[1A\r\x1b[2Kchain 1 warmup")).toBe(true);
    expect(f.out[1]).toContain("\n\r\x1b[2Kchain 2 warmup");
    r.update(0, report(100)); // phase end: drawn at once
    expect(f.out).toHaveLength(3);
    expect(f.out[2].startsWith("\x1b[2A")).toBe(true);
    r.finish();
    expect(f.out).toHaveLength(4);
  });
});

test("mcmc(..., { progress: true }) logs every 10 % of each phase of each chain; off by default", () => {
  const model = defineModel((m) => m.sample("mu", Normal(0, 1)));
  const out: string[] = [];
  const stream = { isTTY: false, write: (s: string) => out.push(s) };
  mcmc(model, undefined, {
    numWarmup: 50,
    numSamples: 40,
    numChains: 2,
    progress: true,
    progressStream: stream,
  });
  // 2 chains × 2 phases × 10 lines
  expect(out).toHaveLength(40);
  expect(out[0]).toMatch(/^chain 1: warmup 5\/50 \(10%\), step size /);
  expect(out[39]).toMatch(/^chain 2: sampling 40\/40 \(100%\)/);
  const quiet: string[] = [];
  mcmc(model, undefined, {
    numWarmup: 50,
    numSamples: 40,
    progressStream: { write: (s: string) => quiet.push(s) },
  });
  expect(quiet).toHaveLength(0);
});
