/** The PostgreSQL schema each simulated system stores its data in. A prefix isolates test runs. */
export interface SchemaNames {
  readonly billing: string;
  readonly hall: string;
  readonly network: string;
  readonly keyAccount: string;
  readonly callCentre: string;
}

export function schemaNames(prefix = ""): SchemaNames {
  if (!/^[a-z0-9_]*$/.test(prefix)) throw new Error(`schema prefix must match [a-z0-9_]*, got "${prefix}"`);
  return {
    billing: `${prefix}billing`,
    hall: `${prefix}boss`,
    network: `${prefix}nms`,
    keyAccount: `${prefix}dkh`,
    callCentre: `${prefix}cc`,
  };
}
