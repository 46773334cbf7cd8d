/**
 * SVG → PNG rasterisation through resvg (`@resvg/resvg-js`). resvg loads no fonts
 * unless asked; system fonts are loaded by default here and the SVG's family list
 * (DejaVu Sans, Lato, Helvetica, Arial, sans-serif) picks the first one installed.
 * On a machine without fonts, pass `fontFiles` or text will not be drawn.
 */
import { Resvg } from "@resvg/resvg-js";

/** Options for {@link toPng}. */
export interface PngOptions {
  /** Output width in pixels (height follows the aspect ratio). Takes precedence over `scale`. */
  readonly width?: number;
  /** Zoom factor relative to the SVG's size (default 1; 2 for high-DPI images). */
  readonly scale?: number;
  /** Background colour behind transparent areas (CSS colour). */
  readonly background?: string;
  /** Font files to load in addition to (or instead of) system fonts. */
  readonly fontFiles?: readonly string[];
  /** Load the system's fonts (default true). */
  readonly loadSystemFonts?: boolean;
  /** Family used when none of the SVG's families is available. */
  readonly defaultFontFamily?: string;
}

/** Rasterise an SVG document to PNG bytes. */
export function toPng(svg: string, opts: PngOptions = {}): Uint8Array {
  if (opts.width !== undefined && !(opts.width > 0))
    throw new RangeError("toPng: width must be > 0");
  if (opts.scale !== undefined && !(opts.scale > 0))
    throw new RangeError("toPng: scale must be > 0");
  const fitTo =
    opts.width !== undefined
      ? ({ mode: "width", value: Math.round(opts.width) } as const)
      : ({ mode: "zoom", value: opts.scale ?? 1 } as const);
  const resvg = new Resvg(svg, {
    fitTo,
    background: opts.background,
    font: {
      loadSystemFonts: opts.loadSystemFonts ?? true,
      fontFiles: opts.fontFiles ? [...opts.fontFiles] : undefined,
      defaultFontFamily: opts.defaultFontFamily,
      sansSerifFamily: opts.defaultFontFamily ?? "DejaVu Sans",
    },
    logLevel: "off",
  });
  const buf = resvg.render().asPng();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Width and height stored in a PNG's IHDR chunk; throws if `png` is not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || sig.some((b, i) => png[i] !== b)) throw new RangeError("not a PNG");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
