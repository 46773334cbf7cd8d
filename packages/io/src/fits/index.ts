/**
 * Pure-TypeScript FITS reader (FITS standard 4.0): headers, primary/IMAGE arrays and
 * BINTABLE extensions, from paths or bytes, gzip-compressed or not.
 */
export {
  type FitsColumn,
  type FitsColumnArrays,
  type FitsColumnOf,
  type FitsDtype,
  type FitsTable,
  parseTform,
  type TformCode,
} from "./bintable.js";
export { asFloat64 } from "./convert.js";
export {
  FitsError,
  type FitsErrorCode,
  type FitsErrorInit,
  formatFitsErrorMessage,
  isFitsError,
} from "./errors.js";
export { hasGzipMagic } from "./gzip.js";
export { type HduKind, type HduLayout, scanHdus } from "./hdu.js";
export {
  CARD_LENGTH,
  FITS_BLOCK,
  type FitsCard,
  type FitsComplex,
  FitsHeader,
  type FitsHeaderValue,
  parseCard,
} from "./header.js";
export type { FitsImage } from "./image.js";
export {
  type BinTableHdu,
  type FitsFile,
  type FitsReadOptions,
  type FitsTableOptions,
  type Hdu,
  type ImageHdu,
  type OtherHdu,
  readFits,
  readFitsTable,
} from "./read.js";
