"""Features of the Chinese person-name CRF: hashed character n-gram and word-lexicon bucket ids per character.

Why a module of its own: the trainer (train_zh_person.py) and the decoder (zh_person_model.py) must compute the
very same bucket ids, hash collisions included; keeping them here keeps the decoder small. Every feature is a
bucket id computed for a whole batch of texts at once (one multiply-shift hash over a key matrix), so there is
no per-character Python on the scanner's hot path.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from corpusgov.quality.pii.zh_person_name_lists import N_EVIDENCE_TEMPLATES, NameEvidence, evidence_features

LABELS: tuple[str, ...] = ("O", "B", "I", "E", "S")
HASH_BITS = 20
N_TEMPLATES = 20  # what the shipped model reads; a model may use all N_CLUSTER_TEMPLATES
N_CHAR_TEMPLATES = 15  # templates 15.. read the word lexicon (lexicon_features)
N_LEX_TEMPLATES = 20  # templates 20.. read the character-cluster table (cluster_features)
N_CLUSTER_TEMPLATES = 28
LEX_BITS = 22
LEX_NAME, LEX_WORD = 2, 1  # lexicon flags: a person name (jieba tag nr*), another word
_PAD = 2
_BOS, _EOS, _ASTRAL = 1, 2, 3
_SHIFT = np.uint64(64 - HASH_BITS)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
# Template id in the top bits of each key, so equal character tuples of different templates hash apart.
# The name-list evidence templates (zh_person_name_lists.py) come after all of these: ids 28-31.
_SALT = (np.arange(N_CLUSTER_TEMPLATES + N_EVIDENCE_TEMPLATES, dtype=np.uint64) << np.uint64(56))[:, None]
_EVIDENCE_SALT = _SALT[N_CLUSTER_TEMPLATES:]

# Common single-character surnames; a feature (the model learns how much it matters), not a filter.
SURNAME_CHARS = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢"
    "安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游"
    "辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应"
    "臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)


def _traditional_to_simplified() -> dict[int, int]:
    """Single-character traditional -> simplified map from OpenCC's TSCharacters table (Apache-2.0, shipped
    by opencc-python-reimplemented, a runtime dependency): the training corpora are simplified, so 診斷 and
    符號連結 in Taiwanese documentation would otherwise be characters the model has never seen."""
    import opencc

    out: dict[int, int] = {}
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2 and len(parts[0]) == 1:
                simp = parts[1].split(" ")[0]
                if len(simp) == 1 and ord(parts[0]) < 65536 and ord(simp) < 65536:
                    out[ord(parts[0])] = ord(simp)
    return out


def _tables() -> tuple[np.ndarray, np.ndarray]:
    """BMP lookup tables: normalised code per code point (digits, Latin case, spaces folded, traditional
    characters to simplified) and surname flag."""
    norm = np.arange(65536, dtype=np.uint64)
    t2s = _traditional_to_simplified()
    norm[list(t2s)] = list(t2s.values())
    folds = ((48, 57, 48), (0xFF10, 0xFF19, 48), (65, 90, 65), (97, 122, 97), (0xFF21, 0xFF3A, 65), (0xFF41, 0xFF5A, 97))
    for lo, hi, to in folds:
        norm[lo : hi + 1] = to
    for ws in (9, 10, 11, 12, 13, 32, 0xA0, 0x3000):
        norm[ws] = 32
    sur = np.zeros(65536, dtype=np.uint64)
    sur[np.isin(norm, [ord(c) for c in SURNAME_CHARS])] = 1  # 陳 as 陈
    return norm, sur


_NORM, _SUR = _tables()
# The code each BMP character is read as (the same folding the features use): public for the trainer's
# character clusters, which must be indexed by exactly these codes.
NORM_CODES: np.ndarray = _NORM


_TAIL = 2 * _PAD  # EOS codes after a text: the lexicon's 4-grams read up to 3 characters past its end
_SEG = _PAD + _TAIL  # codes around each text in the padded layout


def _padded(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Normalised codes and surname flags of the texts laid end to end, each as BOS BOS text EOS EOS EOS EOS.

    BOS and EOS are the control characters 1 and 2, whose normalised codes are themselves (a text holding
    them reads them as the same codes, as it always did); characters beyond the BMP read as _ASTRAL.
    """
    head, tail = chr(_BOS) * _PAD, chr(_EOS) * _TAIL
    raw = np.frombuffer("".join(head + t + tail for t in texts).encode("utf-32-le"), dtype=np.uint32)
    bmp = np.minimum(raw, 65535)
    x = _NORM[bmp]
    if raw.size and raw.max() > 65535:
        x[raw > 65535] = _ASTRAL
    return x, _SUR[bmp]


def ngram_bucket(codes: list[int], bits: int = LEX_BITS) -> int:
    """Lexicon bucket of one word's normalised codes, exactly as _ngram_buckets computes it for a text."""
    mask = (1 << 64) - 1
    k = 0
    for c in codes:
        k = ((k << 17) | c) & mask
    k = (k | (len(codes) << 60)) & mask
    return ((k * int(_GOLDEN)) & mask) >> (64 - bits)


def word_codes(word: str) -> list[int] | None:
    """Normalised codes of a lexicon word, or None when it has a character outside the BMP."""
    if any(ord(c) > 65535 for c in word):
        return None
    return [int(_NORM[ord(c)]) for c in word]


_LEN_TAGS = (np.array([2, 3, 4], dtype=np.uint64) << np.uint64(60))[:, None]
_LEX_SHIFTS = np.array([0, 2, 4], dtype=np.uint64)[:, None]


def _lexicon_keys(x: np.ndarray, n: int) -> np.ndarray:
    """(3, n) keys of the 2-, 3- and 4-grams starting at each text position of the padded code array `x`,
    each extended from the one before (the same packing as ngram_bucket)."""
    k = np.empty((3, n), dtype=np.uint64)
    np.left_shift(x[_PAD : _PAD + n], np.uint64(17), out=k[0])
    k[0] |= x[_PAD + 1 : _PAD + 1 + n]
    for m in (1, 2):
        np.left_shift(k[m - 1], np.uint64(17), out=k[m])
        k[m] |= x[_PAD + m + 1 : _PAD + m + 1 + n]
    k |= _LEN_TAGS
    return k


def lexicon_features(
    x: np.ndarray, n: int, lex: np.ndarray, bits: int = LEX_BITS, junk: np.ndarray | None = None
) -> tuple[np.ndarray, ...]:
    """Five word-lexicon patterns per character: which lexicon words (2-4 chars; name or other) start at it,
    end at it, both, cover it from inside, and end just before / start just after it.

    `junk` marks positions that belong to no text (the padding between texts of a batch): no word starts
    there, so each text sees exactly what it sees alone (nothing before its start or after its end)."""
    k = _lexicon_keys(x, n)
    k *= _GOLDEN
    k >>= np.uint64(64 - bits)
    st = lex[k.astype(np.intp)].astype(np.uint64)  # flag of the lexicon word at i..i+m-1, m = 2, 3, 4
    if junk is not None:
        st[:, junk] = 0
    st <<= _LEX_SHIFTS  # in bits 0-1, 2-3 and 4-5
    six = np.uint64(6)
    sp = st[0] | st[1]
    sp |= st[2]
    ep = np.zeros(n, dtype=np.uint64)
    ep[1:] = st[0][: n - 1]
    ep[2:] |= st[1][: n - 2]
    ep[3:] |= st[2][: n - 3]
    mid = np.zeros(n, dtype=np.uint64)
    np.bitwise_or(st[1][:-1], st[2][:-1], out=mid[1:])
    mid[1:] >>= np.uint64(2)
    mid[2:] |= st[2][:-2]
    around = np.full(n, 1 << 12, dtype=np.uint64)
    around[1:] |= ep[:-1] << six
    around[:-1] |= sp[1:]
    return sp, ep, (sp << six) | ep, mid, around


_CLUSTER_OFFSETS = ((2,), (1,), (3,), (0,), (4,), (1, 2), (2, 3), (1, 2, 3))  # in the padded array: 2 = here


def cluster_features(x: np.ndarray, n: int, clusters: np.ndarray) -> list[np.ndarray]:
    """Eight cluster patterns per character (clusters learned from unlabelled text, zh_char_clusters.py):
    the clusters at -1..+1 alone and at -2/+2, the pairs (-1, 0) and (0, +1), and the triple -1..+1."""
    c = clusters[x[: n + 2 * _PAD].astype(np.intp)].astype(np.uint64)
    out = []
    for offs in _CLUSTER_OFFSETS:
        k = c[offs[0] : offs[0] + n].copy()
        for o in offs[1:]:
            k <<= np.uint64(8)
            k |= c[o : o + n]
        out.append(k)
    return out


def _check_tables(n_templates: int, lex: np.ndarray | None, clusters: np.ndarray | None) -> None:
    if n_templates > N_CHAR_TEMPLATES and lex is None:  # checked before any work
        raise ValueError("templates beyond the character ones need the lexicon table")
    if n_templates > N_LEX_TEMPLATES and clusters is None:
        raise ValueError("templates beyond the lexicon ones need the character-cluster table")


def features(
    text: str,
    n_templates: int = N_TEMPLATES,
    lex: np.ndarray | None = None,
    clusters: np.ndarray | None = None,
    evidence: NameEvidence | None = None,
) -> np.ndarray:
    """(n_templates, len(text)) bucket ids: char unigrams -2..+2, five bigrams, three trigrams, surname pattern,
    then (templates 15-19, needing the lexicon table `lex`) word-lexicon patterns, then (templates 20-27,
    needing the (65536,) cluster table `clusters`) character-cluster patterns; with `evidence`, its
    N_EVIDENCE_TEMPLATES name-list rows after those (zh_person_name_lists.py).

    Codes are < 2**17, so a key packs up to three of them exactly (17 bits each) below the template salt.
    Keys are written in place into one (n_templates, n) array: this runs on every Chinese document.
    """
    _check_tables(n_templates, lex, clusters)
    x, s = _padded([text])
    return _feature_ids(x, s, len(text), n_templates, lex, None, clusters, evidence)


def features_batch(
    texts: list[str],
    n_templates: int = N_TEMPLATES,
    lex: np.ndarray | None = None,
    clusters: np.ndarray | None = None,
    evidence: NameEvidence | None = None,
) -> np.ndarray:
    """features() of each text, side by side: (n_templates, sum of lengths), equal column for column.

    One pass over the padded layout of all texts (numpy's per-call cost paid once per batch, not per text);
    the padding positions between texts are computed, then dropped."""
    ids, inside = features_padded(texts, n_templates, lex, clusters, evidence)
    return ids if inside is None else ids[:, inside]


def features_padded(
    texts: list[str],
    n_templates: int = N_TEMPLATES,
    lex: np.ndarray | None = None,
    clusters: np.ndarray | None = None,
    evidence: NameEvidence | None = None,
) -> tuple[np.ndarray, np.ndarray | None]:
    """features_batch() before the padding columns between texts are dropped: the ids and the mask of the
    columns that belong to a text (None: all of them). Why: the decoder sums emissions over all columns and
    drops the padding rows of that (sum of lengths, labels) array, cheaper than copying a mask of the
    (templates, columns) ids."""
    _check_tables(n_templates, lex, clusters)
    if len(texts) <= 1:
        rows = n_templates + (N_EVIDENCE_TEMPLATES if evidence is not None else 0)
        ids = features(texts[0], n_templates, lex, clusters, evidence) if texts else np.zeros((rows, 0), dtype=np.intp)
        return ids, None
    x, s = _padded(texts)
    lengths = np.array([len(t) for t in texts], dtype=np.intp)
    seg = lengths + _SEG
    offsets = np.cumsum(seg) - seg  # text i starts at column offsets[i] of the layout's positions
    n = int(seg.sum()) - _SEG
    text_pos = np.zeros(n + 1, dtype=np.intp)  # +1/-1 steps, then a running sum: 1 inside a text
    np.add.at(text_pos, offsets, 1)
    np.add.at(text_pos, offsets + lengths, -1)
    inside = np.cumsum(text_pos[:n]) > 0
    return _feature_ids(x, s, n, n_templates, lex, ~inside, clusters, evidence), inside


def _feature_ids(
    x: np.ndarray,
    s: np.ndarray,
    n: int,
    n_templates: int,
    lex: np.ndarray | None,
    junk: np.ndarray | None,
    clusters: np.ndarray | None = None,
    evidence: NameEvidence | None = None,
) -> np.ndarray:
    """Bucket ids at positions 0..n-1 of the padded layout (x and s from _padded)."""
    h = x << np.uint64(17)
    hh = x << np.uint64(34)
    n_ev = N_EVIDENCE_TEMPLATES if evidence is not None else 0
    keys = np.empty((max(n_templates, N_CHAR_TEMPLATES) + n_ev, n), dtype=np.uint64)
    for d in range(5):  # unigrams at offsets -2..+2
        keys[d] = x[d : d + n]
    for row, (a, b) in enumerate(((1, 2), (2, 3), (0, 1), (3, 4), (1, 3)), start=5):  # (a << 17) | b
        np.bitwise_or(h[a : a + n], x[b : b + n], out=keys[row])
    np.bitwise_or(hh[1 : 1 + n], h[2 : 2 + n], out=keys[10])
    keys[10] |= x[3 : 3 + n]
    sp = keys[11]
    np.left_shift(s[0:n], np.uint64(3), out=sp)
    sp |= s[1 : n + 1] << np.uint64(2)
    sp |= s[2 : n + 2] << np.uint64(1)
    sp |= s[3 : n + 3]
    np.left_shift(sp, np.uint64(17), out=keys[12])
    keys[12] |= x[2 : 2 + n]
    for row, a in ((13, 0), (14, 2)):  # trigrams -2..0 and 0..+2
        np.bitwise_or(hh[a : a + n], h[a + 1 : a + 1 + n], out=keys[row])
        keys[row] |= x[a + 2 : a + 2 + n]
    if n_templates > N_CHAR_TEMPLATES and lex is not None:
        for row, v in enumerate(lexicon_features(x, n, lex, junk=junk), start=N_CHAR_TEMPLATES):
            if row < n_templates:
                keys[row] = v
    if n_templates > N_LEX_TEMPLATES and clusters is not None:
        for row, v in enumerate(cluster_features(x, n, clusters), start=N_LEX_TEMPLATES):
            if row < n_templates:
                keys[row] = v
    if evidence is not None:  # rows n_templates.. (written last: below 15 templates they hold unused char rows)
        for row, v in enumerate(evidence_features(x, n, evidence), start=n_templates):
            keys[row] = v
        keys = keys[: n_templates + n_ev]
        keys |= np.concatenate((_SALT[:n_templates], _EVIDENCE_SALT))
    else:
        keys = keys[:n_templates]
        keys |= _SALT[:n_templates]
    keys *= _GOLDEN
    keys >>= _SHIFT
    return keys.view(np.intp)  # values below 2**HASH_BITS: the same bits as intp, no copy


def lexicon_table(buckets: np.ndarray, flags: np.ndarray) -> np.ndarray:
    """Dense flag table from the (bucket, flag) pairs stored in the model (flags of one bucket OR-ed)."""
    table = np.zeros(1 << LEX_BITS, dtype=np.uint8)
    np.bitwise_or.at(table, np.asarray(buckets, dtype=np.intp), np.asarray(flags, dtype=np.uint8))
    return table


def lexicon_pairs(entries: list[tuple[str, bool]]) -> tuple[np.ndarray, np.ndarray]:
    """(bucket, flag) pairs, one per distinct bucket, for 2-4 character words; `True` marks a person name."""
    acc: dict[int, int] = {}
    for word, is_name in entries:
        codes = word_codes(word) if 2 <= len(word) <= 4 else None
        if codes is None:
            continue
        b = ngram_bucket(codes)
        acc[b] = acc.get(b, 0) | (LEX_NAME if is_name else LEX_WORD)
    keys = np.array(sorted(acc), dtype=np.uint32)
    return keys, np.array([acc[int(k)] for k in keys], dtype=np.uint8)
