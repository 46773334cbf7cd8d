/**
 * @sidereal/runtime — the application layer every Sidereal app shares: `effect/cli` commands
 * with Schema-decoded `--config` files, one set of tagged errors and exit codes, staged output
 * folders with a manifest (`OutputDir`, `sidereal verify`), `Progress`, and the `WorkerPool`
 * service that runs chains in worker threads or in process. See the README for a complete app.
 */

export {
  type BinFailure,
  badInputProblems,
  checkBinFailure,
  commonBadInvocations,
  folderState,
  type Interrupted,
  interruptBin,
} from "./binCheck.js";
export {
  type AppCommandSpec,
  AppLayer,
  type AppServices,
  appCommand,
  cliRunner,
  type RunCliOptions,
  resolveCommandConfig,
  runCli,
  runMain,
} from "./cli.js";
export {
  type ColumnRules,
  checkColumn,
  checkNotEmpty,
  firstBadRow,
  readJsonColumns,
} from "./columns.js";
export {
  configBaseDir,
  decodeConfig,
  NonEmptyString,
  NonNegativeInt,
  type Origin,
  PositiveInt,
  readConfigFile,
  resolveConfigPaths,
  SamplingFields,
  Seed,
} from "./config.js";
export {
  attemptStage,
  ConfigError,
  DataError,
  exitCodeOf,
  RunError,
  reasonOf,
} from "./errors.js";
export { type AppFlag, Flags, standardFlags } from "./flags.js";
export {
  INFERENCE_DEFAULTS,
  type InferenceCommandSpec,
  type InferenceConfig,
  inferenceCommand,
} from "./inferenceCommand.js";
export * from "./jobs/index.js";
export { jsonLogger, type LogSink, loggerSink, messageText, textLogger } from "./logSink.js";
export {
  buildManifest,
  hashFile,
  listFiles,
  MANIFEST_FILE,
  type Manifest,
  type ManifestFile,
  type VerifyResult,
  verifyManifest,
} from "./manifest.js";
export {
  checkOutputLocation,
  cleanLeftovers,
  OutputDir,
  type OutputDirShape,
  type StagedDir,
  withOutputDir,
} from "./outputDir.js";
export {
  type Figure,
  guideDraws,
  type PosteriorDraws,
  type PotentialBlock,
  type PredictiveFigureInput,
  potentialResult,
  type RunOutputs,
  writeBytes,
  writeChunks,
  writeFigures,
  writeJson,
  writeRunOutputs,
  writeText,
  writeWith,
} from "./outputs.js";
export {
  buildPotential,
  type PotentialJob,
  type PotentialModel,
  type PotentialRef,
  type PotentialSettings,
  runPotentialChain,
} from "./potentialChain.js";
export {
  Progress,
  type ProgressEvent,
  type ProgressOptions,
  type ProgressShape,
  type ProgressStream,
} from "./progress.js";
export { packageVersions, RunInfo, type RunInfoShape, runInfoWith } from "./runInfo.js";
export {
  runTasks,
  type TaskFunction,
  type TaskJob,
  type TaskRef,
  type TaskReport,
} from "./taskPool.js";
export { verifyCli } from "./verify.js";
export { insideWorker, markWorker } from "./workerMarker.js";
export {
  type FaultInjection,
  type McmcFailure,
  type PotentialRun,
  type SamplingSettings,
  sampleModel,
  samplePotential,
  type TaskCrashInjection,
  WorkerPool,
  type WorkerPoolShape,
  workerCrashRetry,
} from "./workerPool.js";
