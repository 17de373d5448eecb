"""The docs are tested: every dmon command has --help and is named in the README, and the docs the README
points to exist (and every page in docs/ is reachable from the README).

Commands are collected from the click group itself, so a new command that is not documented fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from dmon.cli import main

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
DOCS = REPO / "docs"


def command_paths(group: click.Group = main, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every (sub)command of `group` as (name path, command), groups included, depth first."""
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        yield path, command
        if isinstance(command, click.Group):
            yield from command_paths(command, path)


COMMANDS = list(command_paths())
COMMAND_IDS = [" ".join(path) for path, _ in COMMANDS]


def readme_text() -> str:
    return README.read_text(encoding="utf-8")


def docs_referenced_by_readme() -> set[str]:
    """docs/*.md paths the README links to ([text](docs/x.md)) or names (`docs/x.md`)."""
    text = readme_text()
    linked = re.findall(r"\]\(\s*\.?/?(docs/[^)#\s]+\.md)", text)
    named = re.findall(r"(?<![\w/])(docs/[\w./-]+\.md)", text)
    return set(linked) | set(named)


def test_the_group_has_commands():
    names = {path[0] for path, _ in COMMANDS}
    assert {"ingest", "demo", "serve", "query", "export", "snapshot"} <= names


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS], ids=COMMAND_IDS)
def test_help_exits_zero_and_describes_the_command(path: tuple[str, ...]):
    result = CliRunner().invoke(main, [*path, "--help"], prog_name="dmon", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: dmon {' '.join(path)}"), result.output[:200]
    command = dict(COMMANDS)[path]
    assert (command.help or "").strip(), f"dmon {' '.join(path)} has no help text"


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS], ids=COMMAND_IDS)
def test_every_command_is_named_in_the_readme(path: tuple[str, ...]):
    name = "dmon " + " ".join(path)
    assert re.search(rf"{re.escape(name)}(?![\w-])", readme_text()), (
        f"README.md does not mention `{name}`; add it to the command table")


def _has_default(option: click.Option) -> bool:
    """True when leaving the option out gives it a value the user should know (not None, empty or unset)."""
    if option.name == "db_path":  # default filled in by a callback: $DMON_DB or data/monitor.duckdb
        return True
    default = option.default
    if default is None or type(default).__name__ == "Sentinel":  # click's UNSET
        return False
    return default not in ("", ())


def _options_with_a_silent_default() -> Iterator[object]:
    for path, command in COMMANDS:
        for param in command.params:
            if not isinstance(param, click.Option) or param.is_flag or param.multiple or param.hidden:
                continue
            if param.required or not _has_default(param):
                continue
            yield pytest.param(path, param, id=f"{' '.join(path)} {param.opts[-1]}")


@pytest.mark.parametrize(("path", "option"), list(_options_with_a_silent_default()))
def test_option_help_says_its_default(path, option: click.Option):
    text = (option.help or "").lower()
    assert option.show_default or "default" in text, (
        f"dmon {' '.join(path)} {option.opts[-1]}: the help does not say the default ({option.default!r})")


def test_docs_the_readme_points_to_exist():
    referenced = docs_referenced_by_readme()
    assert referenced, "README.md points to no page in docs/"
    missing = sorted(p for p in referenced if not (REPO / p).is_file())
    assert not missing, f"README.md points to docs that do not exist: {missing}"


@pytest.mark.parametrize("page", sorted(p.relative_to(REPO).as_posix() for p in DOCS.glob("*.md")))
def test_every_docs_page_is_reachable_from_the_readme(page: str):
    assert page in docs_referenced_by_readme(), f"README.md does not link to {page}"


def _local_links(page: Path) -> Iterator[str]:
    """Targets of the markdown links in `page` that point into the repository (no URL, no bare anchor)."""
    for target in re.findall(r"\]\(\s*([^)\s]+)", page.read_text(encoding="utf-8")):
        if re.match(r"[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
            continue
        yield target.split("#", 1)[0]


@pytest.mark.parametrize("page", [README, *sorted(DOCS.glob("*.md"))], ids=lambda p: p.relative_to(REPO).as_posix())
def test_local_links_resolve(page: Path):
    broken = sorted({t for t in _local_links(page) if not (page.parent / t).exists()})
    assert not broken, f"{page.relative_to(REPO)} links to missing files: {broken}"


def test_version_is_the_installed_package_version():
    from importlib.metadata import version

    result = CliRunner().invoke(main, ["--version"], prog_name="dmon")
    assert result.exit_code == 0
    assert result.output.strip() == f"dmon, version {version('displacement-monitor')}"
