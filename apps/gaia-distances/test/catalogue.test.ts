import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asFloat64, readFitsTable } from "@sidereal/io";
import { singleStarDistance } from "@sidereal/parallax";
import { afterAll, describe, expect, it } from "vitest";
import { loadGaiaTable } from "../src/catalogue/table.js";
import { runCli } from "../src/cli.js";
import { BUNDLED_M67, M67_COLUMNS } from "../src/data.js";
import { writeFitsTable } from "./helpers/fits.js";

const dir = mkdtempSync(join(tmpdir(), "gaia-catalogue-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const io = () => {
  let out = "";
  let err = "";
  return {
    stdout: {
      write: (s: string) => {
        out += s;
        return true;
      },
    },
    stderr: {
      write: (s: string) => {
        err += s;
        return true;
      },
    },
    text: () => ({ out, err }),
  };
};

/** The first 600 rows of the bundled M67 table, every column as float64. */
const small = join(dir, "m67-600.fits");
{
  const t = readFitsTable(BUNDLED_M67, { columns: [...M67_COLUMNS] });
  // source_id (int64, beyond float64's exact range) becomes the row number
  writeFitsTable(
    small,
    Object.fromEntries(
      M67_COLUMNS.map((c) => [
        c,
        c === "source_id"
          ? Float64Array.from({ length: 600 }, (_, i) => i)
          : asFloat64(t.column(c)).slice(0, 600),
      ]),
    ),
  );
}

describe("gaia-distances catalogue", () => {
  it("M67 (600 rows): one line per star in input order, the quadrature's numbers, meta.json; cluster (SQLite) gives the same bytes", async () => {
    const a = join(dir, "local");
    const sio = io();
    expect(
      await runCli(["catalogue", "--data", small, "--out", a, "--shard-size", "250"], sio as never),
    ).toBe(0);
    const csv = readFileSync(join(a, "distances.csv"), "utf8").trimEnd().split("\n");
    expect(csv[0]).toBe("source_id,parallax_corrected,dist_median,dist_q16,dist_q84,dist_mode");
    const t = loadGaiaTable(small);
    expect(csv.length - 1).toBe(t.parallax.length);
    expect(JSON.parse(readFileSync(join(a, "meta.json"), "utf8"))).toMatchObject({
      prior: "EDSD",
      L_pc: 1350,
      zeroPoint: "L21",
    });
    // spot checks against the 20,000-point singleStarDistance (1e-4 of the width: the batch
    // solver's stated accuracy is ~1e-5)
    for (const i of [0, 17, 345, t.parallax.length - 1]) {
      const [id, w, med, q16, q84, mode] = csv[i + 1].split(",");
      expect(id).toBe(t.sourceId[i]);
      expect(Number(w)).toBe(t.parallax[i] - t.zeroPoint[i]);
      const ref = singleStarDistance(t.parallax[i], t.parallaxError[i], {
        L: 1350,
        zp: t.zeroPoint[i],
      });
      const width = ref.q84 - ref.q16;
      for (const [got, want] of [
        [med, ref.median],
        [q16, ref.q16],
        [q84, ref.q84],
        [mode, ref.mode],
      ] as const)
        expect(Math.abs(Number(got) - want) / width).toBeLessThan(1e-4);
    }
    const b = join(dir, "sqlite");
    const storage = `sqlite:${join(dir, "jobs.sqlite")}`;
    const code = await runCli(
      [
        "catalogue",
        "--data",
        small,
        "--out",
        b,
        "--runner",
        "cluster",
        "--storage",
        storage,
        "--shard-size",
        "400",
      ],
      io() as never,
    );
    expect(code).toBe(0);
    expect(readFileSync(join(b, "distances.csv"))).toEqual(readFileSync(join(a, "distances.csv")));
  }, 120_000);

  it("rejects --runner cluster without --storage, a bad storage URL and a table without parallax_error (exit 2)", async () => {
    const e1 = io();
    expect(
      await runCli(["catalogue", "--out", join(dir, "x"), "--runner", "cluster"], e1 as never),
    ).toBe(2);
    expect(e1.text().err).toMatch(/--storage/);
    const e2 = io();
    expect(
      await runCli(
        ["catalogue", "--out", join(dir, "y"), "--runner", "cluster", "--storage", "mysql://h/db"],
        e2 as never,
      ),
    ).toBe(2);
    expect(e2.text().err).toMatch(/--storage/);
    const f = join(dir, "noerr.fits");
    writeFitsTable(f, { source_id: [1, 2], parallax: [1, 2] });
    const e3 = io();
    expect(await runCli(["catalogue", "--data", f, "--out", join(dir, "z")], e3 as never)).toBe(2);
    expect(e3.text().err).toMatch(/parallax_error/);
  });
});
