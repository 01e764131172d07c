/** This package's version, sent as `user-agent: lateral/<VERSION>`; kept equal to package.json. */
export const VERSION = '0.1.0';
