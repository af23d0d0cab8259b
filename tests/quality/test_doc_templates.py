"""``template_slots`` (quality/doc_templates.py): a help page of one sentence template with an item per line is not the
repetition junk ``lexical_diversity`` drops; near-duplicate copies, SEO lines, running numbers and signature listings
are. The help page is the LibreOffice 7.4 zh-CN help's "要访问此功能..." page of Math's Elements panel (MPL-2.0)."""

from __future__ import annotations

import random

from corpusgov.quality.doc_templates import slot, template_slots
from corpusgov.quality.quality_policy import QualityPolicy
from corpusgov.quality.signals import compute_signals, default_quality_rules, evaluate_rules

POLICY = QualityPolicy(rules=default_quality_rules())

ITEMS = ("一元/二元运算符", "关系", "运算符", "函数", "括号", "属性", "格式", "操作", "其他")
HELP = "\n".join(("要访问此功能...", *(f"选择「视图 - 元素」; 然后在「元素」面板，从列表框中选择「{x}」。" for x in ITEMS)))
PARAGRAPH = ("打开「连接符」工具栏，可以用此工具栏向当前幻灯片中的对象添加连接符。连接符是用于连接各个对象的线条，会随对象一起移动。"
             "当复制带有连接符的对象时，会同时复制连接符。要释放连接符，请将连接线的任意一端拖动到其他位置。")


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def _drops(text: str) -> list[str]:
    return [n for n, a in evaluate_rules(compute_signals(text, "zh-Hans"), POLICY) if a == "drop"]


def test_slot_is_the_span_between_common_prefix_and_suffix() -> None:
    assert slot("选择「关系」。", "选择「函数」。") == ("关系", "函数")
    assert slot("abc", "abc") == ("", "")
    assert slot("ab", "abc") == ("", "c")


def test_one_template_with_an_item_per_line() -> None:
    assert template_slots(_lines(HELP)) == 1.0
    sig = compute_signals(HELP, "zh-Hans")
    assert sig["lexical_diversity"] < 0.7  # the rule's signal still reads the page as repetitive ...
    assert "lexical_diversity" not in _drops(HELP)  # ... but the rule skips it


def test_near_duplicate_copies_are_no_template() -> None:
    # a spinner's copies: the paragraph again with a few characters changed at random places (junk_fresh's
    # mutated_repeat_zh), one copy per line
    rng = random.Random(3)
    copies = []
    for _ in range(6):
        s = list(PARAGRAPH)
        for _ in range(rng.randint(2, 4)):
            s[rng.randrange(len(s))] = rng.choice(PARAGRAPH)
        copies.append("".join(s))
    assert template_slots(copies) == 0.0


def test_running_numbers_signatures_and_short_pages_are_no_template() -> None:
    numbers = [f"本店第{i}期特价活动火热进行中，欢迎新老顾客光临选购。" for i in range(1, 9)]
    assert template_slots(numbers) == 0.0  # only digits change: a template with running numbers
    signatures = [f"os.path.{f}(path)" for f in ("basename", "dirname", "exists", "isabs", "isdir", "isfile")]
    assert template_slots(signatures) == 0.0  # no sentences: an API listing
    assert template_slots(_lines(HELP)[:3]) == 0.0  # two pairs are too few
    seo = ["【空调维修】空调空调维修专业空调，上门服务。", "空调维修价格，空调维修厂家，空调空调维修，空调维修批发。"] * 4
    assert template_slots(seo) == 0.0  # alternating templates: neighbours differ in more than a slot


def test_keyword_stuffing_still_dropped() -> None:
    stuffed = "\n".join(["空调维修空调维修哪家好空调维修电话空调维修价格空调维修上门。"] * 3 + ["空调维修空调维修空调维修，空调维修哪家好。"] * 3)
    assert template_slots(_lines(stuffed)) == 0.0  # copies, not items: identical neighbours are no slot
    assert "lexical_diversity" in _drops(stuffed)
