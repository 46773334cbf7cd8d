/** What a command reports back to the CLI. */
export interface CommandResult {
  /** Folders written. */
  readonly outDirs: readonly string[];
  /** Text printed on stdout at the end (summary tables, comparisons). */
  readonly text: string;
}
