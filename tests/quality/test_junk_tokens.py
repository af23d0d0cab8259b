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


def test_spacing_counts_only_on_lines_spaced_throughout() -> None:
    # a line whose marks are mostly glued keeps its one spaced mark out (a dash or an ellipsis set apart by habit)
    mixed = "The runner reads, sorts, and writes. It keeps one table . Then it stops, and waits."
    assert spaced_punct_frac(mixed) == 0.0
    tokenized = mixed + "\nthe runner reads , sorts , and writes . it stops ."
    assert spaced_punct_frac(tokenized) == 0.4  # the 4 marks of the tokenized line of 10 (the older count: 5)


def test_assignments_and_pipes_in_code_lines_are_not_glue() -> None:
    code = "\n".join(["x=1;", "if (a|b) { run(mode=fast); }", "    timeout=30", "$ ls -l|sort"])
    assert glued_token_frac(code) == 0.0
    assert glued_token_frac("Let=E2=80=99s go") > 0.3  # quoted-printable prose: no code on the line
    assert glued_token_frac("The/DT runner/NN reads/VBZ (every/DT shard/NN);") > 0.5  # tags count on any line
