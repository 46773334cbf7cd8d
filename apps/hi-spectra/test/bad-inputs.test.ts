/**
 * Bad inputs through the real bin (a spawned `node bin/hi-spectra.js`): each exits 2 with one
 * line naming the file, field, index or value, creates no output folder and leaves an existing
 * one untouched. Inputs and priors are checked before any sampling.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkBinFailure, commonBadInvocations } from "@sidereal/runtime";
import { afterAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../bin/hi-spectra.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "hi-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, value: unknown) => {
  const f = join(dir, name);
  writeFileSync(f, typeof value === "string" ? value : JSON.stringify(value));
  return f;
};
const spectrum = (n = 5) => ({
  spectral: Array.from({ length: n }, (_, i) => i),
  brightness: Array.from({ length: n }, () => 0.5),
  noise: Array.from({ length: n }, () => 0.1),
});
const good = () => ({ emission: spectrum(), absorption: spectrum() });
const edited = (name: string, edit: (d: ReturnType<typeof good>) => void) => {
  const d = good();
  edit(d);
  return file(name, d);
};
const goodData = file("good.json", good());

const existing = join(dir, "existing");
mkdirSync(existing);
writeFileSync(join(existing, "marker.txt"), "earlier run\n");

const CASES: [string, string[], RegExp][] = [
  ["missing file", ["fit", "--data", join(dir, "nope.json")], /nope\.json.*(ENOENT|no such file)/],
  ["not JSON", ["fit", "--data", file("text.json", "{ emission:")], /text\.json/],
  ["JSON null", ["fit", "--data", file("null.json", "null")], /null\.json: expected a JSON object/],
  ["no --data", ["fit"], /data.*--data FILE is required/],
  [
    "absorption spectrum missing",
    ["fit", "--data", file("emission-only.json", { emission: spectrum() })],
    /emission-only\.json \(column absorption\): missing spectrum/,
  ],
  [
    "negative noise",
    ["fit", "--data", edited("neg-noise.json", (d) => (d.emission.noise[3] = -0.1))],
    /neg-noise\.json \(column emission\.noise, row 3\)/,
  ],
  [
    "NaN (null) brightness",
    [
      "fit",
      "--data",
      edited("nan.json", (d) => ((d.absorption.brightness as unknown[])[2] = null)),
    ],
    /nan\.json \(column absorption\.brightness/,
  ],
  [
    "unequal lengths",
    ["fit", "--data", edited("lengths.json", (d) => d.emission.brightness.pop())],
    /lengths\.json \(column emission/,
  ],
  [
    "non-monotonic axis",
    ["fit", "--data", edited("axis.json", (d) => (d.emission.spectral[2] = 10))],
    /axis\.json \(column emission\.spectral/,
  ],
  [
    "CSV without a noise column",
    [
      "fit",
      "--model",
      "emission",
      "--data",
      file("csv.json", { emission: file("e.csv", "velocity,brightness\n1,2\n2,3\n") }),
    ],
    /e\.csv \(column noise\): missing column/,
  ],
  [
    "CSV with a non-number",
    [
      "fit",
      "--model",
      "emission",
      "--data",
      file("csv2.json", {
        emission: file("e2.csv", "velocity,brightness,noise\n1,2,0.1\n2,x,0.1\n"),
      }),
    ],
    /e2\.csv \(column brightness, row 1\): value "x"/,
  ],
  [
    "bias: data without the simulation truths",
    ["bias", "--data", goodData],
    /good\.json \(column params\.velocity\): the bias study needs/,
  ],
  [
    "impossible prior: negative TB_fwhm scale",
    ["fit", "--data", goodData, "--config", file("p1.json", { priors: { prior_TB_fwhm: -1 } })],
    /^hi-spectra: invalid configuration: priors/,
  ],
  [
    "impossible prior: reversed velocity range",
    ["run", "--config", file("p2.yaml", "priors:\n  prior_velocity: [20, -20]\n")],
    /^hi-spectra: invalid configuration: priors/,
  ],
  [
    "unknown prior name",
    ["fit", "--data", goodData, "--config", file("p3.json", { priors: { prior_speed: 1 } })],
    /priors\.prior_speed: unknown prior argument/,
  ],
  ["--noise 2", ["simulate", "--noise", "2"], /noise/],
  ["zero clouds", ["fit", "--data", goodData, "--n-clouds", "0"], /nClouds|n-clouds/],
  ["unknown flag", ["run", "--chainz", "2"], /unknown flag --chainz/],
  [
    "config: unknown key",
    ["run", "--config", file("key.json", { chainz: 2 })],
    /chainz \(in .*key\.json\): unknown key/,
  ],
  [
    "config: wrong type",
    ["fit", "--data", goodData, "--config", file("type.json", { chains: "two" })],
    /chains \(in .*type\.json\): Expected number, got "two"/,
  ],
  [
    "config: negative count",
    ["fit", "--data", goodData, "--config", file("neg.json", { draws: -5 })],
    /draws \(in .*neg\.json\): Expected a value greater than 0, got -5/,
  ],
  // unknown flag, extra positional, empty --out, --out under a file and under /proc
  ...commonBadInvocations("fit", goodData).map(
    ([name, argv, message]): [string, string[], RegExp] => [
      name,
      [...argv, "--data", goodData],
      message,
    ],
  ),
];

describe("hi-spectra: bad inputs through the bin", () => {
  it.each(CASES)(
    "%s → exit 2, one line, nothing written",
    (_name, args, message) => {
      const argv = args.includes("--out") ? args : [...args, "--out", existing];
      const r = checkBinFailure(BIN, argv, [dir]);
      expect(r.stderrLines).toHaveLength(1);
      expect(r.code).toBe(2);
      expect(r.stderrLines[0]).toMatch(/^hi-spectra: /);
      expect(r.stderrLines[0]).toMatch(message);
      expect(r.changed).toEqual([]);
    },
    60_000,
  );
});
