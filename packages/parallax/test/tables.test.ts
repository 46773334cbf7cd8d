import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Z5_TABLE, Z6_TABLE, type ZeroPointTable } from "../src/index.js";

interface JsonTable {
  columns: string[];
  j_colour_basis_index: number[];
  k_latitude_basis_index: number[];
  g_nodes: number[];
  q: number[][];
}

const json = JSON.parse(
  readFileSync(new URL("../data/zeropoint_L21.json", import.meta.url), "utf8"),
) as { z5: JsonTable; z6: JsonTable };

function same(t: ZeroPointTable, j: JsonTable): void {
  expect(t.columns).toEqual(j.columns);
  expect(t.colourBasis).toEqual(j.j_colour_basis_index);
  expect(t.latitudeBasis).toEqual(j.k_latitude_basis_index);
  expect(t.gNodes).toEqual(j.g_nodes);
  expect(t.q).toEqual(j.q);
}

describe("coefficient tables", () => {
  it("the TypeScript module equals data/zeropoint_L21.json (Z5, Table 9)", () =>
    same(Z5_TABLE, json.z5));
  it("the TypeScript module equals data/zeropoint_L21.json (Z6, Table 10)", () =>
    same(Z6_TABLE, json.z6));
  it("has the published shapes: 13 G nodes, 8 (Z5) and 7 (Z6) coefficients", () => {
    expect(Z5_TABLE.gNodes).toEqual([
      6, 10.8, 11.2, 11.8, 12.2, 12.9, 13.1, 15.9, 16.1, 17.5, 19, 20, 21,
    ]);
    expect(Z6_TABLE.gNodes).toEqual(Z5_TABLE.gNodes);
    for (const row of Z5_TABLE.q) expect(row).toHaveLength(8);
    for (const row of Z6_TABLE.q) expect(row).toHaveLength(7);
  });
});
