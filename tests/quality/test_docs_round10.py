"""Docs round 10 (issue 13): a tutorial's JavaScript listing, explained by the prose around it, is not web-page
script residue (``web_code_explained``, the ``web_code_frac`` rule's ``unless``). The tutorial is an excerpt of the
GNOME developer demos' ToggleButton page (gnome-devel-docs, CC BY-SA 3.0), one of the good_docs8 pages the rule
dropped; the residue cases keep the shape of junk_heldout's script_residue (a page's first words over a script)."""

from __future__ import annotations

from corpusgov.quality.junk_residue import web_code_explained, web_code_frac
from corpusgov.quality.quality_policy import QualityPolicy
from corpusgov.quality.signals import compute_signals, default_quality_rules, evaluate_rules

POLICY = QualityPolicy(rules=default_quality_rules())

HEADING = "Creating the ToggleButton and other widgets"
CODE_1 = """        // Create the spinner that the button stops and starts
        this._spinner = new Gtk.Spinner ({hexpand: true, vexpand: true});"""
PROSE_1 = "We want this Spinner to expand vertically and horizontally, to take up as much space as possible inside the window."
CODE_2 = """        // Create the togglebutton that starts and stops the spinner
        this._toggleButton = new Gtk.ToggleButton ({label: "Start/Stop"});
        this._toggleButton.connect ('toggled', Lang.bind (this, this._onToggle));"""
PROSE_2 = ("Creating a ToggleButton is a lot like creating a normal Button. The biggest difference is that you're handling a"
           ' "toggled" signal instead of a "clicked" signal. This code binds the _onToggle function to that signal, so'
           " that it's called whenever our ToggleButton is toggled.")
CODE_3 = """        // Create a grid and put everything in it
        this._grid = new Gtk.Grid ({
            row_homogeneous: false,
            row_spacing: 15});
        this._grid.attach (this._spinner, 0, 0, 1, 1);
        this._grid.attach (this._toggleButton, 0, 1, 1, 1);"""
PROSE_3 = "Here we create a simple Grid to organize everything in, then attach the Spinner and ToggleButton to it."
TUTORIAL = "\n".join((HEADING, CODE_1, PROSE_1, CODE_2, PROSE_2, CODE_3, PROSE_3))
LISTING = "\n".join((HEADING, CODE_1, CODE_2, CODE_3))


def _drops(text: str) -> list[str]:
    return [n for n, a in evaluate_rules(compute_signals(text, "en"), POLICY) if a == "drop"]


def test_an_explained_listing_is_kept() -> None:
    assert web_code_frac(TUTORIAL) > 0.2  # the code itself still reads as JavaScript
    assert web_code_explained(TUTORIAL) == 1.0
    assert "web_code_frac" not in _drops(TUTORIAL)
    assert compute_signals(TUTORIAL, "en")["web_code_explained"] == 1.0


def test_code_without_prose_about_it_stays_residue() -> None:
    # a heading over the code alone: the shape of script residue
    assert web_code_explained(LISTING) == 0.0
    assert "web_code_frac" in _drops(LISTING)
    # the page's sentences are there but never name the code (a crawled article over its page script)
    article = ("The committee met on Tuesday to discuss the new budget for the regional library system.",
               "Several members asked whether the opening hours could be extended during the winter months.")
    page = "\n".join((article[0], CODE_1, CODE_2, article[1], CODE_3))
    assert web_code_explained(page) == 0.0
    assert "web_code_frac" in _drops(page)
    # one sentence is not an explanation (a page's first words over a script, as junk_heldout's script_residue)
    assert web_code_explained("\n".join((PROSE_2, CODE_1, CODE_2, CODE_3))) == 0.0


def test_comments_inside_the_code_are_not_prose() -> None:
    commented = "\n".join((HEADING, CODE_1, "        // " + PROSE_1, CODE_2, "        // " + PROSE_2, CODE_3))
    assert web_code_explained(commented) == 0.0


# --- the templated-items exemption: a C declaration's head is the template's scaffolding, not a copy ---
EVENT = """PGEVT_{0}
The {1} event is fired when the connection is {1}. It is the ideal time to handle any instance data.
typedef struct
{{
    PGconn *conn;
}} PGEvent{2};
When a PGEVT_{0} event is received, the evtInfo pointer should be cast to a PGEvent{2} *."""


def test_a_declaration_head_over_each_item_is_not_a_copied_line() -> None:
    from corpusgov.quality.ngram_repeats import copied_lines_frac

    items = [EVENT.format(*e) for e in (("REGISTER", "registered", "Register"), ("CONNRESET", "reset", "ConnReset"),
                                        ("CONNDESTROY", "destroyed", "ConnDestroy"))]
    lines = [ln.strip() for ln in "\n".join(items).split("\n") if ln.strip() and ln.strip()[-1] not in ";{}"]
    assert copied_lines_frac(lines) == 0.0  # "typedef struct" three times: scaffolding
    # a pasted sentence is still a copy, declaration heads around it or not
    pasted = lines + [lines[1], lines[1]]
    assert copied_lines_frac(pasted) > 0.15
