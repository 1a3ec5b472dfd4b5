/**
 * What a population will take, from one measured on PostgreSQL 15 (seed 1, as of 2026-11-15, 0.1 % dirt):
 * 20,000 customers gave 4,086,657 rows and 465.4 MB in the five schemas with their indexes (with billing's
 * write-offs, credit grades, monthly usage, offers and collection sites, the hall's work orders, surveys and offers
 * taken, the call centre's calls).
 * Rows and bytes grow with the customers, so the estimate is linear.
 */
const ROWS_PER_CUSTOMER = 204.3;
const BYTES_PER_CUSTOMER = 23_270;
/** Write-ahead log kept while loading (max_wal_size, 1 GB by default, on PGlite too), up to the data's own size. */
const WAL_BYTES = 1e9;
/** Within this share of the free space the run is told it may not fit; past it, it is refused. */
const TIGHT = 0.8;

export interface SizeEstimate {
  rows: number;
  bytes: number;
}

export function estimateSize(customers: number): SizeEstimate {
  return { rows: Math.round(customers * ROWS_PER_CUSTOMER), bytes: Math.round(customers * BYTES_PER_CUSTOMER) };
}

/** Room on the disk that holds the database's files. */
export interface DiskRoom {
  /** The directory measured: the PGlite data directory, or the local PostgreSQL's data_directory. */
  path: string;
  freeBytes: number;
  /** Taken by the schemas this run drops and writes again, free once it starts. */
  replacedBytes: number;
}

export type RoomVerdict = { fits: true; warning: string | null } | { fits: false; reason: string };

/** Whether `customers` evidently do not fit in `room`, and how many would. */
export function judgeRoom(customers: number, room: DiskRoom): RoomVerdict {
  const data = estimateSize(customers).bytes;
  const need = data + Math.min(data, WAL_BYTES);
  const available = room.freeBytes + room.replacedBytes;
  const has = `${room.path} has ${size(room.freeBytes)} free${room.replacedBytes > 0 ? ` and ${size(room.replacedBytes)} in the schemas this run replaces` : ""}`;
  if (need > available) {
    const dataRoom = available >= 2 * WAL_BYTES ? available - WAL_BYTES : available / 2;
    const fit = Math.floor(dataRoom / BYTES_PER_CUSTOMER);
    return {
      fits: false,
      reason: `${customers.toLocaleString("en")} customers need about ${size(need)} on the database's disk (data, indexes and write-ahead log), but ${has}; about ${fit.toLocaleString("en")} customers fit. Free some space or ask for fewer customers.`,
    };
  }
  return { fits: true, warning: need > available * TIGHT ? `that is close to all the room there is: ${has}, and indexes are sorted in temporary files while they are built` : null };
}

/** Bytes for people: "11.4 GB". */
export function size(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1e3)} kB`;
}
