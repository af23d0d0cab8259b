"""CN_PERSON: Chinese person names from a trained character CRF (zh_person_model.py), plus context.

Why a model: surname + context regexes found 0.07 of the names in real NER sentences and masked non-names
in technical prose (客户程序解释 -> 客户<CN_PERSON>释). The CRF proposes spans with a posterior score; a
name cue just before (姓名：, 联系人, 请联系…) or a title just after (先生, 女士…) raises that score, and a
single character is never reported (too often a surname used as an abbreviation or an ordinary word), nor
a span with digits or Latin letters (文件描述符13 is not a name).
Scores: the model's floor (the least posterior it reports) maps to 0.5, the policy's default min_score.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import ClassVar

from quality.pii.base import FastPatternRecognizer, Span
from quality.pii.zh_person_model import ZhPersonModel

MODEL_PATH = Path(__file__).parent / "models" / "zh_person.npz"
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Two or more Han characters; a middle dot may join parts of two or more (卡洛斯·阿马特, not 池·咏).
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff]{2,}(?:[·•][\u4e00-\u9fff]{2,})*")
_CUES = re.compile(
    r"(?:姓名|联系人|收件人|收货人|寄件人|申请人|法定代表人|负责人|经办人|户主|持卡人|签字人|被保险人|投保人|请联系|联系|致电|"
    r"作者|记者|编辑|译者|主讲人)[:：为是 ]{0,2}$"
)
_TITLES = ("先生", "女士", "同学", "老师", "医生", "教授", "律师", "经理", "主任", "小姐", "院士", "博士", "同志")


@functools.lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> ZhPersonModel:
    """One model per process (the dense table is ~20 MB); loading reads only the shipped file."""
    return ZhPersonModel.load(path)


class CnPersonModelRecognizer(FastPatternRecognizer):
    """Presidio recognizer over the CRF; `find` is the whole logic (the regex below only documents the shape)."""

    ENTITY = "CN_PERSON"
    PATTERNS = (("cn_person_shape", r"[\u4e00-\u9fff]{2,4}", 0.0),)
    CONTEXT_SCORE: ClassVar[float] = 0.9
    # With a name cue or title right beside it, a span is reported from this posterior up (else from the
    # model's floor): the training corpora are news and social media, where such cues are rare.
    CUE_FLOOR: ClassVar[float] = 0.1

    def __init__(self, supported_language: str = "zh", model: ZhPersonModel | None = None) -> None:
        super().__init__(supported_language=supported_language)
        self._model = model or load_model()
        self._floor = self._model.floor

    def find(self, text: str) -> list[Span]:
        """Model spans of >= 2 Han characters (a middle dot may join them); the model's floor maps to 0.5."""
        if not _HAN.search(text):
            return []
        out: list[Span] = []
        for sp in self._model.find(text, floor=min(self.CUE_FLOOR, self._floor)):
            if not _NAME_CHARS.fullmatch(text, sp.start, sp.end):
                continue
            score = 0.0
            if sp.score >= self._floor:
                score = 0.5 + 0.5 * (sp.score - self._floor) / max(1e-9, 1.0 - self._floor)
            if self._in_context(text, sp.start, sp.end):
                score = max(score, self.CONTEXT_SCORE)
            if score:
                out.append((sp.start, sp.end, round(score, 4)))
        return out

    @staticmethod
    def _in_context(text: str, start: int, end: int) -> bool:
        return bool(_CUES.search(text, max(0, start - 8), start)) or text.startswith(_TITLES, end)
