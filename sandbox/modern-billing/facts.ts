import { ACCOUNT, BILL, DUNNING, GRADE, service, SUSPENSION } from "./columns.js";
import { monthBefore, type ModernBillingStore } from "./store.js";

type Row = Record<string, unknown>;

/** The billing cycles of each account the facts carry. */
const FACT_MONTHS = 12;

/**
 * The bills of the accounts the facts carry, each with the services its items charge and its settlements: without an
 * as-of date, each account's newest 12 cycles and older bills still owed; with one, the 12 cycles before its month and
 * older bills still owed on that date (owed now, or settled after it), nothing of a later cycle.
 */
function billsOf(store: ModernBillingStore, accountNos: string[], asOf: string | null): Promise<Row[]> {
  const s = store.s;
  return store.query(
    `SELECT ${BILL},
       COALESCE((SELECT array_agg(DISTINCT i.service_no) FROM ${s}.bill_items i WHERE i.bill_id = b.id), '{}') AS "serviceNos",
       COALESCE((SELECT json_agg(json_build_object('settlementId', w.id::text, 'on', w.settled_on, 'amountFen', w.amount_fen::text)
                 ORDER BY w.settled_on, w.id) FROM ${s}.settlements w WHERE w.bill_id = b.id), '[]') AS settlements
     FROM (SELECT x.*, dense_rank() OVER (PARTITION BY x.account_no ORDER BY x.month DESC) AS recency
           FROM ${s}.bills x WHERE x.account_no = ANY($1)) b
     WHERE CASE WHEN $2::text IS NULL THEN b.recency <= ${FACT_MONTHS} OR b.owed_fen IS NOT NULL
                ELSE b.month < $3::text AND (b.month >= $4::text OR b.owed_fen IS NOT NULL
                  OR EXISTS (SELECT 1 FROM ${s}.settlements w WHERE w.bill_id = b.id AND w.settled_on > $2::text)) END
     ORDER BY b.month DESC, b.account_no, b.id DESC`,
    [accountNos, asOf, asOf === null ? null : monthBefore(asOf, 0), asOf === null ? null : monthBefore(asOf, FACT_MONTHS)],
  );
}

function dunningOf(store: ModernBillingStore, accountNos: string[]): Promise<Row[]> {
  return store.query(
    `SELECT ${DUNNING} FROM ${store.s}.dunning_actions d WHERE d.account_no = ANY($1) ORDER BY d.date, d.account_no, d.month, d.attempt, d.id`,
    [accountNos],
  );
}

const by = (rows: Row[], field: string) => {
  const groups = new Map<unknown, Row[]>();
  for (const row of rows) groups.set(row[field], [...(groups.get(row[field]) ?? []), row]);
  return (key: unknown) => groups.get(key) ?? [];
};

/**
 * Everything the judgements need about each customer's billing, computed by the service in one request: its accounts,
 * their bills (with services and settlements) and dunning, its services and their suspensions, its credit grades set by
 * hand (with an as-of date, those set on or before it). Customers the service does not hold are left out.
 */
export async function customerFacts(store: ModernBillingStore, customerIds: string[], asOf: string | null): Promise<Row[]> {
  const s = store.s;
  const known = await store.query(`SELECT customer_id FROM ${s}.customers WHERE customer_id = ANY($1) ORDER BY customer_id`, [customerIds]);
  const accounts = await store.query(`SELECT ${ACCOUNT} FROM ${s}.accounts a WHERE a.customer_id = ANY($1) ORDER BY a.account_no`, [customerIds]);
  const accountNos = accounts.map((a) => a.accountNo as string);
  const [bills, dunning, services, suspensions, grades] = await Promise.all([
    billsOf(store, accountNos, asOf),
    dunningOf(store, accountNos),
    store.query(`SELECT ${service(s)} FROM ${s}.services s WHERE s.customer_id = ANY($1) ORDER BY s.service_no`, [customerIds]),
    store.query(
      `SELECT x.customer_id AS "customerId", ${SUSPENSION} FROM ${s}.suspensions x WHERE x.customer_id = ANY($1) ORDER BY x.from_date DESC, x.service_no, x.id DESC`,
      [customerIds],
    ),
    store.query(
      `SELECT ${GRADE} FROM ${s}.credit_grades g WHERE g.customer_id = ANY($1) AND ($2::text IS NULL OR g.set_on <= $2::text) ORDER BY g.set_on DESC, g.id DESC`,
      [customerIds, asOf],
    ),
  ]);
  const ownerOf = new Map(accounts.map((a) => [a.accountNo, a.customerId]));
  const ofCustomer = (rows: Row[]) => by(rows.map((row) => ({ ...row, owner: ownerOf.get(row.accountNo) })), "owner");
  const [billsOfCustomer, dunningOfCustomer] = [ofCustomer(bills), ofCustomer(dunning)];
  const strip = (rows: Row[]) => rows.map(({ owner: _, ...row }) => row);
  const [accountsOf, servicesOf, suspensionsOf, gradesOf] = [by(accounts, "customerId"), by(services, "customerId"), by(suspensions, "customerId"), by(grades, "customerId")];
  return known.map(({ customer_id: id }) => ({
    customerId: id,
    accounts: accountsOf(id),
    bills: strip(billsOfCustomer(id)),
    services: servicesOf(id),
    suspensions: suspensionsOf(id).map(({ customerId: _, ...row }) => row),
    dunning: strip(dunningOfCustomer(id)),
    creditGrades: gradesOf(id),
  }));
}

/**
 * The same facts of each account alone: the account, its bills, the services it pays for through links in force (a
 * link to a service the store does not hold is a record of nulls) and their suspensions, its dunning.
 */
export async function accountFacts(store: ModernBillingStore, accountNos: string[], asOf: string | null): Promise<Row[]> {
  const s = store.s;
  const accounts = await store.query(`SELECT ${ACCOUNT} FROM ${s}.accounts a WHERE a.account_no = ANY($1) ORDER BY a.account_no`, [accountNos]);
  const known = accounts.map((a) => a.accountNo as string);
  const links = `(SELECT DISTINCT l.account_no, l.service_id FROM ${s}.account_services l WHERE l.account_no = ANY($1) AND l.link_status = 'IN_FORCE')`;
  const [bills, dunning, services, suspensions] = await Promise.all([
    billsOf(store, known, asOf),
    dunningOf(store, known),
    store.query(
      `SELECT lk.account_no AS "payer", ${service(s)} FROM ${links} lk LEFT JOIN ${s}.services s ON s.id = lk.service_id
       ORDER BY lk.account_no, s.service_no`,
      [known],
    ),
    store.query(
      `SELECT lk.account_no AS "payer", ${SUSPENSION} FROM ${links} lk JOIN ${s}.services s ON s.id = lk.service_id
       JOIN ${s}.suspensions x ON x.service_no = s.service_no ORDER BY lk.account_no, x.from_date DESC, x.service_no, x.id DESC`,
      [known],
    ),
  ]);
  const payer = (rows: Row[]) => {
    const of = by(rows, "payer");
    return (key: unknown) => of(key).map(({ payer: _, ...row }) => row);
  };
  const [billsOfAccount, dunningOfAccount, servicesOf, suspensionsOf] = [by(bills, "accountNo"), by(dunning, "accountNo"), payer(services), payer(suspensions)];
  return accounts.map((account) => ({
    accountNo: account.accountNo,
    accounts: [account],
    bills: billsOfAccount(account.accountNo),
    services: servicesOf(account.accountNo),
    suspensions: suspensionsOf(account.accountNo),
    dunning: dunningOfAccount(account.accountNo),
  }));
}
