"""Reading files without pathlib gives what the pathlib formulation it replaced gives.

`expand_inputs` lists a folder with one os.walk instead of `rglob` (a Path object per entry), and
`read_input` opens a file directly instead of `exists()` + `read_bytes()`, writing its file:// origin
without a Path. These tests compare both with the plain pathlib code on awkward trees and names.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.decode import InputError
from ingest.readers import KNOWN_SUFFIXES, _file_uri, expand_inputs, read_input


def _rglob_reference(folder: str) -> list[str]:
    path = Path(folder)
    return [str(p) for p in sorted(
        p for p in path.rglob("*")
        if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )]


TREE = ["b/2.txt", "a/1.html", "a/z/3.jsonl", "c.txt", ".hidden/4.txt", "a/.x/5.txt", "a/.6.txt", "notes.md",
        "img.png", "UPPER.TXT", "feed.XML", "a-b/7.txt", "a b/8.htm", "a/b.txt", "ab/9.txt", "weird.", ".txt",
        "x.tar.txt", "حلب/تقرير.txt", "deep/er/and/deeper/10.text", "a/aa/11.html", "a.txt/12.txt", "9/13.txt",
        "10/14.txt"]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "reports"
    for rel in TREE:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x", encoding="utf-8")
    (root / "link-to-file.txt").symlink_to(root / "c.txt")
    (root / "broken-link.txt").symlink_to(root / "missing.txt")
    (root / "linked-dir").symlink_to(root / "a", target_is_directory=True)  # not entered, as rglob does not
    (root / "empty").mkdir()
    return root


@pytest.mark.parametrize("spelling", [
    pytest.param("{root}", id="plain"),
    pytest.param("{root}/", id="trailing-slash"),
    pytest.param("{root}/./", id="dot"),
    pytest.param("{root}//a/..//", id="dot-dot"),
    pytest.param(".", id="current-folder"),
    pytest.param("./", id="current-folder-slash"),
    pytest.param("a", id="relative"),
])
def test_folders_list_like_rglob(tree: Path, spelling: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    item = spelling.format(root=tree)
    expected = _rglob_reference(item)
    assert expected  # the tree has report files under every spelling
    assert expand_inputs([item]) == expected


def test_an_empty_folder_lists_nothing(tree: Path) -> None:
    assert expand_inputs([str(tree / "empty")]) == _rglob_reference(str(tree / "empty")) == []


@pytest.mark.parametrize("name", [
    pytest.param("report.txt", id="plain"),
    pytest.param("with space %25 #?.txt", id="quoted-characters"),
    pytest.param("تقرير حلب.txt", id="arabic"),
    pytest.param("sub/../report.txt", id="dot-dot"),
    pytest.param("./report.txt", id="dot"),
])
def test_file_origin_is_the_pathlib_uri(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / Path(name).name).write_text("Artillery shelled the town.", encoding="utf-8")
    assert _file_uri(name) == Path(os.path.abspath(Path(name))).as_uri()
    (doc,) = read_input(name, None)
    assert not isinstance(doc, InputError)
    assert doc.origin == Path(os.path.abspath(Path(name))).as_uri()
    assert doc.payload == b"Artillery shelled the town."


@pytest.mark.parametrize(("make", "missing"), [
    pytest.param(lambda root: root / "nothing.txt", True, id="absent"),
    pytest.param(lambda root: root / "file.txt" / "below.txt", True, id="below-a-file"),
    pytest.param(lambda root: root / "broken.txt", True, id="broken-symlink"),
    pytest.param(lambda root: root, False, id="a-folder"),
])
def test_unreadable_inputs_get_the_same_error(tmp_path: Path, make, missing: bool) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "gone.txt")
    target = make(tmp_path)
    assert Path(target).exists() is not missing  # the pathlib answer the old code branched on
    (error,) = read_input(str(target), None)
    assert isinstance(error, InputError)
    if missing:
        assert error.origin == str(target) and "no such file" in error.reason
    else:
        assert error.origin == Path(os.path.abspath(target)).as_uri() and "cannot read the file" in error.reason


def test_a_nul_byte_in_a_name_is_a_missing_file() -> None:
    (error,) = read_input("report\x00.txt", None)
    assert isinstance(error, InputError) and "no such file" in error.reason
