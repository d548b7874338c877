// How much of an experiment (or var) file the loader reads: files come from pull requests and are
// hostile until bounded (README "Limits"). Each limit is an error at the place that crosses it,
// raised before the work it guards (no stack overflow, no hang).

/**
 * The longest file read: 256 KiB of characters. Real experiments are a few KiB; the YAML parser
 * takes about a second per MiB, and loading must stay well within the second a signal waits.
 */
export const MAX_FILE_CHARS = 256 * 1024;

/** How deep mappings and lists may nest (aliases counted as they expand), in YAML and JSON alike. */
export const MAX_NESTING_DEPTH = 256;

/** The most values a YAML document may expand to, every alias and merge key counted as it expands. */
export const MAX_YAML_VALUES = 100_000;
