import { defineProject } from "vitest/config";

// The reference cases run full 20000-point spectra: allow for a loaded machine.
export default defineProject({
  test: { name: "exo-rt", include: ["test/**/*.test.ts"], testTimeout: 120_000 },
});
