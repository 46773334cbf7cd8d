/**
 * Bad invocations through the real bin (a spawned `node bin/exo-retrieval.js`): each exits 2
 * with one line naming the flag, field, file or value, and writes nothing (an existing output
 * folder stays untouched). They fail before the forward model is built, so they are fast.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { badInputProblems, checkBinFailure, commonBadInvocations } from "@sidereal/runtime";
import { afterAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../bin/exo-retrieval.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "exo-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const data = file(
  "spectrum.json",
  JSON.stringify({ nu: [4350, 4351], flux: [1, 1], noise: [0.1, 0.1] }),
);
const existing = join(dir, "existing");
mkdirSync(existing);
writeFileSync(join(existing, "marker.txt"), "earlier run\n");

const CASES: [string, string[], RegExp][] = [
  ["missing data file", ["nuts", "--data", join(dir, "nope.json")], /nope\.json.*ENOENT/],
  ["truncated data file", ["svi", "--data", file("cut.json", '{"nu": [4300, 43')], /cut\.json/],
  ["no --data", ["nuts"], /data: Missing key/],
  [
    "config: wrong type",
    ["nuts", "--data", data, "--config", file("type.json", '{ "chains": "two" }')],
    /chains \(in .*type\.json\): Expected number, got "two"/,
  ],
  [
    "config: unknown key",
    ["nuts", "--data", data, "--config", file("key.yaml", "chainz: 2\n")],
    /chainz \(in .*key\.yaml\): unknown key/,
  ],
  [
    "config: negative count",
    ["nuts", "--data", data, "--config", file("neg.json", '{ "draws": -5 }')],
    /draws \(in .*neg\.json\): Expected a value greater than 0, got -5/,
  ],
  [
    "--chains -1",
    ["nuts", "--data", data, "--chains", "-1"],
    /--chains: Expected a value greater than 0/,
  ],
  ...commonBadInvocations("nuts", data).map(([name, argv, message]): [string, string[], RegExp] => [
    name,
    [...argv, "--data", data],
    message,
  ]),
];

describe("exo-retrieval: bad inputs through the bin", () => {
  it.each(CASES)(
    "%s → exit 2, one line, nothing written",
    (_name, args, message) => {
      const argv = args.includes("--out") ? args : [...args, "--out", existing];
      const r = checkBinFailure(BIN, argv, [dir]);
      expect(badInputProblems(r, "exo-retrieval", message)).toEqual([]);
    },
    60_000,
  );
});
