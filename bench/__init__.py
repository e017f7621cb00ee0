"""Benchmarks (README: Benchmarks). Each is run as `python -m bench.<name>`."""

import os
import sys
from pathlib import Path


def start_django(folder, **environ):
    """Django with the test settings on a SQLite file in `folder` (unless DATABASE_URL names a
    database) and media in `folder`; `environ` sets further variables before setup."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ.update(environ)
    import django

    django.setup()
