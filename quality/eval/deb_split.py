"""One shape for the eval splits that read Debian packages they download and unpack (never install): which of their
packages are missing, fetching them, and the ``--fetch`` command line.

Why: ``good_docs8``, ``good_docs10``, ``good_docs11`` and ``junk_fresh8`` each repeated the same three functions; a
split now declares ``DEBS`` (the packages) and ``ROOT`` (where they go, ``ROOT/unpacked`` holding their files) and
binds a ``DebSplit`` to its module. The module's names are read at each call, not copied when it is bound, so a test
that points a split's ``ROOT`` / ``UNPACKED`` at a temporary folder is obeyed.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from corpusgov.quality.eval.declared_files import fetch_debs


@dataclass(frozen=True)
class DebSplit:
    """The Debian-package side of the split module ``module`` (its ``DEBS``, ``ROOT`` and ``UNPACKED``).

    ``unpacked`` names the folder whose presence says a package was unpacked (by default the split's ``UNPACKED``;
    a split whose packages each leave their own folder names that folder)."""

    module: str
    unpacked: Callable[[str], Path] | None = None

    def _split(self) -> ModuleType:
        return sys.modules[self.module]

    def missing(self) -> list[str]:
        """The packages not unpacked under the split's ROOT (each leaves its .deb there)."""
        split = self._split()
        root: Path = split.ROOT
        where = self.unpacked or (lambda _deb: split.UNPACKED)
        return [d for d in split.DEBS if not any(root.glob(f"{d}_*.deb")) or not where(d).is_dir()]

    def fetch(self) -> None:
        """``apt-get download`` the missing packages and unpack them under ROOT (not installed)."""
        split = self._split()
        fetch_debs(split.DEBS, split.ROOT, self.missing())

    def main(self, argv: list[str] | None, sizes: Callable[[], Mapping[str, Any]],
             rows: Callable[[], list[dict[str, str]]] | None = None) -> int:
        """The split's command line: ``--fetch`` downloads what is missing; then the missing packages and, when
        none is, ``sizes()`` are printed. With ``rows`` (tuning splits only: a blind split's drops are not read),
        ``--rules`` decides them with the shipped policy and prints counts per set, never text."""
        ap = argparse.ArgumentParser(description=(self._split().__doc__ or "").splitlines()[0])
        ap.add_argument("--fetch", action="store_true", help="download and unpack the packages (not installed)")
        if rows is not None:
            ap.add_argument("--rules", action="store_true",
                            help="decide the sample with the shipped policy; print counts only")
        args = ap.parse_args(argv)
        if args.fetch:
            self.fetch()
        absent = self.missing()
        print({"missing": absent, **({} if absent else sizes())})
        if rows is not None and args.rules and not absent:
            from corpusgov.quality.eval.real_text_eval import decide

            for name, counts in rule_counts(decide(rows())).items():
                print(name, counts)
        return 0


def rule_counts(decided: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per set: documents, dropped, drops per source and false drops per rule (counts only, no text)."""
    out: dict[str, dict[str, Any]] = {}
    by_set: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in decided:
        by_set[d["set"]].append(d)
    for name, items in sorted(by_set.items()):
        kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        rules: Counter[str] = Counter()
        alone: Counter[str] = Counter()
        for d in items:
            kinds[d["kind"]][0] += bool(d["drop_rules"])
            kinds[d["kind"]][1] += 1
            rules.update(d["drop_rules"])
            if len(d["drop_rules"]) == 1:
                alone.update(d["drop_rules"])
        out[name] = {"n": len(items), "dropped": sum(1 for d in items if d["drop_rules"]),
                     "kinds": {k: f"{v[0]}/{v[1]}" for k, v in sorted(kinds.items())},
                     "rules": {r: f"{c} ({alone[r]} alone)" for r, c in rules.most_common()}}
    return out


def sampled_rows(name: str, lang: str, pool: list[tuple[str, str]], quota: int,
                 rng: random.Random) -> list[dict[str, str]]:
    """Up to `quota` (kind, text) pairs of `pool` drawn by `rng`, as the eval rows of set ``{name}_{lang}``.

    Why: the documentation splits each repeated this loop; one form keeps their ids and draws the same."""
    return [{"id": f"{name}_{lang}-{i}", "set": f"{name}_{lang}", "kind": kind, "text": text}
            for i, (kind, text) in enumerate(rng.sample(pool, min(quota, len(pool))))]
