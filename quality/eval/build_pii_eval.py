"""Build the labelled PI evaluation set `quality/eval/data/pii_eval.jsonl` (deterministic, seed 20261130).

Each line: {"id", "lang", "text", "spans": [{"type", "start", "end"}]}. Documents are Chinese or English
carrier text (news, notices, customer-service and order messages) with synthetic identifiers planted at known
character offsets, plus hard negatives that must NOT be found: checksum-invalid IDs and USCCs, Luhn-invalid
cards, long digit runs containing a phone-like substring, dates, times, amounts, order and tracking numbers,
version numbers, product codes shaped like passports/permits without context. All values are synthetic.

Run: `python -m corpusgov.quality.eval.build_pii_eval`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from corpusgov.quality.eval.jsonl import write_jsonl
from corpusgov.quality.pii import synth

SEED = 20261130
OUT = Path(__file__).parent / "data" / "pii_eval.jsonl"
N_ZH = 800
N_EN = 450

ZH_FILLER = (
    "本次活动将于下周三在市民中心举行，欢迎大家积极参加。",
    "根据最新通知，相关材料须在本月底前提交至办公室。",
    "今年以来，全市新增就业岗位持续增长，经济运行总体平稳。",
    "专家表示，数据治理需要兼顾安全与发展。",
    "会议在3楼301会议室召开，持续约两个小时。",
    "请各部门于2024年6月30日前完成自查工作。",
    "该项目总投资约12.5亿元，预计2026年底竣工。",
    "感谢您的耐心等待，我们会尽快为您处理。",
    "天气预报显示，明天最高气温28℃，有阵雨。",
    "报告指出，第三季度营业收入同比增长15.3%。",
    "如需帮助，请在工作日9:00至17:30之间联系客服。",
    "系统将于今晚23:00进行例行维护，预计持续2小时。",
    "培训课程共分为4个模块，每个模块约90分钟。",
    "本公告自发布之日起施行。",
    "学校图书馆新增藏书约3000册，涵盖多个学科。",
    "活动期间，满200元减30元，优惠券每人限领1张。",
)

EN_FILLER = (
    "The quarterly meeting has been moved to the main conference room on the 3rd floor.",
    "Thank you for your patience while we look into this issue.",
    "Revenue grew 12.4% year over year, driven by strong demand in Asia.",
    "Please submit the signed forms before the end of the month.",
    "The library will be closed on Monday for maintenance.",
    "Our support team is available from 9:00 to 17:30 on weekdays.",
    "The project is expected to be completed by late 2026.",
    "Temperatures will reach 28 degrees with scattered showers in the afternoon.",
    "We appreciate your feedback and will use it to improve our service.",
    "The new policy takes effect immediately.",
    "Attendance at the workshop was limited to 40 participants.",
    "Shipping usually takes 3 to 5 business days.",
)

# (entity type, value generator, templates); "{}" marks the planted value.
Gen = Callable[[random.Random], str]
ZH_PI: tuple[tuple[str, Gen, tuple[str, ...]], ...] = (
    ("CN_RESIDENT_ID", synth.resident_id,
     ("身份证号：{}。", "公民身份号码{}，", "请核对证件号码 {} 是否正确。", "申请人信息｜{}｜已审核。", "ID：{}；")),
    ("CN_RESIDENT_ID", synth.resident_id_15, ("老身份证号{}已停用。", "身份证号码：{}（一代证）。")),
    ("CN_MOBILE", synth.cn_mobile,
     ("手机号{}，", "联系电话：{}。", "如有疑问请拨打{}咨询。", "电话{}（微信同号）。", "号码是{}，")),
    ("CN_LANDLINE", synth.cn_landline, ("办公电话{}，", "座机：{}。", "咨询热线{}，工作日接听。")),
    ("CN_BANK_CARD", synth.unionpay_card,
     ("银行卡号：{}。", "请将款项汇入{}（开户行：招商银行）。", "卡号{}，", "退款将原路返回至尾号所在卡{}。")),
    ("CN_PASSPORT", synth.cn_passport, ("护照号码：{}。", "护照号{}，", "持中国护照（{}）入境。")),
    ("CN_HMT_PERMIT", synth.hk_macau_permit, ("港澳居民来往内地通行证号码{}，", "回乡证{}。", "通行证号码：{}。")),
    ("CN_HMT_PERMIT", synth.taiwan_permit, ("台胞证号码：{}。", "台湾居民来往大陆通行证{}，")),
    ("CN_USCC", synth.uscc, ("统一社会信用代码：{}。", "信用代码{}，", "供应商（{}）已完成备案。")),
    ("CN_PLATE", synth.cn_plate, ("车牌号{}，", "一辆车牌为{}的轿车", "{}车主请尽快挪车。")),
    ("EMAIL_ADDRESS", synth.email, ("邮箱是{}，", "请发送简历至{}。", "联系邮箱：{}。")),
    ("IP_ADDRESS", synth.ipv4, ("登录IP为{}，", "服务器地址{}。", "来自{}的请求被拦截。")),
    ("IP_ADDRESS", synth.ipv6, ("IPv6地址{}，",)),
    ("CN_PERSON", synth.cn_name,
     ("联系人：{}，", "收件人{} ", "{}先生表示同意。", "{}女士已到场。", "患者{}，", "据{}介绍，", "{}表示，",
      # contexts the patterns do not cover, so the measured recall is not flattered by the templates
      "我和{}一起去了图书馆。", "{}在会上作了发言。", "这件事{}已经知道了。")),
    ("CN_ADDRESS", synth.cn_address, ("地址：{}。", "住在{}，", "收货地址{}，", "{}附近发生拥堵。")),
    ("CN_ADDRESS", lambda r: synth.cn_address(r).split("市", 1)[-1], ("公司搬到了{}。", "请到{}领取。")),
)

EN_PI: tuple[tuple[str, Gen, tuple[str, ...]], ...] = (
    ("EMAIL_ADDRESS", synth.email, ("Contact me at {}.", "Email: {}", "Please reply to {} by Friday.")),
    ("PHONE_NUMBER", synth.us_phone, ("Call {} after 5pm.", "Phone: {}.", "You can reach the office at {}.")),
    ("PHONE_NUMBER", synth.intl_phone, ("Our London desk is on {}.", "Tel {}.")),
    ("CREDIT_CARD", synth.credit_card, ("The card number {} was declined.", "Charged to {} on file.")),
    ("IBAN_CODE", synth.iban, ("IBAN: {}.", "Please transfer the deposit to {} by Friday.")),
    ("US_SSN", synth.us_ssn, ("SSN {}.", "Her social security number is {}.", "Applicant {} verified.")),
    ("IP_ADDRESS", synth.ipv4, ("Login from IP {} was blocked.", "The server at {} is down.")),
    ("CN_MOBILE", lambda r: synth.cn_mobile(r, 1), ("My number in China is {}.",)),
    ("PERSON", synth.en_name, ("Dear {},", "Signed by {} on behalf of the board.")),
)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _zh_negative(rng: random.Random) -> str:
    k = rng.randrange(18)
    if k == 0:
        return f"订单号{rng.choice(('2023', '2024', '2025'))}{rng.randint(1, 12):02d}{_digits(rng, 12)}，"
    if k == 1:
        return f"快递单号SF{_digits(rng, 12)}，"
    if k == 2:
        return f"运单号7{_digits(rng, 13)}。"
    if k == 3:
        return f"流水号{rng.randint(2019, 2025)}{synth.cn_mobile(rng, 0)}{_digits(rng, 4)}。"
    if k == 4:
        return f"身份证号{synth.invalid_resident_id(rng)}校验失败。"
    if k == 5:
        return f"参考号{synth.invalid_card(rng)}无效。"  # with 卡号 a UnionPay number is reported (0.55)
    if k == 6:
        return f"信用代码{synth.invalid_uscc(rng)}有误。"
    if k == 7:
        return f"交易金额：{rng.randint(1000, 99999)},{_digits(rng, 3)}.{_digits(rng, 2)}元。"
    if k == 8:
        return f"发布时间{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}。"
    if k == 9:
        return f"产品型号{rng.choice('EGHM')}{_digits(rng, 8)}已停产。"
    if k == 10:
        return f"编号{_digits(rng, 8)}的档案已归档。"
    if k == 11:
        return f"合同编号HT-{rng.randint(2019, 2025)}-{_digits(rng, 6)}。"
    if k == 12:
        return f"软件版本v{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 99)}已发布。"
    if k == 13:
        return f"ISBN 978-7-{_digits(rng, 3)}-{_digits(rng, 5)}-{rng.randint(0, 9)}。"
    if k == 14:
        return f"交易单号{_digits(rng, 28)}。"
    if k == 15:
        return f"共{rng.randint(2, 9)}{_digits(rng, 6)}人次参与。"
    # words that begin with a surname but are not names
    return rng.choice(("公司高层表示，", "王府井大街人流密集。", "张家界景区恢复开放。", "李宁专卖店开业。",
                       "据黄金周统计，", "各位先生女士，", "高老师，", "司机师傅说，"))


def _en_negative(rng: random.Random) -> str:
    k = rng.randrange(11)
    if k == 0:
        return f"Order #{_digits(rng, 12)} has shipped."
    if k == 1:
        return f"Tracking number 1Z{rng.choice(('999AA1', '4E6W03'))}{_digits(rng, 10)}."
    if k == 2:
        return f"Invoice {rng.randint(2019, 2025)}-{_digits(rng, 6)} is attached."
    if k == 3:
        return f"Total due: ${rng.randint(1, 99)},{_digits(rng, 3)}.{_digits(rng, 2)}."
    if k == 4:
        return f"Posted on {rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} at {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}."
    if k == 5:
        return f"The number {synth.invalid_us_ssn(rng)} is not a valid SSN."
    if k == 6:
        return f"Card {synth.invalid_card(rng, '4')} failed the check."
    if k == 7:
        return f"Version {rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 99)} fixes the bug."
    if k == 8:
        return f"ISBN 978-0-{_digits(rng, 3)}-{_digits(rng, 5)}-{rng.randint(0, 9)}."
    if k == 9:
        return f"Reference {rng.randint(2019, 2025)}{synth.cn_mobile(rng, 0)}{_digits(rng, 3)} was logged."
    return f"Room {rng.randint(100, 999)}, ZIP {_digits(rng, 5)}."


def _doc(rng: random.Random, lang: str) -> tuple[str, list[dict]]:
    filler, pi, neg = (ZH_FILLER, ZH_PI, _zh_negative) if lang == "zh" else (EN_FILLER, EN_PI, _en_negative)
    sep = "" if lang == "zh" else " "
    parts: list[tuple[str, str | None, str | None]] = []  # (template or text, entity, value)
    for _ in range(rng.randint(3, 7)):
        parts.append((rng.choice(filler), None, None))
    n_pi = rng.choice((0, 1, 1, 2, 2, 3, 4))
    for _ in range(n_pi):
        entity, gen, templates = rng.choice(pi)
        parts.insert(rng.randrange(len(parts) + 1), (rng.choice(templates), entity, gen(rng)))
    for _ in range(rng.choice((0, 1, 1, 2))):
        parts.insert(rng.randrange(len(parts) + 1), (neg(rng), None, None))
    text, spans = "", []
    for i, (tpl, entity, value) in enumerate(parts):
        if i:
            text += sep
        if entity is None:
            text += tpl
            continue
        before, after = tpl.split("{}")
        start = len(text) + len(before)
        text += before + value + after
        spans.append({"type": entity, "start": start, "end": start + len(value)})
    return text, spans


def build(seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    docs = []
    for i in range(N_ZH + N_EN):
        lang = "zh" if i < N_ZH else "en"
        text, spans = _doc(rng, lang)
        docs.append({"id": f"pii-{i:05d}", "lang": lang, "text": text, "spans": spans})
    return docs


def main() -> None:
    docs = build()
    write_jsonl(OUT, docs, sort_keys=True)
    print(f"wrote {len(docs)} documents, {sum(len(d['spans']) for d in docs)} labelled spans to {OUT}")


if __name__ == "__main__":
    main()
