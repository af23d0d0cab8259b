"""lineage/jinja_cache.py and lineage/ge_views.py: compiled templates kept, pages unchanged."""

from __future__ import annotations

import marshal
import re
from datetime import UTC, datetime
from pathlib import Path

import jinja2
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpusgov.lineage import jinja_cache
from corpusgov.lineage.jinja_cache import MachineCache, MemoryCache, settings_key, template_cache

RUN_TIME = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jinja_cache, "_caches", {})


def _count_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names: list[str] = []
    orig = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def]
        names.append(str(name))
        return orig(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def _ge_env(cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    from great_expectations.render.view.view import DefaultJinjaPageView

    env = DefaultJinjaPageView().env
    env.bytecode_cache = cache
    return env


def test_cached_code_is_the_code_the_compiler_makes(tmp_path: Path) -> None:
    """Every template GE's views can load: the code object read back from the file cache (by a second cache on the
    same directory, as the next run reads it) is, marshalled, the fresh compile's."""
    first, second = MachineCache(str(tmp_path)), MachineCache(str(tmp_path))
    env = _ge_env()
    names = env.list_templates()
    assert len(names) >= 24
    for name in names:
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]  # GE's env has a loader
        fresh = env.compile(source, name, filename)
        bucket = first.get_bucket(env, name, filename, source)
        assert bucket.code is None  # a miss: nothing on disk yet
        bucket.code = fresh
        first.set_bucket(bucket)
        again = second.get_bucket(env, name, filename, source)
        assert again.code is not None and marshal.dumps(again.code) == marshal.dumps(fresh), name
        changed = second.get_bucket(env, name, filename, source + " ")
        assert changed.code is None  # another source: its sha1 differs, compiled again


def test_a_second_view_compiles_nothing_on_disk_or_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpusgov.lineage.ge_views import CachedJinjaIndexPageView, CachedJinjaPageView

    compiled = _count_compiles(monkeypatch)
    for setting in (str(tmp_path / "machine"), "off"):
        monkeypatch.setenv("CORPUSGOV_CACHE_DIR", setting)
        compiled.clear()
        envs = [CachedJinjaPageView().env, CachedJinjaIndexPageView().env, CachedJinjaPageView().env]
        assert isinstance(envs[0].bytecode_cache, MachineCache if setting != "off" else MemoryCache)
        assert envs[0].bytecode_cache is envs[1].bytecode_cache is envs[2].bytecode_cache
        names = envs[0].list_templates()
        for name in names:
            envs[0].get_template(name)
        assert sorted(compiled) == sorted(names)
        compiled.clear()
        for env in envs[1:]:
            for name in names:
                env.get_template(name)
        assert compiled == []
    assert len(list((tmp_path / "machine").glob("jinja-great-expectations-*/__jinja2_*.cache"))) == len(names)


def test_an_unwritable_cache_still_compiles_and_keeps_templates_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("CORPUSGOV_CACHE_DIR", str(blocker / "cache"))  # under a file: every write fails
    cache = template_cache("test", [], ["x"])
    assert isinstance(cache, MachineCache)
    compiled = _count_compiles(monkeypatch)
    loader = jinja2.DictLoader({"t.j2": "{% for i in xs %}<{{ i }}>{% endfor %}"})
    outs = []
    for _ in range(2):
        env = jinja2.Environment(loader=loader, autoescape=True, bytecode_cache=cache)
        outs.append(env.get_template("t.j2").render(xs=["a", "&"]))
    assert outs == ["<a><&amp;>", "<a><&amp;>"]
    assert compiled == ["t.j2"]  # the second environment read it from memory
    assert not (blocker.parent / "cache").exists()


def test_the_key_covers_versions_parts_and_files(tmp_path: Path) -> None:
    f = tmp_path / "setup.py"
    f.write_text("a")
    base = settings_key("n", [str(f)], ["1"])
    assert base == settings_key("n", [str(f)], ["1"])
    assert base != settings_key("m", [str(f)], ["1"])
    assert base != settings_key("n", [str(f)], ["2"])
    f.write_text("b")
    assert base != settings_key("n", [str(f)], ["1"])


def _decisions(tmp: Path) -> list[str]:
    n = 30
    table = pa.table({
        "record_id": [f"r{i:04d}" for i in range(n)],
        "source_id": ["s1"] * n,
        "decision": ["keep" if i % 3 else "drop" for i in range(n)],
        "language": ["en" if i % 2 else "zh" for i in range(n)],
    })
    tmp.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, tmp / "part-0.parquet")
    return [str(tmp / "part-0.parquet")]


def _pages(out: Path) -> dict[str, str]:
    docs = out / "expectations" / "data_docs"
    pages = {}
    for p in sorted(docs.rglob("*.html")):
        # GE stamps the build time into links (?d=...) and draws a random id per collapsible element
        html = re.sub(r"\d{8}T\d{6}\.\d+Z", "TIME", p.read_text(encoding="utf-8"))
        html = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID", html)
        pages[re.sub(r"\d{8}T\d{6}\.\d+Z", "TIME", p.relative_to(docs).as_posix())] = html
    return pages


def test_data_docs_are_the_same_pages_with_gess_own_views(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run's Data Docs with GE's default views, then with the cached ones (cold, then warm): the same pages."""
    from corpusgov.quality import expectations_ge
    from corpusgov.quality.expectations import run_expectations
    from corpusgov.quality.expectations_policy import ExpectationSpec, ExpectationsPolicy

    monkeypatch.setenv("CORPUSGOV_CACHE_DIR", str(tmp_path / "cache"))
    paths = _decisions(tmp_path / "data")
    policy = ExpectationsPolicy(suite=[
        ExpectationSpec(name="ids", type="expect_column_values_to_be_unique", table="decisions",
                        kwargs={"column": "record_id"}, critical=True),
        ExpectationSpec(name="langs", type="expect_column_values_to_be_in_set", table="kept",
                        kwargs={"column": "language", "value_set": ["en"]}, critical=False),
    ], check_kept_count=False)

    def run(tag: str) -> dict[str, str]:
        out = tmp_path / tag
        run_expectations(paths, {}, policy, str(out), run_name="same-run", run_time=RUN_TIME)
        return _pages(out)

    cached = expectations_ge._view
    ge_default = {"CachedJinjaPageView": "DefaultJinjaPageView", "CachedJinjaIndexPageView": "DefaultJinjaIndexPageView"}
    monkeypatch.setattr(expectations_ge, "_view", lambda c: {"module_name": "great_expectations.render.view",
                                                            "class_name": ge_default[c]})
    plain = run("plain")
    assert not (tmp_path / "cache").exists()
    monkeypatch.setattr(expectations_ge, "_view", cached)
    cold = run("cold")
    assert list((tmp_path / "cache").glob("jinja-great-expectations-*/*.cache"))
    warm = run("warm")
    assert len(plain) == 5 and "Failed" in plain["index.html"]
    assert cold == plain and warm == plain


def test_the_dashboard_environment_uses_a_cache_keyed_by_its_module(monkeypatch: pytest.MonkeyPatch) -> None:
    from corpusgov.dashboard import page

    monkeypatch.setenv("CORPUSGOV_CACHE_DIR", "off")
    env = page.environment()
    assert env.bytecode_cache is template_cache("dashboard", [page.__file__])
    assert page.environment().bytecode_cache is env.bytecode_cache


def test_a_directory_others_may_write_is_neither_read_nor_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cached templates are code: a group- or world-writable cache directory is ignored (memory only)."""
    import os

    where = tmp_path / "shared"
    where.mkdir()
    loader = jinja2.DictLoader({"t.j2": "{{ x }}!"})
    good = MachineCache(str(where))
    env = jinja2.Environment(loader=loader, bytecode_cache=good)
    os.chmod(where, 0o700)
    assert env.get_template("t.j2").render(x=1) == "1!"
    assert len(list(where.iterdir())) == 1  # written while private
    os.chmod(where, 0o777)
    compiled = _count_compiles(monkeypatch)
    other = MachineCache(str(where))
    env2 = jinja2.Environment(loader=loader, bytecode_cache=other)
    assert env2.get_template("t.j2").render(x=2) == "2!"
    assert compiled == ["t.j2"]  # the file there was not read
    loader.mapping["u.j2"] = "{{ x }}?"
    env2.get_template("u.j2")
    assert len(list(where.iterdir())) == 1  # nor is a new one written
    fresh = tmp_path / "new"
    made = MachineCache(str(fresh))
    jinja2.Environment(loader=loader, bytecode_cache=made).get_template("t.j2")
    assert (fresh.stat().st_mode & 0o777) == 0o700 and len(list(fresh.iterdir())) == 1
