import type { InferenceTask, TaskOutcome } from './inference-task.js';

/** Where request attempts run: on the main thread or in the worker pool. */
export interface TaskExecutor {
  readonly kind: 'in-process' | 'pool' | 'auto';
  run(task: InferenceTask, signal: AbortSignal): Promise<TaskOutcome>;
  /** Cancels every running and queued task of a session (a statement ended or was aborted). */
  cancelSession(sessionId: string): void;
  close(): Promise<void>;
}
