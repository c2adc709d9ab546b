/** A usage problem (bad flag, bad config, an output folder that would destroy something): one line, exit code 2. */
export class UsageError extends Error {}

/** A run that cannot go on for a reason the user can act on (no pages, output locked): one line, exit code 1. */
export class RunError extends Error {}
