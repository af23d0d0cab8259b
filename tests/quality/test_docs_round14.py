"""Docs round 14 (issue 13): a manual shows a program's output or an example text after a line introducing it, and
shows it again, changed in a word or a number, under the next introduction; those lines are shown examples, not
copies (``ngram_repeats.shown_examples``). A paragraph pasted again after an introduction is still a copy."""

from __future__ import annotations

from corpusgov.quality import ngram_repeats

# an aptitude manual's console session, shown three times with one number or word changed (real-looking layout)
SESSION = """aptitude will sometimes present a prompt like this:
The following NEW packages will be automatically installed:
  space-orbit-common
The following NEW packages will be installed:
  space-orbit space-orbit-common
0 packages upgraded, 2 newly installed, 0 to remove and 0 not upgraded.
Need to get 3200kB of archives. After unpacking 8413kB will be used.
Do you want to continue? [Y/n/?]
In addition to the obvious options of Yes and No, a number of commands are available to change what is shown here.
Typing s will show the size changes of the packages that will be installed:
Do you want to continue? [Y/n/?] s
Size changes will be shown.
The following NEW packages will be automatically installed:
  space-orbit-common <+8020kB>
The following NEW packages will be installed:
  space-orbit <+393kB> space-orbit-common <+8020kB>
0 packages upgraded, 2 newly installed, 0 to remove and 0 not upgraded.
Similarly, typing d will display information about automatically installed or removed packages:
The following NEW packages will be automatically installed:
  space-orbit-common (D: space-orbit)
The following NEW packages will be installed:
  space-orbit space-orbit-common
This shows that space-orbit-common is being installed because space-orbit depends on it, as the output says.
"""

# vim's user manual: one example text shown after each formatting command
ALIGNED = """To center a range of lines, use the following command:
\t:1,5center 40
results in the following:
       I taught for a while. One
       time, I was stopped by the
     Fort Worth police, because my
      homework was too hard. True
Similarly, the ":right" command right-justifies the text, as this example shows:
\t:1,5right 37
gives this result:
\t    I taught for a while. One
\t   time, I was stopped by the
\tFort Worth police, because my
\t  homework was too hard. True
"""


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def test_console_output_shown_again_is_no_copy() -> None:
    lines = _lines(SESSION)
    shown = ngram_repeats.shown_examples(lines)
    assert "The following NEW packages will be installed:" in shown
    # a sentence of eight words or more is read as prose: it ends the block and still counts as a copy
    assert "0 packages upgraded, 0 newly installed, 0 to remove and 0 not upgraded." not in shown
    assert ngram_repeats.copied_lines_frac(lines) < ngram_repeats.ITEMS_MAX_COPIED


def test_example_text_shown_after_each_command_is_no_copy() -> None:
    lines = _lines(ALIGNED)
    assert "I taught for a while. One" in ngram_repeats.shown_examples(lines)
    assert ngram_repeats.copied_lines_frac(lines) == 0.0


def test_pasted_paragraph_after_an_introduction_stays_a_copy() -> None:
    # an SEO page pasting its pitch after every "Read more:" line: the pitch is prose and ends the shown block
    pitch = ("Best cheap flights online, book now and save big with free cancellation on every trip today.\n"
             "Limited offer, order now while seats last and get a hotel voucher for free with every booking.\n")
    text = "".join(f"Read more about {c}:\n{pitch}" for c in ("Paris", "Rome", "Berlin", "Madrid"))
    lines = _lines(text)
    assert ngram_repeats.shown_examples(lines) == frozenset()
    assert ngram_repeats.copied_lines_frac(lines) > 0.5


def test_a_line_repeated_inside_one_shown_block_stays_a_copy() -> None:
    # a loop of one short line under one introduction is residue, not an example shown twice
    lines = _lines("The log reads:\n" + "connection reset by peer\n" * 6 + "Nothing else was written there, so we "
                   "restarted the server and the errors went away.")
    assert "connection reset by peer" not in ngram_repeats.shown_examples(lines)
    assert ngram_repeats.copied_lines_frac(lines) > 0.5


def test_lines_outside_any_shown_block_stay_copies() -> None:
    ids = ngram_repeats.shown_block_ids(_lines("Home page\nAbout us\nHome page\nAbout us"))
    assert ids == [-1, -1, -1, -1]
