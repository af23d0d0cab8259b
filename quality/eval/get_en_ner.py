"""Assemble the English NER and name-list directory that `train_en_person` and `en_person_eval` read.

Why a script: corpus text is never shipped (quality/pii/models/PROVENANCE.md); a user who wants to retrain the
English PERSON model or reproduce its figures fetches the same files from the public repositories. Each file
is taken at a fixed commit and checked against its git blob id (GUM: the tree id of its `dep/` folder, of
which only the CC-BY genres are written), so the directory is byte for byte the one the figures came from.

    python -m corpusgov.quality.eval.get_en_ner --out ../shared/en-ner            # clones from GitHub
    python -m corpusgov.quality.eval.get_en_ner --out DIR --git-dir '/mirrors/{owner}+{name}/repo'

`--eval-only` takes just the evaluation splits (WNUT17 test, Broad Twitter Corpus section F).
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from corpusgov.quality.eval.get_zh_ner import NerFile, _git, _repo_git_dir, fetch_files, parse_args

_WNUT = ("leondz/emerging_entities_17", "e52a2d2a71ac1a051ca2d532eef28653c5c02603")
_BTC = ("GateNLP/broad_twitter_corpus", "0c45ef7b1924a6b8115bceab388781590b1b553a")
_SSA = ("hackerb9/ssa-baby-names", "0b1a1316457d55447d1a1f7bfe57ee15e53cc2f0")
_GECKO = ("ul-mds/gecko-data", "9b7a073caa4fedbc6917152454039d9e005a799c")
_GUM = ("amir-zeldes/gum", "72ce5ac14978a324c2fd18d49484e65292cbe316")
GUM_TREE = "37f43fd383897a1ac139b95fd28e6b5a614e33d9"  # tree id of dep/ at that commit
# GUM genres whose texts are CC-BY (its LICENSE.txt): academic and court 4.0, Wikinews news and interviews 2.5.
# Biographies and travel (CC-BY-SA), fiction, essays, letters, podcasts, how-tos (NC) and reddit are not read.
GUM_GENRES = ("academic", "court", "interview", "news")

FILES: tuple[NerFile, ...] = (
    NerFile("wnut17_test.conll", *_WNUT, "emerging.test.annotated", "a599ac827c810886f53978afca5596a9ab1ef4a6", "eval"),
    NerFile("btc_f.conll", *_BTC, "f.conll", "2434f68bf57d5bdc15b8a88f3fb8bdfa9f43f3fa", "eval"),
    NerFile("wnut17_train.conll", *_WNUT, "wnut17train.conll", "f492698d4776475fd62851998b7b3623c416c92f", "train"),
    NerFile("wnut17_dev.conll", *_WNUT, "emerging.dev.conll", "128e929f695c9f7499a8e652ee46cd505848e34e", "train"),
    NerFile("btc_a.conll", *_BTC, "a.conll", "afe8572888d6da77624b50ebe7d5b8dd01b5948e", "train"),
    NerFile("btc_b.conll", *_BTC, "b.conll", "483847510f68cdb21503b5aaa3a346989a1162fa", "train"),
    NerFile("btc_e.conll", *_BTC, "e.conll", "cfcdf04517017a20e028e0c48834451386903093", "train"),
    NerFile("btc_g.conll", *_BTC, "g.conll", "09cf8dc7245eca5c30e7d3c41180e61c865946af", "train"),
    NerFile("btc_h.conll", *_BTC, "h.conll", "16db82e46f40a67d1dc88624ff7d9b867d29d3c7", "train"),
    NerFile("ssa_first_names.txt", *_SSA, "maxoccurances.txt", "e066330f0244f3ea02a02c650e653f25872ef64b", "train"),
    NerFile("census_surnames.csv", *_GECKO, "en_US/last-name.csv", "5b9a10e58aa15faf0cc2488c43da754a89effe0b", "train"),
)


def gum_files(git_dir: str) -> dict[str, bytes]:
    """The CC-BY genres' .conllu files of GUM's dep/ folder, after checking the folder's tree id."""
    commit = _GUM[1]
    tree = _git(git_dir, "rev-parse", f"{commit}:dep").decode().strip()
    if tree != GUM_TREE:
        raise SystemExit(f"get_en_ner: {_GUM[0]} dep/ at {commit[:12]} is tree {tree}, expected {GUM_TREE}")
    names = _git(git_dir, "ls-tree", "--name-only", f"{commit}:dep").decode().split("\n")
    wanted = re.compile(r"GUM_(?:" + "|".join(GUM_GENRES) + r")_[\w-]+\.conllu")
    return {f"gum/{n}": _git(git_dir, "show", f"{commit}:dep/{n}") for n in sorted(names) if wanted.fullmatch(n)}


def main(argv: list[str] | None = None) -> int:
    a = parse_args(argv, "CORPUSGOV_EN_NER_DIR", __doc__ or "")
    with tempfile.TemporaryDirectory(prefix="en-ner-") as tmp:
        got = fetch_files(FILES, a.git_dir, a.eval_only, Path(tmp))  # every file first: a failure writes nothing
        if not a.eval_only:
            gum = gum_files(_repo_git_dir(_GUM[0], a.git_dir, Path(tmp)))
            got.update(gum)
            print(f"gum/ ({len(gum)} files)        train {sum(map(len, gum.values())):>9,} bytes  {_GUM[0]}@{_GUM[1][:12]}:dep")
    for name, data in got.items():
        (a.out / name).parent.mkdir(parents=True, exist_ok=True)
        (a.out / name).write_bytes(data)
    print(f"get_en_ner: wrote {a.out}; set CORPUSGOV_EN_NER_DIR={a.out} (or use ../shared/en-ner)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
