/** The errors every port may raise: part of each port's contract, so subgraphs read them from here. */
export { ADAPTER_ERROR_CODES, isAdapterError, type AdapterError, type AdapterErrorCode } from "./kit/errors.js";
/**
 * The convention of every port's batch reads: `Map<K, OrMalformed<V>>` (and `Map<K, OrMalformed<V[]>>` for
 * lists). A record that cannot be read is its own MALFORMED_RECORD error, naming it, at its key; the other
 * keys are served. A list with such an item is that item's error as a whole.
 */
export { orThrow, type OrMalformed } from "./kit/parse.js";
