/**
 * Network management spells service numbers its own way. Canonical (billing/hall) vs network:
 * fixed "02512345678" ↔ "025-12345678" · mobile "13312345678" ↔ "8613312345678"
 * · broadband "AD02512345678" ↔ "ad02512345678" · leased line "ZX320100001234" unchanged.
 * Chinese area codes are 3 digits when they start 01/02 (Beijing, the 02x metropolises) and 4 otherwise,
 * which is what makes the dash position decidable.
 */

const AREA_CODE = "0(?:[12]\\d|[3-9]\\d{2})";
const FIXED = new RegExp(`^(${AREA_CODE})(\\d{8})$`);
const MOBILE = /^1\d{10}$/;
const BROADBAND = new RegExp(`^AD(${AREA_CODE}\\d{8})$`);
const LEASED = /^ZX\d{12}$/;

const NET_FIXED = new RegExp(`^(${AREA_CODE})-(\\d{8})$`);
const NET_MOBILE = /^86(1\d{10})$/;
const NET_BROADBAND = new RegExp(`^ad(${AREA_CODE}\\d{8})$`);

/** The network spelling of a canonical service number, or null when it fits no canonical format. */
export function toNetworkAccessNumber(serviceNo: string): string | null {
  const fixed = FIXED.exec(serviceNo);
  if (fixed) return `${fixed[1]}-${fixed[2]}`;
  if (MOBILE.test(serviceNo)) return `86${serviceNo}`;
  const broadband = BROADBAND.exec(serviceNo);
  if (broadband) return `ad${broadband[1]}`;
  if (LEASED.test(serviceNo)) return serviceNo;
  return null;
}

/** The canonical service number for a network access number, or null when it fits no network format. */
export function fromNetworkAccessNumber(accNum: string): string | null {
  const fixed = NET_FIXED.exec(accNum);
  if (fixed) return `${fixed[1]}${fixed[2]}`;
  const mobile = NET_MOBILE.exec(accNum);
  if (mobile) return mobile[1] ?? null;
  const broadband = NET_BROADBAND.exec(accNum);
  if (broadband) return `AD${broadband[1]}`;
  if (LEASED.test(accNum)) return accNum;
  return null;
}
