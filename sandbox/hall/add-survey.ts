import { RET_FIELDS, RET_OK, readFields, type HallStore, type Operation } from "./answer.js";
import { carrierWallClock } from "../generate/dates.js";
import { RequestFault, element } from "./xml.js";

const QUESTIONS = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9"] as const;
const OTHER_CARRIER = new Set(["Y", "N"]);

/**
 * 调查结果录入: a hundred-point survey (Scale 2), dated the day the hall records it. The unique index on
 * client_serial settles concurrent repeats, as AddComplaint's does: the loser inserts nothing and answers
 * with the winner's survey, RepeatFlag Y.
 */
export const addSurvey: Operation = {
  name: "AddSurvey",
  documentation:
    "调查结果录入: a customer's answers to the nine satisfaction questions Q1..Q9 on the hundred-point scale (0-100), and " +
    "OtherCarrier Y/N, dated today. ClientSerial makes the call safe to repeat: a repeat answers the first SurveyId with " +
    "RepeatFlag Y (N when this call recorded it); the same ClientSerial for different answers is fault E104.",
  request: [{ name: "CustNo" }, ...QUESTIONS.map((name) => ({ name })), { name: "OtherCarrier" }, { name: "ClientSerial", optional: true }],
  response: [...RET_FIELDS, { name: "SurveyId" }, { name: "SurveyDate" }, { name: "Scale" }, { name: "RepeatFlag" }],
  async run(db, content) {
    const input = readSurvey(content);
    const repeated = await findBySerial(db, input);
    if (repeated) return RET_OK + recorded(repeated, true);
    const s = db.schema;
    const { rows: known } = await db.pool.query(`SELECT 1 FROM ${s}.tb_cust WHERE cust_no = $1`, [input.custNo]);
    if (known.length === 0) throw new RequestFault("Client", "E101", `customer ${input.custNo} does not exist`);
    const { rows } = await db.pool.query<Recorded>(
      `INSERT INTO ${s}.tb_survey (survey_id, cust_no, survey_date, ${QUESTIONS.map((q) => q.toLowerCase()).join(", ")}, other_carrier, scale, client_serial)
       VALUES (nextval('${s}.seq_survey'), $1, $2::date, ${QUESTIONS.map((_, i) => `$${i + 3}`).join(", ")}, $12, '2', $13)
       ON CONFLICT (client_serial) DO NOTHING RETURNING ${RECORDED_COLUMNS}`,
      [input.custNo, carrierWallClock().slice(0, 10), ...input.answers, input.otherCarrier, input.serial],
    );
    if (rows[0]) return RET_OK + recorded(rows[0], false);
    const winner = await findBySerial(db, input);
    if (!winner) throw new Error("survey vanished after a conflicting insert");
    return RET_OK + recorded(winner, true);
  },
};

interface SurveyInput {
  custNo: string;
  answers: number[];
  otherCarrier: string;
  serial: string | null;
}

function readSurvey(content: unknown): SurveyInput {
  const fields = readFields(content);
  const custNo = fields.text("CustNo", 12, true) as string;
  const answers = QUESTIONS.map((q) => {
    const text = fields.text(q, 3, true) as string;
    if (!/^\d{1,3}$/.test(text) || Number(text) > 100) throw new RequestFault("Client", "E105", `${q} must be a whole number from 0 to 100`);
    return Number(text);
  });
  const otherCarrier = fields.text("OtherCarrier", 1, true) as string;
  if (!OTHER_CARRIER.has(otherCarrier)) throw new RequestFault("Client", "E001", "OtherCarrier must be Y or N");
  return { custNo, answers, otherCarrier, serial: fields.text("ClientSerial", 64, false) };
}

interface Recorded {
  SurveyId: string;
  SurveyDate: string;
  Scale: string;
}

const RECORDED_COLUMNS = `survey_id::text AS "SurveyId", to_char(survey_date, 'YYYY-MM-DD') AS "SurveyDate", scale AS "Scale"`;

function recorded(survey: Recorded, repeated: boolean): string {
  return element("SurveyId", survey.SurveyId) + element("SurveyDate", survey.SurveyDate) + element("Scale", survey.Scale) + element("RepeatFlag", repeated ? "Y" : "N");
}

/** The survey already recorded under this ClientSerial, provided it holds the same answers. */
async function findBySerial(db: HallStore, input: SurveyInput): Promise<Recorded | null> {
  if (input.serial === null) return null;
  const { rows } = await db.pool.query<Recorded & { cust_no: string; other_carrier: string; scale: string; answers: number[] }>(
    `SELECT ${RECORDED_COLUMNS}, cust_no, other_carrier, ARRAY[${QUESTIONS.map((q) => `${q.toLowerCase()}::int`).join(", ")}] AS answers
     FROM ${db.schema}.tb_survey WHERE client_serial = $1`,
    [input.serial],
  );
  const first = rows[0];
  if (!first) return null;
  const same =
    first.cust_no === input.custNo &&
    first.other_carrier === input.otherCarrier &&
    first.Scale === "2" &&
    first.answers.every((answer, i) => answer === input.answers[i]);
  if (!same) throw new RequestFault("Client", "E104", `ClientSerial ${input.serial} was already used for survey ${first.SurveyId}`);
  return first;
}
