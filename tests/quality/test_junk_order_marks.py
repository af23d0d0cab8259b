"""Case, sentence ends and marks out of order (quality.junk_order_marks): English and Chinese with their words swapped in
pairs or shuffled are dropped; verse, title-case headlines, tables, SQL, man-page options, telegraphic notes,
abbreviations, quotations, classical Chinese, novel dialogue, Chinese lists and Chinese with English words are kept. The examples are written here in the shapes of the real documents the rule was
measured on (quotations from Debian fortunes swapped in pairs; documentation of the good sets)."""

from __future__ import annotations

import random

from corpusgov.quality.eval.order_blind import shuffled_words, swapped_pairs
from corpusgov.quality.junk_order_marks import (
    MIN_BREAKS,
    MIN_MARK_BREAKS,
    MIN_WORDS,
    case_order_breaks_en,
    zh_mark_misorder,
)
from corpusgov.quality.junk_score import junk_score
from corpusgov.quality.quality_policy import QualityPolicy
from corpusgov.quality.signals import compute_signals, default_quality_rules, evaluate_rules

POLICY = QualityPolicy(rules=default_quality_rules())
RULE = "case_order_breaks_en"
THRESHOLD = float(default_quality_rules()[RULE]["threshold"])  # type: ignore[arg-type]  # yaml value is a number

ORIGINAL = ("When a place gets crowded enough to require ID's, social collapse is not far away. It is time to go "
            "elsewhere. The best thing about space travel is that it made it possible to go elsewhere. -- R. A. "
            "Heinlein, \"Time Enough For Love\"")
# the same quotation, every other adjacent pair of words swapped (order_blind.swapped_pairs' corruption)
SWAPPED = ("a When gets place enough crowded require to social ID's, is collapse not away. far It is time go to The "
           "elsewhere. thing best about travel space that is made it it possible go to -- elsewhere. R. Heinlein, A. "
           "\"Time For Enough Love\"")
SHUFFLED = ("the time the is crowded possible place When gets made it elsewhere. best go to about It travel space "
            "enough require go away. far ID's, social is that collapse not The thing it is to elsewhere. a to")
VERSE = "\n".join([
    "The woods are lovely, dark and deep,", "But I have promises to keep,", "And miles to go before I sleep,",
    "And miles to go before I sleep.", "Whose woods these are I think I know.", "His house is in the village though;",
    "He will not see me stopping here", "To watch his woods fill up with snow."])
HEADLINES = "\n".join([
    "Gone With The Wind Returns To Theatres For One Night Only", "A Guide To The Stars And The Planets",
    "When The Levee Breaks: The Story Of A Flood", "Notes From The Underground And Other Stories"])
TABLE = "\n".join([
    "Name Lua type Writable Description",
    "allowoverrides string no The AllowOverride options applied to the current request.",
    "ap_auth_type string yes If an authentication check was made, this is set to the type of authentication.",
    "banner string no The server banner of the running server.", "canonical_filename string no The canonical filename"])
SQL = ("You can list the cities with SELECT city FROM weather AS w WHERE temp_lo > 40 ORDER BY city; the FROM clause "
       "names the table and the AS clause renames it. A join reads two tables: SELECT * FROM weather JOIN cities ON "
       "city = name. The ON clause says which rows belong together.")
OPTIONS = "\n".join([
    "-in filename This specifies the input filename to read a key from or standard input if this option is not given.",
    "-out filename This specifies the output filename to write a key to or standard output by default.",
    "-noout This option prevents output of the encoded version of the key.",
    "-text This option prints out the various public or private key components in plain text."])
NOTES = ("fixed crash on startup. added tests for the parser. updated docs and the man page. bumped version. "
         "dropped old python support. cleaned up the build scripts and the release notes for this version")
ABBREVIATIONS = ("The tools, e.g. the compiler and the linker, read the same file, i.e. the one named by the option, "
                 "etc. and so on. Mr. smith wrote most of it... and then he left. See vol. two for the rest, cf. the "
                 "appendix and no. seven of the list of points from point A to point B.")
ZH_EN = ("使用 The GNU Privacy Guard 之前，请先生成密钥。运行 gpg --full-generate-key，然后按照提示输入姓名和邮件地址。"
         "密钥生成以后，可以用 gpg --list-keys 查看。")


ZH_THRESHOLD = float(default_quality_rules()["zh_mark_misorder"]["threshold"])  # type: ignore[arg-type]  # a number
NEWS_ZH = ("人民政协作为我国最广泛的爱国统一战线组织，是共产党领导的多党合作和政治协商的重要机构。人民政协已经走过近半个世纪的"
           "历程，创造了辉煌的业绩，积累了丰富的经验。我们能有今天这样一个好的基础、好的局面，是很不容易的。")
NOVEL_ZH = ("玄德曰：“吾乃中山靖王之后，”言罢，拱手而立。张飞曰：“吾庄后有一桃园，花开正盛；明日当于园中祭告天地，我三人结为"
            "兄弟，协力同心，然后可图大事。”玄德、云长齐声应曰：“如此甚好。”")
CLASSICAL_ZH = "学而时习之，不亦说乎？有朋自远方来，不亦乐乎？人不知而不愠，不亦君子乎？——《论语·学而》"
LIST_ZH = "支持的格式：PNG、JPEG、GIF、BMP；\n推荐的设置：分辨率、色彩深度、压缩比。\n注意（可选）：输出目录、文件名前缀。"


def _drops(text: str, lang: str) -> bool:
    failed = evaluate_rules(compute_signals(text, lang), POLICY)
    return (RULE, "drop") in failed


def test_chinese_words_swapped_or_shuffled_with_their_marks_are_dropped() -> None:
    # the corruptions of the junk_order split (jieba words, marks moving as words of their own), ten seeds each
    src = NOVEL_ZH + NEWS_ZH
    swapped = [swapped_pairs(src, True, random.Random(seed)) for seed in range(10)]
    shuffled = [shuffled_words(src, True, random.Random(seed)) for seed in range(10)]
    assert sum(zh_mark_misorder(t) > ZH_THRESHOLD for t in swapped) >= 7  # a swap moves a mark beside a mark often
    assert all(zh_mark_misorder(t) > ZH_THRESHOLD for t in shuffled)
    failed = [evaluate_rules(compute_signals(t, "zh"), POLICY) for t in shuffled[:3]]
    assert all(("zh_mark_misorder", "drop") in f for f in failed)


def test_chinese_hard_negatives_are_kept() -> None:
    for text in (NEWS_ZH, NOVEL_ZH, CLASSICAL_ZH, LIST_ZH, ZH_EN):
        assert zh_mark_misorder(text) == 0.0, text[:20]
    # one odd pair is a typo or an extraction seam, not misordered text
    assert MIN_MARK_BREAKS > 1 and zh_mark_misorder(NEWS_ZH.replace("，是很", "，，是很")) == 0.0


def test_swapped_and_shuffled_words_are_dropped() -> None:
    assert case_order_breaks_en(SWAPPED) > THRESHOLD
    assert case_order_breaks_en(SHUFFLED) > THRESHOLD
    assert _drops(SWAPPED, "en")


def test_the_original_is_kept() -> None:
    assert case_order_breaks_en(ORIGINAL) == 0.0
    assert not _drops(ORIGINAL, "en")


def test_hard_negatives_are_kept() -> None:
    for text in (VERSE, HEADLINES, TABLE, SQL, OPTIONS, NOTES, ABBREVIATIONS):
        assert case_order_breaks_en(text) <= THRESHOLD, text[:40]


def test_lines_and_columns_are_read_apart() -> None:
    # a capitalised start on the next line or in the next tab column is a line start, not a break
    cols = "\t".join(["all the lines have been written", "There was Sandburg and all the rest of them"] * 4)
    assert case_order_breaks_en(cols) == 0.0
    assert case_order_breaks_en(cols.replace("\t", " ")) > 0.0


def test_lower_case_writers_are_not_judged_on_sentence_starts() -> None:
    # the same lower-case starts count once the writer has capitalised a sentence start (not a telegraphic note)
    assert case_order_breaks_en(NOTES) == 0.0
    assert case_order_breaks_en("Fixed it. " + NOTES) > 0.0


def test_minimums() -> None:
    short = " ".join(SWAPPED.split()[: MIN_WORDS - 1])
    assert case_order_breaks_en(short) == 0.0
    one_break = "It was late and we went to The station in the rain, and the train was gone when we came in at last."
    assert len(one_break.split()) >= MIN_WORDS and MIN_BREAKS > 1
    assert case_order_breaks_en(one_break) == 0.0


def test_chinese_is_not_read() -> None:
    assert compute_signals(ZH_EN, "zh")[RULE] == 0.0
    assert compute_signals(SWAPPED, "en")[RULE] > THRESHOLD


def test_the_junk_score_does_not_read_the_new_signals() -> None:
    # rules of their own, for the next retrain's --drop list (quality/junk_score_PROVENANCE.md, junk round 17)
    new = {RULE: 0.0, "zh_mark_misorder": 0.0}
    shuffled_zh = shuffled_words(NOVEL_ZH + NEWS_ZH, True, random.Random(0))
    for text, lang in ((SWAPPED, "en"), (shuffled_zh, "zh")):
        sig = compute_signals(text, lang)
        assert sig[RULE] + sig["zh_mark_misorder"] > 0.0
        assert junk_score(sig) == junk_score(sig | new)


def test_particles_starting_a_clause_count_unless_they_open_a_word() -> None:
    swapped = ("人民政协已经近走过半个世纪的历程，了创造辉煌的业绩，积累丰富了的经验。的我们能有这样今天好一个基础，"
               "是容易很不的。")
    assert zh_mark_misorder(swapped) > ZH_THRESHOLD  # "，了创", "。的我"
    words = ("我们开会讨论了这个问题，了解到大家的想法。的确，这件事情并不容易，着急也没有用。"
             "玄德乘的卢马，的卢一跃三丈，飞上西岸。")
    assert zh_mark_misorder(words) == 0.0  # 了解, 的确, 着急 open words; 的卢 (a horse) once is under the minimum
