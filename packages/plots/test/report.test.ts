import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderReportHtml, writeFileAtomic, writeReportHtml } from "../src/index.js";
import { assertWellFormed } from "./helpers.js";

const VOID = ["meta", "img", "br", "hr", "link"];

describe("report HTML", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "sidereal-plots-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const report = {
    title: `Run <1> & "friends"`,
    subtitle: "seed <42>",
    sections: [
      {
        heading: "Trace <plot>",
        text: "first & second\n\n<script>alert(1)</script>",
        images: [
          { src: 'trace.png?a=1&b="2"', caption: "chains <4>" },
          { src: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), caption: "embedded" },
        ],
      },
      {
        heading: "Summary",
        table: {
          columns: ["name <i>", "mean"],
          rows: [
            ["mu & nu", 1.234567],
            ["sigma", 2],
          ],
        },
      },
    ],
  };

  it("escapes every user string and stays well-formed", () => {
    const html = renderReportHtml(report);
    assertWellFormed(html.slice(html.indexOf("<html")), VOID);
    expect(html).toContain("Run &lt;1&gt; &amp; &quot;friends&quot;");
    expect(html).toContain("Trace &lt;plot&gt;");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain('src="trace.png?a=1&amp;b=&quot;2&quot;"');
    expect(html).toContain("chains &lt;4&gt;");
    expect(html).toContain("name &lt;i&gt;");
    expect(html).toContain("mu &amp; nu");
    expect(html).toContain('<td class="num">1.235</td>');
    expect(html).toContain("data:image/png;base64,iVBORw==");
    expect(html).not.toContain("http://");
    expect(html).not.toContain("https://");
  });

  it("writes atomically and leaves no temporary file", async () => {
    const path = join(dir, "out", "index.html");
    await writeReportHtml(path, report);
    expect(await readFile(path, "utf8")).toBe(renderReportHtml(report));
    expect(await readdir(join(dir, "out"))).toEqual(["index.html"]);
  });

  it("writeFileAtomic replaces existing files and cleans up on failure", async () => {
    const path = join(dir, "data.bin");
    await writeFile(path, "old");
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(path))]).toEqual([1, 2, 3]);
    // Renaming a file onto a non-empty directory fails; the temp file must be gone afterwards.
    const target = join(dir, "busy");
    await writeFileAtomic(join(target, "x"), "x");
    await expect(writeFileAtomic(target, "y")).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(["busy", "data.bin"]);
  });
});
