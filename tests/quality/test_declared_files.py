"""The eval reads only files of its declared Debian packages and their dependencies (quality/eval/declared_files.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpusgov.quality.eval import declared_files

STATUS = """\
Package: gnome-user-docs
Status: install ok installed
Depends: yelp | khelpcenter, libc6 (>= 2.36)

Package: yelp
Status: install ok installed
Version: 42.2-1
Pre-Depends: dpkg
Depends: libgtk-3-common, libc6:any

Package: khelpcenter
Status: install ok installed
Depends: kde-only

Package: libgtk-3-common
Status: install ok installed
Depends: libc6,
 dconf-gsettings-backend | gsettings-backend

Package: gsettings-backend
Status: install ok installed

Package: libc6
Status: install ok installed

Package: dpkg
Status: install ok installed

Package: chromium
Status: install ok installed
Depends: libc6

Package: removed-one
Status: deinstall ok config-files
"""


@pytest.fixture()
def dpkg(tmp_path: Path) -> Path:
    (tmp_path / "info").mkdir()
    (tmp_path / "status").write_text(STATUS, encoding="utf-8")
    (tmp_path / "info" / "yelp.list").write_text("/usr/share/locale/de/LC_MESSAGES/yelp.mo\n", encoding="utf-8")
    (tmp_path / "info" / "libgtk-3-common:all.list").write_text("/usr/share/locale/de/LC_MESSAGES/gtk30.mo\n",
                                                                encoding="utf-8")
    (tmp_path / "info" / "chromium.list").write_text("/usr/share/locale/de/LC_MESSAGES/chromium.mo\n",
                                                     encoding="utf-8")
    return tmp_path


def test_closure_follows_depends_first_installed_alternative_and_skips_the_rest(dpkg: Path) -> None:
    got = declared_files.closure(["gnome-user-docs", "not-installed"], dpkg)
    # yelp chosen over khelpcenter (first installed alternative), so khelpcenter's dependencies never enter;
    # dconf-gsettings-backend is not installed, so its alternative gsettings-backend is taken.
    assert got == {"gnome-user-docs", "yelp", "libgtk-3-common", "gsettings-backend", "libc6", "dpkg"}


def test_versions_of_installed_packages_only(dpkg: Path) -> None:
    got = declared_files.installed_versions(dpkg)
    assert got["yelp"] == "42.2-1" and got["libc6"] == "" and "removed-one" not in got


def test_owned_paths_reads_plain_and_arch_qualified_lists(dpkg: Path) -> None:
    got = declared_files.owned_paths(["yelp", "libgtk-3-common", "khelpcenter"], dpkg)
    assert got == {"/usr/share/locale/de/LC_MESSAGES/yelp.mo", "/usr/share/locale/de/LC_MESSAGES/gtk30.mo"}


def test_declared_drops_system_files_of_other_packages_and_keeps_fixtures(dpkg: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(declared_files, "_declared_paths",
                        lambda: declared_files.owned_paths(declared_files.closure(["gnome-user-docs"], dpkg), dpkg))
    paths = [Path("/usr/share/locale/de/LC_MESSAGES/chromium.mo"), Path("/usr/share/locale/de/LC_MESSAGES/yelp.mo"),
             tmp_path / "de" / "LC_MESSAGES" / "app.mo"]
    assert declared_files.declared(paths) == sorted([tmp_path / "de" / "LC_MESSAGES" / "app.mo",
                                                     Path("/usr/share/locale/de/LC_MESSAGES/yelp.mo")])


def test_the_makefile_installs_exactly_the_declared_packages() -> None:
    names = declared_files.declared_packages()
    assert "fortunes-zh" in names and len(names) == len(set(names))
    assert "EVAL_DEBS := $(shell sed 's/#.*//' quality/eval/eval_debs.txt)" in (
        Path(__file__).resolve().parents[2] / "Makefile").read_text(encoding="utf-8")
