/**
 * The notebook runner: the only code that speaks the Jupyter wire protocol. Start here:
 * `executeNotebook(nb, opts)`; the rest is exported for tools that need a kernel directly.
 */
export { executeNotebook, ExecutionCancelledError } from './execute';
export type { ExecuteOptions, ExecuteResult, CellRun } from './execute';
export { findKernelSpec, listKernelSpecs, dataDirs, userDataDir, readKernelSpec, UnknownKernelError } from './kernelspec';
export type { KernelSpec } from './kernelspec';
export { Kernel, KernelStartError, describeExit } from './kernel';
export type { KernelStartOptions, KernelExit } from './kernel';
export { OutputRecorder, outputFromMessage } from './outputs';
export { runCell } from './run-cell';
export type { CellResult, CellOutcome } from './run-cell';
