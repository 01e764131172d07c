/** The package version (kept equal to package.json by the conventions test). */
export const VERSION = '0.1.0';
