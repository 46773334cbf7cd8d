import { describe, expect, it } from "vitest";
import { readFits } from "../../src/fits/index.js";
import { concat, emptyPrimary, imageHdu } from "./helpers/fitsWriter.js";

function primaryImage(hdu: Uint8Array) {
  const first = readFits(hdu).hdus[0]!;
  if (first.kind !== "image" || first.image === null) throw new Error("no image");
  return first.image;
}

describe("image HDUs (FITS 4.0 §4.4.1.1, §4.4.2.5, §5)", () => {
  it("returns null image data for NAXIS = 0", () => {
    const hdu = readFits(emptyPrimary()).hdus[0]!;
    expect(hdu.kind).toBe("image");
    expect(hdu.kind === "image" && hdu.image).toBeNull();
  });

  it("decodes BITPIX 8 with NAXISn shape (NAXIS1 fastest)", () => {
    const img = primaryImage(
      imageHdu({ bitpix: 8, shape: [3, 2], values: [0, 1, 2, 253, 254, 255] }),
    );
    expect(img.shape).toEqual([3, 2]);
    expect(img.bitpix).toBe(8);
    expect(Array.from(img.data)).toEqual([0, 1, 2, 253, 254, 255]);
  });

  it("applies BZERO/BSCALE and BLANK to BITPIX 16", () => {
    const img = primaryImage(
      imageHdu({ bitpix: 16, shape: [4], values: [-32768, -1, 0, 32767], bzero: 32768 }),
    );
    expect(Array.from(img.data)).toEqual([0, 32767, 32768, 65535]);
    const scaled = primaryImage(
      imageHdu({
        bitpix: 16,
        shape: [3],
        values: [10, -5, -999],
        bscale: 0.5,
        bzero: 100,
        blank: -999,
      }),
    );
    expect(Array.from(scaled.data)).toEqual([105, 97.5, Number.NaN]);
    expect(scaled.bscale).toBe(0.5);
    expect(scaled.bzero).toBe(100);
  });

  it("decodes BITPIX 32, 64, -32 and -64 (NaN preserved)", () => {
    expect(
      Array.from(primaryImage(imageHdu({ bitpix: 32, shape: [2], values: [-2147483648, 7] })).data),
    ).toEqual([-2147483648, 7]);
    expect(
      Array.from(
        primaryImage(imageHdu({ bitpix: 64, shape: [2], values: [-(2n ** 40n), 2n ** 52n] })).data,
      ),
    ).toEqual([-(2 ** 40), 2 ** 52]);
    const f32 = primaryImage(imageHdu({ bitpix: -32, shape: [3], values: [0.1, Number.NaN, -2] }));
    expect(f32.data[0]).toBe(Math.fround(0.1));
    expect(Number.isNaN(f32.data[1])).toBe(true);
    expect(f32.data[2]).toBe(-2);
    const f64 = primaryImage(
      imageHdu({ bitpix: -64, shape: [2, 2], values: [0.1, Number.NaN, 1e300, -0], blank: 0 }),
    );
    expect(Array.from(f64.data)).toEqual([0.1, Number.NaN, 1e300, -0]);
  });

  it("reads IMAGE extensions after the primary HDU", () => {
    const bytes = concat(
      emptyPrimary(),
      imageHdu({ bitpix: -32, shape: [2, 1], values: [1.5, 2.5], primary: false }),
    );
    const { hdus } = readFits(bytes);
    expect(hdus.map((h) => h.kind)).toEqual(["image", "image"]);
    const ext = hdus[1]!;
    expect(ext.xtension).toBe("IMAGE");
    expect(ext.kind === "image" && Array.from(ext.image?.data ?? [])).toEqual([1.5, 2.5]);
  });
});
