"""The machine-residue signals of quality.junk_tokens (measured, not wired): tokenizer spacing, glued tags and codes,
lines under one symbol; prose, French typography and documentation lines stay low."""

from __future__ import annotations

from corpusgov.quality.junk_tokens import edge_symbol_frac, glued_token_frac, spaced_punct_frac, token_signals

PROSE = "The runner reads every shard once, and it writes each decision to a table. A rerun gives the same table."


def test_tokenizer_spacing_is_high_and_french_typography_is_not() -> None:
    assert spaced_punct_frac("the runner reads every shard once , and it writes each decision . a rerun .") == 1.0
    assert spaced_punct_frac("我 读 ， 你 写 。 他 看 。") == 1.0
    assert spaced_punct_frac(PROSE) == 0.0
    assert spaced_punct_frac("Quoi ? Il dit : oui ; non ! Bien, merci. Voilà.") == 0.0
    assert spaced_punct_frac("a , b") == 0.0  # fewer than three marks: no evidence


def test_glued_tokens_and_edge_symbols() -> None:
    assert glued_token_frac("The/DT runner/NN reads/VBZ every/DT shard/NN") == 1.0
    assert glued_token_frac("Let=E2=80=99s go") > 0.3
    assert glued_token_frac(PROSE) == 0.0
    qp = "\n".join(["The runner reads every shard once and writes=", "each decision to a table; a rerun gives the=",
                    "same table and the counters are summed per=", "shard."])
    assert edge_symbol_frac(qp) == 0.75
    diff = "+The runner reads\n-The runner read\n+every shard once\n-each shard once"
    assert edge_symbol_frac(diff) == 0.5
    assert edge_symbol_frac("\n".join([PROSE] * 5)) == 0.0
    assert edge_symbol_frac("one\ntwo=") == 0.0  # fewer than four lines
    assert token_signals(PROSE) == (0.0, 0.0, 0.0)
