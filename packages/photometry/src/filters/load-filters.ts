/**
 * Filter sets from the bundled curves (`@sidereal/photometry-data`) or from user `.par` files:
 * a name that is a path (contains `/` or ends in `.par`) is read from disk, a bare stem from
 * the bundled library, so users add filters by pointing at their own sedpy-style files.
 */
import { FILTER_STEMS, filterFile } from "@sidereal/photometry-data";
import { Effect } from "effect";
import { DataFileError } from "../errors.js";
import { type Filter, loadFilter } from "./filter.js";
import { FILTER_SETS, type FilterSetName } from "./filter-sets.js";

const isPath = (s: string): boolean => s.includes("/") || s.includes("\\") || s.endsWith(".par");

/** Loads filters by bundled stem or `.par` path, in the given order. */
export const loadFilters = (names: readonly string[]): Effect.Effect<Filter[], DataFileError> =>
  Effect.forEach(names, (name) => {
    if (isPath(name)) return loadFilter(name);
    if (!(FILTER_STEMS as readonly string[]).includes(name))
      return Effect.fail(
        new DataFileError({
          file: `${name}.par`,
          reason: `no bundled filter "${name}" (give a path to a .par file)`,
        }),
      );
    return loadFilter(filterFile(name), name);
  });

/** Loads one of agnfinder's filter sets (DES, Euclid, Reliable, All). */
export const loadFilterSet = (set: FilterSetName): Effect.Effect<Filter[], DataFileError> =>
  loadFilters(FILTER_SETS[set]);
