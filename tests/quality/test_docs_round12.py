"""Docs round 12 (issue 13, good_docs12): structures of reference documentation the rules misread, with the junk
each guard must still see.

- Records of labelled fields (``ngram_repeats.record_field_labels``): an Apache directive's table repeats its fields'
  values under each directive; those field lines are not copied lines. A page copying its prose lines still is.
- A command synopsis's brackets: zsh's spaced "[ -k array ] [ -g globstring ]" is no row of bracketed links, and bars
  inside brackets ("[ redraw | eol | bot ]") separate alternatives, not menu items.
"""

from __future__ import annotations

from corpusgov.quality import junk_chrome, junk_lines, ngram_repeats
from corpusgov.quality.signals import compute_signals

DIRECTIVES = """BrotliAlterETag Directive ¶
Description: How the outgoing ETag header should be modified during compression
Syntax: BrotliAlterETag AddSuffix|NoChange|Remove
Default: BrotliAlterETag AddSuffix
Context: server config, virtual host
Status: Extension
Module: mod_brotli
The BrotliAlterETag directive specifies how the ETag header should be altered when a response is compressed, so that
caches can tell the compressed representation from the uncompressed one and do not serve one for the other.
AddSuffix
Append the compression method onto the end of the ETag, causing compressed and uncompressed representations to have
unique ETags. In another dynamic compression module, mod_deflate, this has been the default since 2.4.0.
NoChange
Don't change the ETag on a compressed response. In another dynamic compression module, mod_deflate, this has been the
default prior to 2.4.0. This setting does not satisfy the HTTP/1.1 property that all representations of the same
resource have unique ETags.
BrotliCompressionMaxInputBlock Directive ¶
Description: Maximum input block size
Syntax: BrotliCompressionMaxInputBlock value
Default: (automatic)
Context: server config, virtual host
Status: Extension
Module: mod_brotli
The BrotliCompressionMaxInputBlock directive specifies the maximum input block size between 16 and 24, with the
caveat that larger block sizes require more memory, and that the default is chosen by the library from the quality.
BrotliCompressionQuality Directive ¶
Description: Compression quality
Syntax: BrotliCompressionQuality value
Default: BrotliCompressionQuality 5
Context: server config, virtual host
Status: Extension
Module: mod_brotli
The BrotliCompressionQuality directive specifies the compression quality (a value between 0 and 11). Higher quality
values give better, but slower compression, and the default value of 5 is a reasonable trade-off for most sites."""


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def test_record_fields_are_not_copied_lines() -> None:
    lines = _lines(DIRECTIVES)
    assert ngram_repeats.record_field_labels(lines) >= {"Context", "Status", "Module"}
    assert ngram_repeats.copied_lines_frac(lines) < ngram_repeats.ITEMS_MAX_COPIED
    assert compute_signals(DIRECTIVES, "en")["dup_ngram_terms"] == 1.0


def test_copied_prose_is_still_copied_beside_fields() -> None:
    # a listing page copying its sales line under each record: the fields are a schema, the prose lines copies
    record = ("Title: {t}\nPrice: $19.99\nCondition: New\nBest cheap deals online, buy now and save big with free "
              "shipping on every order today!\nLimited offer, order now while stocks last and get a gift for free!\n")
    text = "".join(record.format(t=t) for t in ("Red shoes", "Blue shoes", "Green shoes", "Black shoes"))
    lines = _lines(text)
    assert ngram_repeats.record_field_labels(lines) == {"Title", "Price", "Condition"}
    assert ngram_repeats.copied_lines_frac(lines) >= 0.4


def test_two_recurring_labels_are_no_schema() -> None:
    lines = _lines("Posted by: admin\nDate: 2024-01-02\nGreat post!\nPosted by: admin\nDate: 2024-01-03\nGreat post!")
    assert ngram_repeats.record_field_labels(lines) == frozenset()
    assert ngram_repeats.copied_lines_frac(lines) > 0.5


def test_synopsis_brackets_are_not_link_rows() -> None:
    for synopsis in ("[ -k array ] [ -g globstring ] [ -s subststring ]", "[ -Q ] [ -P prefix ] [ -S suffix ]",
                     "zcurses clear targetwin [ redraw | eol | bot ]",
                     "zcurses bg targetwin [ [+|-]attribute | fg_col/bg_col | @char ] [...]"):
        assert not junk_chrome.is_chrome(synopsis), synopsis
    for nav in ("[Top] [Contents] [Index] [ ? ]", "Home | About | [Contact]", "[Home] | [About] | [Contact]",
                "Home | Docs | Blog"):
        assert junk_chrome.is_chrome(nav), nav
        assert junk_lines.is_nav_row(nav) or junk_chrome.is_button_row(nav), nav


NAMES = """SessionDBDPerUser Directive
Description: Enable a per user session
Syntax: SessionDBDPerUser On|Off
The SessionDBDPerUser flag enables a per user session keyed against the user's login name. If the user is not logged
in, this directive will be ignored, and the session is shared by every request that comes from the same browser.
SessionDBDSelectLabel Directive
Description: The SQL query to use to select sessions from the database
Syntax: SessionDBDSelectLabel label
The SessionDBDSelectLabel directive sets the default select query label to be used to load in a session. This label
must have been previously defined using the DBDPrepareSQL directive, which names a statement for the pool.
AuthzDBDLoginToReferer Directive
Syntax: AuthzDBDLoginToReferer On|Off
In conjunction with the login and logout requirements, AuthzDBDLoginToReferer provides the option to redirect the
client back to the referring page, the address in the request's referer header, if one is present."""


def test_long_names_used_again_are_not_case_flips() -> None:
    from corpusgov.quality.junk_noise_forms import case_chaos_frac

    assert case_chaos_frac(NAMES) == 0.0
    # random flips of the same words do not repeat one pattern: still case chaos
    flipped = NAMES.replace("SessionDBDPerUser", "sEssIonDbdpErUSer", 1).replace("SessionDBDPerUser", "SesSIONdbDpeRuser")
    flipped = flipped.replace("SessionDBDSelectLabel", "seSSionDBdSeLecTlabEL", 1).replace(
        "SessionDBDSelectLabel", "SeSsiONdbdSeLEcTLaBel").replace("AuthzDBDLoginToReferer", "aUthZDbDlOgInTorEfeRer", 1)
    flipped += " ThE sEssIon iS sHareD bY eVery rEquest tHaT cOmEs fRom tHe sAme bRowSer."
    assert case_chaos_frac(flipped) > 0.05


SHELL = """6.3 Complex Commands
A complex command in zsh is one of the following:
if list then list [ elif list then list ] ... [ else list ] fi
The if list is executed, and if it returns a zero exit status, the then list is executed. Otherwise, the elif list is
executed and if its status is zero, the then list is executed. If each elif list returns nonzero status, the else list
is executed. The syntax of the if command is shown above, and the for command below follows the same pattern.
for name ... [ in word ... ] term do list done
Expand the list of words, and set the parameter name to each of them in turn, executing list each time."""


def test_words_of_a_synopsis_are_named_keywords() -> None:
    from corpusgov.quality import naturalness

    assert {"if", "then", "elif", "else", "in"} <= naturalness.synopsis_words(SHELL)
    assert naturalness.det_misorder_frac(SHELL) == 0.0
    # the same prose without its synopsis lines reads "the then" as misordered
    prose = "\n".join(ln for ln in SHELL.split("\n") if "[" not in ln)
    assert naturalness.det_misorder_frac(prose) > 0.0
    # word salad runs on in long lines: its brackets and semicolons make no synopsis
    salad = ("variable: names=[ instead the imported. ClassDef(name, Nonlocal( that definition. the For assigned The "
             "an In the function; the of is the and an in the to")
    assert naturalness.synopsis_words(salad) == set()
