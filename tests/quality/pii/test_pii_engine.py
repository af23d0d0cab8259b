"""Engine: offline build (no socket, no download), NER mode guards, fast path == AnalyzerEngine path."""

from __future__ import annotations

import socket

import pytest
import tldextract
import tldextract.tldextract as tld_mod

from corpusgov.quality.eval.pii_eval import load
from corpusgov.quality.pii.engine import PiiEngineError, build_engine
from corpusgov.quality.pii.policy import PiiPolicy
from corpusgov.quality.pii.recognizers_net import _has_public_suffix
from corpusgov.quality.pii.scanner import PiiScanner


def _no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args[:1]))
        raise OSError("network disabled in test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def test_build_and_scan_make_no_network_attempt(monkeypatch, caplog):
    attempts = _no_network(monkeypatch)
    # Start from tldextract's default (fetching) extractor without a disk cache, as a fresh machine would:
    # had the engine kept it, the e-mail check below would try publicsuffix.org and be recorded.
    monkeypatch.setattr(tld_mod, "TLD_EXTRACTOR", tldextract.TLDExtract(cache_dir=None))
    _has_public_suffix.cache_clear()
    scanner = PiiScanner(PiiPolicy())
    text = "邮箱是li.lei@company.com.cn，手机13912345678，IP 202.96.134.133"
    kinds = [f.entity_type for f in scanner.scan(text)]
    assert kinds == ["EMAIL_ADDRESS", "CN_MOBILE", "IP_ADDRESS"]
    assert scanner.scan_engine(text) == scanner.scan(text)
    assert attempts == []
    assert tld_mod.TLD_EXTRACTOR.suffix_list_urls == ()
    assert "Traceback" not in caplog.text
    assert scanner.mode == "pattern"


def test_ner_mode_requires_an_installed_model_and_never_downloads(monkeypatch):
    import spacy.cli

    attempts = _no_network(monkeypatch)

    def no_download(*a, **k):
        raise AssertionError("download attempted")

    monkeypatch.setattr(spacy.cli, "download", no_download)
    with pytest.raises(PiiEngineError, match="not installed"):
        build_engine(PiiPolicy(mode="ner", ner_model="xx_not_installed_model"))
    with pytest.raises(PiiEngineError, match="ner_model"):
        build_engine(PiiPolicy(mode="ner"))
    assert attempts == []


def test_ner_mode_with_a_local_model_directory(tmp_path):
    import spacy

    model_dir = tmp_path / "blank_en"
    spacy.blank("en").to_disk(model_dir)
    scanner = PiiScanner(PiiPolicy(mode="ner", ner_model=str(model_dir)))
    assert scanner.mode == f"ner:{model_dir}"
    text = "Mail mary@outlook.com or call 415-555-2671."
    assert [f.entity_type for f in scanner.scan(text, "en")] == ["EMAIL_ADDRESS", "PHONE_NUMBER"]
    assert scanner.scan_engine(text, "en") == scanner.scan(text, "en")


def test_recognizers_are_registered_in_presidio():
    engine = build_engine(PiiPolicy())
    for lang in ("zh", "en"):
        supported = set(engine.analyzer.get_supported_entities(language=lang))
        assert {"CN_RESIDENT_ID", "CN_MOBILE", "CN_USCC", "EMAIL_ADDRESS", "IBAN_CODE", "US_SSN"} <= supported


def test_fast_path_equals_analyzer_engine_path():
    scanner = PiiScanner(PiiPolicy())
    docs = load()[::4]
    assert len(docs) > 250
    for d in docs:
        assert scanner.scan(d["text"], d["lang"]) == scanner.scan_engine(d["text"], d["lang"]), d["id"]


def test_findings_sorted_non_overlapping_deterministic():
    a, b = PiiScanner(PiiPolicy()), PiiScanner(PiiPolicy())
    for d in load()[:200]:
        fa = a.scan(d["text"], d["lang"])
        assert fa == b.scan(d["text"], d["lang"])
        assert fa == sorted(fa, key=lambda f: (f.start, f.end, f.entity_type))
        assert all(x.end <= y.start for x, y in zip(fa, fa[1:], strict=False))


def test_min_score_and_disabled():
    text = "座机010-62345678，手机13812345678"
    assert [f.entity_type for f in PiiScanner(PiiPolicy()).scan(text)] == ["CN_LANDLINE", "CN_MOBILE"]
    assert [f.entity_type for f in PiiScanner(PiiPolicy(min_score=0.9)).scan(text)] == ["CN_MOBILE"]
    assert PiiScanner(PiiPolicy(enabled=False)).scan(text) == []


def test_resolve_overlaps_is_order_independent():
    import random

    from corpusgov.quality.pii.scanner import PiiFinding, resolve_overlaps

    fs = [
        PiiFinding("CN_BANK_CARD", 0, 18, 1.0, "a"),
        PiiFinding("CN_RESIDENT_ID", 0, 18, 1.0, "b"),  # same span and score: type priority wins
        PiiFinding("CN_ADDRESS", 10, 30, 0.6, "c"),  # overlaps a higher score: dropped
        PiiFinding("CN_PERSON", 30, 33, 0.6, "d"),  # touches but does not overlap: kept
        PiiFinding("CN_PLATE", 40, 47, 0.7, "e"),
        PiiFinding("CN_PERSON", 41, 43, 0.7, "f"),  # shorter, same score: dropped
    ]
    expected = [fs[1], fs[3], fs[4]]
    rng = random.Random(0)
    for _ in range(20):
        rng.shuffle(fs)
        assert resolve_overlaps(fs) == expected


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def test_recognizers_marked_needs_digit_find_nothing_without_an_ascii_digit():
    # The scanner skips NEEDS_DIGIT recognizers on text without an ASCII digit; that is only safe if such a
    # recognizer can never match there. Every evaluation text it matches, with its digits made full-width,
    # must give nothing, and the skip must not change what the scanner reports.
    engine = build_engine(PiiPolicy())
    gated = [r for r in engine.recognizers if getattr(r, "NEEDS_DIGIT", False)]
    assert len(gated) >= 10
    scanner = PiiScanner(PiiPolicy())
    checked = 0
    for d in load():
        text = d["text"].translate(_FULLWIDTH)
        for rec in gated:
            if rec.find(d["text"]):
                checked += 1
                assert rec.find(text) == [], (type(rec).__name__, d["id"])
        assert scanner.scan(text, d["lang"]) == scanner.scan_engine(text, d["lang"]), d["id"]
    assert checked > 300


def test_pattern_scan_imports_neither_presidio_analyzer_nor_spacy():
    """The scanner's path stays free of presidio_analyzer (whose package init imports spaCy, ≈1.2 CPU-s per
    process); the engine path still builds Presidio's AnalyzerEngine on demand and agrees with it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from corpusgov.quality.pii.policy import PiiPolicy\n"
        "from corpusgov.quality.pii.scanner import PiiScanner\n"
        "s = PiiScanner(PiiPolicy())\n"
        "text = '手机13912345678，邮箱li.lei@company.com.cn'\n"
        "fast = s.scan(text)\n"
        "assert [f.entity_type for f in fast] == ['CN_MOBILE', 'EMAIL_ADDRESS'], fast\n"
        "print(sorted(m for m in ('spacy', 'presidio_analyzer') if m in sys.modules))\n"
        "assert s.scan_engine(text) == fast\n"
        "print(sorted(m for m in ('spacy', 'presidio_analyzer') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "['presidio_analyzer', 'spacy']"]


def test_min_digit_run_is_implied_by_the_prefilter():
    """A recognizer the scanner skips on texts whose longest ASCII digit run is below MIN_DIGIT_RUN would never
    have passed its PREFILTER there: every PI eval text with each digit run cut to MIN_DIGIT_RUN - 1 digits
    fails the prefilter, while the uncut texts pass it for every such recognizer."""
    import re

    scanner = PiiScanner(PiiPolicy())
    texts = [d["text"] for d in load()]
    bounded = [r for r in scanner._engine.recognizers if r.MIN_DIGIT_RUN]
    assert {r.ENTITY for r in bounded} >= {"CN_RESIDENT_ID", "CN_USCC", "CREDIT_CARD", "US_SSN"}
    for rec in bounded:
        cut = rec.MIN_DIGIT_RUN - 1
        assert any(rec.prefilter(t) for t in texts), rec.name
        for t in texts:
            shortened = re.sub(r"[0-9]+", lambda m, k=cut: m.group()[:k], t)
            assert not rec.prefilter(shortened), (rec.name, t[:80])


def test_prefilter_changes_no_finding():
    """PREFILTER is a necessary condition of a finding: each recognizer finds the same with its prefilter as with
    none (it may pass texts without a finding: years, decimals), on texts where it rejects many."""
    from corpusgov.quality.eval.pii_speed import make_docs

    scanner = PiiScanner(PiiPolicy())
    texts = [d["text"] for d in load()] + make_docs("zh", 300, seed=11) + make_docs("en", 300, seed=11) + [
        "手机 138 1234 5678", "+86 139-1234-5678。", "致电8613912345678", "call 0086 13912345678", "1998年 13号",
        "card 4111 1111 1111 1111", "4111-111-111-111", "5500005555555559", "1234 567 and 2024",
        "ip 8.8.8.8, v1.2", "IBAN DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "SSN 123-45-6789",
        "078 05 1120", "10.0.0.1",
    ]
    rejected = {"CnMobileRecognizer": 0, "CreditCardRecognizer": 0, "IpAddressRecognizer": 0}
    for rec in scanner._engine.recognizers:
        if rec._prefilter is None:
            continue
        with_prefilter = [rec.find(t) for t in texts]
        rec.prefilter = lambda text: True  # type: ignore[method-assign]  # this instance only: no prefilter
        assert [rec.find(t) for t in texts] == with_prefilter, rec.name
        del rec.prefilter
        if rec.name in rejected:
            rejected[rec.name] = sum(not rec.prefilter(t) for t in texts)
            assert any(with_prefilter), rec.name
    assert all(n > 100 for n in rejected.values()), rejected  # the rejecting side is exercised too


def _runs(text: str) -> list[tuple[int, int]]:
    import re

    return [m.span() for m in re.finditer(r"[0-9]+", text)]


def test_digit_context_keeps_runs_their_neighbours_and_short_gaps():
    from corpusgov.quality.pii.base import digit_context

    assert digit_context("no digits", []) == ""
    assert digit_context("tel 010-6234 ok", _runs("tel 010-6234 ok")) == "l 010-6234 "
    assert digit_context("12abcd34", _runs("12abcd34")) == "12a\ncd34"  # gap of 4: two pieces
    assert digit_context("12abc34", _runs("12abc34")) == "12abc34"  # gap of 3: one piece
    assert digit_context("7", _runs("7")) == "7" and digit_context("AB12", _runs("AB12")) == "AB12"


def test_near_digit_prefilters_match_in_the_digit_context_exactly_when_in_the_text():
    """The scanner tests a PREFILTER_NEAR_DIGITS prefilter in `digit_context` only: on the PI eval texts,
    generated documents and random strings of digits, separators and letters, it matches there if and only if it
    matches in the whole text."""
    import random

    from corpusgov.quality.eval.pii_speed import make_docs
    from corpusgov.quality.pii.base import digit_context

    rng = random.Random(7)
    alphabet = "0123456789 -./()\n+ABEGHMXx号台年"
    fuzz = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40))) for _ in range(20000)]
    texts = [d["text"] for d in load()] + make_docs("zh", 200, seed=5) + make_docs("en", 200, seed=5) + fuzz
    scanner = PiiScanner(PiiPolicy())
    near = [r for r in scanner._engine.recognizers if r.PREFILTER_NEAR_DIGITS]
    assert {r.name for r in near} >= {"PhoneNumberRecognizer", "CreditCardRecognizer", "CnLandlineRecognizer"}
    for rec in near:
        assert rec.NEEDS_DIGIT and rec._prefilter is not None and not rec.PREFILTER_WORDS, rec.name
        both = 0
        for t in texts:
            whole = rec._prefilter.search(t) is not None
            assert rec.prefilter_near_digits(digit_context(t, _runs(t))) == whole, (rec.name, t[:80])
            both += whole
        assert both > 20, rec.name  # the matching side is exercised too


def test_non_ascii_prefilters_never_match_ascii_text():
    """PREFILTER_NON_ASCII lets `prefilter` reject an ASCII text without a scan: its regex starts with a class of
    non-ASCII characters only, so it finds nothing in ASCII text (random printable strings, English documents)."""
    import random
    import string

    from corpusgov.quality.eval.pii_speed import make_docs
    from corpusgov.quality.pii.recognizers_zh import CnPlateRecognizer

    rng = random.Random(3)
    ascii_texts = ["".join(rng.choice(string.printable) for _ in range(60)) for _ in range(3000)]
    ascii_texts += make_docs("en", 100, seed=2) + ["AB12345", "Plate: A-B1234 and ZA12345"]
    recs = [r for r in PiiScanner(PiiPolicy())._engine.recognizers if r.PREFILTER_NON_ASCII]
    assert [type(r) for r in recs] == [CnPlateRecognizer]
    assert all(ord(c) > 127 for c in CnPlateRecognizer._PROV)
    for rec in recs:
        assert all(t.isascii() and rec._prefilter.search(t) is None for t in ascii_texts), rec.name
        assert rec.prefilter("车牌京A12345") and rec.find("车牌京A12345")
