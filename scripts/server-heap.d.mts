/** Types of scripts/server-heap.mjs (plain JavaScript: the server entry loads it before any bundle). */
export declare const SERVER_HEAP_MIB: number;
export declare const SERVER_NODE_OPTIONS: string[];
