import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  diagnosticChecks,
  PlotError,
  plotHistogram,
  renderRunReport,
  summaryTable,
  writeReport,
} from "../src/index.js";
import { assertWellFormed, count } from "./helpers.js";

const VOID = ["meta", "img", "br", "hr", "link"];

const goodSummary = {
  mu: { mean: 1.0, sd: 0.3, ess_bulk: 1210.4, ess_tail: 980, r_hat: 1.0 },
  sigma: { mean: 1.02, sd: 0.2, ess_bulk: 800, ess_tail: 910, r_hat: 1.004 },
};
const badSummary = {
  mu: { mean: 1.0, sd: 0.3, ess_bulk: 1210, ess_tail: 980, r_hat: 1.0 },
  "$\\sigma_{\\rm int}$": { mean: 1.02, sd: 0.2, ess_bulk: 350, ess_tail: 410, r_hat: 1.03 },
};

describe("run report", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "sidereal-run-report-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("highlights r_hat > 1.01, ESS < 400 and divergences", () => {
    const html = renderRunReport({
      title: "run <1>",
      config: {
        model: "gauss",
        sampler: { chains: 4, seed: 42, adapt: [0.8, 0.9] },
        skip: undefined,
      },
      summary: badSummary,
      diagnostics: { divergences: 3, totalDraws: 4000, warnings: ["tree depth <10> hit"] },
    });
    assertWellFormed(html.slice(html.indexOf("<html")), VOID);
    // Summary cells: sigma's ess_bulk 350 and r_hat 1.03 (ess_tail 410 passes).
    expect(count(html, '<td class="num warn"')).toBe(2);
    expect(html).toContain('<td class="num warn" title="above 1.01">1.03</td>');
    expect(html).toContain('<td class="num warn" title="below 400">350</td>');
    // Diagnostics: R̂, bulk ESS and divergences fail; tail ESS passes; one extra warning.
    expect(count(html, '<tr class="warn">')).toBe(3);
    expect(count(html, '<tr class="ok">')).toBe(1);
    expect(html).toContain("3 (0.075 % of 4000 draws)");
    expect(html).toContain("4 diagnostic warnings");
    expect(html).toContain("tree depth &lt;10&gt; hit");
    // Config flattened to dotted keys; math in row labels rendered as HTML.
    expect(html).toContain("sampler.seed");
    expect(html).toContain("0.8, 0.9");
    expect(html).not.toContain(">skip<");
    expect(html).toContain("<i>σ</i><sub>int</sub>");
    expect(html).toContain("run &lt;1&gt;");
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain("<script");
  });

  it("shows an all-clear notice when every check passes", () => {
    const html = renderRunReport({
      title: "ok",
      summary: goodSummary,
      diagnostics: { divergences: 0 },
    });
    expect(html).toContain('class="notice ok"');
    expect(html).not.toContain('warn"');
    expect(count(html, '<tr class="ok">')).toBe(4);
  });

  it("derives checks from the summary and accepts a columns/rows table", () => {
    const table = summaryTable(goodSummary);
    expect(table.columns).toEqual(["", "mean", "sd", "ess_bulk", "ess_tail", "r_hat"]);
    const checks = diagnosticChecks({}, table);
    expect(checks.map((c) => [c.name, c.value, c.ok])).toEqual([
      ["max R̂", "1.004", true],
      ["min bulk ESS", "800", true],
      ["min tail ESS", "910", true],
      ["divergent transitions", "n/a", undefined],
    ]);
    expect(diagnosticChecks({ rHatMax: 1.02 }, table, { rHat: 1.05 })[0].ok).toBe(true);
    expect(() => diagnosticChecks({}, table, { rHat: 0.9 })).toThrow(PlotError);
  });

  it("writes dir/index.html atomically with embedded plots and no leftovers", async () => {
    const out = join(dir, "run");
    const svg = plotHistogram([1, 2, 2, 3], { xLabel: "$x$" });
    const report = {
      title: "Run",
      summary: goodSummary,
      sections: [{ heading: "Plots", images: [{ svg, caption: "$\\mu$ histogram" }] }],
    };
    const path = await writeReport(out, report);
    expect(path).toBe(join(out, "index.html"));
    const html = await readFile(path, "utf8");
    expect(html).toBe(renderRunReport(report));
    expect(html).toContain("data:image/svg+xml;base64,");
    expect(html).toContain("<figcaption><i>μ</i> histogram</figcaption>");
    expect(await readdir(out)).toEqual(["index.html"]);
    // Rewriting replaces the old file in one step.
    await writeFile(path, "old");
    await writeReport(out, { ...report, title: "Run 2" });
    expect(await readFile(path, "utf8")).toContain("<h1>Run 2</h1>");
    expect(await readdir(out)).toEqual(["index.html"]);
  });
});
