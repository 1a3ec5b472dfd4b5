import { productOfServiceNo, type ServiceProduct } from "../kit/canonical-ids.js";

/**
 * Network management spells service numbers its own way. Canonical (billing/hall) vs network:
 * fixed "02512345678" ↔ "025-12345678" · mobile "13312345678" ↔ "8613312345678"
 * · broadband "AD02512345678" ↔ "ad02512345678" · leased line "ZX320100001234" unchanged.
 * The canonical shapes are kit/canonical-ids' alone; only the spelling is decided here.
 */

/** The network spelling of a canonical service number, or null when it fits no canonical format. */
export function toNetworkAccessNumber(serviceNo: string): string | null {
  switch (productOfServiceNo(serviceNo)) {
    // A fixed line ends in 8 digits after its area code, so the dash goes 8 from the end.
    case "FIXED_LINE":
      return `${serviceNo.slice(0, -8)}-${serviceNo.slice(-8)}`;
    case "MOBILE":
      return `86${serviceNo}`;
    case "BROADBAND":
      return `ad${serviceNo.slice(2)}`;
    case "LEASED_LINE":
      return serviceNo;
    case null:
      return null;
  }
}

/** The canonical service number for a network access number, or null when it fits no network format. */
export function fromNetworkAccessNumber(accNum: string): string | null {
  const [product, candidate] = unspelled(accNum);
  // Undoing the spelling must give a canonical number of the very product that spelling is for.
  return productOfServiceNo(candidate) === product ? candidate : null;
}

function unspelled(accNum: string): [ServiceProduct, string] {
  if (/^\d{3,4}-\d{8}$/.test(accNum)) return ["FIXED_LINE", accNum.replace("-", "")];
  if (accNum.startsWith("86")) return ["MOBILE", accNum.slice(2)];
  if (accNum.startsWith("ad")) return ["BROADBAND", `AD${accNum.slice(2)}`];
  return ["LEASED_LINE", accNum];
}
