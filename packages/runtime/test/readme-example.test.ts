/**
 * The README's complete app (test/fixtures/line-fit.ts, shown verbatim in the README) run
 * through `runCli` as a user would: files, manifest, exit codes and one-line errors.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OutputDir, runCli, verifyManifest, WorkerPool } from "@sidereal/runtime";
import { Layer } from "effect";
import { describe, expect, it } from "vitest";
import { app } from "./fixtures/line-fit.js";
import { PACKAGE_JSON, sink, tempDir, writeLine } from "./helpers.js";

const layer = Layer.mergeAll(OutputDir.layer, WorkerPool.inProcess);

async function run(argv: string[]) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(app, argv, {
    packageJson: PACKAGE_JSON,
    program: "line-fit",
    layer,
    stdout,
    stderr,
  });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe("README example app", () => {
  it("is shown verbatim in the README", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const code = readFileSync(new URL("./fixtures/line-fit.ts", import.meta.url), "utf8");
    expect(readme).toContain(code.trim());
  });

  it("fits the line and writes a complete, verifiable output folder", async () => {
    const dir = tempDir();
    const data = writeLine(dir);
    const out = join(dir, "out");
    const r = await run([
      "fit",
      "--data",
      data,
      "--out",
      out,
      "--chains",
      "2",
      "--warmup",
      "200",
      "--draws",
      "200",
      "--quiet",
    ]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    for (const f of [
      "idata.nc",
      "summary.json",
      "summary.txt",
      "draws.csv",
      "index.html",
      "manifest.json",
      "plots/trace.svg",
      "plots/pair.png",
    ])
      expect(existsSync(join(out, f)), f).toBe(true);
    const s = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    const mean = (v: string) => s.data[s.index.indexOf(v)][s.columns.indexOf("mean")];
    // least squares on this data: slope 1.9595, intercept 1.2083 (σ ≈ 0.15, 0.65); the
    // posterior under N(0, 10) priors is within a few Monte Carlo errors of them
    expect(mean("m")).toBeCloseTo(1.96, 0);
    expect(Math.abs(mean("b") - 1.21)).toBeLessThan(0.5);
    expect(verifyManifest(out).ok).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.seed).toBe(1);
    expect(manifest.config.chains).toBe(2);
    expect(manifest.commandLine[0]).toBe("line-fit");
  });

  it("prints help for a bare command and exits 0", async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("fit");
  });

  it.each([
    // "expected" said once, not "(expected Expected an integer …)"
    [["fit", "--chains", "x"], /invalid value for --chains: "x" \(expected (?![Ee]xpected)\w/],
    [["fit", "--bogus"], /unknown flag --bogus/],
    [["fit", "extra"], /unexpected argument extra/],
    [["fit", "--chains", "-3"], /--chains: Expected a value greater than 0, got -3/],
    [["fit", "--out", ""], /--out: Expected a value with a length of at least 1, got ""/],
    [["fit", "--out", "/proc/sidereal-test"], /is under \/proc/],
  ])("rejects %j with exit 2 and one line", async (argv, message) => {
    const dir = tempDir();
    const r = await run([...argv, "--data", writeLine(dir)]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });

  it("names the bad row of a data column and creates no output folder", async () => {
    const dir = tempDir();
    const data = writeLine(dir, "bad.json", { yerr: [1, 1, 1, 0, 1, 1, 1, 1] });
    const out = join(dir, "out");
    const r = await run(["fit", "--data", data, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`line-fit: bad input ${data} (column yerr, row 3): value 0 must be > 0\n`);
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(data, "utf8")).toContain("yerr");
  });

  it("decodes --config (YAML), resolves its paths against its folder, names file and field", async () => {
    const dir = tempDir();
    writeLine(dir);
    writeFileSync(
      join(dir, "run.yaml"),
      "data: line.json\nout: result\nchains: 1\nwarmup: 100\ndraws: 100\n",
    );
    const ok = await run(["fit", "--config", join(dir, "run.yaml"), "--quiet"]);
    expect(ok.err).toBe("");
    expect(existsSync(join(dir, "result", "idata.nc"))).toBe(true);
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ data: "line.json", chains: "two" }));
    const bad = await run(["fit", "--config", join(dir, "bad.json")]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(`chains (in ${join(dir, "bad.json")}): Expected number, got "two"`);
    writeFileSync(join(dir, "unknown.json"), JSON.stringify({ data: "line.json", chainz: 2 }));
    const unknown = await run(["fit", "--config", join(dir, "unknown.json")]);
    expect(unknown.err).toContain("chainz (in");
    expect(unknown.err).toContain("unknown key");
  });
});
