import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "hi-spectra", include: ["test/**/*.test.ts"] },
});
