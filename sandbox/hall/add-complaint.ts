import { RET_FIELDS, RET_OK, readFields, type HallStore, type Operation } from "./answer.js";
import { carrierWallClock } from "../generate/dates.js";
import { RequestFault, element } from "./xml.js";

const COMPLAINT_TYPES = new Set(["01", "02", "03", "04", "05"]);

/**
 * 受理投诉. The unique index on client_serial settles concurrent repeats: the loser inserts nothing and
 * answers with the winner's complaint, RepeatFlag Y, as every later repeat does.
 */
export const addComplaint: Operation = {
  name: "AddComplaint",
  documentation:
    "受理投诉. ClientSerial makes the call safe to repeat: a repeat answers the first ComplaintNo with RepeatFlag Y " +
    "(N when this call filed it); the same ClientSerial for a different complaint is fault E104.",
  request: [
    { name: "CustNo" },
    { name: "ServNo", optional: true },
    { name: "ComplaintType" },
    { name: "Content" },
    { name: "ClientSerial", optional: true },
  ],
  response: [...RET_FIELDS, { name: "ComplaintNo" }, { name: "AcceptTime" }, { name: "Status" }, { name: "RepeatFlag" }],
  async run(db, content) {
    const input = readComplaint(content);
    const repeated = await findBySerial(db, input);
    if (repeated) return RET_OK + filed(repeated, true);
    const s = db.schema;
    const { rows: checks } = await db.pool.query<{ known: boolean; owner: string | null }>(
      `SELECT EXISTS (SELECT 1 FROM ${s}.tb_cust WHERE cust_no = $1) AS known,
              (SELECT cust_no FROM ${s}.tb_user WHERE serv_no = $2) AS owner`,
      [input.custNo, input.servNo],
    );
    const check = checks[0];
    if (!check?.known) throw new RequestFault("Client", "E101", `customer ${input.custNo} does not exist`);
    if (input.servNo !== null && check.owner !== input.custNo) {
      throw new RequestFault("Client", "E102", `service number ${input.servNo} does not belong to customer ${input.custNo}`);
    }
    const now = carrierWallClock();
    const { rows } = await db.pool.query<Filed>(
      `INSERT INTO ${s}.tb_complaint (complaint_no, cust_no, serv_no, complaint_type, content, accept_time, status, client_serial)
       VALUES ('TS' || $1 || lpad(nextval('${s}.seq_complaint')::text, 10, '0'), $2, $3, $4, $5, $6, '0', $7)
       ON CONFLICT (client_serial) DO NOTHING RETURNING ${FILED_COLUMNS}`,
      [now.slice(0, 10).replaceAll("-", ""), input.custNo, input.servNo, input.type, input.content, now, input.serial],
    );
    if (rows[0]) return RET_OK + filed(rows[0], false);
    const winner = await findBySerial(db, input);
    if (!winner) throw new Error("complaint vanished after a conflicting insert");
    return RET_OK + filed(winner, true);
  },
};

interface ComplaintInput {
  custNo: string;
  servNo: string | null;
  type: string;
  content: string;
  serial: string | null;
}

function readComplaint(content: unknown): ComplaintInput {
  const fields = readFields(content);
  const input = {
    custNo: fields.text("CustNo", 12, true) as string,
    servNo: fields.text("ServNo", 20, false),
    type: fields.text("ComplaintType", 2, true) as string,
    content: fields.text("Content", 400, true) as string,
    serial: fields.text("ClientSerial", 64, false),
  };
  if (!COMPLAINT_TYPES.has(input.type)) throw new RequestFault("Client", "E103", `unknown ComplaintType ${input.type}`);
  return input;
}

interface Filed {
  ComplaintNo: string;
  AcceptTime: string;
  Status: string;
}

const FILED_COLUMNS = `complaint_no AS "ComplaintNo", to_char(accept_time, 'YYYY-MM-DD HH24:MI:SS') AS "AcceptTime", status AS "Status"`;

function filed(complaint: Filed, repeated: boolean): string {
  return (
    element("ComplaintNo", complaint.ComplaintNo) +
    element("AcceptTime", complaint.AcceptTime) +
    element("Status", complaint.Status) +
    element("RepeatFlag", repeated ? "Y" : "N")
  );
}

/** The complaint already filed under this ClientSerial, provided it is the same complaint. */
async function findBySerial(db: HallStore, input: ComplaintInput): Promise<Filed | null> {
  if (input.serial === null) return null;
  const { rows } = await db.pool.query<Filed & { cust_no: string; serv_no: string | null; complaint_type: string; content: string }>(
    `SELECT ${FILED_COLUMNS}, cust_no, serv_no, complaint_type, content FROM ${db.schema}.tb_complaint WHERE client_serial = $1`,
    [input.serial],
  );
  const first = rows[0];
  if (!first) return null;
  const same =
    first.cust_no === input.custNo && first.serv_no === input.servNo && first.complaint_type === input.type && first.content === input.content;
  if (!same) throw new RequestFault("Client", "E104", `ClientSerial ${input.serial} was already used for complaint ${first.ComplaintNo}`);
  return first;
}
