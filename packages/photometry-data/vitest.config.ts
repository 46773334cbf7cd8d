import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "photometry-data", include: ["test/**/*.test.ts"] },
});
