import h5wasm from "h5wasm/node";

/** The h5wasm namespace (classes `File`, `Group`, `Dataset`, ...). */
export type H5 = typeof h5wasm;

/**
 * Loads h5wasm (Node build, host filesystem through NODERAWFS) and waits for
 * its WebAssembly module to be ready. Safe to call repeatedly.
 */
export async function loadH5(): Promise<H5> {
  await h5wasm.ready;
  return h5wasm;
}

/**
 * Opens an HDF5 file, throwing when HDF5 could not open it: h5wasm does not
 * throw in that case but returns a file with a negative id (and HDF5 prints
 * its error stack on stderr).
 */
export function openH5File(h5: H5, path: string, mode: "r" | "w"): InstanceType<H5["File"]> {
  const file =
    mode === "w" ? new h5.File(path, "w", { track_order: true }) : new h5.File(path, "r");
  if (file.file_id < 0n) {
    throw new Error(`HDF5 could not open "${path}" (mode "${mode}")`);
  }
  return file;
}
