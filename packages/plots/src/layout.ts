/** Panel grid layout: split a figure into rows × columns of plotting rectangles. */

/** An axis-aligned rectangle in pixels (y grows downwards). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Outer margins in pixels. */
export interface Margins {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** Specification for {@link gridLayout}. */
export interface GridSpec {
  readonly width: number;
  readonly height: number;
  readonly rows: number;
  readonly cols: number;
  readonly margin: Margins;
  /** Horizontal gap between columns; a single number or one per gap (`cols − 1`). */
  readonly gapX?: number | readonly number[];
  /** Vertical gap between rows; a single number or one per gap (`rows − 1`). */
  readonly gapY?: number | readonly number[];
  /** Relative column widths (default all equal). */
  readonly colWeights?: readonly number[];
  /** Relative row heights (default all equal). */
  readonly rowWeights?: readonly number[];
}

function gaps(g: number | readonly number[] | undefined, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(0, n - 1); i++) out.push(typeof g === "number" ? g : (g?.[i] ?? 0));
  return out;
}

function split(total: number, weights: readonly number[] | undefined, n: number): number[] {
  const w = weights && weights.length === n ? weights : new Array<number>(n).fill(1);
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((v) => (total * v) / sum);
}

/** Rectangles of a rows × cols grid inside the margins: `result[row][col]`. */
export function gridLayout(spec: GridSpec): Rect[][] {
  const { rows, cols, margin } = spec;
  if (!(rows >= 1 && cols >= 1)) throw new RangeError("gridLayout: rows and cols must be >= 1");
  const gx = gaps(spec.gapX, cols);
  const gy = gaps(spec.gapY, rows);
  const innerW = spec.width - margin.left - margin.right - gx.reduce((a, b) => a + b, 0);
  const innerH = spec.height - margin.top - margin.bottom - gy.reduce((a, b) => a + b, 0);
  if (!(innerW > 0 && innerH > 0))
    throw new RangeError("gridLayout: margins and gaps leave no room");
  const widths = split(innerW, spec.colWeights, cols);
  const heights = split(innerH, spec.rowWeights, rows);
  const out: Rect[][] = [];
  let y = margin.top;
  for (let r = 0; r < rows; r++) {
    const row: Rect[] = [];
    let x = margin.left;
    for (let c = 0; c < cols; c++) {
      row.push({ x, y, width: widths[c], height: heights[r] });
      x += widths[c] + (gx[c] ?? 0);
    }
    out.push(row);
    y += heights[r] + (gy[r] ?? 0);
  }
  return out;
}
