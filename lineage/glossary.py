"""The one glossary of the regulator reports: every code a run writes, with its Chinese and English term.

Why one file: the Chinese filing must not show English codes (`open_licence`, `rejected`, `quality:words_min`)
and must call one thing by one name everywhere. Reports translate every code through `term` / `reason`;
`docs/glossary.md` is generated from this module (`python -m corpusgov.lineage.glossary > docs/glossary.md`) and a test
keeps the two equal. A code the glossary does not know is shown as "类别（代码）" rather than bare.
"""

from __future__ import annotations

import sys

# category -> (Chinese heading, English heading, {code: (zh, en)})
Entry = tuple[str, str]

CATEGORIES: dict[str, tuple[str, str, dict[str, Entry]]] = {
    "acquisition": ("获取方式", "Acquisition", {
        "open_licence": ("开源（开放许可）数据", "open-licence data"),
        "public_domain": ("公有领域数据", "public-domain data"),
        "self_collected": ("自行采集（网络爬取）数据", "self-collected (crawled) data"),
        "commercial": ("商业采购数据", "commercially licensed data"),
        "user_authorised": ("经用户授权的数据", "user-authorised data"),
        "synthetic": ("合成数据", "synthetic data"),
    }),
    "legal_basis": ("个人信息处理的合法性基础", "Legal basis for personal information", {
        "consent": ("取得个人同意", "consent"),
        "contract": ("订立、履行合同所必需", "necessary for a contract"),
        "publicly_disclosed": ("在合理范围内处理已公开的个人信息", "publicly disclosed information, reasonable scope"),
        "other_legal": ("法律、行政法规规定的其他情形", "other legal ground"),
        "none": ("未申报", "none declared"),
    }),
    "source_status": ("来源结论", "Source outcome", {
        "accepted": ("采用", "accepted"),
        "rejected": ("不予采用", "rejected"),
    }),
    "rejection": ("来源不予采用的原因", "Why a source was rejected", {
        "missing_licence": ("未声明许可协议", "no licence declared"),
        "missing_licence_evidence": ("缺少许可证明材料", "no licence evidence"),
        "licence_evidence_hash_mismatch": ("许可证明文件哈希值不符", "licence evidence hash mismatch"),
        "missing_crawler": ("未记录采集工具", "crawler not recorded"),
        "missing_collection_period": ("未记录采集时间", "collection period not recorded"),
        "missing_robots_handling": ("未说明爬虫协议的遵守情况", "robots.txt handling not stated"),
        "robots_txt_ignored": ("未遵守爬虫协议", "robots.txt ignored"),
        "missing_contract": ("缺少采购合同", "no contract"),
        "contract_evidence_hash_mismatch": ("合同文件哈希值不符", "contract evidence hash mismatch"),
        "missing_supplier_commitments": ("缺少供应方承诺", "no supplier commitments"),
        "missing_authorisation_record": ("缺少用户授权记录", "no authorisation record"),
        "authorisation_evidence_hash_mismatch": ("授权记录文件哈希值不符", "authorisation record hash mismatch"),
        "missing_generator": ("未记录生成方式", "generator not recorded"),
        "screening_rate_exceeded": ("违法不良信息比例超过阈值", "illegal/harmful share over the threshold"),
    }),
    "robots": ("爬虫协议", "robots.txt", {
        "respected": ("遵守", "respected"),
        "ignored": ("未遵守", "ignored"),
        "not_applicable": ("不适用", "not applicable"),
    }),
    "region": ("境内/境外", "Region", {
        "domestic": ("境内", "domestic (China)"),
        "overseas": ("境外", "overseas"),
    }),
    "deadletter": ("异常数据原因", "Malformed-input reason", {
        "csv_column_count": ("表格列数不符", "wrong CSV column count"),
        "csv_duplicate_column": ("表格列名重复", "duplicate CSV column"),
        "duplicate_json_key": ("重复的字段名", "duplicate JSON key"),
        "empty_file": ("空文件", "empty file"),
        "empty_text": ("正文为空", "empty text"),
        "file_truncated": ("文件被截断", "truncated file"),
        "file_unreadable": ("文件无法读取", "unreadable file"),
        "invalid_csv": ("表格格式错误", "invalid CSV"),
        "invalid_gzip": ("压缩格式错误", "invalid gzip"),
        "invalid_json": ("JSON 格式错误", "invalid JSON"),
        "invalid_parquet": ("Parquet 格式错误", "invalid Parquet"),
        "invalid_unicode": ("字符编码错误", "invalid Unicode"),
        "invalid_utf8": ("非 UTF-8 编码", "invalid UTF-8"),
        "json_too_deep": ("嵌套层级过深", "JSON nested too deep"),
        "line_too_long": ("单行过长", "line too long"),
        "missing_text": ("缺少正文字段", "missing text field"),
        "not_an_object": ("不是对象结构", "not an object"),
        "nul_in_text": ("正文含空字符", "NUL in text"),
        "raw_truncated": ("原始字节已截断", "raw bytes truncated"),
        "read_error": ("读取错误", "read error"),
        "record_too_large": ("单条记录过大", "record too large"),
        "text_not_string": ("正文不是字符串", "text is not a string"),
    }),
    "step": ("处理步骤", "Processing step", {
        "ingest": ("读取与解析", "ingest"),
        "source_gate": ("来源准入", "source gate"),
        "screening": ("违法不良信息过滤", "illegal/harmful content screening"),
        "pii": ("个人信息识别与处理", "personal information"),
        "copyright": ("知识产权标记识别", "copyright and licence markers"),
        "quality": ("质量过滤", "quality rules"),
        "language": ("语种识别", "language identification"),
        "dedup": ("去重", "de-duplication"),
        "takedown": ("删除请求处理", "takedown"),
    }),
    "stage": ("多样性统计阶段", "Diversity stage", {
        "read": ("读取后", "after reading"),
        "source_gate": ("来源准入后", "after the source gate"),
        "screening": ("违法不良信息过滤后", "after screening"),
        "pii": ("个人信息处理后", "after personal information"),
        "copyright": ("知识产权处理后", "after copyright"),
        "quality": ("质量过滤后", "after quality rules"),
        "language": ("语种识别后", "after language identification"),
        "dedup": ("去重后（最终语料）", "after de-duplication (final corpus)"),
    }),
    "pii_entity": ("个人信息类型", "Personal-information type", {
        "CN_RESIDENT_ID": ("居民身份证号码", "PRC resident ID number"),
        "CN_PASSPORT": ("护照号码", "passport number"),
        "CN_HMT_PERMIT": ("港澳台居民往来通行证号码", "HK/Macao/Taiwan travel permit number"),
        "US_SSN": ("美国社会保障号码", "US social security number"),
        "CN_BANK_CARD": ("银行卡号", "bank card number"),
        "CREDIT_CARD": ("信用卡号", "credit card number"),
        "IBAN_CODE": ("国际银行账号", "IBAN"),
        "CN_MOBILE": ("手机号码", "mobile number"),
        "CN_LANDLINE": ("固定电话号码", "landline number"),
        "PHONE_NUMBER": ("电话号码（境外格式）", "phone number (non-PRC format)"),
        "EMAIL_ADDRESS": ("电子邮箱地址", "e-mail address"),
        "IP_ADDRESS": ("网络地址（IP）", "IP address"),
        "CN_PLATE": ("机动车号牌", "vehicle plate"),
        "CN_PERSON": ("中文姓名", "Chinese personal name"),
        "PERSON": ("姓名（外文）", "personal name (non-Chinese)"),
        "CN_ADDRESS": ("中文住址", "Chinese address"),
        "LOCATION": ("地点（外文）", "location (non-Chinese)"),
        "CN_USCC": ("统一社会信用代码（组织标识）", "unified social credit code (organisation)"),
    }),
    "pii_action": ("个人信息处理方式", "Personal-information action", {
        "mask": ("掩码替换", "masked"),
        "drop": ("剔除整条记录", "record dropped"),
        "keep": ("保留原文", "kept as is"),
        "*": ("其余类型", "all other types"),
    }),
    "pii_mode": ("个人信息识别方式", "Detection mode", {
        "pattern": ("基于规则的识别（正则表达式、校验位、上下文线索）", "rules (regular expressions, checksums, context cues)"),
        "ner": ("规则识别加命名实体识别模型", "patterns plus a named-entity model"),
    }),
    "cr_class": ("知识产权标记类别", "Copyright marker class", {
        "copyright_notice": ("版权声明", "copyright notice"),
        "rights_reserved": ("保留所有权利声明", "all rights reserved"),
        "no_reprint": ("禁止转载声明", "no-reprint notice"),
        "attribution_required": ("署名要求", "attribution required"),
        "licence": ("许可协议声明", "licence statement"),
        "opt_out": ("拒绝用于训练的声明（权利保留）", "opt-out from training (rights reservation)"),
    }),
    "language": ("语种", "Language", {
        "zh-Hans": ("简体中文", "Simplified Chinese"), "zh-Hant": ("繁体中文", "Traditional Chinese"),
        "zh": ("中文", "Chinese"), "en": ("英语", "English"), "fr": ("法语", "French"), "de": ("德语", "German"),
        "es": ("西班牙语", "Spanish"), "pt": ("葡萄牙语", "Portuguese"), "it": ("意大利语", "Italian"),
        "ru": ("俄语", "Russian"), "ja": ("日语", "Japanese"), "ko": ("韩语", "Korean"), "ar": ("阿拉伯语", "Arabic"),
        "vi": ("越南语", "Vietnamese"), "th": ("泰语", "Thai"), "id": ("印尼语", "Indonesian"),
        "nl": ("荷兰语", "Dutch"), "cy": ("威尔士语", "Welsh"), "la": ("拉丁语", "Latin"),
        "und": ("未能识别", "undetermined"),
    }),
    "domain": ("领域", "Domain", {
        "news": ("新闻", "news"), "encyclopedia": ("百科", "encyclopedia"), "forum": ("论坛", "forum"),
        "customer_support": ("客户服务", "customer support"), "qa": ("问答", "question answering"),
        "web": ("网页", "web"), "documents": ("文档", "documents"), "code": ("代码", "code"),
        "books": ("图书", "books"), "academic": ("学术", "academic"), "legal": ("法律", "legal"),
        "general": ("综合", "general"),
    }),
    "modality": ("模态", "Modality", {"text": ("文本", "text")}),
    "gate": ("检查项", "Check", {
        "source_evidence": ("来源证明材料完整", "source evidence complete"),
        "source_screening": ("来源违法不良信息比例不超过阈值", "source illegal/harmful share within the threshold"),
        "accounting": ("记录数平衡（读取 = 保留 + 剔除 + 异常）", "record accounting (read = kept + dropped + malformed)"),
        "annotation_audit": ("标注质量审核", "annotation audit"),
        "expectation": ("数据期望检查", "data expectation"),
        "acceptance": ("人工抽检验收", "manual acceptance sampling"),
        "kept_share": ("保留比例不低于下限", "kept share at or above the minimum"),
    }),
    "expectation": ("数据期望检查项", "Data expectation", {
        "record_id_unique": ("记录编号唯一", "record ids unique"),
        "record_id_not_null": ("记录编号不为空", "record ids present"),
        "decision_known": ("处理结论取值合法", "decision values known"),
        "duplicate_share_max": ("重复记录比例不超过上限", "duplicate share within the limit"),
        "kept_text_not_empty": ("保留记录正文不为空", "kept text not empty"),
        "kept_language_allowed": ("保留记录的语种在允许范围内", "kept languages allowed"),
        "unresolved_pi_share_max": ("未处理个人信息比例不超过上限", "unresolved personal information within the limit"),
        "kept_rows_match_corpus": ("保留记录数与语料行数一致", "kept rows equal corpus rows"),
    }),
    "ann_kind": ("标注类型", "Annotation kind", {
        "functional": ("功能性标注", "functional annotation"),
        "safety": ("安全性标注", "safety annotation"),
    }),
    "ann_status": ("批次结论", "Batch outcome", {
        "accepted": ("验收通过", "accepted"),
        "rejected": ("未通过（需返工）", "rejected (rework)"),
        "incomplete": ("核验未完成", "incomplete"),
        "unmapped": ("未关联标注规则", "no rules mapped"),
    }),
    "ann_finding": ("标注审核发现", "Annotation finding", {
        "accuracy:batch_rejected": ("批次准确率低于阈值", "batch accuracy below the threshold"),
        "personnel:self_review": ("同一人既标注又审核同一条目", "the same person annotated and reviewed"),
        "personnel:untrained": ("标注人员上岗前无培训记录", "no training before the work"),
        "personnel:not_assessed": ("标注人员上岗前未通过考核", "no passed assessment before the work"),
        "personnel:assessment_expired": ("标注人员考核已超过复核周期", "assessment older than the re-assessment interval"),
        "personnel:not_in_roster": ("人员不在名册中", "person not in the roster"),
        "personnel:role_not_permitted": ("人员未获准担任该角色", "role not permitted"),
        "reliability:below_threshold": ("标注员准确率区间低于阈值", "annotator's accuracy interval below the threshold"),
        "reliability:near_chance": ("标注员准确率接近随机水平", "annotator near chance"),
        "reliability:single_label": ("标注员只使用一个标签", "annotator uses one label only"),
        "reliability:outlier": ("标注员准确率显著低于同批他人", "annotator an outlier"),
        "rules:no_negative_example": ("标签缺少反例", "a label has no negative example"),
        "rules:no_positive_example": ("标签缺少正例", "a label has no positive example"),
        "rules:safety_taxonomy_gap": ("安全标注规则未覆盖全部风险类别", "safety rules miss taxonomy risks"),
        "rules:safety_label_unmapped": ("安全标签未对应风险类别", "safety label not mapped to a risk"),
        "rules:unknown_risk_id": ("引用了不存在的风险编号", "unknown risk id"),
        "rules:ambiguous_example": ("示例同时出现在多个标签下", "ambiguous example"),
        "rules:duplicate_label": ("标签重复", "duplicate label"),
        "rules:duplicate_task": ("任务重复", "duplicate task"),
        "rules:kind_mixed": ("功能性与安全性规则混在一起", "functional and safety rules mixed"),
        "rules:label_undefined": ("标签缺少定义", "label undefined"),
        "rules:near_identical_labels": ("标签定义几乎相同", "near-identical labels"),
        "labels:undefined": ("使用了规则中未定义的标签", "label not in the rules"),
        "labels:multi_label_not_allowed": ("规则不允许多标签", "multi-label not allowed"),
        "review:safety_item_unreviewed": ("安全性标注条目未经复核", "safety item not reviewed"),
        "sampling:unverified": ("抽样条目未核验", "sampled item not verified"),
        "records:duplicate": ("标注记录重复", "duplicate annotation record"),
        "batch:no_records": ("批次没有标注记录", "batch without records"),
        "batch:unmapped": ("批次未关联规则", "batch not mapped to rules"),
        "batch:unknown_task": ("批次对应的任务不存在", "batch task unknown"),
        "verdicts:unknown_unit": ("核验结论对应的条目不存在", "verdict for an unknown unit"),
    }),
    "reliability_flag": ("标注员可靠性标记", "Reliability flag", {
        "below_threshold": ("准确率区间低于阈值", "accuracy interval below the threshold"),
        "near_chance": ("接近随机水平", "near chance"),
        "single_label": ("只使用一个标签", "one label only"),
        "outlier": ("显著低于同批他人", "outlier"),
    }),
    "metric": ("标注质量指标", "Annotation quality metric", {
        "accuracy": ("准确率", "accuracy"),
        "krippendorff_alpha_ordinal": ("克里彭多夫 α 系数（有序）", "Krippendorff's alpha (ordinal)"),
        "krippendorff_alpha_nominal": ("克里彭多夫 α 系数（名义）", "Krippendorff's alpha (nominal)"),
        "fleiss_kappa": ("弗莱斯 κ 系数", "Fleiss' kappa"),
        "cohen_kappa": ("科恩 κ 系数", "Cohen's kappa"),
        "review_coverage": ("复核覆盖率", "review coverage"),
    }),
    "acceptance": ("验收结论与原因", "Acceptance outcome and reasons", {
        "accepted": ("验收合格", "accepted"),
        "not_accepted": ("验收不合格", "not accepted"),
        "sample_below_minimum": ("样本量低于标准最低要求", "sample below the minimum"),
        "not_all_reviewed": ("抽样记录未全部审核", "not every sampled record reviewed"),
        "no_verdicts": ("没有审核结论", "no verdicts"),
        "sample_changed": ("样本文件与抽样计划不符", "sample file differs from the plan"),
        "no_plan": ("缺少抽样计划", "no sampling plan"),
        "lower_bound_below_threshold": ("合格率置信下限低于阈值", "lower bound below the threshold"),
        "pass_rate_below_threshold": ("合格率低于阈值", "pass rate below the threshold"),
        "wilson": ("合格率的威尔逊置信下限不低于阈值", "Wilson lower bound of the pass rate ≥ threshold"),
        "standard": ("样本合格率不低于阈值（按标准原文）", "observed pass rate ≥ threshold (the standard as written)"),
    }),
    "conflict": ("知识产权冲突", "Copyright conflict", {
        "opt_out": ("权利人声明拒绝用于训练", "rights holder opted out"),
        "no_reprint_in_open_licence": ("开源许可来源中出现禁止转载声明", "no-reprint notice in an open-licence source"),
        "no_reprint_in_self_collected": ("自采来源中出现禁止转载声明", "no-reprint notice in a self-collected source"),
        "no_reprint_in_public_domain": ("公有领域来源中出现禁止转载声明", "no-reprint notice in a public-domain source"),
        "no_reprint_in_synthetic": ("合成数据中出现禁止转载声明", "no-reprint notice in synthetic data"),
        "rights_reserved_in_open_licence": ("开源许可来源中出现保留所有权利声明", "rights reserved in an open-licence source"),
        "rights_reserved_in_self_collected": ("自采来源中出现保留所有权利声明", "rights reserved in a self-collected source"),
        "rights_reserved_in_public_domain": ("公有领域来源中出现保留所有权利声明", "rights reserved in a public-domain source"),
        "rights_reserved_in_synthetic": ("合成数据中出现保留所有权利声明", "rights reserved in synthetic data"),
        "copyright_notice_in_public_domain": ("公有领域来源中出现版权声明", "copyright notice in a public-domain source"),
        "nd_licence": ("禁止演绎许可（ND）", "no-derivatives licence"),
    }),
}

# Quality rules: what each checks, in words (the threshold and direction come from the policy).
QUALITY_RULES: dict[str, Entry] = {
    "alpha_words_frac": ("含字母的词所占比例", "share of words with a letter"),
    "boilerplate_char_frac": ("模板套话与导航行的字符比例", "share of characters in boilerplate and navigation lines"),
    "boilerplate_lines_frac": ("模板套话行比例", "share of boilerplate lines"),
    "bullet_lines_frac": ("以项目符号开头的行比例", "share of bullet lines"),
    "char_dup_frac": ("重复字符比例", "share of repeated characters"),
    "chars_min_unspaced": ("中文等无空格文字的最少字符数", "minimum characters (unspaced scripts)"),
    "cjk_frac_unspaced": ("汉字所占比例", "share of CJK characters"),
    "case_chaos_frac": ("大小写随机混杂的单词比例（如 tHe）", "share of words in random case (tHe, wOrD)"),
    "control_frac": ("控制字符比例", "share of control characters"),
    "curly_bracket": ("含花括号（代码残留）", "curly brackets (code residue)"),
    "det_misorder_frac": ("冠词语序错乱比例", "share of misordered determiners"),
    "digit_word_frac": ("以数字代字母的单词比例（OCR、火星文）", "share of words with digits for letters (OCR, leetspeak)"),
    "dup_10gram_frac": ("重复十元组所占字符比例", "characters in repeated 10-grams"),
    "dup_10gram_frac_zh": ("中文重复十字串所占比例", "characters in repeated 10-grams (Chinese)"),
    "dup_5gram_frac": ("重复五元组所占字符比例", "characters in repeated 5-grams"),
    "dup_6gram_frac": ("重复六元组所占字符比例", "characters in repeated 6-grams"),
    "dup_7gram_frac": ("重复七元组所占字符比例", "characters in repeated 7-grams"),
    "dup_8gram_frac": ("重复八元组所占字符比例", "characters in repeated 8-grams"),
    "dup_9gram_frac": ("重复九元组所占字符比例", "characters in repeated 9-grams"),
    "dup_line_char_frac": ("重复行所占字符比例", "characters in duplicate lines"),
    "dup_line_frac": ("重复行比例", "share of duplicate lines"),
    "dup_para_char_frac": ("重复段落所占字符比例", "characters in duplicate paragraphs"),
    "dup_para_frac": ("重复段落比例", "share of duplicate paragraphs"),
    "en_accent_words": ("英文词上多余的变音符号比例", "share of English words carrying spurious accents (thé, wörd)"),
    "en_typo_frac": ("英文拼写错误词比例（错字、OCR 误识、漏字母）", "share of misspelt English words (typos, OCR errors)"),
    "escaped_char_frac": ("未解码转义字符比例", "share of characters in undecoded escapes"),
    "ellipsis_lines_frac": ("以省略号结尾的行比例", "share of lines ending in an ellipsis"),
    "fragment_lines_frac": ("单词碎片行比例（标签云、分栏残留）", "share of one-to-three-word lines"),
    "han_odd_doubles": ("不应重叠的汉字重叠比例（如“的的”“是是”）", "Han characters doubled where real text does not double them"),
    "han_orphan_frac": ("与左右都不成词的汉字比例（错字、同音字、插入字）",
                        "Han characters forming a word with neither neighbour (replaced, same-sound, inserted)"),
    "han_split_words": ("汉字词内部的空格比例（全半角混乱、抽取错误）", "spaces inside Han words (width chaos, bad extraction)"),
    "han_rare_frac": ("生僻汉字比例（OCR 形近字替换）", "distinct rare Han characters per Han character (OCR look-alikes)"),
    "han_bigram_frac": ("常见汉字二元组比例（乱序检测）", "share of common Han bigrams (scrambled text)"),
    "han_logfreq": ("汉字平均对数频率（乱码检测）", "mean Han log-frequency (garbled text)"),
    "han_order_margin": ("汉字正序与倒序搭配差（倒序检测）", "forward-minus-backward Han pair score (reversed text)"),
    "han_pair_pmi": ("相邻汉字搭配强度（乱序检测）", "how strongly adjacent Han characters belong together"),
    "han_run_max": ("无标点连续汉字最大长度", "longest Han run without punctuation"),
    "hyphen_break_lines": ("跨行断词数（排版页面抽取残留）", "words hyphenated across lines"),
    "invisible_frac": ("不可见字符比例（零宽字符、控制字符）", "share of invisible characters (zero-width, control)"),
    "javascript": ("含脚本代码", "JavaScript"),
    "junk_score": ("垃圾文本概率（学习得到的线性模型）", "probability of junk (learned linear model)"),
    "latin_logp": ("拉丁字母文本的语言模型得分", "letter-model score of Latin text"),
    "letters_frac": ("字母与汉字所占比例", "share of letters and Han characters"),
    "lexical_diversity": ("词汇多样性", "lexical diversity"),
    "line_punct_ratio": ("以标点结尾的行比例", "share of lines ending in punctuation"),
    "lorem_ipsum": ("含占位文本", "placeholder text"),
    "loop_copies_max": ("同一片段首尾相接的最多重复次数", "most back-to-back copies of one phrase"),
    "machine_lines_frac": ("日志行与目录行比例", "share of log and table-of-contents lines"),
    "mail_lines": ("邮件头、回复署名与多层引用行数", "e-mail header, attribution and nested quote lines"),
    "markup_char_frac": ("标记语言字符比例", "share of markup characters"),
    "max_word_length": ("最长词长度", "longest word"),
    "mean_word_length_max": ("平均词长上限", "mean word length (upper)"),
    "mean_word_length_min": ("平均词长下限", "mean word length (lower)"),
    "mixed_width_words": ("全角半角混排的字母数字串数", "letter/digit runs mixing full- and half-width forms"),
    "mixed_script_words": ("混用希腊或西里尔形近字母的单词数（同形字伪装）", "words mixing Latin with Greek/Cyrillic look-alikes"),
    "mojibake_frac": ("乱码字符比例", "share of mojibake"),
    "newline_ratio": ("换行符比例", "newline ratio"),
    "no_terminal_punct_lines_frac": ("无结尾标点的行比例", "share of lines without end punctuation"),
    "page_furniture_lines": ("页码与页眉页脚行数", "page numbers, running headers and footers"),
    "chrome_lines": ("网页外壳行数（按钮、分页、政策、签名等）", "page chrome lines of any shape (buttons, pagers, policy, signatures)"),
    "open_unit_frac": ("句子从词组中间开始或截断的比例（截头去尾的句子）", "share of sentences cut inside a phrase (sentence heads or tails)"),
    "glued_sentence_frac": ("前句未完即接下一句开头的比例（拼接的半句）", "share of sentences glued onto an unfinished one"),
    "column_gap_lines": ("两栏文字横向读在一行的行比例", "share of lines that read two text columns across"),
    "hyphen_residue_words": ("行尾连字符拼接残留的断词数", "words split by a leftover line-end hyphen"),
    "caption_lines": ("图表标题、分图标签与坐标刻度行数", "figure/table caption, panel label and axis tick lines"),
    "label_lines_frac": ("光秃标签行比例（标签云、搜索词、标题列表、索引）", "share of bare label lines (tag clouds, queries, heading lists, indexes)"),
    "cut_line_marks_frac": ("短行文本中以闭合标点开头或以开启标点结尾的汉字行比例（违反避头尾规则：机器切行）", "share of a short-line text's Han lines that start with a closing mark or end with an opening one (cut where no typesetter breaks)"),
    "han_hyphen_breaks": ("汉字词中间的连字符断行数（中文从不用连字符断词）", "line breaks after a hyphen inside a Han word (Chinese is never hyphenated)"),
    "keyword_items_frac": ("无句末标点文本中为词典词的条目比例（减去单字条目）：关键词堆砌、标签云", "in text without a sentence end, share of items that are dictionary words, less single-character items: keyword lists, tag clouds"),
    "han_islands_frac": ("夹在两个英文词之间的孤立汉字词占汉字比例（逐词机器翻译、半翻译文本）", "share of Han words standing alone between two English words, per Han character (word-by-word translation)"),
    "inline_furniture_marks": ("句子中间的页码与页眉（夹在破折号间的页码、页码递增的页眉标题）：多页拼接文本", "page numbers between dashes and running headers with rising page numbers inside sentences: text of re-joined pages"),
    "unclosed_lines_zh": ("无句末标点的中文里含逗号却不以标点结尾的行所占比例：只留句首的片段", "in Chinese without any sentence end, share of lines holding a clause mark and ending on no mark: sentence heads"),
    "width_grid_spaces_zh": ("汉字之间的空格落在同一固定周期网格上的程度：按固定宽度切断后用空格拼接的中文", "how closely the spaces between Han characters sit on one fixed-period grid: Chinese cut at a fixed width and re-joined with spaces"),
    "caption_splices": ("夹在句子中间的图表题注行（上一行未结束、下一行接着写）：丢了图的题注残留", "caption lines set inside a sentence (the line before unfinished, the line after going on): captions without their figure"),
    "keyword_repeat_frac": ("无句末标点的纯英文词语中重复 3 次以上的词对所覆盖的词比例：伪装成文字的关键词堆砌", "in plain English without a sentence end, share of words inside a word pair repeated 3+ times: keyword lists posing as prose"),
    "tagged_tokens_frac": ("带有机器标注的词占全部词的比例：词/词性标记（标记反复出现）、树库括号标签、子词切分的词首标记（SentencePiece）", "share of the words carrying a machine annotation: a tag glued on (word/NN, 词/v; the tags repeating), a treebank label ((NN dog)), a SentencePiece mark (▁word)"),
    "spaced_words_frac": ("被分词器或切词器与前后都隔开的标点比例（word , word . / 词 ，）", "share of the sentence marks a tokenizer or segmenter set apart from both neighbours (word , word .; 词 ，)"),
    "line_prefix_frac": ("带机器行前缀或编码的行比例：补丁块（unified diff）、邮件可打印编码的软换行与转义（quoted-printable）、正文前的连续行号", "share of the lines under a machine's line code: unified-diff hunks, quoted-printable soft breaks and escapes, a running line counter over prose"),
    "template_wrap": ("未渲染的模板包住正文（首尾均为模板标签，三分之一的行有模板槽）", "an unrendered template around prose (template tags open and close the text, a third of the lines hold a slot)"),
    "pinyin_run_frac": ("代替汉字的拼音音节串（4 个以上，且不是前面汉字的注音）占文本单位的比例", "share of the text's units in runs of 4+ pinyin syllables standing in for characters (not the reading of the Han word before them)"),
    "letter_spaced_frac": ("字母间加空格（字距拉开的 PDF 文本）的字母比例", "share of the letters standing apart in runs of single letters (letter-spaced text read back)"),
    "case_order_breaks_en": ("英文句中大写的虚词（The、It、When…）与句号后小写开头的次数占词数比例：词序被调换或打乱的英文", "per word, Title-case function words (The, It, When …) inside an English sentence and lower-case sentence starts after a full stop: English with its words swapped or shuffled"),
    "zh_mark_misorder": ("中文标点紧挨着不可能相邻的标点（“：、，，、。，、空引号）以及分句开头单独的助词（的、了、们…）的次数占句读标点比例：词序被调换或打乱的中文", "per clause or sentence mark, Chinese marks beside a mark they never follow (“：, ，，, 。，, empty quotes) and particles (的, 了, 们 …) alone at a clause start: Chinese with its words swapped or shuffled"),
    "flood_run_frac": ("单字符或短单元重复刷屏占全文比例", "share of the text in one run of a repeated 1-3 character unit"),
    "wrap_join_gap_zh": ("硬换行中文跨行字对的语言模型增益比行内低多少", "how much less likely the Han pairs across line breaks are than those inside lines"),
    "wrap_join_gap_en": ("硬换行英文跨行词对的语言模型增益比行内低多少", "how much less likely the word pairs across line breaks are than those inside lines"),
    "furniture_lines": ("网站附属内容行数（订阅、下载APP、作者简介、免责声明、推荐阅读、目录，含网页外壳行）",
                        "site furniture lines (subscribe, get the app, author box, disclaimer, related list, contents; with chrome lines)"),
    "dup_ngram_terms": ("重复的是术语或套用同一模板的条目，而非整段复制（词汇表、参考手册类文本）", "the repeated n-grams are terms or items built on one template, not copied passages (glossary and reference-manual text)"),
    "replacement_frac": ("替换字符比例（编码损坏）", "share of replacement characters"),
    "short_lines_frac": ("短行比例", "share of short lines"),
    "short_no_sentence": ("短文本且无完整句子", "short text without a sentence"),
    "stripped_diacritics": ("变音符号被去除的证据（德、法、西等语言）",
                            "evidence that a German, French, Spanish … text had its diacritics stripped"),
    "sorted_words_frac": ("按字母顺序排列的相邻词比例", "share of adjacent words in alphabetical order"),
    "stopword_hits": ("常用虚词出现次数", "stop-word hits"),
    "symbol_word_ratio": ("符号与词数之比", "symbol-to-word ratio"),
    "tandem_repeat_frac": ("连续重复片段所占比例", "share of text in back-to-back repeats"),
    "template_slots": ("同一句式逐行换一项：相邻句子只差一个短槽位（帮助页面的控件列表，不是重复垃圾）", "one sentence template with an item per line: neighbouring sentences differ in one short slot (a help page's list of controls, not repetition junk)"),
    "top_2gram_frac": ("最高频二元组所占比例", "share of the top 2-gram"),
    "top_3gram_frac": ("最高频三元组所占比例", "share of the top 3-gram"),
    "top_4gram_frac": ("最高频四元组所占比例", "share of the top 4-gram"),
    "top_4gram_frac_zh": ("中文最高频四字串所占比例", "share of the top 4-gram (Chinese)"),
    "url_lines_frac": ("网址行比例", "share of URL lines"),
    "utf8_as_gbk_frac": ("UTF-8 被误读为 GBK 的乱码比例", "share of UTF-8 read as GBK (mojibake)"),
    "weak_pair_clause_cv": ("弱字对中文的分句长度离散度（乱字检测）", "clause-length spread of Chinese with weak character pairs"),
    "web_code_frac": ("网页脚本、样式与 JSON 残留行比例", "share of JavaScript, CSS or JSON lines"),
    "web_code_explained": ("网页代码是有说明的示例：周围的正文句子点名其中的标识符（教程代码，不是残留）", "the web code is an explained example: prose sentences around it name its identifiers (a tutorial's listing, not residue)"),
    "word_pair_pmi": ("英文相邻词语序合理度", "English word-order plausibility"),
    "words_max": ("词数上限", "maximum words"),
    "words_min": ("词数下限（空格分词文字）", "minimum words (spaced scripts)"),
}
CATEGORIES["quality_rule"] = ("质量规则", "Quality rule", QUALITY_RULES)

# TC260-003 Appendix A (31 risks); equal to configs/taxonomy/tc260_003_appendix_a.yaml (a test checks it).
RISKS: dict[str, Entry] = {
    "A.1.1": ("煽动颠覆国家政权、推翻社会主义制度", "Inciting subversion of state power or overthrow of the socialist system"),
    "A.1.2": ("危害国家安全和利益、损害国家形象", "Endangering national security and interests or harming the national image"),
    "A.1.3": ("煽动分裂国家、破坏国家统一和社会稳定", "Inciting secession or undermining national unity and social stability"),
    "A.1.4": ("宣扬恐怖主义、极端主义", "Promoting terrorism or extremism"),
    "A.1.5": ("宣扬民族仇恨", "Promoting ethnic hatred"),
    "A.1.6": ("宣扬暴力、淫秽色情", "Promoting violence, obscenity or pornography"),
    "A.1.7": ("传播虚假有害信息", "Spreading false and harmful information"),
    "A.1.8": ("其他法律、行政法规禁止的内容", "Other content prohibited by laws and administrative regulations"),
    "A.2.1": ("民族歧视内容", "Ethnic discrimination"),
    "A.2.2": ("信仰歧视内容", "Discrimination by belief"),
    "A.2.3": ("国别歧视内容", "Discrimination by nationality"),
    "A.2.4": ("地域歧视内容", "Regional discrimination"),
    "A.2.5": ("性别歧视内容", "Gender discrimination"),
    "A.2.6": ("年龄歧视内容", "Age discrimination"),
    "A.2.7": ("职业歧视内容", "Occupational discrimination"),
    "A.2.8": ("健康歧视内容", "Health discrimination"),
    "A.2.9": ("其他方面歧视内容", "Other discrimination"),
    "A.3.1": ("侵犯他人知识产权", "Infringing others' intellectual property rights"),
    "A.3.2": ("违反商业道德", "Violating business ethics"),
    "A.3.3": ("泄露他人商业秘密", "Disclosing others' trade secrets"),
    "A.3.4": ("利用算法、数据、平台等优势，实施垄断和不正当竞争行为",
              "Monopoly or unfair competition using algorithm, data or platform advantages"),
    "A.3.5": ("其他商业违法违规行为", "Other commercial violations"),
    "A.4.1": ("危害他人身心健康", "Endangering others' physical or mental health"),
    "A.4.2": ("侵害他人肖像权", "Infringing portrait rights"),
    "A.4.3": ("侵害他人名誉权", "Infringing reputation rights"),
    "A.4.4": ("侵害他人荣誉权", "Infringing honour rights"),
    "A.4.5": ("侵害他人隐私权", "Infringing privacy rights"),
    "A.4.6": ("侵害他人个人信息权益", "Infringing personal information rights"),
    "A.4.7": ("侵犯他人其他合法权益", "Infringing other lawful rights and interests"),
    "A.5.1": ("内容不准确，严重不符合科学常识或主流认知",
              "Inaccurate content seriously contrary to scientific common sense or mainstream understanding"),
    "A.5.2": ("内容不可靠，虽然不包含严重错误的内容，但无法对使用者形成帮助",
              "Unreliable content that, though without serious errors, cannot help the user"),
}
CATEGORIES["risk"] = ("TC260-003 附录 A 安全风险", "TC260-003 Appendix A risk", RISKS)

# Sensitive personal information (《个人信息保护法》第二十八条; GB/T 35273 附录 B): identity-document numbers
# and financial accounts among the types corpusgov detects.
SENSITIVE_PI = frozenset({"CN_RESIDENT_ID", "CN_PASSPORT", "CN_HMT_PERMIT", "US_SSN", "CN_BANK_CARD",
                          "CREDIT_CARD", "IBAN_CODE"})
# Organisation identifiers that pattern recognizers find but that are not personal information.
NOT_PI = frozenset({"CN_USCC"})
# Sensitive categories of PIPL Art. 28 that no corpusgov recognizer detects (a stated limit of every run).
UNDETECTED_SENSITIVE: tuple[Entry, ...] = (
    ("生物识别信息", "biometric information"),
    ("宗教信仰", "religious belief"),
    ("特定身份", "specific identity"),
    ("医疗健康信息", "medical and health information"),
    ("行踪轨迹", "whereabouts"),
    ("不满十四周岁未成年人的个人信息", "personal information of minors under 14"),
    ("银行卡号以外的金融账户信息（如账户余额、交易记录）", "financial information other than card numbers"),
)

def term(category: str, code: object, lang: str = "zh", *, with_code: bool = False) -> str:
    """The term for `code` in `category`; unknown codes as "类别（代码）" so no bare code reaches a report."""
    heading_zh, heading_en, table = CATEGORIES[category]
    key = str(code)
    hit = table.get(key)
    if hit is None:
        if category == "language" and "-" in key and key.split("-")[0] in table:
            hit = table[key.split("-")[0]]
        elif category == "pii_mode" and key.startswith("ner:"):
            hit = table["ner"]
    if hit is None:
        return f"{heading_zh}（{key}）" if lang == "zh" else f"{heading_en} ({key})"
    text = hit[0] if lang == "zh" else hit[1]
    if with_code:
        return f"{text}（{key}）" if lang == "zh" else f"{text} ({key})"
    return text


def reason(code: str, lang: str = "zh") -> str:
    """A decision reason code (`quality:words_min`, `pii:CN_MOBILE:mask`, `source_rejected:…`) in words."""
    zh = lang == "zh"
    kind, _, rest = code.partition(":")
    if kind == "duplicate":
        return {"exact": ("完全重复", "exact duplicate"), "near": ("近似重复", "near duplicate")}.get(
            rest, (f"重复（{rest}）", f"duplicate ({rest})"))[0 if zh else 1]
    if kind == "source_rejected":
        return ("来源不予采用：" if zh else "source rejected: ") + term("rejection", rest, lang)
    if kind == "screening":
        return "命中违法不良信息关键词" if zh else "screening lexicon hit"
    if kind == "quality":
        return ("质量规则：" if zh else "quality rule: ") + term("quality_rule", rest, lang)
    if kind == "language":
        sub, _, lg = rest.partition(":")
        return (f"语种不在允许范围：{term('language', lg, lang)}" if zh else f"language not allowed: {lg}")
    if kind == "pii":
        ent, _, act = rest.partition(":")
        return f"{term('pii_entity', ent, lang)}：{term('pii_action', act, lang)}" if zh else \
            f"{term('pii_entity', ent, lang)}: {term('pii_action', act, lang)}"
    if kind == "copyright":
        sub, _, c = rest.partition(":")
        if sub == "opt_out":
            return term("conflict", "opt_out", lang)
        if c.startswith("nc_licence_in_"):
            return "非商业许可（NC）与来源用途冲突" if zh else "non-commercial licence conflicts with the source"
        if c.startswith("licence_mismatch"):
            return "记录中的许可与来源申报不一致" if zh else "licence differs from the declared one"
        return term("conflict", c, lang)
    if kind == "deadletter":
        return term("deadletter", rest, lang)
    if kind == "takedown":
        return ("删除请求：" if zh else "takedown: ") + rest
    return f"其他原因（{code}）" if zh else code


def gate_name(name: str, lang: str = "zh") -> str:
    """`source_screening:en_news` -> 来源违法不良信息比例不超过阈值（en_news）."""
    kind, _, rest = name.partition(":")
    if kind == "expectation":
        table, _, exp = rest.partition(":")
        return term("expectation", exp, lang)
    base = term("gate", kind, lang)
    if kind == "kept_share":
        dim, _, key = rest.partition(":")
        what = term("language", key, lang) if dim == "language" else key
        label = {"source": ("来源", "source"), "language": ("语种", "language")}.get(dim, (dim, dim))
        return f"{label[0]}{base}（{what}）" if lang == "zh" else f"{label[1]} {base} ({what})"
    if rest:
        return f"{base}（{rest}）" if lang == "zh" else f"{base} ({rest})"
    return base


def glossary_markdown() -> str:
    """docs/glossary.md: every category and code with its Chinese and English term."""
    out = ["# 术语对照表 / Glossary", "",
           "Generated from `lineage/glossary.py` (`python -m corpusgov.lineage.glossary > docs/glossary.md`); the regulator",
           "reports translate every code through it. 报告中的全部代码均按本表译为中文；代码仅在审核需要时附于括号内。",
           ""]
    for cat, (zh, en, table) in CATEGORIES.items():
        out += [f"## {zh} / {en} (`{cat}`)", "", "| 代码 code | 中文 | English |", "|---|---|---|"]
        out += [f"| `{k}` | {v[0]} | {v[1]} |" for k, v in table.items()]
        out.append("")
    out += ["## 敏感个人信息 / Sensitive personal information", "",
            "Detected types treated as 敏感个人信息 (PIPL Art. 28, GB/T 35273 Appendix B): "
            + ", ".join(f"`{k}`" for k in sorted(SENSITIVE_PI)) + ". Not personal information: "
            + ", ".join(f"`{k}`" for k in sorted(NOT_PI)) + ".", "",
            "Sensitive categories no recognizer detects (listed as a limit in every report):", ""]
    out += [f"- {zh} / {en}" for zh, en in UNDETECTED_SENSITIVE]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(glossary_markdown())
