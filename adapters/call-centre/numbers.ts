import { productOfServiceNo } from "../kit/canonical-ids.js";

/**
 * The call centre keeps the calling number as the switch presented it. Canonical vs call centre:
 * fixed "02512345678" ↔ "02512345678" (area code, no dash) · mobile "13312345678" ↔ "13312345678" or "8613312345678"
 * (the switch sometimes adds the country code) · broadband and leased lines never call, so have no spelling.
 */

/** Every spelling the centre may have stored a canonical service number's calls under; none for lines that cannot call. */
export function callCentreSpellings(serviceNo: string): string[] {
  switch (productOfServiceNo(serviceNo)) {
    case "FIXED_LINE":
      return [serviceNo];
    case "MOBILE":
      return [serviceNo, `86${serviceNo}`];
    default:
      return [];
  }
}

/** The canonical service number of a calling number as the centre spells it, or null when it is no fixed line or mobile. */
export function fromCallCentreNumber(callerNo: string): string | null {
  const candidate = /^861\d{10}$/.test(callerNo) ? callerNo.slice(2) : callerNo;
  const product = productOfServiceNo(candidate);
  return product === "FIXED_LINE" || product === "MOBILE" ? candidate : null;
}
