/** Shared visual constants (fonts, sizes, neutral colours) for every plot. */
export const THEME = {
  /** Font stack written into the SVG; DejaVu Sans metrics drive the text-width estimate. */
  fontFamily: "DejaVu Sans, Lato, Helvetica, Arial, sans-serif",
  tickFontSize: 10,
  labelFontSize: 12,
  titleFontSize: 13,
  figureTitleFontSize: 15,
  tickLength: 4,
  axisColor: "#333333",
  textColor: "#222222",
  gridColor: "#e5e5e5",
  mutedColor: "#777777",
  background: "#ffffff",
  lineWidth: 1.3,
} as const;
