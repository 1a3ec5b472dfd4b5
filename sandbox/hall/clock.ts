/** The hall keeps Beijing wall-clock time without a zone, whatever the server's own zone is: "YYYY-MM-DD HH:MM:SS". */
export function beijingNow(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}
