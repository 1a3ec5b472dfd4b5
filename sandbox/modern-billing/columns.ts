/**
 * The records as the service puts them on the wire: camelCase, ids and money as decimal text. Each is a select list
 * over its table's usual alias (a accounts, s services, b bills, p payments with cp collection_points, d dunning_actions,
 * x suspensions, g credit_grades); a service's columns read its links, in the schema given.
 */
export const ACCOUNT = `a.account_no AS "accountNo", a.id::text AS "serialNo", a.customer_id AS "customerId", a.name, a.payment_method AS "paymentMethod",
  a.bank_id AS "bankId", a.bank_account AS "bankAccount", a.credit_limit_fen::text AS "creditLimitFen", a.balance_fen::text AS "balanceFen",
  a.status, a.opened_on AS "openedOn"`;
export const service = (schema: string) => `s.service_no AS "serviceNo", s.customer_id AS "customerId", s.product, s.status, s.barring, s.started_on AS "startedOn",
  COALESCE((SELECT array_agg(DISTINCT l.account_no) FILTER (WHERE l.link_status = 'IN_FORCE') FROM ${schema}.account_services l WHERE l.service_id = s.id), '{}') AS "accountNos",
  COALESCE((SELECT array_agg(DISTINCT l.link_status) FILTER (WHERE l.link_status NOT IN ('IN_FORCE', 'ENDED')) FROM ${schema}.account_services l WHERE l.service_id = s.id), '{}') AS "unknownLinkStatuses"`;
export const BILL = `b.id::text AS "billNo", b.account_no AS "accountNo", b.month, b.amount_fen::text AS "amountFen", b.owed_fen::text AS "owedFen",
  b.due_date AS "dueDate", b.status`;
export const PAYMENT = `p.id::text AS "paymentId", p.account_no AS "accountNo", p.bill_id::text AS "billNo", p.amount_fen::text AS "amountFen",
  p.paid_on AS "paidOn", p.channel, p.place_code AS "placeCode",
  CASE WHEN cp.code IS NULL THEN NULL ELSE json_build_object('code', cp.code, 'name', cp.name, 'kind', cp.kind, 'localNetwork', cp.local_network, 'bankId', cp.bank_id) END AS place`;
export const DUNNING = `d.id::text AS "dunningId", d.account_no AS "accountNo", d.month, d.method, d.attempt, d.date, d.result`;
export const SUSPENSION = `x.id::text AS "suspensionId", x.service_no AS "serviceNo", x.reason, x.from_date AS "from", x.until_date AS "until"`;
export const GRADE = `g.id::text AS "gradeId", g.customer_id AS "customerId", g.level, g.list, g.reason, g.set_by AS "setBy", g.set_on AS "setOn"`;
