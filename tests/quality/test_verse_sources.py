"""quality.eval.verse_sources: only the listed collections are read, and a document sharing a run of Han characters
with what the eval reads (fortunes-zh, the prose novel) is dropped, traditional or simplified."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest

from corpusgov.quality.eval import verse_sources

TANG = [{"paragraphs": ["床前明月光，疑是地上霜。", "舉頭望明月，低頭思故鄉。"]},
        {"paragraphs": ["白日依山盡，黃河入海流。", "欲窮千里目，更上一層樓。"]}]
CI = [{"paragraphs": ["明月几时有，把酒问青天。", "不知天上宫阙，今夕是何年。"]}]
LUNYU = [{"paragraphs": ["学而时习之，不亦说乎？有朋自远方来，不亦乐乎？"]}]


def _tarball(root: Path) -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in (("quantangshi/poet.tang.0.json", TANG), ("songci/ci.song.0.json", CI),
                           ("lunyu/lunyu.json", LUNYU), ("quantangshi/poet.song.0.json", CI)):
            raw = json.dumps(data, ensure_ascii=False).encode()
            info = tarfile.TarInfo(f"package/dist/{name}")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    (root / verse_sources.TARBALL[0]).write_bytes(buf.getvalue())


def test_reads_the_listed_collections_and_drops_what_the_eval_reads(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _tarball(tmp_path)
    digest = hashlib.sha1((tmp_path / verse_sources.TARBALL[0]).read_bytes()).hexdigest()
    monkeypatch.setattr(verse_sources, "TARBALL", (verse_sources.TARBALL[0], digest))
    texts = [t for _, t in verse_sources.raw_documents(tmp_path)]
    assert len(texts) == 3 and not any("学而" in t for t in texts)  # the Analects and the Song shi are not read
    assert texts.count("明月几时有，把酒问青天。\n不知天上宫阙，今夕是何年。") == 1
    # The eval's text holds the first poem in simplified characters: the traditional copy is dropped all the same.
    kept, dropped = verse_sources.documents(tmp_path, exclude=["《静夜思》床前明月光，疑是地上霜。举头望明月"])
    assert dropped == 1 and len(kept) == 2 and not any("床前" in t for t in kept)
    kept, dropped = verse_sources.documents(tmp_path, exclude=["明月光"])  # shorter than a shingle: no match
    assert dropped == 0 and len(kept) == 3


def test_a_changed_tarball_is_refused(tmp_path: Path) -> None:
    _tarball(tmp_path)
    with pytest.raises(SystemExit, match="sha1"):
        list(verse_sources.raw_documents(tmp_path))


def test_the_fetched_package_shares_no_run_with_the_eval() -> None:
    if verse_sources.missing() or not (verse_sources.FORTUNES_ZH / "tang300").is_file():
        pytest.skip("chinese-poetry not fetched or fortunes-zh not installed (make eval-data, make eval-debs)")
    from corpusgov.quality.naturalness import simplified_code_points

    kept, dropped = verse_sources.documents()
    simp = simplified_code_points()
    simplify = {0x4E00 + i: int(c) for i, c in enumerate(simp) if int(c) != 0x4E00 + i}
    banned = verse_sources.shingles(verse_sources.excluded_texts(), simplify)
    assert dropped > 0 and len(kept) > 50_000
    assert not (verse_sources.shingles(kept[::50], simplify) & banned)
