import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, timelinePage, type ChannelTouches } from "./compose.js";
import { dunningTouches } from "./dunning.js";

const CHANNELS: ChannelTouches[] = [
  {
    channel: "HALL",
    touches: [
      { id: "TS1", kind: "COMPLAINT", at: "2026-11-02T09:00:00+08:00", summary: "complaint" },
      { id: "GD1", kind: "WORK_ORDER", at: "2026-10-30T10:15:00+08:00", summary: "work order" },
    ],
  },
  {
    channel: "CALL_CENTRE",
    touches: [
      { id: "7", kind: "CALL", at: "2026-11-02T09:00:00+08:00", summary: "call" },
      { id: "9", kind: "CALL", at: "2026-11-03T10:00:00+08:00", summary: "call" },
    ],
  },
  { channel: "FAULT_LINE", touches: [{ id: "GZ1", kind: "TROUBLE_TICKET", at: "2026-11-01T18:00:00.000+08:00", summary: "fault" }] },
  { channel: "DUNNING", touches: null },
  { channel: "KEY_ACCOUNT_VISIT", touches: [{ id: "40", kind: "VISIT", at: "2026-11-02T00:00:00+08:00", summary: "visit" }] },
];

const ids = (page: ReturnType<typeof timelinePage>) => page.touches.map((t) => `${t.channel}:${t.sourceId}`);

describe("timelinePage", () => {
  it("merges every readable channel newest first, ties by channel, and names the unread ones", () => {
    const page = timelinePage(CHANNELS, 10, null);
    expect(ids(page)).toEqual(["CALL_CENTRE:9", "HALL:TS1", "CALL_CENTRE:7", "KEY_ACCOUNT_VISIT:40", "FAULT_LINE:GZ1", "HALL:GD1"]);
    expect(page.touches[4]!.at).toBe("2026-11-01T18:00:00+08:00");
    expect(page.touches.map((t) => t.kind)).toEqual(["CALL", "COMPLAINT", "CALL", "VISIT", "TROUBLE_TICKET", "WORK_ORDER"]);
    expect(page).toMatchObject({ hasNextPage: false, unread: ["DUNNING"] });
  });

  it("pages by keyset: the page after a touch is the same when touches are added before it", () => {
    const first = timelinePage(CHANNELS, 2, null);
    expect(first.hasNextPage).toBe(true);
    const cursor = decodeCursor(first.endCursor!)!;
    expect(ids(timelinePage(CHANNELS, 10, cursor))).toEqual(["CALL_CENTRE:7", "KEY_ACCOUNT_VISIT:40", "FAULT_LINE:GZ1", "HALL:GD1"]);
    const newer = CHANNELS.map((c) => (c.channel === "CALL_CENTRE" ? { ...c, touches: [...c.touches!, { id: "10", kind: "CALL" as const, at: "2026-11-04T08:00:00+08:00", summary: "call" }] } : c));
    expect(ids(timelinePage(newer, 10, cursor))).toEqual(["CALL_CENTRE:7", "KEY_ACCOUNT_VISIT:40", "FAULT_LINE:GZ1", "HALL:GD1"]);
    expect(timelinePage(CHANNELS, 10, decodeCursor(encodeCursor({ ms: 0, channel: 0, id: "x" }))!)).toMatchObject({ touches: [], hasNextPage: false, endCursor: null });
  });

  it("reads only its own cursors", () => {
    for (const bad of ["", "abc", Buffer.from("[1,\"MAIL\",\"x\"]").toString("base64url"), Buffer.from("[1.5,\"HALL\",\"x\"]").toString("base64url")]) expect(decodeCursor(bad), bad).toBeNull();
  });
});

describe("dunningTouches", () => {
  it("makes each dunning record a touch at the start of its day, keyed by account, cycle and attempt", () => {
    expect(dunningTouches({ dunning: [{ accountNo: "88320100001230", month: "2026-10", method: "MANUAL", attempt: 2, date: "2026-11-05", result: "FAILED" }] })).toEqual([
      { id: "88320100001230/2026-10/2", kind: "DUNNING", at: "2026-11-05T00:00:00+08:00", summary: "Dunning for 2026-10, attempt 2 (manual): failed" },
    ]);
  });
});
