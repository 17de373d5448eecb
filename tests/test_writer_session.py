"""store.WriterSession: one in-memory DuckDB instance per ingest run, the database file attached for each
batch. The file must be locked against other processes only inside a block, and what a block wrote must
be in the file when the block ends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from ingest.store import DatabaseLockedError, WriterSession, connect_readonly

READ_COUNT = ("import sys, duckdb\n"
              "try:\n"
              "    con = duckdb.connect(sys.argv[1], read_only=True)\n"
              "except duckdb.IOException as exc:\n"
              "    print('locked' if 'lock' in str(exc).lower() else 'error: ' + str(exc)); sys.exit(0)\n"
              "print(con.execute('SELECT count(*) FROM t').fetchone()[0])\n")


def other_process_reads(db: Path) -> str:
    """What another process gets when it opens the file read-only: the row count, or 'locked'."""
    out = subprocess.run([sys.executable, "-c", READ_COUNT, str(db)], capture_output=True, text=True,
                         timeout=60, check=True)
    return out.stdout.strip()


def test_the_file_is_locked_only_inside_a_block(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    writer = WriterSession(db)
    try:
        with writer.open() as con:
            con.execute("CREATE TABLE t (a INTEGER)")
            con.execute("INSERT INTO t VALUES (1)")
            assert other_process_reads(db) == "locked"
        assert other_process_reads(db) == "1"  # released between blocks, with the rows written
        with writer.open() as con:
            con.execute("INSERT INTO t VALUES (2)")
        assert other_process_reads(db) == "2"
    finally:
        writer.close()
    assert other_process_reads(db) == "2"


def test_a_failed_block_leaves_the_file_released_and_the_session_usable(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    writer = WriterSession(db)
    try:
        with writer.open() as con:
            con.execute("CREATE TABLE t (a INTEGER PRIMARY KEY)")
        with pytest.raises(duckdb.ConstraintException), writer.open() as con:
            con.execute("BEGIN")
            con.execute("INSERT INTO t VALUES (1), (1)")  # fails inside an open transaction
        assert other_process_reads(db) == "0"
        with writer.open() as con:
            con.execute("INSERT INTO t VALUES (3)")
        assert other_process_reads(db) == "1"
    finally:
        writer.close()


def test_a_writer_waits_for_another_process_then_gives_up_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); "
                               "print('held', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        writer = WriterSession(db, retries=2, backoff=0.01)
        with pytest.raises(DatabaseLockedError, match="locked by another process"), writer.open():
            pass
        writer.close()
    finally:
        holder.kill()
        holder.wait()
    connect_readonly(db).close()  # free again
