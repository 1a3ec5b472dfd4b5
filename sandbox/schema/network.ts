/**
 * Network management (网管). Only its REST service is the interface; these tables are its private store.
 * It keys everything by its own spelling of the access number (acc_num):
 * fixed "025-12345678" (area code, dash), mobile "86" + 11 digits, broadband lower-case "ad02500001234",
 * leased line as billing spells it ("ZX…").
 *
 * Codes: line_state 1 up · 2 down · 3 degraded · 9 out of service (removed); severity 1 critical · 2 major · 3 minor;
 * ticket_state 10 open · 20 dispatched · 30 repaired · 40 closed; fault_type NO_DIAL_TONE · NOISE · SLOW_SPEED ·
 * LINK_DOWN · NO_SIGNAL · PACKET_LOSS; alarm_code as the equipment reports it (LOS, LOF, AIS, HIGH_BER, PORT_DOWN, ONU_OFFLINE).
 */
export function networkTables(s: string): string {
  return `
CREATE TABLE ${s}.line (acc_num VARCHAR(24) NOT NULL, line_state SMALLINT NOT NULL, exchange_code VARCHAR(12) NOT NULL,
  port_name VARCHAR(32) NOT NULL, last_change TIMESTAMPTZ NOT NULL);
CREATE TABLE ${s}.alarm (alarm_id BIGINT NOT NULL, acc_num VARCHAR(24) NOT NULL, alarm_code VARCHAR(12) NOT NULL,
  severity SMALLINT NOT NULL, raised_at TIMESTAMPTZ NOT NULL, cleared_at TIMESTAMPTZ);
CREATE TABLE ${s}.ticket (ticket_no VARCHAR(20) NOT NULL, acc_num VARCHAR(24) NOT NULL, fault_type VARCHAR(12) NOT NULL,
  description VARCHAR(400) NOT NULL, ticket_state SMALLINT NOT NULL, opened_at TIMESTAMPTZ NOT NULL,
  closed_at TIMESTAMPTZ, ext_ref VARCHAR(64));
`;
}

export function networkIndexes(s: string): string {
  return `
ALTER TABLE ${s}.line ADD PRIMARY KEY (acc_num);
ALTER TABLE ${s}.alarm ADD PRIMARY KEY (alarm_id);
CREATE INDEX ON ${s}.alarm (acc_num);
ALTER TABLE ${s}.ticket ADD PRIMARY KEY (ticket_no);
CREATE INDEX ON ${s}.ticket (acc_num);
CREATE UNIQUE INDEX ON ${s}.ticket (ext_ref);
CREATE SEQUENCE ${s}.seq_ticket;
`;
}
