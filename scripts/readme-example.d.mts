// Types for readme-example.mjs, so package tests (strict TypeScript) can import it.
export interface NodeRun {
  readonly code: number | null;
  readonly output: string;
}
export function readmeExample(packageDir: string): { code: string; files: string[] };
export function toCommonJs(code: string): string;
export function writeExample(packageDir: string, dir: string): { esm: string; cjs: string };
export function runNode(file: string, node?: string): Promise<NodeRun>;
export function runReadmeExampleInRepo(
  packageDir: string,
): Promise<{ dir: string; esm: NodeRun; cjs: NodeRun }>;
