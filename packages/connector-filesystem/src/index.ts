export { filesystemPlugin, filesystemPlugin as plugin } from './filesystem-plugin.js';
export { filesystemConnector } from './filesystem-connector.js';
export { filesystemOptions, validateFilesystemOptions, type FilesystemOptions } from './filesystem-options.js';
export { openCommitSink, type CommitSinkOptions, type CommitTarget } from './filesystem-commit-sink.js';
export { inProgressPath, removeDeadInProgressFiles } from './filesystem-inprogress-files.js';
export { VERSION } from './version.js';
