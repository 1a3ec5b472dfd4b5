import { describe, expect, it } from "vitest";
import { loadScoringModel } from "../config.js";
import { assessCredit, type ManualCreditGrade } from "./credit.js";
import { ACCOUNT, bill, BROADBAND, makeFacts, MOBILE, monthlyBills, service } from "./fixtures.js";

const model = loadScoringModel();
const factor = (result: ReturnType<typeof assessCredit>, name: string) => {
  const found = result.factors.find((f) => f.name === name);
  if (!found) throw new Error(`no factor ${name}`);
  return found;
};

describe("credit", () => {
  it("puts a punctual bank-debit customer on the red list, factor by factor", () => {
    const credit = assessCredit(makeFacts(), model);
    expect(credit.factors.map((f) => [f.name, f.weight, f.value, f.contribution])).toEqual([
      ["customerKind", 0.1, 60, 6],
      ["paymentMethod", 0.1, 90, 9],
      ["productsHeld", 0.1, 45, 4.5],
      ["paymentTimeliness", 0.35, 100, 35],
      ["currentCharges", 0.15, 100, 15],
      ["stains", 0.2, 100, 20],
    ]);
    expect(credit.score).toBe(89.5);
    expect(credit.level).toBe("HIGH");
    expect(credit.list).toBe("RED");
    expect(factor(credit, "paymentTimeliness").reason).toBe("Of 11 bills due in the last 12 months: 11 paid on time; average 100.");
    expect(factor(credit, "currentCharges").reason).toBe("Charges of 2026-10 10,000 fen against a credit limit of 50,000 fen (20%): 100.");
  });

  it("scores each bill due in the last 12 months: on time, late by how much, or still unpaid", () => {
    const bills = monthlyBills(12).map((b) => {
      if (b.month === "2026-01") return { ...b, settlements: [{ on: "2026-03-07", amountFen: b.amountFen }] };
      if (b.month === "2026-09") return bill("2026-09", { paidFen: 0 });
      return b;
    });
    const credit = assessCredit(makeFacts({ billing: { bills } }), model);
    const timeliness = factor(credit, "paymentTimeliness");
    expect(timeliness.value).toBe(86.36);
    expect(timeliness.reason).toBe(
      "Of 11 bills due in the last 12 months: 9 paid on time, 1 paid late (up to 15 days), 1 still unpaid; average 86.36.",
    );
  });

  it("counts a bill settled only after the as-of date as unpaid then, and one settled on that date as paid late", () => {
    const paidOn = (date: string) =>
      monthlyBills(12).map((b) => (b.month === "2026-09" ? { ...b, settlements: [{ on: date, amountFen: b.amountFen }] } : b));
    const after = factor(assessCredit(makeFacts({ billing: { bills: paidOn("2026-11-16") } }), model), "paymentTimeliness");
    expect(after.value).toBe(90.91);
    expect(after.reason).toBe("Of 11 bills due in the last 12 months: 10 paid on time, 1 still unpaid; average 90.91.");
    const onAsOf = factor(assessCredit(makeFacts({ billing: { bills: paidOn("2026-11-15") } }), model), "paymentTimeliness");
    expect(onAsOf.value).toBe(95.45);
    expect(onAsOf.reason).toBe("Of 11 bills due in the last 12 months: 10 paid on time, 1 paid late (up to 26 days); average 95.45.");
  });

  it("dates a bill's settlement by the write-off that completed it, not by the first", () => {
    // Due 2026-10-20: most of it written off early, the last 100 fen 25 days late.
    const settlements = [
      { on: "2026-10-10", amountFen: 9_900 },
      { on: "2026-11-14", amountFen: 100 },
    ];
    const bills = monthlyBills(12).map((b) => (b.month === "2026-09" ? { ...b, settlements } : b));
    const timeliness = factor(assessCredit(makeFacts({ billing: { bills } }), model), "paymentTimeliness");
    expect(timeliness.value).toBe(95.45);
    expect(timeliness.reason).toBe("Of 11 bills due in the last 12 months: 10 paid on time, 1 paid late (up to 25 days); average 95.45.");
    // Judged the day before that last write-off, the bill was still owing.
    const before = factor(assessCredit(makeFacts({ asOf: "2026-11-13", billing: { bills } }), model), "paymentTimeliness");
    expect(before.reason).toBe("Of 11 bills due in the last 12 months: 10 paid on time, 1 still unpaid; average 90.91.");
  });

  it("counts a bill late when the write-off came after the due date, though money reached the account before it", () => {
    // The account was paid on 2026-10-15, before the 2026-10-20 due date; billing's write-off run settled the bill on 2026-10-23.
    const bills = monthlyBills(12).map((b) => (b.month === "2026-09" ? { ...b, settlements: [{ on: "2026-10-23", amountFen: b.amountFen }] } : b));
    const timeliness = factor(assessCredit(makeFacts({ billing: { bills } }), model), "paymentTimeliness");
    expect(timeliness.reason).toBe("Of 11 bills due in the last 12 months: 10 paid on time, 1 paid late (up to 3 days); average 98.18.");
  });

  it("counts money paid without a write-off record as paid on time, and the rest by its write-offs", () => {
    const bills = monthlyBills(12).map((b) => {
      if (b.month === "2026-09") return { ...b, settlements: [] }; // all 10,000 without a record
      // 6,000 without a record; the write-off of the other 4,000 came 5 days after the 2026-09-20 due date.
      if (b.month === "2026-08") return { ...b, settlements: [{ on: "2026-09-25", amountFen: 4_000 }] };
      return b;
    });
    const timeliness = factor(assessCredit(makeFacts({ billing: { bills } }), model), "paymentTimeliness");
    expect(timeliness.reason).toBe("Of 11 bills due in the last 12 months: 10 paid on time, 1 paid late (up to 5 days); average 98.18.");
  });

  it("ignores bills due more than 12 months ago and bills not yet due", () => {
    const bills = [bill("2026-10"), bill("2024-05", { paidFen: 0 })];
    const timeliness = factor(assessCredit(makeFacts({ billing: { bills } }), model), "paymentTimeliness");
    expect(timeliness.value).toBe(80);
    expect(timeliness.reason).toMatch(/^No bill fell due in the last 12 months/);
  });

  it("stays neutral on timeliness and charges without any bill", () => {
    const credit = assessCredit(makeFacts({ billing: { bills: [] } }), model);
    expect(factor(credit, "paymentTimeliness").value).toBe(80);
    expect(factor(credit, "currentCharges").value).toBe(80);
    expect(factor(credit, "currentCharges").reason).toBe("No bill yet: neutral 80.");
  });

  it("measures a prepaid account's charges against its balance", () => {
    const prepaid = (balanceFen: number) =>
      makeFacts({ billing: { accounts: [{ accountNo: ACCOUNT, paymentMethod: "PREPAID", creditLimitFen: 0, balanceFen, status: "ACTIVE" }] } });
    const short = assessCredit(prepaid(5_000), model);
    expect(factor(short, "paymentMethod").value).toBe(100);
    expect(factor(short, "currentCharges").value).toBe(0);
    expect(factor(short, "currentCharges").reason).toBe("Charges of 2026-10 10,000 fen against a prepaid balance of 5,000 fen (200%): 0.");
    expect(factor(assessCredit(prepaid(50_000), model), "currentCharges").value).toBe(100);
    expect(factor(assessCredit(prepaid(0), model), "currentCharges").reason).toBe(
      "Charges of 2026-10 10,000 fen against a prepaid balance of 0 fen: 0.",
    );
  });

  it("averages the payment methods of the accounts in force", () => {
    const accounts = [
      { accountNo: "88025000000009", paymentMethod: "CASH" as const, creditLimitFen: 50_000, balanceFen: 0, status: "ACTIVE" as const },
      { accountNo: ACCOUNT, paymentMethod: "BANK_DEBIT" as const, creditLimitFen: 50_000, balanceFen: 0, status: "ACTIVE" as const },
      { accountNo: "88025000000010", paymentMethod: "PREPAID" as const, creditLimitFen: 0, balanceFen: 0, status: "CLOSED" as const },
    ];
    const method = factor(assessCredit(makeFacts({ billing: { accounts } }), model), "paymentMethod");
    expect(method.value).toBe(77.5);
    expect(method.reason).toBe("2 accounts pay by BANK_DEBIT (90), CASH (65): average 77.5.");
  });

  it("blacklists a customer with an illegal-use suspension still in force, whatever the score", () => {
    const suspensions = [{ serviceNo: MOBILE, reason: "ILLEGAL_USE" as const, from: "2026-10-01", until: null }];
    const credit = assessCredit(makeFacts({ billing: { suspensions } }), model);
    expect(factor(credit, "stains").value).toBe(30);
    expect(credit.score).toBe(75.5);
    expect(credit.list).toBe("BLACK");
    expect(credit.listReason).toBe(`ILLEGAL_USE suspension of ${MOBILE} from 2026-10-01 (still active) puts the customer on the black list.`);
  });

  it("weighs older stains less and lets an old illegal use off the black list", () => {
    const suspensions = [
      { serviceNo: MOBILE, reason: "ILLEGAL_USE" as const, from: "2024-06-01", until: "2024-06-20" },
      { serviceNo: MOBILE, reason: "ARREARS_SINGLE" as const, from: "2026-09-01", until: "2026-09-10" },
      { serviceNo: MOBILE, reason: "ARREARS_SINGLE" as const, from: "2023-01-01", until: "2023-01-10" },
      { serviceNo: MOBILE, reason: "FACILITY_DAMAGE" as const, from: "2027-01-01", until: null },
    ];
    const credit = assessCredit(makeFacts({ billing: { suspensions } }), model);
    const stains = factor(credit, "stains");
    // 70 × 0.5 (two years old) + 15 × 1 (this year) + 15 × 0.2 (almost four years old); the future one does not count yet.
    expect(stains.value).toBe(47);
    expect(stains.reason).toBe("3 suspensions: ARREARS_SINGLE ×2 −18, ILLEGAL_USE ×1 −35; 100 − 53 = 47.");
    expect(credit.list).toBe("GREY");
  });

  it("blacklists a low score and keeps the middle grey", () => {
    const bad = makeFacts({
      billing: {
        accounts: [{ accountNo: ACCOUNT, paymentMethod: "CASH", creditLimitFen: 5_000, balanceFen: 0, status: "ACTIVE" }],
        bills: monthlyBills(12, () => 10_000, undefined, { paidFen: 0 }),
        services: [],
        suspensions: [
          { serviceNo: MOBILE, reason: "ARREARS_SINGLE", from: "2026-01-20", until: null },
          { serviceNo: MOBILE, reason: "ARREARS_DOUBLE", from: "2026-02-20", until: null },
        ],
      },
    });
    const credit = assessCredit(bad, model);
    expect(credit.score).toBe(24.5);
    expect(credit.level).toBe("VERY_LOW");
    expect(credit.list).toBe("BLACK");
    expect(credit.listReason).toBe("Score 24.5 is below 40.");
  });

  it("treats a post-paid account without a credit limit as over it once it is charged", () => {
    const accounts = [{ accountNo: ACCOUNT, paymentMethod: "CASH" as const, creditLimitFen: 0, balanceFen: 0, status: "ACTIVE" as const }];
    expect(factor(assessCredit(makeFacts({ billing: { accounts } }), model), "currentCharges").value).toBe(0);
    const nothingCharged = makeFacts({ billing: { accounts, bills: monthlyBills(12, () => 0) } });
    expect(factor(assessCredit(nothingCharged, model), "currentCharges").value).toBe(100);
  });
});

describe("credit set by hand in billing's credit control", () => {
  const grade = (overrides: Partial<ManualCreditGrade> = {}): ManualCreditGrade => ({
    level: "LOW",
    list: null,
    reason: "连续欠费，信控人工降级",
    setBy: "XK3201007",
    setOn: "2026-06-01",
    ...overrides,
  });

  it("is computed, with no black-list status, when nothing was set by hand", () => {
    const credit = assessCredit(makeFacts(), model);
    expect(credit).toMatchObject({ source: "COMPUTED", level: "HIGH", list: "RED", computedLevel: "HIGH", computedList: "RED", blackListStatus: null, manualHistory: [] });
  });

  it("takes the newest level set by hand, keeps the computed score and factors, and says who set it, when and why", () => {
    const computed = assessCredit(makeFacts(), model);
    const history = [grade({ level: "VERY_LOW", list: "GREY", setOn: "2026-09-01" }), grade({ level: "HIGH", setOn: "2025-01-01" })];
    const credit = assessCredit(makeFacts({ billing: { manualCredit: history } }), model);
    expect(credit).toMatchObject({ source: "MANUAL", level: "VERY_LOW", list: "GREY", computedLevel: "HIGH", computedList: "RED", blackListStatus: null });
    expect(credit.score).toBe(computed.score);
    expect(credit.factors).toEqual(computed.factors);
    expect(credit.manualHistory).toEqual(history);
    expect(credit.listReason).toBe(
      "Set by hand in billing's credit control on 2026-09-01 by XK3201007: VERY_LOW and the GREY list (连续欠费，信控人工降级). " +
        "Computed: HIGH, RED; Score 89.5 reaches 80.",
    );
  });

  it("puts a level set without a list on the list the level gives (credit.manual.listOfLevel)", () => {
    const listOf = (level: ManualCreditGrade["level"]) => assessCredit(makeFacts({ billing: { manualCredit: [grade({ level })] } }), model).list;
    expect([listOf("VERY_HIGH"), listOf("HIGH"), listOf("MEDIUM"), listOf("LOW"), listOf("VERY_LOW")]).toEqual(["RED", "RED", "GREY", "GREY", "BLACK"]);
    const reason = assessCredit(makeFacts({ billing: { manualCredit: [grade({ level: "MEDIUM" })] } }), model).listReason;
    expect(reason).toContain("MEDIUM and the GREY list following the level");
  });

  it("goes back to the computed level once the newest entry lifts the one set by hand", () => {
    const history = [grade({ level: null, list: null, reason: "欠费已结清，恢复系统评定", setOn: "2026-10-01" }), grade({ level: "VERY_LOW", list: "BLACK" })];
    const credit = assessCredit(makeFacts({ billing: { manualCredit: history } }), model);
    expect(credit).toMatchObject({ source: "COMPUTED", level: "HIGH", list: "RED", blackListStatus: null });
    expect(credit.manualHistory).toHaveLength(2);
  });

  it("ignores an entry set after the as-of date: not yet known then", () => {
    const history = [grade({ level: "VERY_LOW", list: "BLACK", setOn: "2026-11-16" }), grade({ level: "MEDIUM", setOn: "2026-11-15" })];
    const credit = assessCredit(makeFacts({ billing: { manualCredit: history } }), model);
    expect(credit).toMatchObject({ source: "MANUAL", level: "MEDIUM", list: "GREY" });
    expect(credit.manualHistory.map((g) => g.setOn)).toEqual(["2026-11-15"]);
  });

  it("tells a black-listed customer still in service from a former one, whether the list was set by hand or computed", () => {
    const black = [grade({ level: "VERY_LOW", list: "BLACK" })];
    expect(assessCredit(makeFacts({ billing: { manualCredit: black } }), model).blackListStatus).toBe("IN_SERVICE");
    const removed = [service(MOBILE, "MOBILE", { status: "REMOVED" }), service(BROADBAND, "BROADBAND", { status: "REMOVED" })];
    expect(assessCredit(makeFacts({ billing: { manualCredit: black, services: removed } }), model).blackListStatus).toBe("FORMER");
    const barred = [service(MOBILE, "MOBILE", { status: "BARRED", barring: "DOUBLE" }), service(BROADBAND, "BROADBAND", { status: "REMOVED" })];
    const illegal = [{ serviceNo: MOBILE, reason: "ILLEGAL_USE" as const, from: "2026-10-01", until: null }];
    const computed = assessCredit(makeFacts({ billing: { suspensions: illegal, services: barred } }), model);
    expect(computed).toMatchObject({ source: "COMPUTED", list: "BLACK", blackListStatus: "IN_SERVICE" });
    const grey = [grade({ level: "MEDIUM", list: "GREY" })];
    expect(assessCredit(makeFacts({ billing: { suspensions: illegal, services: barred, manualCredit: grey } }), model)).toMatchObject({
      list: "GREY",
      computedList: "BLACK",
      blackListStatus: null,
    });
  });
});
