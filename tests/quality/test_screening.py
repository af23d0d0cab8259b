"""LexiconMatcher and load_lexicon."""

from __future__ import annotations

import hashlib
from pathlib import Path

from corpusgov.quality.screening import LexiconMatcher, load_lexicon

DEMO = Path(__file__).resolve().parents[2] / "configs" / "demo" / "lexicon.txt"


def test_chinese_terms_match_anywhere() -> None:
    m = LexiconMatcher(["网络赌博", "六合彩", "刷单"])
    assert m.hits("警惕网络赌博陷阱，六合彩开奖结果和刷单兼职都是骗局。") == ["六合彩", "刷单", "网络赌博"]
    assert m.hits("今天天气很好。") == []


def test_ascii_case_insensitive_whole_words() -> None:
    m = LexiconMatcher(["Free Spins", "viagra", "bet"])
    assert m.hits("Get FREE SPINS now! cheap VIAGRA") == ["Free Spins", "viagra"]
    assert m.hits("the alphabet between us") == []  # 'bet' only as a whole word
    assert m.hits("place a bet today") == ["bet"]
    assert m.hits("ｖｉａｇｒａ 特价") == ["viagra"]  # full-width ASCII folds


def test_prefix_terms_and_mixed_text() -> None:
    m = LexiconMatcher(["online casino*", "博彩"])
    assert m.hits("Top online casinos 博彩网站") == ["online casino*", "博彩"]
    assert m.hits("casino") == []


def test_unique_sorted_and_empty_lexicon() -> None:
    m = LexiconMatcher(["刷单", "刷单", "  ", "Casino"])
    assert m.size == 2
    assert m.hits("刷单 刷单 casino CASINO") == ["Casino", "刷单"]
    empty = LexiconMatcher([])
    assert empty.size == 0 and empty.hits("anything 刷单") == []
    assert m.hits("") == []


def test_load_lexicon_comments_blanks_hash(tmp_path: Path) -> None:
    p = tmp_path / "lex.txt"
    data = "\ufeff# header comment\n\n博彩\n  online betting  \n# another\n博彩\n#hashtag-like comment\n"
    p.write_bytes(data.encode("utf-8"))
    terms, digest = load_lexicon(str(p))
    assert terms == ["博彩", "online betting"]
    assert digest == hashlib.sha256(data.encode("utf-8")).hexdigest()


def test_demo_lexicon_loads() -> None:
    terms, digest = load_lexicon(str(DEMO))
    assert 30 <= len(terms) <= 60
    assert len(digest) == 64
    m = LexiconMatcher(terms)
    assert m.size == len(terms)
    assert "代开发票" in m.hits("专业代开发票，联系电话见下")
    assert "online betting" in m.hits("Best Online Betting sites")
    assert m.hits("A neutral article about city parks and public transport.") == []
    assert DEMO.read_text(encoding="utf-8").lstrip().startswith("#")
