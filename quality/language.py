"""Language identification: script rules first, then langdetect's n-gram profiles on a bounded sample.

Why not plain ``langdetect.detect``: it is random (unseeded), slow (300-600 docs/s on 1 KB), weak on short
text and its zh-cn/zh-tw split is unreliable. This detector

1. counts Unicode scripts on a bounded sample; Han/Kana/Hangul/Thai/Greek/... decide directly (no n-grams
   needed: Han-dominant text is Chinese unless Kana is present, Hangul is Korean, ...);
2. tells simplified from traditional Chinese by counting characters that exist in only one script;
3. for scripts shared by many languages (Latin, Cyrillic, Arabic, Devanagari) scores langdetect's own
   n-gram profiles (loaded once, in sorted order, from a private ``DetectorFactory``) as a deterministic
   naive-Bayes sum over up to three evenly spaced windows, restricted to the languages of that script; a
   character n-gram and word model trained on real translated messages (``quality.lang_ngrams``), added to
   langdetect's scores of the script's candidates, settles close calls (da/no, nl/af, hr/sl, pt/es, bg/mk), only when langdetect's best two are within
   ``lang_ngrams.MARGIN`` (most documents are far from it and skip the cost).
   ``policy.method == "langdetect"`` instead runs langdetect's seeded random-sampling ``Detector`` on the
   same bounded sample (slower; kept to measure the accuracy effect).

The score is a confidence in [0, 1]: lower for short text, for mixed scripts and when windows disagree.
``detect`` never raises; empty, digit-only or symbol-only text is ``("und", 0.0)``.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from corpusgov.quality import lang_ngrams
from corpusgov.quality.language_policy import LanguagePolicy
from corpusgov.quality.packed_lookup import PackedLookup

UND = "und"

# One-letter script codes produced by the script translation table.
_LATIN, _HAN, _KANA, _HANGUL, _CYR, _GREEK, _ARABIC, _HEBREW = "L", "H", "K", "G", "C", "E", "A", "W"
_DEVA, _THAI, _OTHER = "D", "T", "X"

# (first code point, last code point, script code); checked in order.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, _LATIN), (0x0061, 0x007A, _LATIN), (0x00C0, 0x024F, _LATIN), (0x1E00, 0x1EFF, _LATIN),
    (0x0370, 0x03FF, _GREEK), (0x1F00, 0x1FFF, _GREEK),
    (0x0400, 0x052F, _CYR),
    (0x0590, 0x05FF, _HEBREW),
    (0x0600, 0x06FF, _ARABIC), (0x0750, 0x077F, _ARABIC), (0xFB50, 0xFDFF, _ARABIC), (0xFE70, 0xFEFF, _ARABIC),
    (0x0900, 0x097F, _DEVA),
    (0x0980, 0x09FF, "B"), (0x0A00, 0x0A7F, "U"), (0x0A80, 0x0AFF, "J"), (0x0B80, 0x0BFF, "M"),
    (0x0C00, 0x0C7F, "N"), (0x0C80, 0x0CFF, "R"), (0x0D00, 0x0D7F, "Y"), (0x0D80, 0x0DFF, "S"),
    (0x0E00, 0x0E7F, _THAI), (0x0E80, 0x0EFF, "O"), (0x1000, 0x109F, "P"), (0x10A0, 0x10FF, "Q"),
    (0x0530, 0x058F, "V"), (0x1200, 0x137F, "Z"), (0x1780, 0x17FF, "F"),
    (0x3040, 0x30FF, _KANA), (0x31F0, 0x31FF, _KANA), (0xFF66, 0xFF9F, _KANA),
    (0x1100, 0x11FF, _HANGUL), (0x3130, 0x318F, _HANGUL), (0xAC00, 0xD7AF, _HANGUL),
    (0x3400, 0x4DBF, _HAN), (0x4E00, 0x9FFF, _HAN), (0xF900, 0xFAFF, _HAN), (0x20000, 0x2FFFF, _HAN),
)
_TABLE_SIZE = 0x30000

# Scripts that identify one language by themselves (code -> language).
_SCRIPT_LANG = {
    _HANGUL: "ko", _KANA: "ja", _THAI: "th", _GREEK: "el", _HEBREW: "he", "B": "bn", "U": "pa", "J": "gu",
    "M": "ta", "N": "te", "R": "kn", "Y": "ml", "S": "si", "O": "lo", "P": "my", "Q": "ka", "V": "hy",
    "Z": "am", "F": "km",
}
# Scripts shared by several languages: candidates among langdetect's profiles.
_SCRIPT_CANDIDATES = {
    _LATIN: ("af", "ca", "cs", "cy", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu", "id", "it", "lt",
             "lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "so", "sq", "sv", "sw", "tl", "tr", "vi"),
    _CYR: ("bg", "mk", "ru", "uk"),
    _ARABIC: ("ar", "fa", "ur"),
    _DEVA: ("hi", "mr", "ne"),
}

# Simplified-only / traditional-only characters, as (simplified, traditional) pairs of common characters.
# Characters that are valid in both scripts (后, 里, 干, 台, 只, 面, 几, 着, 范, 谷 ...) are left out.
_ZH_PAIRS = (
    "这這个個们們来來时時为為说說国國会會对對过過还還没沒发發经經现現问問实實动動开開关關长長学學样樣种種点點边邊"
    "进進间間见見听聽话話让讓给給东東车車书書门門电電马馬鱼魚鸟鳥龙龍飞飛业業产產从從众眾传傳优優华華单單卖賣买買"
    "历歷压壓县縣参參双雙变變号號员員园園围圍图圖场場坏壞处處备備头頭夺奪妇婦孙孫宝寶导導层層岁歲币幣师師带帶帮幫"
    "广廣庆慶应應张張归歸当當录錄忆憶态態总總战戰执執扩擴护護报報担擔拥擁换換损損数數断斷无無旧舊显顯晓曉机機杀殺"
    "权權条條极極构構标標树樹桥橋检檢楼樓欢歡气氣汉漢沟溝济濟测測浓濃热熱爱愛独獨献獻环環画畫疗療监監盖蓋礼禮积積"
    "称稱稳穩笔筆类類级級纪紀约約红紅纯純纸紙线線练練组組细細终終结結统統继繼绩績续續维維综綜网網罗羅职職联聯胜勝"
    "脑腦脸臉节節艺藝苏蘇药藥虽雖观觀规規视視览覽觉覺计計认認讨討训訓议議记記讲講许許论論设設访訪证證评評识識诉訴"
    "词詞试試诗詩该該语語误誤请請读讀课課谁誰调調谈談谢謝质質费費资資赛賽转轉轻輕较較辆輛达達运運远遠连連选選钱錢"
    "铁鐵银銀错錯闻聞队隊阳陽阶階际際陆陸险險随隨难難雾霧静靜韩韓页頁须須顾顧题題风風饭飯馆館驾駕验驗体體鲜鮮齐齊"
    "价價么麼儿兒亲親写寫军軍农農划劃则則刚剛创創办辦务務劳勞势勢区區医醫协協卫衛厂廠厅廳叶葉吗嗎响響圣聖块塊坚堅"
    "声聲够夠奖獎宁寧审審宪憲寻尋将將尔爾尽盡岛島庄莊库庫异異强強彻徹怀懷恶惡惊驚戏戲扫掃抢搶挥揮摆擺击擊敌敵杂雜"
    "杨楊档檔梦夢欧歐毕畢汇匯泪淚洁潔浅淺渐漸湾灣满滿灵靈灯燈炼煉烟煙爷爺牵牽状狀犹猶狮獅猎獵确確础礎祸禍离離穷窮"
    "竞競简簡筑築粮糧紧緊纠糾纳納纷紛织織绍紹绕繞绘繪络絡绝絕绪緒绿綠缓緩编編缘緣缩縮罚罰肠腸肤膚胶膠脏髒脚腳舰艦"
    "艰艱苹蘋荣榮获獲营營蓝藍虑慮补補装裝誉譽订訂讯訊诈詐诊診译譯诚誠询詢详詳诸諸谋謀谓謂谱譜贝貝负負贡貢财財责責"
    "败敗货貨贫貧购購贵貴贸貿贺賀赏賞赖賴赚賺赞贊赢贏赵趙跃躍践踐轨軌软軟轮輪载載辅輔输輸辞辭迁遷违違迟遲适適递遞"
    "遗遺邮郵邻鄰郑鄭释釋针針钟鐘钢鋼锁鎖键鍵镇鎮镜鏡闭閉闲閒闹鬧阅閱阴陰阵陣陈陳隐隱鸡雞顶頂项項顺順预預领領频頻"
    "颜顏额額饮飲饰飾驱驅驶駛骑騎骗騙鲁魯鸣鳴麦麥黄黃齿齒龄齡与與习習乡鄉乱亂争爭亚亞仅僅伟偉伤傷债債倾傾储儲兴興"
    "养養册冊决決况況冻凍净淨减減凤鳳刘劉别別剧劇劝勸却卻团團圆圓坛壇扬揚扰擾抚撫择擇挡擋挤擠摇搖暂暫枪槍汤湯温溫"
    "湿濕滚滾灭滅灾災炉爐烂爛烦煩烧燒盘盤码碼签簽纲綱纵縱绑綁聪聰肿腫胆膽脉脈虚虛触觸谅諒谊誼谨謹贴貼赌賭赔賠赠贈"
    "赶趕趋趨辉輝迹跡铜銅销銷锋鋒闯闖阔闊颗顆饱飽鸿鴻龟龜复復灿燦"
)
_SIMP_MARK, _TRAD_MARK = "\U000FFF01", "\U000FFF02"
# Traditional-only forms whose simplified counterpart is also a traditional character (后, 里, 于, 台, ...).
_ZH_EXTRA_TRAD = "後裡裏於臺隻幾髮範穀週佈"


def _build_script_table() -> list[str | None]:
    """Code point -> one-letter script code (None: not a letter, dropped by ``str.translate``)."""
    table: list[str | None] = [None] * _TABLE_SIZE
    for cp in range(_TABLE_SIZE):
        if chr(cp).isalpha():
            table[cp] = _OTHER
    for lo, hi, code in _RANGES:
        for cp in range(lo, hi + 1):
            if code == _HAN or chr(cp).isalpha() or code == _KANA:
                table[cp] = code
    table[0x30FC] = _KANA  # prolonged sound mark
    return table


_SCRIPT_TABLE: list[str | None] | None = None


def script_table() -> list[str | None]:
    """The shared script translation table (built once per process; also used by quality signals)."""
    global _SCRIPT_TABLE
    if _SCRIPT_TABLE is None:
        _SCRIPT_TABLE = _build_script_table()
    return _SCRIPT_TABLE


# Spans that are not prose in any language: URLs, e-mail addresses, paths, command-line options, markup tags,
# identifiers (snake_case, dotted.names, calls()) and inline code. Mixed Chinese/English technical text
# carries many of them; counted as Latin letters they would outvote the Chinese prose around them. ASCII
# classes only: Python's \w matches Han characters, and Chinese man pages often end sentences with an ASCII
# '.', so "\w+\.\w+" would blank out the Chinese prose itself.
_NON_PROSE = re.compile(
    r"[A-Za-z][A-Za-z0-9+.-]*://[!-~]+"                   # URLs (ASCII only: never eat the prose after them)
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"  # e-mail, Message-ID
    r"|(?<![A-Za-z0-9_/])[~.]?/[A-Za-z0-9_.~/*-]+"          # paths
    r"|(?<![A-Za-z0-9_-])--?[A-Za-z][A-Za-z0-9_-]*(?:=[!-~]*)?"  # command-line options
    r"|<[^<>\n]{1,200}>"                                  # markup tags
    r"|`[^`\n]{1,200}`"                                   # inline code
    r"|(?<![A-Za-z0-9_])[A-Za-z0-9_]+(?:[_.:]+[A-Za-z0-9_]+)+(?:\(\))?"  # snake_case, dotted.names, a::b
    r"|(?<![A-Za-z0-9_])[A-Za-z0-9_]+\(\)"                 # calls
    r"|(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]+\(\d[a-z]*\)"       # manual page references: ssh(1), socket(7)
)
# A Han or Kana character carries about as much text as three Latin letters (a Chinese character is about
# one English word); Hangul syllables about two. Used to compare scripts by amount of text, not code points.
# In the abugidas (Devanagari, Bengali, Gurmukhi, Gujarati, Tamil, Telugu, Kannada, Malayalam, Sinhala, Thai,
# Lao, Myanmar, Khmer) a counted letter is a consonant whose vowel sign (a combining mark, not a letter) is not
# counted, so one letter is about a syllable, like Hangul: 2. On the tune bucket of gettext messages (Indic
# and Thai messages with English identifiers in them) 1.0 -> 2.0 took the accuracy from 0.9826 to 0.9893
# (1.5: 0.9872, 2.5: 0.9896).
_SCRIPT_WEIGHT = {"H": 3.0, "K": 3.0, "G": 2.0} | {code: 2.0 for code in "DBUJMNRYSTOPF"}
# Fewer letters than this in the second script: its language is not guessed ("und"); a few command names
# in Chinese prose are too little for n-gram profiles.
_MIN_SECOND = 40


@dataclass(frozen=True)
class LanguageMix:
    """Primary language and score, plus the second script's language and its share of the prose."""

    lang: str
    score: float
    second: str | None
    second_share: float


# Every ``_NON_PROSE`` match contains one of these (":" of a URL, "@", "/", a leading "-", "<", "`", "(", an
# identifier's "_", ":" or "." between word characters): text without any has nothing to blank, and the
# cheap test spares most prose the full pattern, which is tried at every position.
_MAY_BE_NON_PROSE = re.compile(r"[:@/<`(_]|[A-Za-z0-9_]\.+[A-Za-z0-9_]|(?<![A-Za-z0-9_-])-")
_DOT_BETWEEN_WORDS = re.compile(r"[A-Za-z0-9_]\.+[A-Za-z0-9_]")  # _MAY_BE_NON_PROSE's alternatives, one each
_LEADING_DASH = re.compile(r"(?<![A-Za-z0-9_-])-")


def may_be_non_prose(text: str) -> bool:
    """``_MAY_BE_NON_PROSE.search(text) is not None``, by substring tests first.

    Why (issue 15): the pattern's alternation is tried at every position of every window (≈ 9 µs per 284-character
    bench window, 0.38 CPU-s per 20k run); a substring test is a ``memchr``, and the two alternatives that need
    context only run on text holding their "." or "-"."""
    return ("_" in text or ":" in text or "/" in text or "(" in text or "@" in text or "<" in text or "`" in text
            or ("." in text and _DOT_BETWEEN_WORDS.search(text) is not None)
            or ("-" in text and _LEADING_DASH.search(text) is not None))


def prose_only(text: str) -> str:
    """``text`` with URLs, paths, options, markup, identifiers and inline code blanked out."""
    if not may_be_non_prose(text):
        return text
    return _NON_PROSE.sub(" ", text)


def _count(s: str) -> Counter[str]:
    """``Counter(s)`` for a string of few distinct characters (script codes): one C-level count per code."""
    return Counter({c: s.count(c) for c in set(s)})


@lru_cache(maxsize=1)
def _script_index() -> tuple[np.ndarray, tuple[str, ...]]:
    """``script_table()`` as one small integer per code point (0: not a letter) and the script code of each integer."""
    table = script_table()
    letters = ("", *sorted({c for c in table if c is not None}))
    index = {c: i for i, c in enumerate(letters)}
    return np.array([0 if c is None else index[c] for c in table], dtype=np.uint8), letters


def script_counts(text: str) -> Counter[str]:
    """``_count(text.translate(script_table()))``: letters per script code, by a table look-up and ``bincount`` over
    the code points (issue 15: the translation and the count were ≈ 12 µs per bench text, this ≈ 5). Text with a code
    point beyond the table takes the translation (which keeps such characters, and so counts them as codes)."""
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    if not cps.size:
        return Counter()
    if int(cps.max()) >= _TABLE_SIZE:
        return _count(text.translate(script_table()))
    codes, letters = _script_index()
    n = np.bincount(codes[cps], minlength=len(letters))
    return Counter({letters[i]: int(n[i]) for i in np.flatnonzero(n[1:]) + 1})


def script_counts_batch(samples: Sequence[str]) -> list[Counter[str]]:
    """``[script_counts(s) for s in samples]``: one table look-up over the code points of all samples and one
    ``bincount`` of (sample, script) pairs (issue 15: per sample, ≈ 6 numpy calls on a few hundred code points).
    A sample with a code point beyond the table takes ``script_counts`` (the translation), as there."""
    if not samples:
        return []
    lengths = np.fromiter(map(len, samples), dtype=np.int64, count=len(samples))
    cps = np.frombuffer("".join(samples).encode("utf-32-le", "surrogatepass"), dtype="<u4")
    if len(cps) != int(lengths.sum()):  # cannot happen for str (one UTF-32 unit per code point); never guess
        raise ValueError("a string's UTF-32 units differ from its length")
    codes, letters = _script_index()
    width = len(letters)
    sample_of = np.repeat(np.arange(len(samples), dtype=np.intp), lengths)
    beyond = cps >= _TABLE_SIZE
    table_codes = codes[np.where(beyond, 0, cps)]
    n = np.bincount(sample_of * width + table_codes, minlength=len(samples) * width).reshape(len(samples), width)
    rows, cols = np.nonzero(n[:, 1:])  # row-major: each sample's scripts in code order, as ``script_counts``
    out: list[Counter[str]] = [Counter() for _ in samples]
    for r, c, v in zip(rows.tolist(), cols.tolist(), n[:, 1:][rows, cols].tolist(), strict=True):
        out[r][letters[c + 1]] = v
    if beyond.any():
        for r in np.unique(sample_of[beyond]).tolist():
            out[r] = script_counts(samples[r])
    return out


def _windows(text: str, width: int, count: int) -> list[str]:
    """Up to ``count`` evenly spaced windows of ``width`` characters (the whole text if it is short)."""
    n = len(text)
    if n <= width * count or count <= 1:
        return [text] if n <= width * max(count, 1) else [text[:width]]
    step = (n - width) / (count - 1)
    return [text[int(i * step): int(i * step) + width] for i in range(count)]


def _pack(word: str) -> int:
    """An n-gram of 1-3 code points as one int (21 bits each), the same packing as ``LanguageDetector._gram_keys``."""
    key = 0
    for ch in word:
        key = (key << 21) | ord(ch)
    return key


@dataclass(frozen=True)
class _ProfileTables:
    """langdetect's profiles as lookup tables; read-only, shared by every detector of the process."""

    langs: list[str]
    cand_cols: dict[str, np.ndarray]  # script -> candidate language columns
    logp_by_script: dict[str, np.ndarray]  # script -> (grams x candidates) log P, contiguous
    keys: np.ndarray  # packed grams, sorted
    key_rows: np.ndarray  # row of each sorted key
    norm: dict[int, str]  # langdetect's character normalisation as a translate table
    norm_nonlatin: dict[int, str]  # the same, Latin letters blanked (like langdetect in non-Latin text)


def _profile_files() -> list[str]:
    from langdetect.detector_factory import PROFILES_DIRECTORY

    return [os.path.join(PROFILES_DIRECTORY, n) for n in sorted(os.listdir(PROFILES_DIRECTORY))]  # FS-independent


@lru_cache(maxsize=1)
def _langdetect_factory() -> Any:
    """langdetect's DetectorFactory with all profiles loaded (1-2 s; only the ``langdetect`` method needs it)."""
    from langdetect.detector_factory import DetectorFactory

    factory = DetectorFactory()
    profiles = []
    for path in _profile_files():
        with open(path, encoding="utf-8") as f:
            profiles.append(f.read())
    factory.load_json_profile(profiles)
    return factory


def _build_profile_arrays() -> dict[str, np.ndarray]:
    from langdetect.utils.ngram import NGram

    factory = _langdetect_factory()
    langs: list[str] = list(factory.langlist)
    index = {lang: i for i, lang in enumerate(langs)}
    words = sorted(factory.word_lang_prob_map)
    probs = np.array([factory.word_lang_prob_map[w] for w in words], dtype=np.float64)
    logp = np.log(probs + LanguageDetector._SMOOTH).astype(np.float32)
    out: dict[str, np.ndarray] = {"langs": np.array(langs, dtype=str)}
    for s, ls in _SCRIPT_CANDIDATES.items():
        cols = np.array([index[lang] for lang in ls if lang in index], dtype=np.intp)
        out[f"cols_{s}"] = cols
        out[f"logp_{s}"] = np.ascontiguousarray(logp[:, cols])
    packed = np.array([_pack(w) for w in words], dtype=np.int64)
    order = np.argsort(packed, kind="stable")
    out["keys"], out["key_rows"] = packed[order], order.astype(np.intp)
    norm_from, norm_to = [], []
    for cp in range(0x10000):
        ch = chr(cp)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        n = NGram.normalize(ch)
        if n != ch:
            assert len(n) == 1, (cp, n)  # one character each, so it is stored as a code point
            norm_from.append(cp)
            norm_to.append(ord(n))
    out["norm_from"], out["norm_to"] = np.array(norm_from, dtype=np.int64), np.array(norm_to, dtype=np.int64)
    return out


@lru_cache(maxsize=1)
def _profile_tables() -> _ProfileTables:
    """Built once per machine (``table_cache``: keyed by the profile files, langdetect's ngram.py and this module's source)."""
    from langdetect.utils import ngram

    from corpusgov.quality.table_cache import cached_arrays

    a = cached_arrays("langdetect_tables", [*_profile_files(), ngram.__file__, __file__], _build_profile_arrays)
    norm = {int(f): chr(t) for f, t in zip(a["norm_from"].tolist(), a["norm_to"].tolist(), strict=True)}
    norm_nonlatin = dict(norm)
    for cp in list(range(0x41, 0x5B)) + list(range(0x61, 0x7B)):
        norm_nonlatin[cp] = " "
    return _ProfileTables(
        langs=a["langs"].tolist(), cand_cols={s: a[f"cols_{s}"] for s in _SCRIPT_CANDIDATES},
        logp_by_script={s: a[f"logp_{s}"] for s in _SCRIPT_CANDIDATES},
        keys=a["keys"], key_rows=a["key_rows"], norm=norm, norm_nonlatin=norm_nonlatin,
    )


LOOKUP_TEXTS = 64  # texts whose n-grams go to one look-up (``LanguageDetector.detect_mix_batch``)


class LanguageDetector:
    """Build once per worker and reuse: ``detect(text) -> (code, score)``."""

    # langdetect's smoothing: P(gram | lang) + alpha / BASE_FREQ, alpha = 0.5.
    _SMOOTH = 0.5 / 10000
    # Evidence cap: n-grams overlap and are not independent, so the posterior is tempered as if at most this
    # many grams were independent; this keeps the score informative instead of always 0.99999.
    _EVIDENCE = 12.0
    # Distinct characters needed for full confidence (a 20-letter sentence has about 15).
    _MIN_DISTINCT = 12

    def __init__(self, policy: LanguagePolicy | None = None) -> None:
        self.policy = policy or LanguagePolicy()
        tables = _profile_tables()  # once per process (built once per machine: table_cache)
        self._factory: Any = None  # langdetect's own detector: built on first use (the ``langdetect`` method)
        self._langs = tables.langs
        self._cand_cols = tables.cand_cols
        self._logp_by_script = tables.logp_by_script
        self._keys, self._key_rows = tables.keys, tables.key_rows
        self._lookup: PackedLookup | None = None  # hash table over the keys, built on the first n-gram lookup
        self._norm, self._norm_nonlatin = tables.norm, tables.norm_nonlatin
        self._simp = frozenset(_ZH_PAIRS[0::2])
        self._trad = frozenset(_ZH_PAIRS[1::2]) | frozenset(_ZH_EXTRA_TRAD)
        assert not (self._simp & self._trad)
        # Marks from the supplementary private use area: a literal "s" or "t" of English words in the prose
        # must not count as a simplified or traditional character.
        self._zh_table = {ord(c): _SIMP_MARK for c in self._simp} | {ord(c): _TRAD_MARK for c in self._trad}
        # ``_zh_marks``: the characters the table turns into each mark, and the mark itself (a mark already in the text
        # counts too, as it does after the translation).
        self._simp_re = re.compile("[" + re.escape("".join(sorted(self._simp)) + _SIMP_MARK) + "]")
        self._trad_re = re.compile("[" + re.escape("".join(sorted(self._trad)) + _TRAD_MARK) + "]")
        self._width = self.policy.window_chars
        self._count = self.policy.windows
        script_table()

    # ------------------------------------------------------------------ public
    def detect(self, text: str) -> tuple[str, float]:
        """Language code (``zh-Hans``, ``zh-Hant``, ``en``, ``ja``, ... or ``und``) and a score in [0, 1]."""
        mix = self.detect_mix(text)
        return mix.lang, mix.score

    def detect_mix(self, text: str) -> LanguageMix:
        """The primary language with its score, and the second script's language with its share of the prose.

        Script decides first, on prose only (code, URLs, options and markup blanked out) and by amount of text
        (one Han character weighs as three Latin letters), so Chinese prose with English command names is
        Chinese; n-gram profiles then decide among the languages of the winning script.
        """
        try:
            return self._detect(text)
        except Exception:  # noqa: BLE001 - odd input must never stop a pipeline
            return LanguageMix(UND, 0.0, None, 0.0)

    def detect_mix_batch(self, texts: Sequence[str]) -> list[LanguageMix]:
        """``detect_mix`` of each text, the n-gram look-ups of all texts in one ``PackedLookup.rows_of`` call per
        round (a text asks at most twice: its main and its second script), the per-window sums still per text.

        Why: a look-up per text cost ≈ 2 % of a 20k run in numpy call overhead (up to 10 probe rounds each on a
        few hundred grams); the rows are those of a look-up per text, so the results are the same, bit for bit.
        Texts go in groups of ``LOOKUP_TEXTS``: 256 at once held +16 MB of gram keys and probe arrays at the
        peak and ran slower (cache misses) than 64 (10,000 bench texts: 97.2 against 89.4 µs/doc, one text at a
        time 105.7; best of 4 alternated, load 8-12)."""
        out: list[LanguageMix] = []
        for at in range(0, len(texts), LOOKUP_TEXTS):
            out += self._detect_group(texts[at : at + LOOKUP_TEXTS])
        return out

    def _detect_group(self, texts: Sequence[str]) -> list[LanguageMix]:
        out: list[LanguageMix | None] = [None] * len(texts)
        gens: dict[int, Generator[np.ndarray, np.ndarray, LanguageMix]] = {}
        asks: dict[int, np.ndarray] = {}
        prepared = self._prose_batch(texts)
        for i, text in enumerate(texts):
            gen = self._detect_steps(text, prepared[i])
            gens[i] = gen
            self._advance(i, gen, None, asks, out)
        while asks:
            ids = list(asks)
            found = self._rows_of(np.concatenate([asks[i] for i in ids]))
            bounds = np.cumsum([len(asks[i]) for i in ids])[:-1]
            asks = {}
            for i, rows in zip(ids, np.split(found, bounds), strict=True):
                self._advance(i, gens[i], rows, asks, out)
        return [m if m is not None else LanguageMix(UND, 0.0, None, 0.0) for m in out]

    @staticmethod
    def _advance(i: int, gen: Generator[np.ndarray, np.ndarray, LanguageMix], rows: np.ndarray | None,
                 asks: dict[int, np.ndarray], out: list[LanguageMix | None]) -> None:
        """One step of text i's detection: its next look-up into ``asks``, or its result into ``out`` (an exception
        gives ``und``, as in ``detect_mix``)."""
        try:
            asks[i] = next(gen) if rows is None else gen.send(rows)
        except StopIteration as done:
            out[i] = done.value
        except Exception:  # noqa: BLE001 - odd input must never stop a pipeline
            out[i] = LanguageMix(UND, 0.0, None, 0.0)

    def _rows_of(self, keys: np.ndarray) -> np.ndarray:
        if self._lookup is None:
            self._lookup = PackedLookup(self._keys, self._key_rows)
        return self._lookup.rows_of(keys)

    def _run(self, steps: Generator[np.ndarray, np.ndarray, Any]) -> Any:
        """A detection's steps with each look-up answered at once (one text)."""
        try:
            keys = next(steps)
            while True:
                keys = steps.send(self._rows_of(keys))
        except StopIteration as done:
            return done.value

    # ----------------------------------------------------------------- private
    def _detect(self, text: str) -> LanguageMix:
        return self._run(self._detect_steps(text))

    def _prose(self, text: str, counts: Counter[str] | None = None) -> tuple[list[str], Counter[str]]:
        """A text's windows with non-prose blanked and their letters per script (`counts`, when given, are those
        letters already counted); the raw windows when the prose has no letter."""
        raw = _windows(text, self._width, self._count)
        windows = [prose_only(w) for w in raw]
        if counts is None:
            counts = script_counts("".join(windows))
        if not counts:  # nothing but code: fall back to the raw text
            windows = raw
            counts = script_counts("".join(windows))
        return windows, counts

    def _prose_batch(self, texts: Sequence[str]) -> list[tuple[list[str], Counter[str]] | None]:
        """``_prose`` of each non-empty text, the prose windows' letters counted for all texts at once
        (`script_counts_batch`); None for the others (and for all, should the batch fail: then each text's
        detection prepares its own and meets the error there)."""
        try:
            ids = [i for i, t in enumerate(texts) if isinstance(t, str) and t]
            windows = [[prose_only(w) for w in _windows(texts[i], self._width, self._count)] for i in ids]
            counts = script_counts_batch(["".join(w) for w in windows])
            out: list[tuple[list[str], Counter[str]] | None] = [None] * len(texts)
            for i, w, c in zip(ids, windows, counts, strict=True):
                out[i] = (w, c) if c else self._prose(texts[i], c)
            return out
        except Exception:  # noqa: BLE001 - odd input must never stop a pipeline
            return [None] * len(texts)

    def _detect_steps(self, text: str, prepared: tuple[list[str], Counter[str]] | None = None,
                      ) -> Generator[np.ndarray, np.ndarray, LanguageMix]:
        """The detection of one text; yields the packed n-gram keys it needs looked up, is sent their rows.
        `prepared`: the text's ``_prose``, when its batch made it (`_prose_batch`)."""
        if not isinstance(text, str) or not text:
            return LanguageMix(UND, 0.0, None, 0.0)
        windows, counts = prepared if prepared is not None else self._prose(text)
        sample = "".join(windows) if len(windows) > 1 else windows[0]
        letters = sum(counts.values())
        if letters == 0:
            return LanguageMix(UND, 0.0, None, 0.0)
        weighted = {k: v * _SCRIPT_WEIGHT.get(k, 1.0) for k, v in counts.items()}
        cjk_w = weighted.get(_HAN, 0.0) + weighted.get(_KANA, 0.0) + weighted.get(_HANGUL, 0.0)
        top_script = max(sorted(weighted), key=lambda k: weighted[k])
        total_w = sum(weighted.values())
        if cjk_w >= weighted[top_script]:  # Han, Kana and Hangul together decide CJK text
            cjk = counts[_HAN] + counts[_KANA] + counts[_HANGUL]
            lang, score = self._cjk(sample, counts, cjk, cjk_w / total_w)
            rest = {k: w for k, w in weighted.items() if k not in (_HAN, _KANA, _HANGUL)}
        else:
            lang, score = yield from self._by_script(windows, counts, letters, top_script)
            rest = {k: w for k, w in weighted.items() if k != top_script}
        if not rest:
            return LanguageMix(lang, score, None, 0.0)
        second_script = max(sorted(rest), key=lambda k: rest[k])
        share = round(sum(rest.values()) / total_w, 4)
        second = (yield from self._script_language(windows, second_script)) if counts[second_script] >= _MIN_SECOND \
            else UND
        return LanguageMix(lang, score, second, share)

    def _script_language(self, windows: list[str], script: str) -> Generator[np.ndarray, np.ndarray, str]:
        """The language of the text in one script (for the second language of a mixed document)."""
        if script in (_HAN, _KANA, _HANGUL):
            return {_HAN: "zh", _KANA: "ja", _HANGUL: "ko"}[script]
        if script in _SCRIPT_LANG:
            return _SCRIPT_LANG[script]
        if script in self._cand_cols:
            lang, _ = yield from self._ngram(windows, script)
            return lang
        return UND

    def _by_script(self, windows: list[str], counts: Counter[str], letters: int, top_script: str,
                   ) -> Generator[np.ndarray, np.ndarray, tuple[str, float]]:
        top_n = counts[top_script]
        purity = top_n / letters
        length_factor = min(1.0, top_n / self.policy.min_letters)
        if top_script in _SCRIPT_LANG:
            return _SCRIPT_LANG[top_script], round(purity * (0.5 + 0.5 * length_factor), 4)
        if top_script not in self._cand_cols or top_n < 4:
            return UND, 0.0
        lang, conf = yield from self._ngram(windows, top_script)
        if lang == UND:
            return UND, 0.0
        return lang, round(conf * purity * length_factor, 4)

    def _cjk(self, sample: str, counts: Counter[str], cjk: int, purity: float) -> tuple[str, float]:
        han, kana, hangul = counts[_HAN], counts[_KANA], counts[_HANGUL]
        length_factor = min(1.0, 0.5 + cjk / (2 * self.policy.min_letters))
        if hangul >= max(han, kana) or (hangul > 0.3 * cjk):
            return "ko", round(purity * length_factor * hangul / cjk, 4)
        # Kana decides Japanese; one stray の in a long Chinese text does not.
        if (kana >= 2 or (kana == 1 and cjk < 20)) and kana >= 0.05 * cjk or kana > han:
            return "ja", round(purity * length_factor * (han + kana) / cjk, 4)
        s, t = self._zh_marks(sample)
        share = han / cjk
        if t > s:
            return "zh-Hant", round(purity * length_factor * share * (0.6 + 0.4 * t / (s + t)), 4)
        margin = 1.0 if s + t == 0 and han >= 40 else (s / (s + t) if s + t else 0.75)
        return "zh-Hans", round(purity * length_factor * share * (0.6 + 0.4 * margin), 4)

    def _zh_marks(self, sample: str) -> tuple[int, int]:
        """(simplified-only, traditional-only) characters of `sample`: the counts of ``_SIMP_MARK`` and ``_TRAD_MARK``
        in ``sample.translate(self._zh_table)``, found by two character-class scans instead (issue 15: a translation
        looks every character up in a 1,200-entry dict, ≈ 23 µs per Chinese bench text; the scans ≈ 11)."""
        return len(self._simp_re.findall(sample)), len(self._trad_re.findall(sample))

    def _gram_keys(self, windows: list[str], table: dict[int, str]) -> tuple[np.ndarray, list[int]]:
        """The packed langdetect n-grams (1-3 characters) of all windows, position-major (text order; -1 where a
        gram would pass the text's end), and the position where each window ends. Their profile rows
        (``_gram_rows``) are the rows of the grams found, in text order, and the row offset where each window's
        grams end.

        Each n-gram is packed into one int64 (21 bits per code point) and looked up in a hash table over the
        packed vocabulary (`PackedLookup`; the same rows as binary search in the sorted keys, ≈30 % less time):
        one numpy pass for all windows, no Python loop per character.
        """
        norms = [" ".join(w.translate(table).split()) for w in windows]
        joined = " " + "  ".join(norms) + " "  # windows separated by spaces: no gram spans two windows
        ends: list[int] = []
        at = 1
        for nm in norms:
            at += len(nm) + 2
            ends.append(at)
        cps = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
        keys = np.full((len(cps), 3), -1, dtype=np.int64)
        keys[:, 0] = cps
        keys[:-1, 1] = (cps[:-1] << 21) | cps[1:]
        keys[:-2, 2] = (cps[:-2] << 42) | (cps[1:-1] << 21) | cps[2:]
        return keys.ravel(), ends  # position-major: grams stay in text order

    @staticmethod
    def _gram_rows(found: np.ndarray, ends: list[int]) -> tuple[np.ndarray, list[int]]:
        hit = found >= 0
        rows = found[hit]
        positions = np.flatnonzero(hit) // 3
        row_ends = np.searchsorted(positions, np.array(ends, dtype=np.int64)).tolist()
        return rows, row_ends

    def _ngram(self, windows: list[str], script: str) -> Generator[np.ndarray, np.ndarray, tuple[str, float]]:
        cols = self._cand_cols[script]
        if self.policy.method == "langdetect":
            return self._langdetect(windows, cols)
        table = self._norm if script == _LATIN else self._norm_nonlatin
        keys, ends = self._gram_keys(windows, table)
        rows, row_ends = self._gram_rows((yield keys), ends)
        if not len(rows):
            return UND, 0.0
        # Per-window sums as one small matrix product (window indicator @ gathered log-probabilities).
        gathered = np.take(self._logp_by_script[script], rows, axis=0)
        indicator = np.zeros((len(row_ends), len(rows)), dtype=np.float32)
        sizes: list[int] = []
        start = 0
        for i, end in enumerate(row_ends):
            indicator[i, start:end] = 1.0
            sizes.append(end - start)
            start = end
        sums = (indicator @ gathered).astype(np.float64)
        totals = np.zeros(len(cols), dtype=np.float64)
        votes: list[int] = []
        for i, size in enumerate(sizes):
            if size:
                totals += sums[i] / size  # mean log-likelihood per gram: windows weigh equally
                votes.append(int(np.argmax(sums[i])))
        first = int(np.argmax(totals))
        mean = totals / len(votes)
        best, mean = self._close_call(windows, cols, mean)
        logits = (mean - mean[best]) * self._EVIDENCE
        post = 1.0 / float(np.exp(logits).sum())
        agree = sum(1 for v in votes if v == first) / len(votes)
        # Degenerate text ("xxxx...", one word repeated) uses few distinct letters: little real evidence.
        variety = min(1.0, len(set("".join(windows).lower())) / self._MIN_DISTINCT)
        return self._langs[cols[best]], post * agree * variety

    def _close_call(self, windows: list[str], cols: np.ndarray, mean: np.ndarray) -> tuple[int, np.ndarray]:
        """Among langdetect's ``TOP_K`` best candidates, add ``WEIGHT`` x the message-trained n-gram and word
        model's score (``lang_ngrams.close_call_scores``, relative to its best; a candidate the model lacks gets
        its worst); the rest drop out of the posterior. Returns the best column and the adjusted per-column
        scores. Runs only when langdetect's best two are within ``MARGIN`` (mean log-likelihood per gram); above
        it, on the tuning bucket, the close call never changed a right answer, and most long documents are far
        above it."""
        order = [int(i) for i in np.argsort(-mean, kind="stable")[: lang_ngrams.TOP_K]]
        if len(order) < 2 or mean[order[0]] - mean[order[1]] >= lang_ngrams.MARGIN:
            return order[0], mean  # langdetect is sure: the close call could not change the answer on tune
        cand = [self._langs[cols[i]] for i in order]
        ours = lang_ngrams.close_call_scores(" ".join(windows), cand)
        if len(ours) < 2:
            return order[0], mean
        top, worst = max(ours.values()), min(ours.values())
        adj = np.full_like(mean, -np.inf)
        for i, lang in zip(order, cand, strict=True):
            adj[i] = (mean[i] + lang_ngrams.WEIGHT * (ours.get(lang, worst) - top)
                      + lang_ngrams.PRIOR * lang_ngrams.log_prior(lang))
        return int(np.argmax(adj)), adj

    def _seeded_factory(self) -> Any:
        """This detector's langdetect factory: its own seed, the process's profile dictionary (built on first use)."""
        if self._factory is None:
            from langdetect.detector_factory import DetectorFactory

            shared = _langdetect_factory()
            factory = DetectorFactory()
            factory.word_lang_prob_map, factory.langlist = shared.word_lang_prob_map, shared.langlist
            factory.set_seed(self.policy.seed)  # instance attribute: the global DetectorFactory.seed is untouched
            self._factory = factory
        return self._factory

    def _langdetect(self, windows: list[str], cols: np.ndarray) -> tuple[str, float]:
        """Reference path: langdetect's own seeded random-sampling detector on the bounded sample."""
        from langdetect.lang_detect_exception import LangDetectException

        allowed = {self._langs[c] for c in cols}
        det = self._seeded_factory().create()
        det.set_max_text_length(self._width * self._count + self._count)
        det.append(" ".join(windows))
        try:
            probs = det.get_probabilities()
        except LangDetectException:
            return UND, 0.0
        for p in probs:
            if p.lang in allowed:
                return p.lang, float(p.prob)
        return UND, 0.0


def language_allowed(lang: str, allowed: list[str]) -> bool:
    """True if ``lang`` is admitted by ``allowed``: empty admits all; ``zh`` admits zh-Hans and zh-Hant."""
    if not allowed:
        return True
    for a in allowed:
        if lang == a or (a == "zh" and lang.startswith("zh")):
            return True
        if a.lower() == lang.lower():
            return True
    return False

