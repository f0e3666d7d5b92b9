// Limits of the contract that the UI enforces too (the search box's length), in a file
// with no dependency so the renderer can import them like call-names.ts.

/** The longest query the core accepts, in characters. Anything longer is almost surely a
 *  paste accident; the embedder would cut it anyway, so it is refused with a clear message. */
export const MAX_QUERY_CHARS = 2000;
