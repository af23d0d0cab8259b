"""Line-join signals (quality/junk_coherence.py): breaks of real hard-wrapped text join like its lines do; lines
dropped or interleaved do not. The paragraphs are written for these tests (behaviour only; accuracy is measured on
real text by ``make eval``)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml

from corpusgov.quality.junk_coherence import MIN_WIDTH, NEUTRAL, SIGNALS
from corpusgov.quality.signal_names import SIGNAL_NAMES
from corpusgov.quality.signals import compute_signals, default_quality_rules
from corpusgov.quality.textlm import textlm_batch

REPO = Path(__file__).resolve().parents[2]
ZH = ("在开始安装之前，请先备份硬盘上所有重要的数据，因为分区操作可能会破坏现有的文件系统。如果你的计算机上已经装有其他操作系统，"
      "安装程序会尝试自动识别它们，并在启动菜单中为每个系统添加一个条目。对于大多数用户来说，使用默认的分区方案就足够了；"
      "需要更灵活布局的用户可以选择手动分区，自己决定每个分区的大小和挂载点。安装过程中需要连接网络，以便下载最新的软件包和安全更新。"
      "如果网络连接不稳定，也可以先完成基本系统的安装，等到网络恢复之后再安装其余的软件。整个过程通常需要半个小时左右，"
      "具体时间取决于硬件的性能和所选软件的数量。安装完成后，系统会提示你取出安装介质并重新启动计算机。")
EN = ("Before you start the installation, make a backup of every important file on the disk, because changing the partition "
      "table can destroy the file systems that are already there. When another operating system is installed on the same "
      "machine, the installer tries to find it and adds an entry for it to the boot menu, so that you can choose which one "
      "to start. Most users can accept the default partitioning scheme; those who need a more flexible layout can partition "
      "the disk by hand and decide the size and mount point of every partition themselves. The installer needs a network "
      "connection to download the latest packages and security updates. If the connection is unreliable, install the base "
      "system first and add the remaining software once the network works again.")


def _zh_lines(width: int) -> list[str]:
    return [ZH[i:i + width] for i in range(0, len(ZH), width)]


def _gaps(texts: list[str], name: str) -> list[float]:
    return [d[name] for d in textlm_batch(texts, coherence=False)]


def test_signals_are_registered_with_neutral_values() -> None:
    assert set(SIGNALS) <= set(SIGNAL_NAMES)
    sig = compute_signals("short text", "en")
    assert all(sig[k] == NEUTRAL[k] for k in SIGNALS)


def test_fixed_width_chinese_breaks_join_like_its_lines_and_dropped_lines_do_not() -> None:
    for width in (20, 26):
        lines = _zh_lines(width)
        full, odd, even = _gaps(["\n".join(lines), "\n".join(lines[::2]), "\n".join(lines[1::2])], "wrap_join_gap_zh")
        threshold = default_quality_rules()["wrap_join_gap_zh"]["threshold"]
        assert full < 0.2  # breaks fall inside words and phrases, as the in-line pairs do
        assert odd > full + 0.4 and even > full + 0.4  # joins of lines that were never adjacent
        assert max(odd, even) > threshold  # dropped (with 8 joins the shrunk gap of the other is near the threshold)


def test_english_dropped_lines_widen_the_gap() -> None:
    for width in (60, 72):
        lines = textwrap.wrap(EN, width)
        full, odd, even = _gaps(["\n".join(lines), "\n".join(lines[::2]), "\n".join(lines[1::2])], "wrap_join_gap_en")
        assert abs(full) < 0.1
        assert odd > full + 0.2 and even > full + 0.2


def test_word_spaced_chinese_is_compared_with_its_spaced_pairs() -> None:
    """zh_CN man pages put spaces between words and groff breaks lines only there; its breaks are compared with the
    in-line pairs across a space, not with the (in-word) adjacent pairs."""
    import jieba

    words = " ".join(jieba.lcut(ZH))
    lines = textwrap.wrap(words, 40)
    (gap,) = _gaps(["\n".join(lines)], "wrap_join_gap_zh")
    assert gap < 0.5


def test_short_lines_and_one_line_text_are_neutral() -> None:
    verse = "\n".join(ZH[i:i + 7] for i in range(0, 140, 7))  # lines below the width gate, as verse and lists
    assert 7 * 2 < MIN_WIDTH
    assert _gaps([verse, ZH, EN], "wrap_join_gap_zh") == [0.0, 0.0, 0.0]
    assert _gaps([EN], "wrap_join_gap_en") == [0.0]


def test_a_document_scores_the_same_alone_and_in_any_batch() -> None:
    docs = ["\n".join(_zh_lines(22)[::2]), "\n".join(textwrap.wrap(EN, 64)[1::2]), "\n".join(_zh_lines(24)), "x"]
    together = textlm_batch(docs, coherence=False)
    for d, t in zip(docs, together, strict=True):
        alone = textlm_batch([d], coherence=False)[0]
        assert all(abs(alone[k] - t[k]) < 1e-9 for k in SIGNALS)
    reversed_batch = textlm_batch(docs[::-1], coherence=False)[::-1]
    assert all(abs(a[k] - b[k]) < 1e-9 for a, b in zip(together, reversed_batch, strict=True) for k in SIGNALS)


def test_shipped_rule_is_the_same_in_both_policy_files() -> None:
    rules = default_quality_rules()
    assert rules["wrap_join_gap_zh"]["action"] == "drop"
    demo = yaml.safe_load((REPO / "configs" / "demo" / "policy.yaml").read_text(encoding="utf-8"))
    found = [v for k, v in _walk(demo) if k == "wrap_join_gap_zh"]
    assert found and found[0]["threshold"] == rules["wrap_join_gap_zh"]["threshold"]


def _walk(node: object) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            out.append((k, v))
            out += _walk(v)
    return out
