"""Connections to the two stores, behind one small interface.

SQL elsewhere is written once, in portable SQL with `?` placeholders; the PostgreSQL backend
turns them into psycopg's `%s`. Every write happens inside `transaction()`, so a document, its
rows and its status are stored together or not at all.

    backend = connect("corpus.db")                      # SQLite file (WAL mode)
    backend = connect("postgresql://user@host/events")  # PostgreSQL via psycopg 3
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

POSTGRES_SCHEMES = ("postgresql://", "postgres://")

Row = tuple[Any, ...]


class StoreError(Exception):
    """The store cannot be opened: one line saying which store, why, and what to do."""


def is_postgres(db: str) -> bool:
    return str(db).startswith(POSTGRES_SCHEMES)


def connect(db: str | Path) -> Backend:
    """A SQLite file path, or a `postgresql://` URL."""
    if is_postgres(str(db)):
        return PostgresBackend(str(db))
    return SQLiteBackend(Path(db))


class Backend:
    """What the store needs from a database: execute, fetch, and transactions."""

    name = "base"

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        raise NotImplementedError

    def query_with_names(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[Row]]:
        raise NotImplementedError

    def transaction(self) -> Any:
        raise NotImplementedError

    def table_exists(self, table: str) -> bool:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SQLiteBackend(Backend):
    """One connection, WAL journal: readers (export, query, a watching test) never block the run."""

    name = "sqlite"

    def __init__(self, path: Path):
        self.path = path
        self.conn = sqlite3.connect(path, isolation_level=None, timeout=60)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")  # consistent after a crash; at worst the last batch is redone

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self.conn.execute(sql, tuple(params)).fetchall()

    def query_with_names(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[Row]]:
        cursor = self.conn.execute(sql, tuple(params))
        return [d[0] for d in cursor.description], cursor.fetchall()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def table_exists(self, table: str) -> bool:
        return bool(self.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)))

    def close(self) -> None:
        self.conn.close()


class PostgresBackend(Backend):
    """psycopg 3 in autocommit mode; `transaction()` opens an explicit BEGIN ... COMMIT."""

    name = "postgresql"

    def __init__(self, url: str):
        import psycopg

        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as err:
            if not _missing_database(err):
                raise StoreError(f"cannot connect to PostgreSQL at {_where(url)}: {_first_line(err)}") from err
            _create_database(url)
            self.conn = psycopg.connect(url, autocommit=True)

    @staticmethod
    def _sql(sql: str) -> str:
        """`?` placeholders -> psycopg's `%s` (store SQL never has `?` or `%` in literals)."""
        return sql.replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(self._sql(sql), tuple(params) or None)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with self.conn.cursor() as cursor:
                cursor.executemany(self._sql(sql), rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self.conn.execute(self._sql(sql), tuple(params) or None).fetchall()

    def query_with_names(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[Row]]:
        cursor = self.conn.execute(self._sql(sql), tuple(params) or None)
        return [d.name for d in cursor.description or []], cursor.fetchall()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    def table_exists(self, table: str) -> bool:
        return bool(self.query("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?", (table,)))

    def close(self) -> None:
        self.conn.close()


def _first_line(err: BaseException) -> str:
    """psycopg's several lines as one: the cause, then the server's hint."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    if not lines:
        return type(err).__name__
    cause = lines[0].rsplit(" failed: ", 1)[-1]
    return "; ".join([cause, *lines[1:2]])


def _where(url: str) -> str:
    from psycopg.conninfo import conninfo_to_dict

    info = conninfo_to_dict(url)
    return f"{info.get('host') or 'localhost'}:{info.get('port') or 5432}/{info.get('dbname') or ''}"


def _missing_database(err: BaseException) -> bool:
    return getattr(err, "sqlstate", None) == "3D000" or ("database" in str(err) and "does not exist" in str(err))


def _create_database(url: str) -> None:
    """`run` creates the store: a database missing on a reachable server is created when the
    user may; otherwise the error says how to create it."""
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    info = conninfo_to_dict(url)
    name = info.get("dbname")
    if not name:
        raise StoreError(f"no database named in {url!r}")
    server = make_conninfo(url, dbname="postgres")
    try:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.errors.DuplicateDatabase:
        return  # created meanwhile by someone else: fine
    except psycopg.Error as err:
        raise StoreError(
            f"PostgreSQL database {name!r} does not exist at {_where(url)} and could not be created "
            f"({_first_line(err)}); create it with `createdb {name}` or ask its administrator"
        ) from err
