import type { Product } from "../../adapters/billing/port.js";
import { graphqlEnum } from "../kit/enums.js";

/** Billing's products, as the billing subgraph names them (BillingProduct): the lines insights judges are billing's. */
export const ProductEnum = graphqlEnum(
  "BillingProduct",
  ["FIXED_LINE", "MOBILE", "BROADBAND", "LEASED_LINE"] satisfies Product[],
  "The kind of service as billing keeps it (SERV.PRODUCT_ID: 10 fixed line, 20 mobile, 30 broadband, 40 leased line).",
);
