"""LanguageDetector: accuracy on the committed labelled set, Chinese script split, odd input, determinism."""

from __future__ import annotations

import pickle

import pytest

from corpusgov.quality.eval.lang_eval import evaluate, load
from corpusgov.quality.language import LanguageDetector, language_allowed
from corpusgov.quality.language_policy import LanguagePolicy


@pytest.fixture(scope="module")
def det() -> LanguageDetector:
    return LanguageDetector(LanguagePolicy())


def test_accuracy_on_labelled_set(det: LanguageDetector) -> None:
    rows = load()
    assert len({r["lang"] for r in rows}) >= 20
    res = evaluate(det, rows)
    assert res["accuracy"] >= 0.97, res["confusions"]
    # Every language is recognised on full sentences and paragraphs.
    long_rows = [r for r in rows if r["kind"] != "phrase"]
    assert evaluate(det, long_rows)["accuracy"] >= 0.99
    assert res["mean_score_correct"] > res["mean_score_wrong"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("这是一个关于数据治理的简单测试，我们需要确认它能够正确识别简体中文。", "zh-Hans"),
        ("這是一個關於資料治理的簡單測試，我們需要確認它能夠正確識別繁體中文。", "zh-Hant"),
        ("これは日本語の文章です。漢字とひらがなが混ざっています。", "ja"),
        ("이것은 한국어 문장입니다. 언어 식별이 잘 되는지 확인합니다.", "ko"),
        ("นี่คือประโยคภาษาไทยสำหรับการทดสอบการระบุภาษา", "th"),
        ("Это предложение на русском языке для проверки определения языка.", "ru"),
        ("Це речення українською мовою для перевірки визначення мови.", "uk"),
        ("The quick brown fox jumps over the lazy dog near the river bank.", "en"),
    ],
)
def test_known_languages(det: LanguageDetector, text: str, lang: str) -> None:
    got, score = det.detect(text)
    assert got == lang
    assert 0.5 <= score <= 1.0


def test_han_text_needs_no_ngrams_and_kana_means_japanese(det: LanguageDetector) -> None:
    assert det.detect("中华人民共和国国家标准")[0] == "zh-Hans"
    assert det.detect("東京都の天気")[0] == "ja"


@pytest.mark.parametrize("text", ["", " ", "\x00", "12345 678", "!!! ???", "😀😀😀", "\ud800\udfff", "ok"])
def test_odd_input_is_und(det: LanguageDetector, text: str) -> None:
    assert det.detect(text) == ("und", 0.0)


def test_never_raises_and_scores_in_range(det: LanguageDetector) -> None:
    for text in ["x" * 50_000, "a\ud800b" * 100, "中" * 50_000, "\x00\x01" * 1000, "Hola amigo", None]:
        lang, score = det.detect(text)  # type: ignore[arg-type]
        assert isinstance(lang, str) and 0.0 <= score <= 1.0


def test_short_and_degenerate_text_get_low_scores(det: LanguageDetector) -> None:
    assert det.detect("Hola amigo")[1] < 0.5
    assert det.detect("x" * 5000)[1] < 0.2
    assert det.detect("中文")[1] < 0.6


def test_mixed_text_dominant_language_with_lower_score(det: LanguageDetector) -> None:
    en = "The committee met on Tuesday to discuss the new budget for the public libraries. " * 3
    zh = "委员会星期二开会讨论了公共图书馆的新预算。"
    pure_lang, pure = det.detect(en)
    lang, mixed = det.detect(en + zh)
    assert pure_lang == lang == "en"
    assert mixed < pure


def test_deterministic_across_instances_and_pickle(det: LanguageDetector) -> None:
    rows = load()[::7]
    other = pickle.loads(pickle.dumps(LanguageDetector(LanguagePolicy())))
    assert [det.detect(r["text"]) for r in rows] == [other.detect(r["text"]) for r in rows]


def test_langdetect_method_agrees_on_sentences() -> None:
    ref = LanguageDetector(LanguagePolicy(method="langdetect"))
    rows = [r for r in load() if r["kind"] == "short"][::5]
    assert evaluate(ref, rows)["accuracy"] >= 0.97


def test_language_allowed() -> None:
    assert language_allowed("zh-Hans", ["zh"]) and language_allowed("zh-Hant", ["zh", "en"])
    assert language_allowed("fr", [])
    assert not language_allowed("fr", ["zh", "en"])
    assert language_allowed("zh-Hant", ["zh-Hant"]) and not language_allowed("zh-Hans", ["zh-Hant"])
    assert not language_allowed("und", ["zh"])


def test_chinese_prose_with_english_commands_is_chinese() -> None:
    det = LanguageDetector()
    text = ('把你的公钥 (比如："~/.ssh/id_rsa.pub") 放到远程主机的"~/.ssh/authorized_keys"，'
            '使用 ssh-keygen -p 来设置。参见 https://www.debian.org/doc/manuals/debian-reference/ 和 ssh_config(5)。')
    mix = det.detect_mix(text)
    assert mix.lang == "zh-Hans"
    assert 0.0 < mix.second_share < 0.5


def test_second_language_share_of_a_mixed_document() -> None:
    det = LanguageDetector()
    en = "The committee published its annual report on public transport and road safety last week. " * 3
    zh = "委员会上周发布了关于公共交通和道路安全的年度报告，报告指出事故数量明显下降。" * 2
    mix = det.detect_mix(en + zh)
    assert mix.lang == "en" and mix.second == "zh"
    assert 0.3 < mix.second_share < 0.7
    assert det.detect_mix(en).second is None and det.detect_mix(en).second_share == 0.0


def test_english_letters_s_and_t_do_not_vote_on_the_chinese_script() -> None:
    """Simplified and traditional characters are counted through private-use marks: the letters of "test"
    or "pattern" in Chinese technical prose once counted as traditional ("t") or simplified ("s")."""
    det = LanguageDetector()
    assert det.detect("请输入 tftp target test 命令的名字，然后按回车键")[0] == "zh-Hans"
    assert det.detect("proc命令定义的命令过程。如果指定了   pattern，只返回匹配   pattern")[0] == "zh-Hans"
    assert det.detect("請輸入 tftp 命令的名字，然後按 Enter 鍵")[0] == "zh-Hant"


_PROSE_CASES = [
    "plain prose. Two sentences, no code at all", "see http://example.org/a?b=1 now", "mail a.b@x.org",
    "run ~/bin/x or /usr/bin/env", "use -v or --level=3, not well-known", "a <b>tag</b>", "`code here` ok",
    "call os.path.join() and a::b, snake_case", "read ssh(1) and f()", "e.g. 3.14 and x.y", "end.Start", "x -y",
    "中文 --option 和 https://例子", "", "- dash at start", "word-word - spaced",
]


@pytest.mark.parametrize("text", _PROSE_CASES)
def test_prose_prefilter_changes_nothing(text: str) -> None:
    """``prose_only`` skips the full pattern when the cheap search finds nothing: same output as always running it."""
    from corpusgov.quality.language import _NON_PROSE, prose_only

    assert prose_only(text) == _NON_PROSE.sub(" ", text)


def test_prose_prefilter_changes_nothing_on_generated_text() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from corpusgov.quality.language import _NON_PROSE, prose_only

    @settings(max_examples=600, deadline=None, derandomize=True)
    @given(st.text(alphabet="ab1_.:-/@<>`()~ 中\n", max_size=40))
    def check(text: str) -> None:
        assert prose_only(text) == _NON_PROSE.sub(" ", text)

    check()


def test_abugida_letters_weigh_as_syllables() -> None:
    """A Devanagari or Thai letter is a consonant whose vowel sign is not counted: one letter is about a syllable
    (weight 2, like Hangul), so an interface message with an English error text in it keeps its language."""
    det = LanguageDetector()
    assert det.detect("फ़ाइल खोलने में त्रुटि हुई: permission denied")[0] == "hi"  # 12 letters vs 16 Latin
    assert det.detect("ไม่สามารถเปิดไฟล์ได้ permission denied")[0] == "th"
    assert det.detect("The file could not be opened: अनुमति नहीं")[0] == "en"


def test_profiles_are_read_once_per_process_and_seeds_stay_per_detector() -> None:
    """langdetect's 55 profiles take 1-2 s to read: detectors of one process share the tables, not the seed."""
    a, b = LanguageDetector(), LanguageDetector(LanguagePolicy(seed=7))
    assert a._keys is b._keys and a._logp_by_script is b._logp_by_script
    fa, fb = a._seeded_factory(), b._seeded_factory()  # langdetect's own factory: built on first use
    assert fa is not fb and (fa.seed, fb.seed) == (0, 7) and fa.word_lang_prob_map is fb.word_lang_prob_map
    text = "Le comité a publié hier son rapport annuel sur les transports publics"
    assert LanguageDetector(LanguagePolicy(method="langdetect")).detect(text)[0] == a.detect(text)[0] == "fr"
