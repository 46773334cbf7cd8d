/**
 * No axis label, title, legend entry or colour-bar label of any plot may contain a control
 * character: every plot rejects one with a PlotError that says what happened (the usual cause
 * is TeX in a plain string, where "\rm" is a carriage return and "$G_{\rm BP}$" renders as
 * "G m BP"), and no rendered plot's text holds one.
 */
import { describe, expect, it } from "vitest";
import {
  checkLabelText,
  PlotError,
  plotDensity1d,
  plotHistogram,
  plotImage,
  plotLines,
  plotPair,
  plotPredictive,
  plotScatterColored,
  plotSpectrum,
  plotTrace,
} from "../src/index.js";
import { makePosterior } from "./helpers.js";

const post = makePosterior(2, 50);
const xs = [0, 1, 2, 3];
const ys = [1, 3, 2, 4];

/** Every plot kind, with `label` as each of its texts (title, axes, legend, colour bar). */
const PLOTS: Readonly<Record<string, (label: string) => string>> = {
  plotTrace: (label) => plotTrace(post, { title: label }),
  plotPair: (label) => plotPair(post, { varNames: ["mu", "sigma"], title: label }),
  plotLines: (label) =>
    plotLines([{ x: xs, y: ys, label }], { title: label, xLabel: label, yLabel: label }),
  plotHistogram: (label) => plotHistogram(ys, { title: label, xLabel: label, yLabel: label }),
  plotDensity1d: (label) => plotDensity1d(ys, { title: label, xLabel: label }),
  plotScatterColored: (label) =>
    plotScatterColored({
      x: xs,
      y: ys,
      c: ys,
      xLabel: label,
      yLabel: label,
      colorLabel: label,
      title: label,
    }),
  plotImage: (label) =>
    plotImage({
      values: [1, 2, 3, 4],
      nx: 2,
      ny: 2,
      xLabel: label,
      colorLabel: label,
      title: label,
    }),
  plotSpectrum: (label) =>
    plotSpectrum({
      x: xs,
      y: ys,
      dataLabel: label,
      models: [{ y: ys, label }],
      xLabel: label,
      title: label,
    }),
  plotPredictive: (label) =>
    plotPredictive({
      x: xs,
      observed: ys,
      draws: [ys, ys],
      xLabel: label,
      yLabel: label,
      title: label,
    }),
};

/** The text content of the SVG's <text> and <tspan> elements. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<(text|tspan)\b[^>]*>([^<]*)/g)].map((m) => m[2]);
}

const hasControl = (t: string) =>
  [...t].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

describe("labels with control characters", () => {
  // the M67 colour–magnitude axis as it was written: "\r" of "\rm" is a carriage return
  const broken = "$G_{\rm BP} - G_{\rm RP}$ [mag]";
  const fixed = String.raw`$G_{\rm BP} - G_{\rm RP}$ [mag]`;

  it.each(Object.keys(PLOTS))("%s rejects them with a PlotError naming the character", (name) => {
    expect(() => PLOTS[name](broken)).toThrow(PlotError);
    expect(() => PLOTS[name](broken)).toThrow(/U\+000D carriage return/);
    expect(() => PLOTS[name]("tab\there")).toThrow(/U\+0009/);
  });

  it.each(Object.keys(PLOTS))("%s renders text without any control character", (name) => {
    const svg = PLOTS[name](fixed);
    const texts = svgTexts(svg);
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(hasControl(t), JSON.stringify(t)).toBe(false);
    expect(svg).toContain("BP"); // the math label made it into the figure
  });

  it("checkLabelText passes ordinary text, math and non-ASCII through", () => {
    expect(checkLabelText(fixed)).toBe(fixed);
    expect(checkLabelText("Colour–magnitude σ = 1 µas")).toBe("Colour–magnitude σ = 1 µas");
    expect(() => checkLabelText("a\u007fb")).toThrow(/U\+007F/);
  });
});
