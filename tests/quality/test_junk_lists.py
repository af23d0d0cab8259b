"""Lists a sentence introduces (quality.junk_lists): their items are not read as fragments or labels, while tag
clouds and keyword lists under a bare label still are."""

from __future__ import annotations

from corpusgov.quality.junk_fragments import label_lines_frac
from corpusgov.quality.junk_lines import fragment_lines_frac
from corpusgov.quality.junk_lists import introduces, listed_items

VCS = ["Supported version control systems", "Meld supports a wide range of version control systems:", "Bazaar",
       "Darcs", "Git", "Mercurial", "SVN",
       "Less common version control systems may not be properly tested; please report any bugs."]
AUTHORS = ["1.1. Authors", "A number of people have contributed to this manual, but the following deserve special "
           "mention:", "Stefano Canepa", "Era Eriksson", "Carlo Perassi", "Alexandre Ratti", "Jaime Robles",
           "Yotam Rubin", "Frederic Schutz", "Pedro Zorzenon Neto"]
TAGS = ["Tags:", "cheap flights", "hotel deals", "travel insurance", "car rental", "beach holidays", "city breaks",
        "last minute", "ski trips", "cruises"]


def test_introducing_lines() -> None:
    assert introduces("Meld supports a wide range of version control systems:")
    assert introduces("The following functions are defined.")
    assert introduces("下面列出了命令行中使用宏的例子：")
    assert not introduces("Tags:") and not introduces("Related searches:")
    assert not introduces("The functions are defined.")  # a full stop announces nothing without "the following"
    assert listed_items(VCS, [True] * len(VCS)) == {2, 3, 4, 5, 6, 7}
    assert listed_items(VCS, [len(ln) < 20 for ln in VCS]) == {2, 3, 4, 5, 6}


def test_introduced_items_are_not_fragments_or_labels() -> None:
    assert fragment_lines_frac(AUTHORS) < 0.2
    assert label_lines_frac("\n".join(VCS), VCS) < 0.2  # the heading alone
    unannounced = VCS[:1] + ["Systems"] + VCS[2:]
    assert label_lines_frac("\n".join(unannounced), unannounced) > 0.6
    # the same items under a bare label are still fragments and labels
    bare = ["Contributors"] + AUTHORS[2:]
    assert fragment_lines_frac(bare) > 0.7
    assert fragment_lines_frac(TAGS) > 0.7
    assert label_lines_frac("\n".join(TAGS), TAGS) > 0.6
