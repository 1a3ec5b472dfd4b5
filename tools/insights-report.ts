import { parseArgs } from "node:util";
import { z } from "zod";
import { isCalendarDate } from "../adapters/kit/values.js";
import { sandboxEnv } from "../sandbox/cli/env.js";
import { openDatabase } from "../sandbox/db/connect.js";
import { generateSandbox } from "../sandbox/generate/generate.js";
import { setLogLevel } from "../schema/logging.js";
import { devSecurity, ephemeralSecrets } from "../stack/dev-secrets.js";
import { mintToken } from "../stack/dev-token.js";
import { startStack } from "../stack/start-stack.js";
import { OFFERS_QUERY, printOffers, type OfferNode } from "./offers-report.js";

const USAGE = `Usage: npm run insights:report -- [--customers N] [--seed S] [--as-of YYYY-MM-DD]

Generates a population (schemas prefixed "report_"), runs the whole graph over it and prints how the
computed judgements are distributed: credit lists (set by hand or computed, black list in service or
former, accounts' own), credit stains, value tiers, loyalty, satisfaction, churn risk, dunning stages,
potential key accounts, abnormal flags, relationship status, churn events (by kind, removal reason and
competitor), lines installed but little used, usage by call class, minutes and data volume per service-month,
prepayment balances, payments by place kind and where customers usually pay, calls to the call centre (per customer, by type and outcome) and the contact time line's
touches by channel and kind, and offers: held per customer, the most held, eligible customers per offer. Uses DATABASE_URL when set, an in-memory
PGlite otherwise.

  --customers N        population size (default 10000)
  --seed S             generator seed (default 1)
  --as-of YYYY-MM-DD   reference date for data and judgements (default 2026-11-15)`;

const argsSchema = z.object({
  customers: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  seed: z.coerce.number().int().min(0).max(0xffffffff).default(1),
  "as-of": z.string().refine(isCalendarDate, "must be a calendar date YYYY-MM-DD").default("2026-11-15"),
});

const PAGE = 200;
const QUERY = `query Report($after: String) {
  customers(first: ${PAGE}, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      kind
      credit { list level source blackListStatus }
      accounts { credit { list } }
      creditStains { kind }
      valueTier { tier }
      loyalty { level }
      satisfaction { level }
      churnRisk { level }
      arrears { totalFen dunningStage }
      potentialKeyAccount { potential }
      abnormal { flags { code } }
      relationshipStatus { status }
      churnEvents { kind removalReason competitor }
      littleUsedLines { serviceNo }
      subscriptions { status }
    } }
  }
}`;

/** Usage from billing, in smaller pages: a customer's 12 months of summaries cost far more than its judgements. */
const USAGE_PAGE = 20;
const USAGE_QUERY = `query ReportUsage($after: String) {
  customers(first: ${USAGE_PAGE}, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { prepaymentBalanceFen paymentPlaces { place { kind } } accounts { services { usage { callClass minutes volumeKb } } payments(first: 15) { channel place { kind } } } } }
  }
}`;

/** The call centre's calls and the contact time line: up to 200 of each per customer, so 100 customers fit the cost limit. */
const CONTACT_PAGE = 100;
const CONTACT_QUERY = `query ReportContacts($after: String) {
  customers(first: ${CONTACT_PAGE}, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { calls(first: 200) { type outcome } contactTimeline(first: 200) { hasNextPage touches { channel kind } } } }
  }
}`;

type ContactNode = { calls: { type: string; outcome: string }[]; contactTimeline: { hasNextPage: boolean; touches: { channel: string; kind: string }[] } };

type UsageNode = {
  prepaymentBalanceFen: number;
  paymentPlaces: { place: { kind: string } }[];
  accounts: { services: { usage: { callClass: string; minutes: number; volumeKb: number }[] }[]; payments: { channel: string; place: { kind: string } | null }[] }[];
};

type Node = {
  kind: string;
  credit: { list: string; level: string; source: string; blackListStatus: string | null };
  accounts: { credit: { list: string } }[];
  creditStains: { kind: string }[];
  valueTier: { tier: string };
  loyalty: { level: string };
  satisfaction: { level: string } | null;
  churnRisk: { level: string };
  arrears: { totalFen: number; dunningStage: string };
  potentialKeyAccount: { potential: boolean };
  abnormal: { flags: { code: string }[] };
  relationshipStatus: { status: string };
  churnEvents: { kind: string; removalReason: string | null; competitor: string | null }[];
  littleUsedLines: { serviceNo: string }[];
  subscriptions: { status: string }[];
};

async function main(): Promise<void> {
  // The report is the output: the graph's per-request log lines stay out of it unless LOG_LEVEL asks for them.
  if (process.env.LOG_LEVEL === undefined) setLogLevel("warn");
  const { values } = parseArgs({ options: { customers: { type: "string" }, seed: { type: "string" }, "as-of": { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) return console.log(USAGE);
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n") + `\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const args = parsed.data;
  const database = await openDatabase({ databaseUrl: sandboxEnv().DATABASE_URL });
  try {
    console.error(`generating ${args.customers.toLocaleString("en")} customers (seed ${args.seed}, as of ${args["as-of"]}) …`);
    // Clean data: the report is how judgements fall, and a dirty row costs its customer's judgements.
    await generateSandbox({ databaseUrl: database.url, customers: args.customers, seed: args.seed, asOf: args["as-of"], schemaPrefix: "report_", dirtyShare: 0 });
    const secrets = ephemeralSecrets();
    const stack = await startStack({
      security: devSecurity(secrets),
      databaseUrl: database.url,
      schemaPrefix: "report_",
      host: "127.0.0.1",
      supergraphPath: "schema/supergraph.graphql",
      asOf: args["as-of"],
      ports: { gateway: 0, profile: 0, billing: 0, network: 0, keyAccount: 0, insights: 0, hall: 0, networkSimulator: 0 },
      // The report reads the data as generated.
      writeOffEveryMs: 0,
    });
    try {
      const token = await mintToken(secrets.jwtSecret, { roles: ["hq-analyst"], region: "HQ", subject: "insights-report" });
      const nodes = await collect<Node>(stack.gateway.url, token, args.customers, QUERY);
      const usage = await collect<UsageNode>(stack.gateway.url, token, args.customers, USAGE_QUERY);
      const offers = await collect<OfferNode>(stack.gateway.url, token, args.customers, OFFERS_QUERY);
      const contacts = await collect<ContactNode>(stack.gateway.url, token, args.customers, CONTACT_QUERY);
      print(nodes, usage, args);
      printOffers(offers, args["as-of"]);
      printContacts(contacts);
    } finally {
      await stack.close();
    }
  } finally {
    await database.close();
  }
}

async function collect<N>(url: string, token: string, total: number, query: string): Promise<N[]> {
  const nodes: N[] = [];
  let after: string | null = null;
  for (;;) {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables: { after } }) });
    const body = (await response.json()) as { data?: { customers: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: N }[] } }; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new Error(`query failed: ${body.errors?.map((e) => e.message).join("; ")}`);
    nodes.push(...body.data.customers.edges.map((e) => e.node));
    console.error(`  read ${nodes.length.toLocaleString("en")}/${total.toLocaleString("en")}`);
    if (!body.data.customers.pageInfo.hasNextPage) return nodes;
    after = body.data.customers.pageInfo.endCursor;
  }
}

function print(nodes: Node[], usageNodes: UsageNode[], args: z.infer<typeof argsSchema>): void {
  const n = nodes.length;
  console.log(`# Judgements over ${n.toLocaleString("en")} generated customers (seed ${args.seed}, as of ${args["as-of"]})\n`);
  const table = countTable;
  table("credit list", nodes.map((x) => x.credit.list));
  table("value tier", nodes.map((x) => x.valueTier.tier));
  table("credit level", nodes.map((x) => x.credit.level));
  table("loyalty level", nodes.map((x) => x.loyalty.level));
  table("satisfaction level", nodes.map((x) => x.satisfaction?.level ?? "(no survey)"));
  table("churn risk level", nodes.map((x) => x.churnRisk.level));
  table("dunning stage", nodes.map((x) => x.arrears.dunningStage));
  table("credit list by kind", nodes.map((x) => `${x.kind} ${x.credit.list}`));
  table("credit level set by hand or computed", nodes.map((x) => x.credit.source));
  table("black list: still in service or former", nodes.filter((x) => x.credit.list === "BLACK").map((x) => x.credit.blackListStatus ?? "?"));
  table("account credit list", nodes.flatMap((x) => x.accounts.map((a) => a.credit.list)));
  table("credit stains by kind", nodes.flatMap((x) => x.creditStains.map((s) => s.kind)));
  table("potential key account", nodes.map((x) => (x.potentialKeyAccount.potential ? "yes" : "no")));
  table("abnormal flags", nodes.flatMap((x) => x.abnormal.flags.map((f) => f.code)));
  table("relationship status", nodes.map((x) => x.relationshipStatus.status));
  table("churn events by kind (all events)", nodes.flatMap((x) => x.churnEvents.map((e) => e.kind)));
  table("customers with a churn event, by kind", nodes.flatMap((x) => [...new Set(x.churnEvents.map((e) => e.kind))]));
  table("removals by reason", nodes.flatMap((x) => x.churnEvents.filter((e) => e.kind === "REMOVAL").map((e) => e.removalReason ?? "(none recorded)")));
  table("removals to a competitor, by competitor", nodes.flatMap((x) => x.churnEvents.filter((e) => e.competitor !== null).map((e) => e.competitor as string)));
  const lines = nodes.reduce((n, x) => n + x.subscriptions.filter((s) => s.status !== "REMOVED").length, 0);
  const littleUsed = nodes.reduce((n, x) => n + x.littleUsedLines.length, 0);
  console.log(`lines installed but little used: ${littleUsed} of ${lines} lines held (${((littleUsed / Math.max(1, lines)) * 100).toFixed(1)}%), at ${nodes.filter((x) => x.littleUsedLines.length > 0).length} customers\n`);
  // Usage as billing's rating summed it (SERV_USAGE_MONTH): one summary per service, cycle and call class.
  const usage = usageNodes.flatMap((x) => x.accounts.flatMap((a) => a.services.flatMap((s) => s.usage)));
  const bucket = (value: number, edges: readonly number[], unit: string) => {
    const upper = edges.find((e) => value < e);
    return upper === undefined ? `>= ${edges.at(-1)} ${unit}` : `< ${upper} ${unit}`;
  };
  table("usage summaries by call class (service-months)", usage.map((u) => u.callClass));
  table("local-call minutes per service-month", usage.filter((u) => u.callClass === "LOCAL").map((u) => bucket(u.minutes, [100, 300, 600, 1_000], "min")));
  table("data volume per service-month", usage.filter((u) => u.callClass === "DATA").map((u) => bucket(u.volumeKb / 1_048_576, [1, 5, 20, 100], "GB")));
  table("prepayment balance per customer", usageNodes.map((x) => bucket(x.prepaymentBalanceFen / 100, [1, 50, 200, 1_000], "yuan")));
  // Where payments were made (PAYMENT.SITE_ID): web payments and prepaid deductions have no place.
  const payments = usageNodes.flatMap((x) => x.accounts.flatMap((a) => a.payments));
  table("payments by place kind (the latest 15 per account)", payments.map((p) => p.place?.kind ?? `(no place: ${p.channel})`));
  table("where customers usually pay", usageNodes.map((x) => x.paymentPlaces[0]?.place.kind ?? "(no place in 12 months)"));
  const inArrears = nodes.filter((x) => x.arrears.totalFen > 0);
  console.log(`customers in arrears: ${inArrears.length} (${((inArrears.length / n) * 100).toFixed(1)}%), total ${(inArrears.reduce((s, x) => s + x.arrears.totalFen, 0) / 100).toLocaleString("en")} yuan`);
}

/** The call centre's export as the graph gives it (calls identified as the customer's or from its lines), and the time line's touches. */
function printContacts(nodes: ContactNode[]): void {
  const calls = nodes.flatMap((x) => x.calls);
  const perCustomer = (n: number) => (n === 0 ? "0" : n === 1 ? "1" : n <= 3 ? "2-3" : n <= 6 ? "4-6" : n <= 10 ? "7-10" : "more than 10");
  console.log(`\ncalls to the call centre: ${calls.length} over ${nodes.length} customers (${(calls.length / Math.max(1, nodes.length)).toFixed(2)} a customer)\n`);
  countTable("calls per customer", nodes.map((x) => perCustomer(x.calls.length)));
  countTable("calls by type (call_type)", calls.map((c) => c.type));
  countTable("calls by outcome (result_code)", calls.map((c) => c.outcome));
  countTable("calls by type and outcome", calls.map((c) => `${c.type} ${c.outcome}`));
  const touches = nodes.flatMap((x) => x.contactTimeline.touches);
  const cut = nodes.filter((x) => x.contactTimeline.hasNextPage).length;
  console.log(`contact time line: ${touches.length} touches, ${(touches.length / Math.max(1, nodes.length)).toFixed(1)} a customer${cut > 0 ? ` (${cut} customers have more than the 200 counted)` : ""}\n`);
  countTable("time-line touches by channel", touches.map((t) => t.channel));
  countTable("time-line touches by kind", touches.map((t) => `${t.channel} ${t.kind}`));
  countTable("customers by channels touched", nodes.map((x) => [...new Set(x.contactTimeline.touches.map((t) => t.channel))].sort().join(" + ") || "(none)"));
}

/** A distribution as a table: each value's count and share, most frequent first. */
function countTable(title: string, values: string[]): void {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  console.log(title);
  for (const [value, count] of [...counts].sort((a, b) => b[1] - a[1])) {
    const share = (count / values.length) * 100;
    console.log(`  ${value.padEnd(24)} ${String(count).padStart(8)}  ${share.toFixed(1).padStart(5)}%  ${"#".repeat(Math.round(share / 2))}`);
  }
  console.log("");
}

main().catch((error: unknown) => {
  console.error(`insights:report failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
