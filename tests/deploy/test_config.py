"""The README's production configuration as an operator writes it: deploy/portal.env.example
filled in passes `manage.py check --deploy`, and the nginx site rendered by deploy/render-nginx
passes `nginx -t` with a certificate in place."""

import os
import secrets
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def example_env():
    env = {}
    for line in (ROOT / "deploy/portal.env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value
    return env


def test_the_documented_environment_passes_check_deploy(tmp_path):
    env = example_env()
    # What the README tells the operator to fill in.
    assert {name for name, value in env.items() if "CHANGE" in value} == {
        "SECRET_KEY",
        "DATABASE_URL",
        "OAI_PMH_ADMIN_EMAIL",
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="postgres://portal:a-password@127.0.0.1:5432/portal",
        OAI_PMH_ADMIN_EMAIL="redakcija@socialais-darbs.lv",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
    )
    inherited = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    result = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env={**inherited, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_production_nginx_site_is_valid_with_a_certificate(tmp_path):
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (apt-get install nginx)")
    if os.geteuid() != 0:
        pytest.skip("nginx -t opens /var/log/nginx and the listening ports: needs root")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-subj", "/CN=socialais-darbs.lv", "-keyout", str(tmp_path / "key.pem")]
        + ["-out", str(tmp_path / "cert.pem")],
        check=True,
        capture_output=True,
    )
    env = {
        **os.environ,
        "SERVER_NAME": "socialais-darbs.lv",
        "TLS_CERTIFICATE": str(tmp_path / "cert.pem"),
        "TLS_CERTIFICATE_KEY": str(tmp_path / "key.pem"),
        "STATIC_ROOT": "/srv/socialais-darbs/static",
        "MEDIA_ROOT": "/srv/socialais-darbs/media",
        # The README's step 5 creates /var/cache/nginx/socialais-darbs; here a folder of the test.
        "CACHE_DIR": str(tmp_path / "cache"),
    }
    sites = tmp_path / "sites-available"
    subprocess.run(["deploy/render-nginx", "production", str(sites)], cwd=ROOT, env=env, check=True)
    site = (sites / "socialais-darbs.conf").read_text()
    assert "${" not in site and "${" not in (sites / "socialais-darbs-locations.conf").read_text()
    # Debian's own nginx.conf around it, as /etc/nginx/sites-enabled/ would be.
    main = Path("/etc/nginx/nginx.conf").read_text()
    assert "include /etc/nginx/sites-enabled/*;" in main
    main = main.replace(
        "include /etc/nginx/sites-enabled/*;", f"include {sites}/socialais-darbs.conf;"
    )
    main = main.replace("include /etc/nginx/conf.d/*.conf;", "")
    (tmp_path / "nginx.conf").write_text(main)
    result = subprocess.run(
        [NGINX, "-t", "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr, result.stderr
