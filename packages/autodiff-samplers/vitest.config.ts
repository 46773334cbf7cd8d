import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "autodiff-samplers", include: ["test/**/*.test.ts"] },
});
