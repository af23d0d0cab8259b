"""Docs round 9 (issue 13): sentences that use navigation words are not menu lines (``boilerplate_lines_frac``), and
a table's key column read row by row is not a run of page numbers (``page_furniture_lines``), and the terms of a
definition list are not UI labels (``chrome_lines``); menus, legal lines, forum buttons and
real page numbers still count."""

from __future__ import annotations

from corpusgov.quality.junk_chrome import chrome_keys
from corpusgov.quality.junk_lines import page_furniture_lines
from corpusgov.quality.signals import _boilerplate_frac

SEARCH_HELP = ["Simple search: additional topics", "Navigate through the search results",
               "There are several ways to go to the next or previous search result.",
               "There are up and down arrows next to the search entry.",
               "You can also press the up arrow or down arrow keys on your keyboard while the search entry is visible.",
               "Closing the search entry field", "You can close the search entry by pressing different keys:",
               "Pressing Esc will return the cursor to where it was before you began your search."]
MENU = ["Home", "About us", "Contact", "Next page", "Search this site", "Previous"]
LEGAL = ["Copyright 2024 Example Media Group Ltd. All rights reserved.", "Read our privacy policy before you sign up.",
         "Subscribe to our newsletter for the latest news.", "An article of the day."]
EXIT_CODES = ["Zenity returns the following exit codes:", "Exit Code", "Description", "0",
              "The user has pressed either OK or Close.", "1",
              "The user has either pressed Cancel, or used the window functions to close the dialog.", "-1",
              "An unexpected error has occurred.", "5", "The dialog has been closed because the timeout has been reached."]


def test_sentences_with_navigation_words_are_prose() -> None:
    assert _boilerplate_frac(SEARCH_HELP, set()) < 0.5
    assert _boilerplate_frac(MENU, set()) == 1.0
    assert _boilerplate_frac(LEGAL, set()) == 0.75  # legal and account phrases count in a sentence too


def test_a_key_column_is_not_page_numbers() -> None:
    assert page_furniture_lines(EXIT_CODES) == 0.0
    pages = []
    for n in range(1, 5):
        pages += [f"Paragraph {w} of the chapter goes on about the harbour and the ships in it." for w in "abcdef"]
        pages.append(str(n))
    assert page_furniture_lines(pages) >= 2  # page numbers a page apart still count


INVITATION = ["When you receive an invitation, you have several options:", "Accept:",
              "Indicates you will attend the meeting. When you click the OK button, the meeting is entered into your calendar.",
              "Decline:", "Indicates you are unable to attend the meeting, and your response is sent to the organizer."]
FORUM = ["Great thread, thanks for sharing the details here.", "Quote:",
         "I have been running this setup for years without a single problem at all.", "Reply", "Report"]


def test_definition_list_terms_are_not_chrome() -> None:
    assert chrome_keys(INVITATION) == set()
    assert chrome_keys(INVITATION[:3]) == {"Accept:"}  # one term alone is a label as before
    assert len(chrome_keys(FORUM)) >= 2  # a forum's one quote label and its buttons still count
