import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dataDir, FILTER_STEMS, filterFile, simulationFiles, templateFiles } from "../src/index.js";

describe("photometry-data paths", () => {
  it("lists exactly the shipped filter curves", () => {
    const shipped = readdirSync(`${dataDir}filters`)
      .filter((f) => f.endsWith(".par"))
      .map((f) => f.slice(0, -4))
      .sort();
    expect(shipped).toEqual([...FILTER_STEMS].sort());
    for (const s of FILTER_STEMS) expect(existsSync(filterFile(s))).toBe(true);
  });
  it("points at existing templates, simulations and the data README", () => {
    for (const p of [...Object.values(templateFiles), ...Object.values(simulationFiles)])
      expect(existsSync(p)).toBe(true);
    expect(existsSync(`${dataDir}README.md`)).toBe(true);
  });
});
