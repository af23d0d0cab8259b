"""Build ``quality/word_order_en.json``: which English word follows which, from real prose (for ``word_pair_pmi``).

Source: the docstrings of the Python 3.11 standard library as installed with the interpreter that runs this
script (``sysconfig`` stdlib path; test packages, ``site-packages`` and ``idlelib`` left out), read with ``ast``
(nothing is imported or executed). Licence: Python Software Foundation License (permissive; derived works may be
redistributed with the notice). The shipped file holds no text: the ``VOCAB`` most frequent tokens (words and
the punctuation marks . , ; : ( ) ! ?) and, for every pair of token classes (those tokens plus one class for
all other words), the pointwise mutual information of "the last token of one whitespace-separated word is
followed by the first token of the next". Pairs inside one word (``word.``) are not counted: shuffled words
keep them, so only the order across word boundaries is measured.

Run: ``python -m corpusgov.quality.eval.build_word_order`` (writes the file; prints its sources and size).
"""

from __future__ import annotations

import ast
import json
import math
import sys
import sysconfig
from collections import Counter
from pathlib import Path

from corpusgov.quality.naturalness import EN_TOKEN, WORD_ORDER_PATH, word_classes

VOCAB = 150
SMOOTH = 0.5  # added to every pair count (unseen pairs stay finite)


def docstrings(root: Path) -> list[str]:
    """Docstrings of modules, classes and functions under ``root`` (sorted file order)."""
    out = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).parts
        if any(p in ("test", "tests", "site-packages", "dist-packages", "idlelib") for p in rel):
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                doc = ast.get_docstring(node)
                if doc:
                    out.append(doc)
    return out


def build(texts: list[str], vocab_size: int = VOCAB) -> dict[str, object]:
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(EN_TOKEN.findall(t.lower()))
    vocab = [w for w, _ in counts.most_common(vocab_size)]
    index = {w: i for i, w in enumerate(vocab)}
    other = len(vocab)
    k = other + 1
    pair = [[SMOOTH] * k for _ in range(k)]
    for t in texts:
        cls = word_classes(t, index)
        for (_, last), (first, _) in zip(cls, cls[1:], strict=False):
            pair[last][first] += 1
    total = sum(map(sum, pair))
    left = [sum(row) / total for row in pair]
    right = [sum(pair[i][j] for i in range(k)) / total for j in range(k)]
    pmi = [[round(math.log(pair[i][j] / total / (left[i] * right[j])), 3) for j in range(k)] for i in range(k)]
    return {"vocab": vocab, "pmi": pmi, "pairs_counted": int(total - SMOOTH * k * k)}


def main() -> int:
    root = Path(sysconfig.get_paths()["stdlib"])
    texts = docstrings(root)
    model = build(texts)
    model = {
        "source": f"docstrings of the Python {sys.version_info.major}.{sys.version_info.minor} standard library "
                  f"({len(texts)} docstrings, {sum(map(len, texts))} characters)",
        "licence": "Python Software Foundation License (statistics derived from PSF-licensed text; no text kept)",
        "built_by": "python -m corpusgov.quality.eval.build_word_order",
        **model,
    }
    WORD_ORDER_PATH.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{model['source']}: {model['pairs_counted']} word pairs, {len(model['vocab'])} classes -> {WORD_ORDER_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
