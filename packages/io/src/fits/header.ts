/**
 * FITS header parsing: 80-character card images in 2880-byte blocks (FITS 4.0 §3.1,
 * §4.1), value types (§4.2), commentary cards (§4.4.2.4) and the long-string CONTINUE
 * convention (§4.2.1.2).
 */
import { FitsError } from "./errors.js";

/** Size in bytes of a FITS logical record (FITS 4.0 §3.1). */
export const FITS_BLOCK = 2880;
/** Size in bytes of one header card image (FITS 4.0 §4.1). */
export const CARD_LENGTH = 80;

/** A complex header value `(re, im)` (FITS 4.0 §4.2.5, §4.2.6). */
export interface FitsComplex {
  /** Real part. */
  re: number;
  /** Imaginary part. */
  im: number;
}

/**
 * A decoded header value (FITS 4.0 §4.2): logical → boolean, integer → number (or bigint
 * when outside ±(2^53−1), e.g. TZERO = 9223372036854775808), real → number, string →
 * string (trailing blanks removed, §4.2.1.1), complex → {@link FitsComplex}, and an
 * empty value field (§4.1.2.3 "undefined value") → null.
 */
export type FitsHeaderValue = boolean | number | bigint | string | FitsComplex | null;

/** One logical header card (a keyword with its CONTINUE cards folded in). */
export interface FitsCard {
  /** Keyword, upper-case, without trailing blanks (`""` for blank commentary cards). */
  keyword: string;
  /**
   * Value for value cards (`"= "` in columns 9–10, §4.1.2.2); `undefined` for commentary
   * cards (COMMENT, HISTORY, blank keyword, or any card without a value indicator).
   */
  value: FitsHeaderValue | undefined;
  /** Comment after the `/`, or the text of a commentary card; `""` when absent. */
  comment: string;
}

/** Parsed header of one HDU, with keyword lookup. */
export class FitsHeader {
  /** All cards in file order (CONTINUE cards merged into their parent, END excluded). */
  readonly cards: readonly FitsCard[];
  readonly #index = new Map<string, FitsCard>();

  constructor(cards: readonly FitsCard[]) {
    this.cards = cards;
    for (const card of cards) {
      if (card.value !== undefined && !this.#index.has(card.keyword)) {
        this.#index.set(card.keyword, card);
      }
    }
  }

  /** True when a value card with this keyword (case-insensitive) exists. */
  has(keyword: string): boolean {
    return this.#index.has(keyword.toUpperCase());
  }

  /** Value of the first card with this keyword (case-insensitive), or `undefined`. */
  get(keyword: string): FitsHeaderValue | undefined {
    return this.#index.get(keyword.toUpperCase())?.value;
  }

  /** String value of a keyword, or `undefined` when absent or not a string. */
  getString(keyword: string): string | undefined {
    const v = this.get(keyword);
    return typeof v === "string" ? v : undefined;
  }

  /** Numeric value (integer, real, or bigint converted), or `undefined` when not numeric. */
  getNumber(keyword: string): number | undefined {
    const v = this.get(keyword);
    if (typeof v === "number") return v;
    if (typeof v === "bigint") return Number(v);
    return undefined;
  }

  /** Comment of the first value card with this keyword, or `undefined`. */
  getComment(keyword: string): string | undefined {
    return this.#index.get(keyword.toUpperCase())?.comment;
  }

  /** Texts of all HISTORY cards, in order (FITS 4.0 §4.4.2.4). */
  get history(): string[] {
    return this.cards.filter((c) => c.keyword === "HISTORY").map((c) => c.comment);
  }

  /** Texts of all COMMENT cards, in order (FITS 4.0 §4.4.2.4). */
  get comments(): string[] {
    return this.cards.filter((c) => c.keyword === "COMMENT").map((c) => c.comment);
  }
}

/** Result of {@link parseHeader}: the header and where the HDU's data starts. */
export interface ParsedHeader {
  /** The parsed header. */
  header: FitsHeader;
  /** Byte offset of the first data byte: the header rounded up to whole 2880-byte blocks. */
  dataOffset: number;
}

/** Location used in error messages while parsing a header. */
export interface HeaderContext {
  /** File path or label. */
  file: string;
  /** HDU index (0 = primary). */
  hdu: number;
}

const latin1 = new TextDecoder("latin1");
const INTEGER = /^[+-]?\d+$/;
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[EeDd][+-]?\d+)?$/;
const COMPLEX = /^\(\s*([^,]+?)\s*,\s*([^)]+?)\s*\)$/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Parses the header starting at `offset` (which must be block-aligned) up to and
 * including the END card (FITS 4.0 §4.4.1), and returns the header and the offset of
 * the data that follows the last header block.
 *
 * Throws a {@link FitsError} `"truncated"` when the bytes end before the END card.
 */
export function parseHeader(bytes: Uint8Array, offset: number, ctx: HeaderContext): ParsedHeader {
  const texts: string[] = [];
  let pos = offset;
  let foundEnd = false;
  while (pos + CARD_LENGTH <= bytes.length) {
    const text = latin1.decode(bytes.subarray(pos, pos + CARD_LENGTH));
    pos += CARD_LENGTH;
    // END: keyword "END" followed by blanks in columns 4–80 (§4.4.1.1); only the keyword
    // field is checked, to tolerate writers that leave junk after it.
    if (text.startsWith("END     ")) {
      foundEnd = true;
      break;
    }
    texts.push(text);
  }
  if (!foundEnd) {
    throw new FitsError({
      code: "truncated",
      file: ctx.file,
      hdu: ctx.hdu,
      reason: `truncated header: no END card before end of file (file is ${bytes.length} bytes, header starts at byte ${offset})`,
    });
  }
  const headerLength = Math.ceil((pos - offset) / FITS_BLOCK) * FITS_BLOCK;
  return { header: new FitsHeader(foldCards(texts)), dataOffset: offset + headerLength };
}

/** Parses a single 80-character card image into a {@link FitsCard} (no CONTINUE folding). */
export function parseCard(text: string): FitsCard {
  const keyword = text.slice(0, 8).trimEnd().toUpperCase();
  // HIERARCH convention (registered FITS convention, not part of 4.0 proper): the real
  // keyword follows in free format up to "=". Supported for reading only.
  if (keyword === "HIERARCH") {
    const eq = text.indexOf("=", 8);
    if (eq > 0) {
      const { value, comment } = parseValueField(text.slice(eq + 1));
      return { keyword: text.slice(8, eq).trim().toUpperCase(), value, comment };
    }
  }
  // Commentary keywords (§4.4.2.4) never carry a value, even with "= " in columns 9–10.
  const commentary = keyword === "COMMENT" || keyword === "HISTORY" || keyword === "";
  if (commentary || text.slice(8, 10) !== "= ") {
    return { keyword, value: undefined, comment: text.slice(8).trimEnd() };
  }
  const { value, comment } = parseValueField(text.slice(10));
  return { keyword, value, comment };
}

/** Result of parsing the value/comment field (columns 11–80) of a card. */
interface ValueField {
  value: FitsHeaderValue;
  comment: string;
  /** Unescaped string content before trimming (strings only), for CONTINUE detection. */
  rawString?: string;
}

/**
 * Parses the value and comment field of a card (FITS 4.0 §4.1.2.3, §4.2). Unparseable
 * tokens are kept as their raw text, so that one odd optional keyword does not make a
 * whole file unreadable; mandatory keywords are type-checked by the HDU layout code.
 */
function parseValueField(field: string): ValueField {
  const start = field.search(/\S/);
  if (start < 0) return { value: null, comment: "" };
  if (field[start] === "'") {
    // Character string (§4.2.1.1): delimited by single quotes, '' is an escaped quote.
    let s = "";
    let i = start + 1;
    for (; i < field.length; i++) {
      const ch = field[i];
      if (ch === "'") {
        if (field[i + 1] === "'") {
          s += "'";
          i++;
        } else {
          break;
        }
      } else {
        s += ch;
      }
    }
    const rest = field.slice(i + 1);
    const slash = rest.indexOf("/");
    const comment = slash >= 0 ? rest.slice(slash + 1).trim() : "";
    return { value: s.trimEnd(), comment, rawString: s };
  }
  const slash = field.indexOf("/");
  const token = (slash >= 0 ? field.slice(0, slash) : field).trim();
  const comment = slash >= 0 ? field.slice(slash + 1).trim() : "";
  return { value: parseToken(token), comment };
}

/** Decodes a non-string value token (§4.2.2–§4.2.6). */
function parseToken(token: string): FitsHeaderValue {
  if (token === "") return null;
  if (token === "T") return true;
  if (token === "F") return false;
  if (INTEGER.test(token)) return parseInteger(token);
  if (REAL.test(token)) return Number(token.replace(/[Dd]/, "E"));
  const m = COMPLEX.exec(token);
  if (m) {
    const re = m[1]!;
    const im = m[2]!;
    if ((INTEGER.test(re) || REAL.test(re)) && (INTEGER.test(im) || REAL.test(im))) {
      return { re: Number(re.replace(/[Dd]/, "E")), im: Number(im.replace(/[Dd]/, "E")) };
    }
  }
  return token;
}

/** Integer (§4.2.3) as a number when exactly representable, otherwise as a bigint. */
function parseInteger(token: string): number | bigint {
  const big = BigInt(token.startsWith("+") ? token.slice(1) : token);
  return big <= MAX_SAFE && big >= -MAX_SAFE ? Number(big) : big;
}

/**
 * Parses card texts and folds long-string continuations (FITS 4.0 §4.2.1.2): a string
 * value whose last non-blank character is `&`, followed by CONTINUE cards whose
 * columns 11–80 hold a quoted string, forms one value with the `&`s removed.
 */
function foldCards(texts: readonly string[]): FitsCard[] {
  const cards: FitsCard[] = [];
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    const card = parseCard(text);
    if (card.keyword === "CONTINUE") {
      // A CONTINUE card with no preceding '&' string: keep it as commentary.
      cards.push(card);
      continue;
    }
    let raw = card.value !== undefined && typeof card.value === "string" ? rawStringOf(text) : "";
    if (raw === undefined || !raw.trimEnd().endsWith("&") || !isContinue(texts[i + 1])) {
      cards.push(card);
      continue;
    }
    let value = "";
    const comments = card.comment === "" ? [] : [card.comment];
    while (raw !== undefined) {
      const trimmed = raw.trimEnd();
      if (trimmed.endsWith("&") && isContinue(texts[i + 1])) {
        value += trimmed.slice(0, -1);
        i++;
        const next = parseValueField(texts[i]!.slice(10));
        if (next.comment !== "") comments.push(next.comment);
        raw = next.rawString;
        if (raw === undefined) break; // CONTINUE without a string: stop folding.
      } else {
        value += trimmed;
        break;
      }
    }
    cards.push({ keyword: card.keyword, value, comment: comments.join(" ") });
  }
  return cards;
}

/** Untrimmed string content of a string-valued card, or `undefined`. */
function rawStringOf(text: string): string | undefined {
  const keyword = text.slice(0, 8).trimEnd().toUpperCase();
  const field = keyword === "HIERARCH" ? text.slice(text.indexOf("=", 8) + 1) : text.slice(10);
  return parseValueField(field).rawString;
}

/** True when `text` is a CONTINUE card (keyword CONTINUE, blanks in columns 9–10). */
function isContinue(text: string | undefined): boolean {
  return text?.startsWith("CONTINUE") === true && text.slice(8, 10) !== "= ";
}
