import { describe, expect, test } from "vitest";
import { formatSviProgress } from "../../src/svi/index.js";
import { sviProgressReporter } from "../../src/svi/progress.js";

describe("SVI progress", () => {
  test("formats a NumPyro-like line", () => {
    expect(
      formatSviProgress(1200, 2000, 812.34, 155.87, { from: 1101, to: 1200, loss: 12.345 }),
    ).toBe(
      "SVI 1200/2000  60% | 812.3 it/s | init loss: 1.5587e+2, avg. loss [1101-1200]: 1.2345e+1",
    );
  });

  test("logs every 10 % on a non-TTY stream, with the running mean of the last block", () => {
    const lines: string[] = [];
    const r = sviProgressReporter(100, { write: (s: string) => lines.push(s), isTTY: false });
    for (let i = 1; i <= 100; i++) r.update(i, i);
    r.done();
    expect(lines.length).toBe(10);
    expect(lines[2]).toContain("SVI  30/100");
    // block of max(⌊100/20⌋, 1) = 5 steps: mean of 96..100 = 98
    expect(lines[9]).toContain("avg. loss [96-100]: 9.8000e+1");
    expect(lines[0]).toContain("init loss: 1.0000e+0");
  });
});
