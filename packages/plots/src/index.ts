/**
 * @sidereal/plots — SVG and PNG plots of posteriors (trace, pair/corner, predictive,
 * spectra) and an HTML run report, built on a small deterministic SVG layer.
 */

export { writeFileAtomic } from "@sidereal/io";
export {
  type AxisOptions,
  type AxisTicks,
  axisTicks,
  defaultTickCount,
  leftAxisLabelWidth,
  renderAxis,
} from "./axis.js";
export {
  type ColorbarOptions,
  type ColorNorm,
  type ColorNormOptions,
  colorbarMark,
  makeColorNorm,
  normalizeColor,
} from "./colorbar.js";
export {
  type ColormapName,
  type ColormapSpec,
  colormapHex,
  colormapRgb,
  colormapStops,
} from "./colormap.js";
export { contourLines, contourMark } from "./contour.js";
export { minMaxDecimate } from "./decimate.js";
export {
  type Density1dOptions,
  type DensitySample,
  plotDensity1d,
  reflectedKde,
  type TrueDensity,
} from "./density1d.js";
export { PlotError, type PlotProblem } from "./errors.js";
export { escapeXml } from "./escape.js";
export {
  dataExtent,
  type FigureOptions,
  type FigureSpec,
  singlePanelFigure,
} from "./figure.js";
export {
  decimalsForStep,
  fmt,
  formatTick,
  formatWithUncertainty,
  typographicMinus,
} from "./format.js";
export {
  densityLevels,
  gaussianBlur,
  type Histogram2d,
  type Histogram2dOptions,
  histogram2d,
  SIGMA_MASSES_2D,
} from "./hist2d.js";
export {
  finiteExtent,
  type Histogram,
  type HistogramOptions,
  histogram,
} from "./histogram.js";
export { type HistogramPlotOptions, plotHistogram } from "./histogramPlot.js";
export { type ImageInput, type ImagePoints, plotImage } from "./imagePlot.js";
export { type Bandwidth, gaussianKde, type Kde, type KdeOptions, kdeBandwidth } from "./kde.js";
export { type GridSpec, gridLayout, type Margins, type Rect } from "./layout.js";
export { type LegendEntry, type LegendOptions, legendMark, legendSize } from "./legend.js";
export { type LineSeries, plotLines } from "./linesPlot.js";
export {
  bandMark,
  errorBarMark,
  type FillStyle,
  histMark,
  lineMark,
  type PointStyle,
  rugMark,
  ruleMark,
  type StepWhere,
  type StrokeStyle,
  scatterMark,
  stepMark,
} from "./marks.js";
export {
  type MathRun,
  type MathToken,
  parseLabel,
  runsHtml,
  runsMarkup,
  runsPlainText,
  runsWidthPx,
  scriptScale,
  tokenizeLabel,
} from "./mathtext.js";
export { PAIR_MAX_VARS, type PairOptions, plotPair } from "./pair.js";
export { DASHES, dashPattern, PALETTE, paletteColor } from "./palette.js";
export {
  clipToPanel,
  type FrameOptions,
  fitFontSize,
  makePanel,
  type Panel,
  type PanelDomains,
  panelFrame,
} from "./panel.js";
export { type PngOptions, pngSize, toPng } from "./png.js";
export { crc32, encodePngRgba, pngDataUri } from "./pngEncode.js";
export {
  type CombinedComponents,
  type Component,
  checkDivergent,
  combineComponents,
  componentLabel,
  type Posterior,
  type PosteriorDims,
  pooledDraws,
  posteriorDims,
  selectComponents,
  type VariableDraws,
} from "./posterior.js";
export {
  type PredictiveInput,
  type PredictiveSummary,
  plotPredictive,
  summarisePredictive,
} from "./predictive.js";
export { quantileSorted, quantiles, sortedFinite } from "./quantile.js";
export {
  type Report,
  type ReportImage,
  type ReportSection,
  type ReportTable,
  renderReportHtml,
  writeReportHtml,
} from "./report.js";
export {
  type ConfigValue,
  type DiagnosticCheck,
  type DiagnosticThresholds,
  diagnosticChecks,
  type RunDiagnostics,
  type RunReport,
  renderRunReport,
  type SummaryRecord,
  summaryTable,
  writeReport,
} from "./runReport.js";
export { linearScale, logScale, makeScale, type Scale, type ScaleType } from "./scale.js";
export { plotScatterColored, type ScatterColoredInput } from "./scatterColored.js";
export { plotSpectrum, type SpectrumInput, type SpectrumModel } from "./spectrum.js";
export { type Attrs, attrs, el, type SvgDocumentOptions, svgDocument } from "./svg.js";
export {
  checkLabelText,
  estimateTextWidth,
  labelHtml,
  labelMarkup,
  labelPlainText,
  labelWidth,
  supSubText,
  supSubWidth,
  type TextAnchor,
  type TextBaseline,
  type TextStyle,
  textMark,
} from "./text.js";
export { THEME } from "./theme.js";
export { logTicks, niceExtent, niceNumber, niceStep, niceTicks } from "./ticks.js";
export { plotTrace, TRACE_MAX_ROWS, type TraceOptions } from "./trace.js";
