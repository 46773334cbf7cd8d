// The README's example is this test's code: extracted from README.md and run by Node, as ESM
// and through require, against the built package (npm test builds first). It must leave a
// PNG, an SVG and the HTML report in out/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runReadmeExampleInRepo } from "../../../scripts/readme-example.mjs";

it("README example runs as ESM and through require and writes its three files", async () => {
  const run = await runReadmeExampleInRepo(fileURLToPath(new URL("..", import.meta.url)));
  expect(run.esm.code, run.esm.output).toBe(0);
  expect(run.cjs.code, run.cjs.output).toBe(0);
  const png = readFileSync(join(run.dir, "out/trace.png"));
  expect(Array.from(png.subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]); // PNG signature
  const svg = readFileSync(join(run.dir, "out/corner.svg"), "utf8");
  expect(svg.includes("<svg") && svg.trimEnd().endsWith("</svg>")).toBe(true);
  expect(readFileSync(join(run.dir, "out/index.html"), "utf8")).toContain("trace.png");
}, 60_000);
