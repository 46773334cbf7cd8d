import { defineConfig } from "vitest/config";

/** `npm run validate`: the long accuracy runs, kept out of the test suite. */
export default defineConfig({
  test: { include: ["validate/**/*.validate.ts"], testTimeout: 600_000 },
});
