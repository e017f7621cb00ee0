"""The settings of media on S3-compatible object storage (website.storage), from the environment.

Plain module: base.py applies them when AWS_STORAGE_BUCKET_NAME is set, and tests apply the
same ones to a bucket of their own.

    AWS_STORAGE_BUCKET_NAME   the bucket (private: nothing in it is public)
    AWS_S3_ENDPOINT_URL       an S3-compatible server (MinIO, Ceph, Garage, …); unset: AWS
    AWS_S3_REGION_NAME        the region the link signatures name
    AWS_S3_ADDRESSING_STYLE   "path" (http://host/bucket/key) or "virtual"; by default "path"
                              with an endpoint, AWS's own choice without one
    AWS_S3_CONNECT_TIMEOUT    seconds to wait for a connection (2)
    AWS_S3_READ_TIMEOUT       seconds to wait for an answer (5)
    AWS_S3_MAX_ATTEMPTS       tries of one request, the first included (2)

Credentials are boto3's usual AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
A storage that does not answer holds a request for at most about
MAX_ATTEMPTS × (CONNECT_TIMEOUT or READ_TIMEOUT) seconds, not botocore's 60 s × 5.
"""

from urllib.parse import urlsplit

from botocore.config import Config

BACKEND = "website.storage.S3MediaStorage"


def s3_settings(environ, storages):
    """Django settings for media in the bucket `environ` names, given the STORAGES so far."""
    endpoint = environ.get("AWS_S3_ENDPOINT_URL") or None
    addressing = environ.get("AWS_S3_ADDRESSING_STYLE") or ("path" if endpoint else None)
    return {
        "STORAGES": {**storages, "default": {"BACKEND": BACKEND}},
        "AWS_STORAGE_BUCKET_NAME": environ["AWS_STORAGE_BUCKET_NAME"],
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": environ.get("AWS_S3_REGION_NAME") or None,
        # Objects get the bucket's policy (private); links to them are signed and short-lived.
        "AWS_DEFAULT_ACL": None,
        "AWS_QUERYSTRING_AUTH": True,
        "AWS_S3_FILE_OVERWRITE": False,
        # (With a client configuration, django-storages reads nothing else of the client's.)
        "AWS_S3_CLIENT_CONFIG": Config(
            signature_version="s3v4",
            s3={"addressing_style": addressing} if addressing else None,
            connect_timeout=float(environ.get("AWS_S3_CONNECT_TIMEOUT") or 2),
            read_timeout=float(environ.get("AWS_S3_READ_TIMEOUT") or 5),
            retries={
                "max_attempts": int(environ.get("AWS_S3_MAX_ATTEMPTS") or 2),
                "mode": "standard",
            },
        ),
    }


def media_origins(environ):
    """Where browsers are sent for the files (the Content-Security-Policy allows them)."""
    bucket = environ["AWS_STORAGE_BUCKET_NAME"]
    endpoint = environ.get("AWS_S3_ENDPOINT_URL")
    region = environ.get("AWS_S3_REGION_NAME")
    if endpoint:
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}"]
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return origins
