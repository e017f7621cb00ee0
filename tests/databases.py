"""Test databases cloned from one migrated template instead of migrated in every process.

Applying the ~260 migrations of Django, Wagtail and the sections takes 20–60 s of CPU, and
every test process (pytest-xdist worker), every engine and the browser tests' demo server paid
it. Here the migrations run once into a template, and each test database is a copy of it:

- PostgreSQL: a database ``test_<NAME>_tpl_<key>`` on the same server; each worker's test
  database is ``CREATE DATABASE … TEMPLATE`` it (a file copy, well under a second).
- SQLite: a file ``.test-databases/<key>.sqlite3`` in the project; each worker's in-memory test
  database is filled from it with SQLite's backup API.

The key is a digest of every migration file the project loads (Django's, Wagtail's, the
sections'), the Django version and the settings migrations read, so a changed or added
migration builds a new template, and a template is reused by later runs on this machine.
In CI (CI=true, as .ci/run sets) the template is built afresh for every test run, so CI always
applies every migration from scratch once per engine. A lock file makes the workers of one run
wait for the one that builds it.
"""

import fcntl
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.management import call_command
from django.db import connections

PROJECT = Path(__file__).resolve().parents[1]
SQLITE_FOLDER = PROJECT / ".test-databases"


def _is_postgres(connection):
    return connection.vendor == "postgresql"


def migrations_key():
    """A digest of what the migrated schema and rows depend on."""
    import django
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256()
    digest.update(repr(django.VERSION).encode())
    for name in ("LANGUAGE_CODE", "WAGTAIL_CONTENT_LANGUAGES", "SITE_URL", "AUTH_USER_MODEL"):
        digest.update(repr(getattr(settings, name, None)).encode())
    loader = MigrationLoader(None, ignore_no_migrations=True, load=False)
    loader.load_disk()
    for key in sorted(loader.disk_migrations):
        migration = loader.disk_migrations[key]
        digest.update(repr(key).encode())
        digest.update(Path(sys.modules[type(migration).__module__].__file__).read_bytes())
    if os.environ.get("CI"):
        # CI applies every migration once per run: a template of this run only.
        run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"{os.getpid()}"
        digest.update(run.encode())
    return digest.hexdigest()[:12]


@contextmanager
def _lock(name):
    """Only one process of this machine builds a template at a time."""
    path = Path(tempfile.gettempdir()) / f"portal-test-db-{name}.lock"
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _migrate_into(connection, name):
    """Point the connection at database `name`, apply every migration, close it again."""
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        call_command(
            "migrate", verbosity=0, interactive=False, database=connection.alias, run_syncdb=True
        )
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


# PostgreSQL --------------------------------------------------------------------------------


def _pg_template_name(connection, key):
    return f"test_{connection.settings_dict['NAME']}_tpl_{key}"[:63]


def _pg_execute(connection, *statements):
    with connection.creation._nodb_cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _pg_exists(connection, name):
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def _pg_template(connection):
    key = migrations_key()
    name = _pg_template_name(connection, key)
    with _lock(f"pg-{connection.settings_dict['NAME']}"):
        if not _pg_exists(connection, name):
            prefix = _pg_template_name(connection, "")
            with connection.creation._nodb_cursor() as cursor:
                cursor.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s",
                    [prefix.replace("_", r"\_") + "%"],
                )
                stale = [row[0] for row in cursor.fetchall()]
            building = f"{name}_new"[:63]
            _pg_execute(
                connection,
                *(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)' for old in stale),
                f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)',
                f'CREATE DATABASE "{building}"',
            )
            _migrate_into(connection, building)
            # Renamed only when complete: a half-built template is never cloned.
            _pg_execute(connection, f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    return name


def clone_postgres(connection, target):
    """Make database `target` (dropped first) a copy of the migrated template."""
    template = TEMPLATE.get("postgres") or _pg_template(connection)
    _pg_execute(
        connection,
        f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)',
        f'CREATE DATABASE "{target}" TEMPLATE "{template}"',
    )


# SQLite ------------------------------------------------------------------------------------


def sqlite_template(connection):
    """The path of the migrated SQLite template, built if missing."""
    key = migrations_key()
    path = SQLITE_FOLDER / f"{key}.sqlite3"
    with _lock(f"sqlite-{key}"):
        if not path.exists():
            SQLITE_FOLDER.mkdir(exist_ok=True)
            for old in SQLITE_FOLDER.glob("*.sqlite3*"):
                old.unlink()
            building = path.with_suffix(".building")
            building.unlink(missing_ok=True)
            _migrate_into(connection, str(building))
            building.rename(path)
    return path


def clone_sqlite(path, target):
    """Copy the migrated template into the open SQLite connection `target` (sqlite3)."""
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(target)
    finally:
        source.close()


# The test database of this process ----------------------------------------------------------

# The template this process's test database was made from: {"postgres": name} or {"sqlite": path},
# and the database settings' NAME the test database's is made from ("base").
TEMPLATE = {}


def copy_database(destination, source=None):
    """Another copy of the template this process's test database came from (after
    create_test_database), or of `source` (demo_snapshot's): the SQLite file `destination` (a
    Path), or the PostgreSQL database of that name (dropped first). For the browser tests' demo
    servers, which then only migrate the rows SITE_URL decides."""
    if "sqlite" in TEMPLATE:
        shutil.copyfile(source or TEMPLATE["sqlite"], destination)
    else:
        _pg_execute(
            connections["default"],
            f'DROP DATABASE IF EXISTS "{destination}" WITH (FORCE)',
            f'CREATE DATABASE "{destination}" TEMPLATE "{source or TEMPLATE["postgres"]}"',
        )


def create_test_database(alias="default", serialize=True):
    """What django.test.utils.setup_databases does for one alias, with a clone for migrate.

    Returns (connection, the settings NAME before, the test database's name)."""
    connection = connections[alias]
    creation = connection.creation
    old_name = connection.settings_dict["NAME"]
    test_name = creation._get_test_db_name()
    TEMPLATE["base"] = old_name
    if _is_postgres(connection):
        TEMPLATE["postgres"] = _pg_template(connection)
        clone_postgres(connection, test_name)
    elif connection.vendor == "sqlite":
        template = TEMPLATE["sqlite"] = sqlite_template(connection)
        creation._create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise RuntimeError(f"no test database template for {connection.vendor}")
    connection.close()
    settings.DATABASES[alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        clone_sqlite(template, connection.connection)
    if serialize:
        connection._test_serialized_contents = creation.serialize_db_to_string()
    call_command("createcachetable", database=alias)
    return connection, old_name, test_name


def destroy_test_database(connection, old_name):
    connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)


# The demo site, built once per run ---------------------------------------------------------
#
# load_demo_content takes 15–60 s, and a dozen modules (the crawls, the fuzz and leak scans,
# the search evaluation, the browser tests' server…) test against the demo site. It is built
# once, into the first test database that needs it, and kept as a snapshot (a SQLite file, or a
# PostgreSQL template database, and its media folder); a module then swaps the snapshot into
# its process's test database (a file copy, well under a second) and the migrated template back
# after its last test. The snapshot's key adds this file and every file of the project's apps to
# the migrations' key: a change to the demo data, to the code that saves it or to how it is
# built here builds it again.

# The password load_demo_content gives the demo's admin user (from DJANGO_SUPERUSER_PASSWORD).
DEMO_ADMIN_PASSWORD = "demo-password-123"


def demo_key():
    from django.apps import apps

    digest = hashlib.sha256(migrations_key().encode())
    # How it is built (here) and what it is built from (every file of the project's apps).
    digest.update(Path(__file__).read_bytes())
    for config in sorted(apps.get_app_configs(), key=lambda config: config.label):
        folder = Path(config.path)
        if PROJECT not in folder.parents:
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                state = path.stat()
                digest.update(f"{path}:{state.st_size}:{state.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


def _demo_database(connection, key):
    """The snapshot's database: a PostgreSQL database beside the template, or a SQLite file."""
    if _is_postgres(connection):
        # PostgreSQL's names are 63 bytes at most, and "_new" is added while it is built.
        return f"test_{TEMPLATE['base']}_demo_{key}"[:59]
    return SQLITE_FOLDER / f"demo-{key}.sqlite3"


def demo_snapshot():
    """(the demo snapshot's database, its media folder), built first if missing (in this
    process's test database, which is the migrated template again afterwards)."""
    from django.core.cache import cache
    from django.test import override_settings

    connection = connections["default"]
    key = demo_key()
    database = _demo_database(connection, key)
    # One media folder per snapshot database: the two engines' demos are built apart, and
    # their generated PDFs differ (each records when it was made).
    media = SQLITE_FOLDER / f"{database if _is_postgres(connection) else database.stem}-media"
    with _lock(f"demo-{connection.vendor}-{key}"):
        if _is_postgres(connection):
            exists = _pg_exists(connection, database)
        else:
            exists = database.exists()
        if exists and media.is_dir():
            return database, media
        _drop_old_demos(connection, keep=key)
        shutil.rmtree(media, ignore_errors=True)
        restore_template()
        media.mkdir(parents=True)
        cache.clear()
        with (
            override_settings(MEDIA_ROOT=media),
            mock.patch.dict(os.environ, {"DJANGO_SUPERUSER_PASSWORD": DEMO_ADMIN_PASSWORD}),
            open(os.devnull, "w") as quiet,
        ):
            call_command("load_demo_content", stdout=quiet)
        cache.clear()
        # Saved under another name and renamed when complete: a half-built snapshot is never
        # copied.
        if _is_postgres(connection):
            test_database = connection.settings_dict["NAME"]
            connection.close()
            _pg_execute(
                connection,
                f'DROP DATABASE IF EXISTS "{database}_new" WITH (FORCE)',
                f'CREATE DATABASE "{database}_new" TEMPLATE "{test_database}"',
                f'ALTER DATABASE "{database}_new" RENAME TO "{database}"',
            )
        else:
            building = database.with_suffix(".building")
            target = sqlite3.connect(building)
            try:
                connection.ensure_connection()
                connection.connection.backup(target)
            finally:
                target.close()
            building.rename(database)
        restore_template()
    return database, media


def _drop_old_demos(connection, keep):
    """Snapshots of other keys: their code or migrations have changed since."""
    for pattern in ("demo-*", "test_*_demo_*-media"):
        for path in SQLITE_FOLDER.glob(pattern):
            if keep not in path.name:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
    if _is_postgres(connection):
        prefix = f"test_{TEMPLATE['base']}_demo_"
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s",
                [prefix.replace("_", r"\_") + "%"],
            )
            old = [row[0] for row in cursor.fetchall()]
        _pg_execute(connection, *(f'DROP DATABASE "{name}" WITH (FORCE)' for name in old))


def restore(source):
    """Make this process's test database a copy of `source`: the migrated template or the
    demo snapshot (a SQLite path or a PostgreSQL database name)."""
    connection = connections["default"]
    if _is_postgres(connection):
        test_database = connection.settings_dict["NAME"]
        connection.close()
        _pg_execute(
            connection,
            f'DROP DATABASE IF EXISTS "{test_database}" WITH (FORCE)',
            f'CREATE DATABASE "{test_database}" TEMPLATE "{source}"',
        )
    else:
        connection.ensure_connection()
        clone_sqlite(source, connection.connection)


def restore_template():
    """This process's test database as it was made: the migrated template."""
    restore(TEMPLATE.get("postgres") or TEMPLATE["sqlite"])


def copy_files(source, destination):
    """The demo's media files in a folder of a test's own: hard links where the file system
    allows (nothing rewrites a stored file in place), else copies."""

    def link(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, destination, copy_function=link, dirs_exist_ok=True)


@contextmanager
def demo_in_test_database(media):
    """Within the block, this process's test database holds the demo site and the folder
    `media` its files; after it, the database is the migrated template again."""
    from django.core.cache import cache

    database, files = demo_snapshot()
    restore(database)
    copy_files(files, media)
    cache.clear()
    try:
        yield
    finally:
        cache.clear()
        restore_template()
