import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "parallax", include: ["test/**/*.test.ts"] },
});
