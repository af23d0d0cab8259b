"""CN_PERSON: Chinese person names from a trained character CRF (zh_person_model.py), plus context.

Why a model: surname + context regexes found 0.07 of the names in real NER sentences and masked non-names
in technical prose (客户程序解释 -> 客户<CN_PERSON>释). The CRF proposes spans with a posterior score; a
name cue just before (姓名：, 联系人, 请联系…) or a title just after (先生, 女士…) raises that score, and a
single character is never reported (too often a surname used as an abbreviation or an ordinary word), nor
a CRF span with digits or Latin letters (文件描述符13 is not a name). Latin-letter names written against
Chinese text (选手Infi, 阿特金森（martinatkinson）) come from a second scorer (zh_person_latin.py).
Scores: the model's floor (the least posterior it reports) maps to 0.5, the policy's default min_score.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from corpusgov.quality.pii.base import FastPatternRecognizer, Span
from corpusgov.quality.pii.zh_person_features import LEX_WORD, SURNAME_CHARS
from corpusgov.quality.pii.zh_person_latin import LatinNameScorer
from corpusgov.quality.pii.zh_person_model import Span as ModelSpan
from corpusgov.quality.pii.zh_person_model import ZhPersonModel
from corpusgov.quality.pii.zh_person_translit import TranslitNameScorer, load_translit

MODEL_PATH = Path(__file__).parent / "models" / "zh_person.npz"
LATIN_PATH = Path(__file__).parent / "models" / "zh_person_latin.npz"
GAZ_PATH = Path(__file__).parent / "models" / "en_person.npz"  # the English name lists the Latin scorer reads
TRANSLIT_PATH = Path(__file__).parent / "models" / "zh_person_translit.npz"  # transliterated names (optional)
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Two or more Han characters; a middle dot may join parts of two or more (卡洛斯·阿马特, not 池·咏).
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff]{2,}(?:[·•][\u4e00-\u9fff]{2,})*")
_WEAK_CUES = r"联系|致电|作者|记者|编辑|译者|主讲人"
_STRONG_CUES = (
    r"姓名|联系人|收件人|收货人|寄件人|申请人|法定代表人|负责人|经办人|户主|持卡人|签字人|被保险人|投保人|请联系"
)
_CUES = re.compile(r"(?:" + _STRONG_CUES + "|" + _WEAK_CUES + r")[:：为是 ]{0,2}$")
_STRONG = re.compile(r"(?:" + _STRONG_CUES + r")[:：为是 ]{0,2}$")
_TITLES = ("先生", "女士", "同学", "老师", "医生", "教授", "律师", "经理", "主任", "小姐", "院士", "博士", "同志")
_ANY_STRONG = re.compile(_STRONG_CUES + "|" + "|".join(_TITLES))
# A low-posterior span right before one of these is a place (王府井大街, 中山公园), not a person.
_PLACE_WORDS = ("大街", "街道", "大道", "胡同", "路口", "广场", "公园", "大桥", "机场", "车站", "大厦", "小区")
_COMPOUND = ("欧阳", "司马", "诸葛", "上官", "慕容", "东方", "皇甫", "尉迟", "公孙", "令狐", "司徒", "夏侯", "宇文", "端木")
_SURNAME = "(?:" + "|".join(_COMPOUND) + "|[" + SURNAME_CHARS + "])"
# Fallback when the model proposes nothing there: a strong cue, a surname and one or two more characters, then
# a clause end or a phone cue (请联系王伟，联系电话…; 姓名：李娜。). 客户程序解释 has no strong cue and no clause end.
_CUE_NAME = re.compile(
    r"(?:" + _STRONG_CUES + r")[:：为是 ]{0,2}(?P<v>" + _SURNAME + r"[\u4e00-\u9fff]{1,2}?)"
    r"(?=[，。、；,;：:\s）)]|电话|手机|先生|女士|$)"
)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The Han core of a model span: 赵阳）-> 赵阳, 凌云baby -> 凌云, and a trailing title goes (陈老师 -> 陈,
    then too short to report): annotated names in the training corpora carry neither."""
    while start < end and not _HAN.match(text, start):
        start += 1
    while end > start and not _HAN.match(text, end - 1):
        end -= 1
    for title in _TITLES:
        if end - start > len(title) and text.startswith(title, end - len(title)):
            return start, end - len(title)
    return start, end


@functools.lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> ZhPersonModel:
    """One model per process (its emission table holds ~4 MB); loading reads only the shipped file."""
    return ZhPersonModel.load(path)


@functools.lru_cache(maxsize=4)
def load_latin(path: Path = LATIN_PATH, gaz_path: Path = GAZ_PATH) -> LatinNameScorer:
    """One Latin-name scorer per process (2 MB of weights and the English name lists)."""
    return LatinNameScorer.load(path, gaz_path)


class CnPersonModelRecognizer(FastPatternRecognizer):
    """Presidio recognizer over the CRF; `find` is the whole logic (the regex below only documents the shape)."""

    ENTITY = "CN_PERSON"
    PATTERNS = (("cn_person_shape", r"[\u4e00-\u9fff]{2,4}", 0.0),)
    CONTEXT_SCORE: ClassVar[float] = 0.9
    FALLBACK_SCORE: ClassVar[float] = 0.6
    # Beside a strong cue (姓名：, 联系人, 请联系) or before a title (先生, 女士), a span that starts with a surname
    # is reported from this posterior up, else only from the model's floor: the training corpora are news,
    # social media and resumes, where such cues are rare and form-like contexts score low.
    CUE_FLOOR: ClassVar[float] = 0.01
    # Below this posterior, and with no cue, a span that is or cuts an ordinary dictionary word, or is followed
    # by a place word (大街, 公园…), is dropped.
    WORD_VETO_BELOW: ClassVar[float] = 0.5

    def __init__(
        self,
        supported_language: str = "zh",
        model: ZhPersonModel | None = None,
        latin: LatinNameScorer | None = None,
        use_latin: bool = True,
        translit: TranslitNameScorer | None = None,
        use_translit: bool = True,
    ) -> None:
        super().__init__(supported_language=supported_language)
        self._model = model or load_model()
        self._floor = self._model.floor
        # Latin-letter names (Raymond, ColinMcRae) come from a scorer of their own: the CRF folds letters away.
        # use_latin=False leaves it out (the evaluation's comparison without it).
        self._latin = (latin or load_latin()) if use_latin else None
        # Transliterated names the CRF never proposes (鲁尼, 巴洛特里), where its file is present.
        if translit is None and use_translit and TRANSLIT_PATH.exists():
            translit = load_translit(TRANSLIT_PATH, self._model.word_flag)
        self._translit = translit if use_translit else None

    def find(self, text: str) -> list[Span]:
        """Model spans of >= 2 Han characters (a middle dot may join them); the model's floor maps to 0.5."""
        return self.find_batch([text])[0]

    def find_batch(self, texts: Sequence[str]) -> list[list[Span]]:
        """find() of each text, the model decoding all texts with Han characters together (the scanner's
        batch path: one numpy pass per few thousand characters instead of ~150 small calls per text)."""
        han = [i for i, text in enumerate(texts) if not text.isascii() and _HAN.search(text)]  # isascii: O(1)
        # low-posterior spans only matter beside a strong cue
        floors = [min(self.CUE_FLOOR, self._floor) if _ANY_STRONG.search(texts[i]) else self._floor for i in han]
        out: list[list[Span]] = [[] for _ in texts]
        for i, spans in zip(han, self._model.find_batch([texts[i] for i in han], floors), strict=True):
            out[i] = self._from_model(texts[i], spans)
        return out

    def _from_model(self, text: str, spans: list[ModelSpan]) -> list[Span]:
        """The recognizer's findings from the model's spans of one text: trimmed, scored, cue fallback."""
        out: list[Span] = []
        for sp in spans:
            s, e = _trim(text, sp.start, sp.end)
            if not _NAME_CHARS.fullmatch(text, s, e):
                continue
            score = 0.0
            if sp.score >= self._floor:
                score = 0.5 + 0.5 * (sp.score - self._floor) / max(1e-9, 1.0 - self._floor)
                if self._in_context(text, s, e):
                    score = max(score, self.CONTEXT_SCORE)
                elif sp.score < self.WORD_VETO_BELOW and (
                    self._ordinary_word(text, s, e) or text.startswith(_PLACE_WORDS, e)
                ):
                    continue
            elif e - s <= 4 and self._strong_context(text, s, e) and re.match(_SURNAME, text[s:e]):
                score = self.CONTEXT_SCORE
            if score:
                out.append((s, e, round(score, 4)))
        if self._latin is not None:
            thr = self._latin.threshold
            for s, e, p in self._latin.find(text):
                if not any(s < f[1] and f[0] < e for f in out):
                    score = 0.5 + 0.5 * (p - thr) / max(1e-9, 1.0 - thr)
                    out.append((s, e, round(max(score, self.CONTEXT_SCORE) if self._in_context(text, s, e) else score, 4)))
        if self._translit is not None:
            self._add_where_free(out, text, self._translit.find(text), self._translit.threshold)
        if any(c in text for c in "名人联主"):
            for m in _CUE_NAME.finditer(text):
                s, e = m.span("v")
                hit = [f for f in out if s < f[1] and f[0] < e]
                if not hit:
                    out.append((s, e, self.FALLBACK_SCORE))
                elif all(s <= f[0] and f[1] <= e for f in hit) and (s, e) not in [f[:2] for f in hit]:
                    # 请联系周涛娟， where the model stopped at 周涛, or 上官嘉桐 found as 嘉桐: the cue's clause
                    # bounds the name, so the whole of it is reported.
                    out = [f for f in out if f not in hit]
                    out.append((s, e, max(self.CONTEXT_SCORE, *(f[2] for f in hit))))
        return out

    def _add_where_free(self, out: list[Span], text: str, found: list[tuple[int, int, float]], thr: float) -> None:
        """A second source's spans where no finding overlaps them, its threshold mapped to 0.5 (a cue: 0.9)."""
        for s, e, p in found:
            if not any(s < f[1] and f[0] < e for f in out):
                score = 0.5 + 0.5 * (p - thr) / max(1e-9, 1.0 - thr)
                out.append((s, e, round(max(score, self.CONTEXT_SCORE) if self._in_context(text, s, e) else score, 4)))

    def _ordinary_word(self, text: str, s: int, e: int) -> bool:
        """The span is a dictionary word that is no name (纯文本, 范例), or a dictionary word runs across one
        of its ends (符号连|接, where 连接 is a word): cut there, it is rarely a name."""
        flag = self._model.word_flag
        if flag(text, s, e) == LEX_WORD:
            return True
        return any(flag(text, a, a + 2) == LEX_WORD for a in (s - 1, e - 1) if 0 <= a and a + 2 <= len(text))

    @staticmethod
    def _in_context(text: str, start: int, end: int) -> bool:
        return bool(_CUES.search(text, max(0, start - 8), start)) or text.startswith(_TITLES, end)

    @staticmethod
    def _strong_context(text: str, start: int, end: int) -> bool:
        return bool(_STRONG.search(text, max(0, start - 8), start)) or text.startswith(_TITLES, end)
