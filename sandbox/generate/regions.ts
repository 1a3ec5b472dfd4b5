/** Local networks (本地网) the sandbox serves: code = province (2 digits) + local network (2 digits). */
export interface Region {
  readonly code: string;
  readonly province: string;
  readonly city: string;
  /** Telephone area code, used in fixed-line and broadband numbers. */
  readonly areaCode: string;
  /** Relative share of customers. */
  readonly weight: number;
}

export const REGIONS: readonly Region[] = [
  { code: "3201", province: "江苏省", city: "南京市", areaCode: "025", weight: 14 },
  { code: "3202", province: "江苏省", city: "无锡市", areaCode: "0510", weight: 8 },
  { code: "3205", province: "江苏省", city: "苏州市", areaCode: "0512", weight: 12 },
  { code: "3206", province: "江苏省", city: "南通市", areaCode: "0513", weight: 6 },
  { code: "3301", province: "浙江省", city: "杭州市", areaCode: "0571", weight: 13 },
  { code: "3302", province: "浙江省", city: "宁波市", areaCode: "0574", weight: 8 },
  { code: "3303", province: "浙江省", city: "温州市", areaCode: "0577", weight: 6 },
  { code: "4401", province: "广东省", city: "广州市", areaCode: "020", weight: 15 },
  { code: "4403", province: "广东省", city: "深圳市", areaCode: "0755", weight: 12 },
  { code: "4406", province: "广东省", city: "佛山市", areaCode: "0757", weight: 6 },
];

export function regionName(region: Region): string {
  return region.province + region.city;
}
