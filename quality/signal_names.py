"""The names of the per-document quality signals, in column order (decisions table `q_<name>` columns).

A module of its own so the policy model can validate rule signals without importing the signal code.
"""

from __future__ import annotations

SIGNAL_NAMES: tuple[str, ...] = (
    "chars", "words", "mean_word_length", "max_word_length", "symbol_word_ratio", "bullet_lines_frac",
    "ellipsis_lines_frac", "alpha_frac", "alpha_words_frac", "cjk_frac", "digit_frac", "special_char_frac",
    "stopword_hits", "stopword_list", "dup_line_frac", "dup_line_char_frac", "dup_para_frac",
    "dup_para_char_frac", "top_2gram_frac", "top_3gram_frac", "top_4gram_frac", "dup_5gram_frac",
    "dup_6gram_frac", "dup_7gram_frac", "dup_8gram_frac", "dup_9gram_frac", "dup_10gram_frac",
    "no_terminal_punct_lines_frac", "sentences", "lorem_ipsum", "curly_bracket", "javascript",
    "short_lines_frac", "line_punct_ratio", "char_dup_frac", "newline_ratio", "replacement_chars",
    "replacement_frac", "control_frac", "mojibake_frac", "unique_words_frac", "spaced",
    "lexical_diversity", "latin_logp", "han_logfreq", "han_bigram_frac", "han_chars", "url_lines_frac",
    "markup_char_frac", "letters_frac", "boilerplate_lines_frac", "short_no_sentence", "han_run_max",
    "det_misorder_frac", "han_pair_pmi", "word_pair_pmi", "han_order_margin", "tandem_repeat_frac",
    "machine_lines_frac", "sorted_words_frac", "utf8_as_gbk_frac", "web_code_frac", "escaped_char_frac",
    "loop_copies_max", "weak_pair_clause_cv", "en_lm_logp", "en_lm_gain", "en_lm_seen", "en_lm_oov",
    "zh_lm_logp", "zh_lm_gain", "zh_lm_seen", "zh_lm_cross_neg", "zh_clause_edge", "zh_modern_density",
    "zh_lm_gain_modern", "zh_clause_edge_modern", "zh_lm_cross_neg_modern", "zh_order_llr",
    "zh_order_llr_modern", "boilerplate_char_frac",
    "zh_join_llr3", "zh_join_low", "zh_join_bad", "zh_join_worst", "zh_clause_pos", "zh_join_low_modern", "zh_join_worst_modern",
    "wrap_join_gap_en", "wrap_join_gap_zh",
    "page_furniture_lines", "mail_lines", "fragment_lines_frac", "hyphen_break_lines", "en_typo_frac",
    "digit_word_frac", "mixed_script_words", "invisible_frac", "han_rare_frac",
    "mixed_width_words", "case_chaos_frac", "stripped_diacritics", "en_accent_words", "han_odd_doubles", "han_split_words", "han_orphan_frac", "chrome_lines", "furniture_lines", "dup_ngram_terms",
    "open_unit_frac", "glued_sentence_frac", "column_gap_lines", "hyphen_residue_words", "caption_lines", "label_lines_frac",
    "flood_run_frac", "web_code_explained", "template_slots", "cut_line_marks_frac", "han_hyphen_breaks", "keyword_items_frac",
    "han_islands_frac",
    "inline_furniture_marks", "unclosed_lines_zh", "width_grid_spaces_zh", "caption_splices",
    "keyword_repeat_frac",
    "tagged_tokens_frac", "spaced_words_frac", "line_prefix_frac", "template_wrap", "pinyin_run_frac", "letter_spaced_frac",
    "case_order_breaks_en", "zh_mark_misorder",
    "junk_score",
)
