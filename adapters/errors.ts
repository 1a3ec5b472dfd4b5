/** The errors every port may raise: part of each port's contract, so subgraphs read them from here. */
export { isAdapterError, type AdapterError, type AdapterErrorCode } from "./kit/errors.js";
