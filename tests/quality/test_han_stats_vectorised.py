"""The vectorised ``han_stats`` returns exactly (==, not approximately) what the per-character Python version
returned: the decisions tables store these values, and a speed-up must not move a single bit.

The reference below is the implementation that shipped before the vectorised one (2026-12-05), verbatim.
Texts: every row of the shared real-text dev set (when present), synthetic texts that exercise each branch
(traditional characters, short runs, the 20-character / 30-pair / 10-pair minimums, weak pairs that reach the
order margin, characters outside the BMP and lone surrogates) and random character soups (seeded).
"""

from __future__ import annotations

import json
import random
from itertools import repeat

import pytest

from corpusgov.quality import naturalness as nat
from corpusgov.quality.eval import real_text_eval as rte


def _reference(text: str) -> tuple[float, float, float, float, int, int]:
    runs = nat._HAN_RUN.findall(text[:nat._MAX_HAN_CHARS])
    chars = sum(map(len, runs))
    longest = max(map(len, runs), default=0)
    table = nat._trad_to_simp()
    simp = [run.translate(table) for run in runs]
    cands = [s[i:i + 2] for s in simp for i in range(len(s) - 1)]
    n = len(cands)
    logf, pmi = nat.jieba_tables()
    mean_logf, share, mean_pmi = 0.0, 1.0, 9.0
    if chars >= nat._MIN_HAN:
        mean_logf = sum(map(logf.get, "".join(runs), repeat(nat._unseen_han(), chars))) / chars
        if n >= nat._MIN_PAIRS:
            share = sum(map(pmi.__contains__, cands)) / n
            mean_pmi = sum(map(pmi.get, cands, repeat(0.0, n))) / n
    margin = nat._order_margin(simp, cands) if mean_pmi < nat._ORDER_GATE or mean_pmi == 9.0 else 9.0
    return mean_logf, share, mean_pmi, margin, chars, longest


def _synthetic() -> list[str]:
    rng = random.Random(15)
    common = "的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日手又行意动方期它头经长儿回位分爱老因很给名法间斯知世什两次使身者被高已亲其进此话常与活正感"
    trad = "這個們來時為說國會後對過從無開東車長門問間關馬魚鳥學寫書畫聽說讀寫"
    rare = "".join(chr(c) for c in range(0x9E00, 0x9E80))
    texts = ["", "abc", "中", "中文", "中文。" * 12, "的" * 25, "的" * 31, "的一" * 6, trad * 3, rare * 2,
             "中" * 700, ("中文，" * 5 + "x") * 40, "\ud800中文\udfff" * 20, "𠀀中文𠀁" * 30,
             "".join(reversed("我们在这里学习中文，这是一个很好的开始，大家都很高兴。" * 4))]
    for _ in range(300):
        pool = rng.choice([common, common + trad, rare + common, common + "，。 a1"])
        texts.append("".join(rng.choice(pool) for _ in range(rng.randint(0, 700))))
    return texts


def _dev_texts() -> list[str]:
    if not rte.dev_path().is_file():
        return []
    with rte.dev_path().open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def test_equal_on_synthetic_texts() -> None:
    texts = _synthetic()
    got = [nat.han_stats(t) for t in texts]
    assert got == [_reference(t) for t in texts]
    # the branches were reached: weak pairs with a margin, strong pairs without, and the neutral values
    assert any(g[3] != 9.0 for g in got) and any(g[2] != 9.0 and g[3] == 9.0 for g in got)
    assert any(g[4] >= 20 and g[2] == 9.0 for g in got)


@pytest.mark.skipif(not rte.dev_path().is_file(), reason=f"real-text dev set absent: {rte.dev_path()}")
def test_equal_on_real_text_dev() -> None:
    texts = _dev_texts()
    assert len(texts) > 1000
    mism = [t[:40] for t in texts if nat.han_stats(t) != _reference(t)]
    assert mism == []
