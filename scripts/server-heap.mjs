// @ts-check
/**
 * The app server's heap limit, given to Node.js on its command line (`npm start`, the end-to-end
 * tests, the benchmark; README, Production). Not for the limit itself: for how V8 grows a heap.
 * With a limit of 2 GB or more (Node's default on a machine with plenty of memory) V8 lets the
 * heap grow to four times what survived its last full collection before collecting again; below
 * that, to 1.3 to 2 times. A 100,000-row import holds about 160 MiB that survive, so the server
 * peaked at about 640 MiB of resident memory without this limit and at about 430 MiB with it
 * (docs/quality.md P5). 1024 MiB leaves room for the largest workbook an import reads whole
 * (lib/import/read.ts, MAX_WORKBOOK_UNPACKED_MB).
 */
export const SERVER_HEAP_MIB = 1024;

/** The Node.js options the server is started with. */
export const SERVER_NODE_OPTIONS = [`--max-old-space-size=${SERVER_HEAP_MIB}`];
