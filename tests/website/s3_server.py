"""moto's S3 server on 127.0.0.1 and the site's media in a bucket of it, for the tests of media on
object storage (test_s3_media.py, test_s3_media_down.py): a module that imports the `s3` fixture
starts one server for its tests."""

import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests

from tests.network import free_port
from tests.website.test_file_access import (
    collections,  # noqa: F401 - a fixture
)
from website.settings.media_storage import s3_settings

SIGNED_SECONDS = 120
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    # boto3 looks nowhere else for credentials or a region: no files, no instance metadata.
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_DEFAULT_REGION": "us-east-1",
}


class MotoServer:
    """moto's S3 server as a separate process, with its request log kept for the tests."""

    def __init__(self, log_path):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.process = None

    def start(self):
        moto_server = Path(sys.executable).with_name("moto_server")
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            [str(moto_server), "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **CREDENTIALS},
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                requests.get(self.endpoint + "/moto-api/", timeout=1)
                return
            except requests.ConnectionError:
                assert self.process.poll() is None, self.log_path.read_text()
                time.sleep(0.2)
        raise RuntimeError("moto_server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)
        self.log.close()

    def requests_logged(self):
        """The request lines the server has logged: ['GET /bucket/key HTTP/1.1', …]."""
        self.log.flush()
        text = self.log_path.read_text(errors="replace")
        return re.findall(r'"([A-Z]+ \S+ HTTP/[\d.]+)"', text)


@pytest.fixture(scope="module")
def moto(tmp_path_factory):
    server = MotoServer(tmp_path_factory.mktemp("moto") / "requests.log")
    server.start()
    yield server
    server.stop()


def apply_s3(settings, monkeypatch, endpoint, bucket, **environ):
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    environ = {"AWS_STORAGE_BUCKET_NAME": bucket, "AWS_S3_ENDPOINT_URL": endpoint, **environ}
    for name, value in s3_settings(environ, settings.STORAGES).items():
        setattr(settings, name, value)
    settings.MEDIA_SIGNED_URL_SECONDS = SIGNED_SECONDS


@pytest.fixture
def s3(moto, settings, monkeypatch):
    """The site's media in a new, private bucket of the moto server."""
    bucket = f"media-{uuid.uuid4().hex[:12]}"
    apply_s3(settings, monkeypatch, moto.endpoint, bucket)
    client = boto3.client("s3", endpoint_url=moto.endpoint, **_boto_credentials())
    client.create_bucket(Bucket=bucket)
    return {"client": client, "bucket": bucket, "server": moto}


def _boto_credentials():
    return {
        "aws_access_key_id": "testing",
        "aws_secret_access_key": "testing",
        "region_name": "us-east-1",
    }


def bucket_keys(s3):
    listing = s3["client"].list_objects_v2(Bucket=s3["bucket"])
    return {item["Key"] for item in listing.get("Contents", [])}


def files_under(folder):
    folder = Path(folder)
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def storage_requests_during(server, action):
    """What `action` returns, and the requests the storage received meanwhile."""
    before = len(server.requests_logged())
    result = action()
    # The server logs after answering; give it a moment to write.
    time.sleep(0.2)
    return result, server.requests_logged()[before:]


def signed_link(response, s3):
    """The signed link a redirect gives, checked to be the storage's, and its query."""
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}" == s3["server"].endpoint
    assert parts.path.startswith(f"/{s3['bucket']}/")
    query = {name: values[0] for name, values in parse_qs(parts.query).items()}
    assert query["X-Amz-Expires"] == str(SIGNED_SECONDS)
    assert query["X-Amz-Signature"]
    return location, query


def refuses_without_a_link(response, s3):
    """Refused (the password form, the login page, 403/404), no way into the bucket."""
    if response.status_code == 302:
        location = response["Location"]
        assert s3["server"].endpoint not in location
        assert "X-Amz" not in location
        assert urlsplit(location).path.endswith("/login/") or "login" in location
    else:
        assert response.status_code in (200, 403, 404), response.status_code
        assert "text/html" in response["Content-Type"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert s3["server"].endpoint.encode() not in content
    assert b"SLEPENS" not in content
    assert "public" not in response.get("Cache-Control", "")
