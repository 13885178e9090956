"""The app's database: where it is, how a bad configuration shows, tables made once."""

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, inspect, select
from sqlalchemy.pool import NullPool

from app import database

PROJECT = Path(__file__).resolve().parent.parent


class UnreadableSecrets:
    """What st.secrets does when no secrets file parses: it says none was found."""

    def get(self, *args):
        raise FileNotFoundError("No secrets found")


def test_without_any_secrets_file_the_database_is_the_default_sqlite_file(monkeypatch, tmp_path):
    monkeypatch.setattr(database.st, "secrets", UnreadableSecrets())
    monkeypatch.setattr(database.st, "get_option", lambda name: [str(tmp_path / "absent.toml")])
    url = f"sqlite:///{database.DEFAULT_DATABASE.as_posix()}"
    assert database.connection_settings() == {"url": url}


def test_a_secrets_file_that_does_not_parse_is_an_error_not_the_default_database(
    monkeypatch, tmp_path
):
    broken = tmp_path / "secrets.toml"
    broken.write_text('[connections.app]\nurl = "postgresql://app@db/app\n', encoding="utf-8")
    monkeypatch.setattr(database.st, "secrets", UnreadableSecrets())
    monkeypatch.setattr(database.st, "get_option", lambda name: [str(broken)])
    with pytest.raises(database.SecretsError, match="cannot read"):
        database.connection_settings()


def test_the_default_sqlite_file_is_in_the_projects_data_folder():
    assert database.DEFAULT_DATABASE == PROJECT / "data" / "app.sqlite"


@pytest.mark.parametrize(
    ("url", "options"),
    [
        ("sqlite:////tmp/app.sqlite", {"poolclass": NullPool}),  # a replaced file is seen
        ("postgresql+psycopg://app@db/app", {"pool_pre_ping": True}),  # a broken one replaced
    ],
)
def test_sqlite_opens_the_file_afresh_and_a_server_is_pinged_first(url, options):
    assert database.engine_options({"url": url}) == options


def make_metadata() -> tuple[MetaData, Table]:
    metadata = MetaData()
    return metadata, Table("things", metadata, Column("id", Integer, primary_key=True))


def test_simultaneous_first_uses_create_the_tables_once_and_all_succeed(tmp_path):
    metadata, things = make_metadata()
    url = f"sqlite:///{(tmp_path / 'race.sqlite').as_posix()}"
    engine = create_engine(url, poolclass=NullPool)
    start = threading.Barrier(20)

    def first_use(n: int) -> None:
        start.wait()
        database.ensure_schema(engine, metadata)
        with engine.begin() as db:
            db.execute(insert(things).values(id=n))

    with ThreadPoolExecutor(20) as pool:
        list(pool.map(first_use, range(20)))
    with engine.connect() as db:
        assert sorted(db.scalars(select(things.c.id))) == list(range(20))


def test_after_recover_a_deleted_database_gets_its_tables_again(tmp_path):
    metadata, _ = make_metadata()
    path = tmp_path / "gone.sqlite"
    engine = create_engine(f"sqlite:///{path.as_posix()}", poolclass=NullPool)
    database.ensure_schema(engine, metadata)
    path.unlink()
    database.ensure_schema(engine, metadata)  # remembered: nothing is checked again
    assert inspect(engine).get_table_names() == []
    database.recover(engine)
    database.ensure_schema(engine, metadata)
    assert inspect(engine).get_table_names() == ["things"]
