/** Word lists that make generated records look like a Chinese carrier's data. */
export const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
export const GIVEN_NAMES = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "志强", "海燕"];
/** Districts of each local network, so that addresses name a district of their own city. */
export const DISTRICTS: Record<string, readonly string[]> = {
  "3201": ["鼓楼区", "玄武区", "秦淮区", "建邺区"],
  "3202": ["梁溪区", "滨湖区", "新吴区"],
  "3205": ["姑苏区", "吴中区", "工业园区"],
  "3206": ["崇川区", "通州区", "海门区"],
  "3301": ["西湖区", "上城区", "拱墅区", "滨江区"],
  "3302": ["海曙区", "鄞州区", "江北区"],
  "3303": ["鹿城区", "龙湾区", "瓯海区"],
  "4401": ["天河区", "越秀区", "海珠区", "番禺区"],
  "4403": ["福田区", "南山区", "罗湖区", "宝安区"],
  "4406": ["禅城区", "南海区", "顺德区"],
};
export const STREETS = ["中山路", "人民路", "解放路", "建设路", "新华路", "和平路", "胜利路", "青年路", "长江路", "文化路"];
export const COMPANY_WORDS = ["华信", "金桥", "宏达", "新世纪", "恒通", "远航", "东方", "联创", "瑞丰", "正泰", "天成", "润华"];

/** Industry classification codes and names (GB/T 4754 sections, simplified). */
export const INDUSTRIES: readonly (readonly [string, string])[] = [
  ["C", "制造业"],
  ["F", "批发和零售业"],
  ["G", "交通运输业"],
  ["I", "信息技术服务业"],
  ["J", "金融业"],
  ["K", "房地产业"],
  ["P", "教育"],
  ["Q", "卫生和社会工作"],
  ["S", "公共管理"],
  ["H", "住宿和餐饮业"],
];
export const COMPANY_SUFFIX: Record<string, string> = {
  C: "制造有限公司",
  F: "商贸有限公司",
  G: "物流有限公司",
  I: "信息技术有限公司",
  J: "银行分行",
  K: "置业有限公司",
  P: "学校",
  Q: "医院",
  S: "管理局",
  H: "酒店有限公司",
};
export const OCCUPATIONS = ["教师", "医生", "工程师", "公务员", "职员", "个体经营", "工人", "学生", "退休", "自由职业", "销售", "律师"];
export const POSITIONS = ["总经理", "办公室主任", "信息中心主任", "财务经理", "采购经理", "行政专员"];
export const PRODUCT_NAMES = {
  GH: ["固定电话", "固话商务套餐"],
  YD: ["天翼畅享套餐", "天翼商务套餐", "天翼亲情套餐"],
  KD: ["宽带 100M", "宽带 300M", "宽带 1000M"],
  ZX: ["数字电路专线 2M", "互联网专线 100M", "MSTP专线 50M"],
} as const;
export const COMPLAINT_TEXT: Record<string, readonly string[]> = {
  "01": ["对本月话费有异议", "重复扣费", "套餐资费与宣传不符"],
  "02": ["宽带经常掉线", "通话质量差", "信号弱"],
  "03": ["营业员态度差", "客服电话无人接听"],
  "04": ["装机超时未完成", "移机延误"],
  "05": ["发票邮寄未收到", "积分兑换失败"],
};
export const FAULT_TYPES = ["NO_DIAL_TONE", "NOISE", "SLOW_SPEED", "LINK_DOWN", "NO_SIGNAL", "PACKET_LOSS"];
export const FAULT_TEXT = ["用户报障：无法使用", "线路杂音大", "网速慢，晚间更明显", "专线中断", "室内无信号", "丢包严重"];
export const ALARM_CODES = ["LOS", "LOF", "AIS", "HIGH_BER", "PORT_DOWN", "ONU_OFFLINE"];
export const VISIT_NOTES = ["年度业务回顾", "新业务推介", "合同续签沟通", "故障处理回访", "资费方案调整", "高层拜访"];
export const CONTRACT_TITLES = ["通信服务框架协议", "专线租用合同", "集团客户优惠协议", "融合业务合同"];
