"""The per-user cache: compiled templates reused, never across environments, never from an unsafe folder."""

from __future__ import annotations

import os

import jinja2
import jinja2.sandbox

from briefing import render, usercache


def test_compiled_templates_are_reused_by_the_next_run(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    render.make_env(None).get_template(render.MAIN_TEMPLATE)
    assert list((tmp_path / "jinja").iterdir())
    compiled = []
    real = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile", lambda self, *a, **k: compiled.append(a) or real(self, *a, **k))
    render.make_env(None).get_template(render.MAIN_TEMPLATE)
    assert compiled == []


def test_an_edited_template_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "t.j2").write_text("one {{ x }}")
    assert render.make_env(folder).get_template("t.j2").render(x=1) == "one 1"
    (folder / "t.j2").write_text("two {{ x }}")
    assert render.make_env(folder).get_template("t.j2").render(x=1) == "two 1"


def test_no_environment_reuses_another_kinds_code(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    plain = jinja2.Environment(autoescape=True)
    sandboxed = jinja2.sandbox.SandboxedEnvironment(autoescape=True)
    other_syntax = jinja2.Environment(autoescape=True, trim_blocks=True)
    patterns = {render.bytecode_cache(env).pattern for env in (plain, sandboxed, other_syntax)}
    assert len(patterns) == 3
    assert render.bytecode_cache(jinja2.Environment(autoescape=True)).pattern in patterns


def test_an_unsafe_or_disabled_folder_is_not_used(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    (shared / "jinja").mkdir(parents=True)
    os.chmod(shared / "jinja", 0o777)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(shared))
    assert usercache.folder("jinja") is None
    assert render.make_env(None).bytecode_cache is None
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "file"))
    assert usercache.folder("jinja") is None
    monkeypatch.setenv("BRIEFING_CACHE_DIR", "")
    assert usercache.folder("jinja") is None
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "mine"))
    assert usercache.folder("jinja") == tmp_path / "mine" / "jinja"
