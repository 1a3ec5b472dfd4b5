import { compactDate, dayInMonth, monthOf } from "./dates.js";
import type { KindCode, ProductCode, World } from "./plan.js";
import { REGIONS, regionName } from "./regions.js";
import { Rng } from "./rng.js";
import type { RowSink } from "./sink.js";

/**
 * Billing's offer catalogue (sandbox/schema/billing-offers.ts): about thirty offers of a local network's last five
 * years, some group-wide, some for one province or local network, some ended, one not yet begun. Their codes and
 * terms are fixed (config/offers.json names them); their dates count from the as-of month, a little apart from
 * seed to seed, drawn from a stream of their own.
 */

export type OfferMethod = "P" | "F" | "M";

export interface CatalogueOffer {
  id: number;
  code: string;
  name: string;
  purpose: string;
  product: ProductCode;
  method: OfferMethod;
  /** Percent (P), fen per cycle (F) or free minutes per cycle (M). */
  value: number;
  /** Cycles a customer keeps it from its start; 0 for as long as the offer runs. */
  termMonths: number;
  target: string;
  effDay: number;
  /** Last day it can be taken and applies; null when open-ended. */
  expDay: number | null;
  /** Local networks where it applies. */
  regions: readonly string[];
  /** Who takes it in the generated population, how often relative to the others, and whether only with a new line. */
  takers: readonly KindCode[];
  weight: number;
  newLines: boolean;
}

export const OFFER_PURPOSES: readonly (readonly [string, string])[] = [
  ["01", "发展新用户"],
  ["02", "保有在网用户"],
  ["03", "刺激话务量"],
  ["04", "大客户回馈"],
  ["05", "融合捆绑"],
  ["06", "节假日促销"],
];

/** Added to the seed for the catalogue's stream. */
const CATALOGUE_STREAM = 0x6f666672;
const ALL = REGIONS.map((r) => r.code);
const province = (code: string) => ALL.filter((r) => r.startsWith(code));
const PERSONS: readonly KindCode[] = ["01", "03"];
const EVERYONE: readonly KindCode[] = ["01", "02", "03", "04"];

type Template = Omit<CatalogueOffer, "id" | "code" | "effDay" | "expDay"> & {
  /** Months before the as-of month it began (negative: it begins later). */
  from: number;
  /** Months after the as-of month it ends (negative: it ended that long ago); null when open-ended. */
  to: number | null;
};

const t = (
  name: string, purpose: string, product: ProductCode, method: OfferMethod, value: number, termMonths: number, target: string,
  regions: readonly string[], from: number, to: number | null, takers: readonly KindCode[], weight: number, newLines = false,
): Template => ({ name, purpose, product, method, value, termMonths, target, regions, from, to, takers, weight, newLines });

/** In code order: YH0001 is the first. */
const TEMPLATES: readonly Template[] = [
  t("新入网手机月费八折", "01", "YD", "P", 20, 12, "新入网的移动用户", ALL, 40, null, ["01", "02", "03"], 10, true),
  t("宽带新装首年每月减免20元", "01", "KD", "F", 2_000, 12, "新装宽带的住宅用户", ALL, 36, null, ["01"], 8, true),
  t("住宅固话本地通话每月赠送100分钟", "03", "GH", "M", 100, 0, "住宅固话用户", ALL, 48, null, ["01"], 6),
  t("商务固话本地通话每月赠送500分钟", "03", "GH", "M", 500, 0, "单位固话用户", ALL, 30, null, ["02", "04"], 6),
  t("宽带续约九折", "02", "KD", "P", 10, 24, "在网满一年的宽带用户", ALL, 24, null, ["01", "02", "03"], 6),
  t("老用户手机话费九五折", "02", "YD", "P", 5, 24, "在网满两年的移动用户", ALL, 30, null, PERSONS, 7),
  t("大客户专线九折", "04", "ZX", "P", 10, 12, "企业大客户的专线", ALL, 36, null, ["04"], 8),
  t("大客户集团手机八五折", "04", "YD", "P", 15, 12, "大客户的集团手机", ALL, 24, null, ["03", "04"], 6),
  t("宽带加手机融合每月减免15元", "05", "KD", "F", 1_500, 0, "同时持有宽带和手机的用户", ALL, 20, null, PERSONS, 7),
  t("固话加宽带捆绑九折", "05", "GH", "P", 10, 0, "同时持有固话和宽带的用户", ALL, 30, null, ["01", "02"], 5),
  t("春节手机话费九折", "06", "YD", "P", 10, 2, "全体移动用户", ALL, 10, -8, ["01", "02", "03"], 4),
  t("国庆宽带每月减免10元", "06", "KD", "F", 1_000, 3, "宽带用户", ALL, 14, -10, EVERYONE, 3),
  t("江苏单位固话包月减免15元", "01", "GH", "F", 1_500, 12, "江苏省新装固话的单位", province("32"), 26, null, ["02"], 5, true),
  t("浙江校园手机卡七折", "01", "YD", "P", 30, 12, "浙江省在校学生", province("33"), 22, null, ["01"], 4, true),
  t("广东商旅长途八五折", "03", "GH", "P", 15, 0, "广东省单位固话", province("44"), 28, null, ["02", "04"], 4),
  t("南京宽带光改每月减免25元", "02", "KD", "F", 2_500, 12, "南京本地网宽带老用户", ["3201"], 12, 6, ["01"], 4),
  t("苏州企业专线提速每月减免500元", "04", "ZX", "F", 50_000, 12, "苏州本地网企业专线", ["3205"], 18, null, ["04"], 4),
  t("深圳手机欢享每月减免10元", "03", "YD", "F", 1_000, 0, "深圳本地网移动用户", ["4403"], 16, null, PERSONS, 5),
  t("杭州固话夜间通话每月赠送60分钟", "03", "GH", "M", 60, 0, "杭州本地网住宅固话", ["3301"], 34, -3, ["01"], 3),
  t("温州商户宽带八折", "01", "KD", "P", 20, 12, "温州本地网新装宽带的商户", ["3303"], 20, 4, ["02"], 3, true),
  t("宽带挽留每月减免15元", "02", "KD", "F", 1_500, 6, "有离网倾向的宽带用户", ALL, 18, null, ["01", "02"], 3),
  t("大客户总机本地通话每月赠送2000分钟", "04", "GH", "M", 2_000, 12, "企业大客户总机", ALL, 30, null, ["04"], 4),
  t("2G换机手机话费八折", "02", "YD", "P", 20, 12, "2G手机换新的用户", ALL, 60, -24, ["01", "02", "03"], 3),
  t("宽带包年八五折", "01", "KD", "P", 15, 12, "新装宽带的用户", ALL, 58, -20, ["01", "02"], 4, true),
  t("佛山中小企业固话九折", "05", "GH", "P", 10, 12, "佛山本地网中小企业", ["4406"], 15, 9, ["02"], 3),
  t("宁波港区专线九二折", "04", "ZX", "P", 8, 24, "宁波本地网港区企业专线", ["3302"], 25, null, ["04"], 2),
  t("无锡家庭宽带提速每月减免10元", "03", "KD", "F", 1_000, 6, "无锡本地网家庭宽带", ["3202"], 8, 10, ["01"], 3),
  t("南通手机亲情号每月减免5元", "03", "YD", "F", 500, 0, "南通本地网移动用户", ["3206"], 26, null, ["01"], 3),
  t("新春固话每月减免8元", "06", "GH", "F", 800, 3, "固话用户", ALL, -1, 3, ["01", "02"], 2),
  t("广州千兆宽带体验七五折", "01", "KD", "P", 25, 6, "广州本地网新装千兆宽带", ["4401"], 6, 12, ["01"], 3, true),
];

const catalogues = new WeakMap<World, readonly CatalogueOffer[]>();

/** The catalogue of this population, the same object for every customer of it. */
export function offerCatalogue(world: World): readonly CatalogueOffer[] {
  let catalogue = catalogues.get(world);
  if (!catalogue) {
    catalogue = drawCatalogue(world);
    catalogues.set(world, catalogue);
  }
  return catalogue;
}

function drawCatalogue(world: World): CatalogueOffer[] {
  const rng = new Rng(world.seed + CATALOGUE_STREAM, 0);
  const asOfMonth = monthOf(world.asOfDay);
  // Offers long begun or long ended move by a month either way; those near the as-of month keep their place.
  const jitter = (months: number) => (Math.abs(months) >= 3 ? rng.int(-1, 1) : 0);
  return TEMPLATES.map(({ from, to, ...template }, i) => ({
    ...template,
    id: i + 1,
    code: `YH${String(i + 1).padStart(4, "0")}`,
    effDay: dayInMonth(asOfMonth - from + jitter(from), 1),
    expDay: to === null ? null : dayInMonth(asOfMonth + to + jitter(to) + 1, 1) - 1,
  }));
}

/** No end, as billing spells it. */
export const NO_END = "99991231";

const PRODUCT_ID: Record<ProductCode, number> = { GH: 10, YD: 20, KD: 30, ZX: 40 };

/** Billing's code tables and the catalogue: LATN, OFFER_PURPOSE, OFFER and OFFER_LATN. */
export function emitOfferCatalogue(world: World, sink: RowSink, schema: string): void {
  for (const region of REGIONS) sink.row(schema, "LATN", [region.code, regionName(region)]);
  for (const [code, name] of OFFER_PURPOSES) sink.row(schema, "OFFER_PURPOSE", [code, name]);
  for (const offer of offerCatalogue(world)) {
    sink.row(schema, "OFFER", [
      offer.id, offer.code, offer.name, offer.purpose, PRODUCT_ID[offer.product], offer.method, offer.value, offer.termMonths,
      offer.target, compactDate(offer.effDay), offer.expDay === null ? NO_END : compactDate(offer.expDay),
    ]);
    for (const region of offer.regions) sink.row(schema, "OFFER_LATN", [offer.id, region]);
  }
}
