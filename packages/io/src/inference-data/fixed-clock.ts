/**
 * A synchronous write under a fixed clock, for files whose bytes must depend on their content
 * alone.
 *
 * HDF5 stamps every object header with the time it was written (`H5Pset_obj_track_times`,
 * on by default), and h5wasm exposes no way to turn that off. Its Emscripten runtime reads the
 * clock through `Date.now()` at the moment of the call, so running the whole synchronous
 * write with `Date.now` fixed makes those stamps constant: the same InferenceData written
 * twice gives byte-identical files (which `manifest.json` hashes can then confirm).
 */
export function withFixedClock<T>(write: () => T, epochMs = 0): T {
  const now = Date.now;
  Date.now = () => epochMs;
  try {
    return write();
  } finally {
    Date.now = now;
  }
}
