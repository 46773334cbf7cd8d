import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "photometry-cube", include: ["test/**/*.test.ts"], testTimeout: 120_000 },
});
