/** Room a colour bar needs right of a panel, shared by the colour-coded plots. */
import { leftAxisLabelWidth } from "./axis.js";
import type { ColorNorm } from "./colorbar.js";
import { makeScale } from "./scale.js";
import { THEME } from "./theme.js";

/** Gap between panel and colour bar, and the bar's width, in pixels. */
export const COLORBAR_GAP = 14;
export const COLORBAR_WIDTH = 14;

/** Pixels right of the panel needed for a colour bar of `height` px under `norm` (ticks, labels, title). */
export function colorbarRoom(norm: ColorNorm, height: number, label: string | undefined): number {
  const scale = makeScale(norm.type, [norm.vmin, norm.vmax], [height, 0]);
  const ticks = scale.ticks(Math.max(2, Math.round(height / 45)));
  const w = leftAxisLabelWidth(ticks.map(scale.tickFormat(ticks)));
  return (
    COLORBAR_GAP +
    COLORBAR_WIDTH +
    THEME.tickLength +
    3 +
    w +
    (label !== undefined ? 9 + THEME.labelFontSize + 4 : 0)
  );
}
