import { describe, expect, it } from "vitest";
import { FitsHeader, parseCard, readFits } from "../../src/fits/index.js";
import { card, concat, emptyPrimary, fit, longStringCards } from "./helpers/fitsWriter.js";

describe("parseCard (FITS 4.0 §4.1, §4.2)", () => {
  it("decodes logical, integer, real, string and complex values with comments", () => {
    expect(parseCard(card("SIMPLE", true, "standard"))).toEqual({
      keyword: "SIMPLE",
      value: true,
      comment: "standard",
    });
    expect(parseCard(card("EXTEND", false)).value).toBe(false);
    expect(parseCard(card("NAXIS1", 62, "width")).value).toBe(62);
    expect(parseCard(card("NEG", -17)).value).toBe(-17);
    expect(parseCard(fit("POS     =                  +17")).value).toBe(17);
    expect(parseCard(card("PI", 3.25)).value).toBe(3.25);
    expect(parseCard(fit("DEXP    =             1.5D+02 / Fortran exponent")).value).toBe(150);
    expect(parseCard(fit("EXP     =              -2.5E-3")).value).toBe(-0.0025);
    expect(parseCard(card("OBJECT", "M67", "target")).value).toBe("M67");
    expect(parseCard(card("QUOTE", "it's")).value).toBe("it's");
    expect(parseCard(fit("LEAD    = '  lead'")).value).toBe("  lead");
    expect(parseCard(fit("SLASH   = 'a/b' / real comment")).value).toBe("a/b");
    expect(parseCard(fit("SLASH   = 'a/b' / real comment")).comment).toBe("real comment");
    expect(parseCard(fit("EMPTY   = ''")).value).toBe("");
    expect(parseCard(fit("UNDEF   =                      / no value")).value).toBeNull();
    expect(parseCard(fit("CPLX    = (1.5, -2)")).value).toEqual({ re: 1.5, im: -2 });
  });

  it("keeps integers beyond 2^53 exactly as bigint", () => {
    expect(parseCard(card("TZERO1", 9223372036854775808n)).value).toBe(9223372036854775808n);
    expect(parseCard(card("BIG", -9007199254740993n)).value).toBe(-9007199254740993n);
    expect(parseCard(card("SAFE", 9007199254740991)).value).toBe(9007199254740991);
  });

  it("treats COMMENT, HISTORY and blank keywords as commentary", () => {
    expect(parseCard(fit("HISTORY   reduced with sidereal"))).toEqual({
      keyword: "HISTORY",
      value: undefined,
      comment: "  reduced with sidereal",
    });
    expect(parseCard(fit("COMMENT = not a value")).value).toBeUndefined();
    expect(parseCard(fit("        blank keyword")).keyword).toBe("");
  });

  it("reads HIERARCH keywords", () => {
    const c = parseCard(fit("HIERARCH ESO DET CHIP NAME = 'CCD-44' / chip"));
    expect(c).toEqual({ keyword: "ESO DET CHIP NAME", value: "CCD-44", comment: "chip" });
  });
});

describe("headers in a file", () => {
  it("folds CONTINUE long strings and exposes HISTORY/COMMENT", () => {
    const long =
      "This is a long string value that does not fit in one card and continues with CONTINUE cards, 'quoted' too.";
    const bytes = emptyPrimary([
      ...longStringCards("LONGSTR", long, 25),
      card("AFTER", 1),
      fit("HISTORY first step"),
      fit("HISTORY second step"),
      fit("COMMENT a comment"),
      card("AMP", "ends with &"),
    ]);
    const { hdus } = readFits(bytes);
    const header = hdus[0]!.header;
    expect(header).toBeInstanceOf(FitsHeader);
    expect(header.get("LONGSTR")).toBe(long);
    expect(header.get("longstr")).toBe(long);
    expect(header.get("AFTER")).toBe(1);
    expect(header.history).toEqual(["first step", "second step"]);
    expect(header.comments).toEqual(["a comment"]);
    // '&' with no CONTINUE card after it is an ordinary character.
    expect(header.get("AMP")).toBe("ends with &");
    expect(header.cards.some((c) => c.keyword === "CONTINUE")).toBe(false);
  });

  it("spans multiple 2880-byte header blocks (36 cards each)", () => {
    const many = Array.from({ length: 50 }, (_, i) => card(`KEY${i}`, i));
    const bytes = concat(emptyPrimary(many));
    expect(bytes.length).toBe(2 * 2880);
    const { hdus } = readFits(bytes);
    expect(hdus).toHaveLength(1);
    expect(hdus[0]!.dataOffset).toBe(5760);
    expect(hdus[0]!.header.get("KEY49")).toBe(49);
    expect(hdus[0]!.header.getNumber("KEY42")).toBe(42);
    expect(hdus[0]!.header.getString("KEY42")).toBeUndefined();
  });
});
