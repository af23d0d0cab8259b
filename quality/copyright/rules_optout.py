"""Rules for opt-outs from AI training / text and data mining: noai meta, TDM reservation, "not for AI
training" in English and Chinese, robots.txt ``Disallow: /`` for AI crawlers.
"""

from __future__ import annotations

import re

from corpusgov.quality.copyright.rules_base import (
    EN_DISCUSS,
    IGNORECASE,
    NOT_QUESTION,
    WS,
    ZH_DISCUSS,
    ZH_NEG_LB,
    Group,
    Rule,
    rx,
)

_AI = (
    r"(?=[almgnALMGN])(?:\bAI\b|A\.I\.|artificial[\s\-]intelligence|machine[\s\-]learning|(?:large\s+)?language\s+models?|LLMs?"
    r"|generative\s+(?:AI|models?)|neural\s+networks?|models?)"
)
_AI_STRICT = (
    r"(?=[almgnALMGN])(?:\bAI\b|A\.I\.|artificial[\s\-]intelligence|machine[\s\-]learning|(?:large\s+)?language\s+models?|LLMs?"
    r"|generative\s+(?:AI|models?)|neural\s+networks?|(?:AI|ML)\s+models?)"
)
_ZH_OBJ = r"(?:本文|本站|本网|本網|本作品|本页|本頁|本书|本書|本人|本账号|我的|上述|此|作品|内容|內容|文章|图片|圖片|素材|资料)"
_ZH_AI = r"(?:人工智能|AI|ＡＩ|机器学习|機器學習|大模型|大语言模型|語言模型|语言模型|生成式|模型|算法)"


def _res_tdm(m: re.Match[str]) -> tuple[str | None, float] | None:
    return (None, 0.99) if m.group("v") == "1" else None


GROUPS: list[Group] = [
    (
        ("noai", "noimageai"),
        [
            Rule(
                "noai",
                "opt_out",
                rx(r"(?<![A-Za-z0-9_\-])no(?:image)?ai(?![A-Za-z0-9_\-])", IGNORECASE),
                0.9,
                True,
            ),
        ],
    ),
    (
        ("tdm",),
        [
            Rule(
                "tdm_reservation_meta",
                "opt_out",
                rx(r"tdm[\-_]reservation[\"']?(?:\s+content)?\s*[:=]\s*[\"']?\s*(?P<v>[01])", IGNORECASE),
                0.99,
                True,
                resolve=_res_tdm,
            ),
            Rule(
                "tdm_reservation_text",
                "opt_out",
                rx(
                    r"(?<!whether a )(?<!whether )"
                    + WS
                    + r"TDM\s+(?:rights\s+)?reservation(?![\-_])"
                    + r"|(?:reserves?|reserved)\s+(?:the|all|its|any)?\s*rights?[^.\n]{0,40}?(?:TDM|text\s+and\s+data\s+mining)",
                    IGNORECASE,
                ),
                0.8,
                True,
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
    (
        ("text and data mining",),
        [
            Rule(
                "tdm_text",
                "opt_out",
                rx(
                    r"(?:reserves?|reserved|opts?\s+out|opted\s+out|expressly\s+reserve[sd]?)\s+(?:the\s+|all\s+|its\s+|any\s+)?"
                    r"(?:rights?\s+)?[^.\n]{0,40}?text\s+and\s+data\s+mining",
                    IGNORECASE,
                ),
                0.85,
                True,
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
    (
        ("train", "training"),
        [
            Rule(
                "en_no_ai_training",
                "opt_out",
                rx(
                    r"(?=[mscdnpfalgMSCDNPFALG])(?:(?:may|must|shall|should|can)\s*(?:not|n't)\s+be\s+used\s+(?:to\s+train|for\s+(?:the\s+)?"
                    r"(?:purposes?\s+of\s+)?(?:training|developing))|(?:do\s+not|don't|not\s+to|never)\s+use\s+[^.\n]{0,40}?"
                    r"(?:to\s+train|for\s+(?:the\s+)?training(?:\s+of)?))[^.\n]{0,30}?"
                    + _AI
                    + r"|(?:do\s+not|don't|not\s+to|never)\s+use\s+[^.\n]{0,40}?for\s+(?:the\s+)?"
                    + _AI_STRICT
                    + r"[\s\-]training"
                    + r"|(?:prohibits?|forbids?|prohibited|forbidden|not\s+permitted|disallows?)[^.\n]{0,40}?"
                    r"(?:(?:training|to\s+train)[^.\n]{0,30}?"
                    + _AI_STRICT
                    + r"|"
                    + _AI_STRICT
                    + r"\s+training)"
                    r"|(?:does|do)\s*(?:not|n't)\s+(?:consent|agree|permit|allow|authori[sz]e)[^.\n]{0,50}?(?:train|training)"
                    r"[^.\n]{0,30}?"
                    + _AI_STRICT
                    + r"|"
                    + WS
                    + r"(?:no|not\s+for)\s+(?:use\s+in\s+)?"
                    + _AI_STRICT
                    + r"[\s\-]training"
                    r"|"
                    + _AI_STRICT
                    + r"[\s\-]training\s+(?:is\s+)?(?:strictly\s+)?(?:prohibited|forbidden|not\s+permitted"
                    r"|not\s+allowed)",
                    IGNORECASE,
                ),
                0.85,
                True,
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
    (
        ("训练", "訓練", "学习", "學習"),
        [
            Rule(
                "zh_no_ai_training",
                "opt_out",
                rx(
                    ZH_NEG_LB
                    + r"(?:禁止|不得|严禁|嚴禁|拒绝|拒絕|请勿|請勿|不允许|不允許|不可|谢绝|謝絕)(?:任何[^，。\n]{0,6}?)?"
                    r"(?:将|把|將|使用|利用|用)?(?:[^。！？\n，,]{0,4}?"
                    + _ZH_OBJ
                    + r"[^。！？\n，,]{0,10}?)?"
                    r"(?:(?:用于|用於|用作|用来|用來|进行|進行|作为|作為)?[^。！？\n，,]{0,2}?"
                    + _ZH_AI
                    + r"[^。！？\n，,]{0,4}?(?:训练|訓練|学习|學習)|(?:用于|用於|用来|用來)(?:训练|訓練)"
                    + _ZH_AI
                    + r")"
                    + r"(?!的(?:问题|問題|争议|爭議|合法性|边界|規則|规则))"
                    + NOT_QUESTION
                ),
                0.9,
                True,
                reject_before=ZH_DISCUSS,
            ),
        ],
    ),
    (
        ("user-agent",),
        [
            Rule(
                "robots_ai_disallow",
                "opt_out",
                rx(
                    r"User-agent:\s*(?:GPTBot|CCBot|ChatGPT-User|Google-Extended|anthropic-ai|ClaudeBot|Claude-Web|"
                    r"Bytespider|PerplexityBot|cohere-ai|Applebot-Extended|Meta-ExternalAgent|Omgilibot|Diffbot|"
                    r"Amazonbot|FacebookBot|ImagesiftBot)[ \t]*(?:\r?\n[ \t]*User-agent:[^\n]*){0,20}\r?\n[ \t]*Disallow:[ \t]*/"
                    r"[ \t]*(?=\r?\n|$)",
                    IGNORECASE,
                ),
                0.9,
                True,
            ),
        ],
    ),
]
