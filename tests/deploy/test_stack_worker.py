"""The production stack's background worker: mail sent (and a failed send kept) and search
indexing into the OpenSearch cluster."""

import os
import re
import time

import pytest
import requests

from tests.deploy.stack import (
    SMTP_PORT,
    publish,
    request_password_reset,
)
from tests.smtp import SMTPServer

pytestmark = [pytest.mark.stack, pytest.mark.xdist_group("stack")]


def test_mail_is_sent_by_the_worker_and_a_failed_send_is_kept(stack, front_pages):
    # The moderator of front_pages forgot their password; the mail server is up.
    with SMTPServer(port=SMTP_PORT) as sink:
        response, _seconds = request_password_reset(stack, "kesa@example.lv")
        assert response.status_code == 302
        assert "/admin/password_reset/done/" in response.headers["Location"]
        with sink.inbox.arrived:
            assert sink.inbox.arrived.wait_for(lambda: sink.inbox.messages, timeout=15)
        (received,) = sink.inbox.messages
    assert received.rcpt_tos == ["kesa@example.lv"]
    assert received.mail_from == "portals@socialais-darbs.example.lv"
    link = re.search(r"http\S+/admin/password_reset/confirm/\S+", received.text).group(0)
    assert link.startswith(stack.base + "/"), "the mail's link is on SITE_URL"
    # The link works through nginx: it leads to the form for a new password.
    confirm = requests.get(link, timeout=30)
    assert confirm.status_code == 200 and 'name="new_password1"' in confirm.text

    # The mail server is down: the request does not notice, the worker records the failure.
    response, seconds = request_password_reset(stack, "kesa@example.lv")
    assert response.status_code == 302
    assert seconds < 2, "the request waited for the mail server"
    deadline = time.monotonic() + 20
    while "kesa@example.lv" not in (listed := stack.manage("failed_mail")):
        assert time.monotonic() < deadline, "the failed send is not recorded"
        time.sleep(0.5)
    assert "Connection refused" in listed
    subject = " ".join(received.message["Subject"].split())
    assert repr(subject) in listed, "the message itself is kept, to be sent again"


def test_the_worker_indexes_a_published_change_into_the_search_cluster(stack, front_pages):
    if not stack.env.get("SEARCH_ENGINE_URL"):
        if os.environ.get("REQUIRE_OPENSEARCH") == "1":
            pytest.fail("REQUIRE_OPENSEARCH=1 but no OpenSearch node answers")
        pytest.skip("no OpenSearch node answers (make opensearch-start, OPENSEARCH_TEST_URL)")
    node = stack.env["SEARCH_ENGINE_URL"].split("+", 1)[1]
    prefix = stack.env["SEARCH_INDEX_PREFIX"]
    word = f"zvaigznājs{int(time.time() * 1000) % 100000}"

    def in_cluster():
        answer = requests.post(
            f"{node}/{prefix}*/_search",
            json={"query": {"query_string": {"query": f"*{word}*"}}},
            timeout=10,
        ).json()
        return answer["hits"]["total"]["value"]

    assert in_cluster() == 0
    publish(stack, front_pages["public"]["id"], f"Teksts par {word} un sociālo darbu.")
    published = time.monotonic()
    # The cluster gets it only from the worker (the request writes the database index alone)…
    while not in_cluster():
        assert time.monotonic() - published < 10, "the worker did not index the change"
        time.sleep(0.3)
    indexed = time.monotonic() - published
    # …and the site's search, through nginx, finds the page by it.
    while True:
        found = requests.get(f"{stack.base}/lv/meklet/", params={"q": word}, timeout=30)
        if front_pages["public"]["url"] in found.text:
            break
        assert time.monotonic() - published < 10, "search does not find the new word"
        time.sleep(0.3)
    assert found.status_code == 200
    found_after = time.monotonic() - published
    print(f"\nin the cluster {indexed:.1f} s, found by search {found_after:.1f} s after publishing")
