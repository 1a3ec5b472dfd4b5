import { z } from "zod";
import { OFFER_CODE } from "../kit/canonical-ids.js";
import { customerId, date, localTime, name, numericId, orNone, read, serviceNo } from "./fields.js";
import type { CustomerOffer } from "./port.js";

/** One offer a line took (QueryUserOfferList's OfferInfo, tb_user_offer): it ends no earlier than it starts. */
const offerRecord = z
  .object({
    OfferInstId: numericId,
    CustNo: customerId,
    ServNo: serviceNo,
    OfferCode: z.string().regex(OFFER_CODE, "not an offer code"),
    AcceptTime: localTime,
    EffDate: date,
    ExpDate: orNone(date),
  })
  .superRefine((r, ctx) => {
    if (r.ExpDate !== null && r.ExpDate < r.EffDate) ctx.addIssue({ code: "custom", path: ["ExpDate"], message: "ends before it starts" });
  })
  .transform(
    (r): CustomerOffer => ({
      id: r.OfferInstId,
      customerId: r.CustNo,
      serviceNo: r.ServNo,
      offerCode: r.OfferCode,
      acceptedAt: r.AcceptTime,
      startDate: r.EffDate,
      endDate: r.ExpDate,
    }),
  );

export const readCustomerOffer = (raw: unknown) => read(offerRecord, raw, name("OfferInfo", raw, "OfferInstId"));
