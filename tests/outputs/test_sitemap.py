"""The sitemap as a crawler reads it: ultimate-sitemap-parser, from robots.txt on.

Every public address is listed: pages, the dictionary's letter pages and each entry's
permanent address in both languages. Each listed address answers 200, and the hreflang
alternates are reciprocal and the same as the page's own <link rel="alternate"> tags.
"""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from usp.tree import sitemap_tree_for_homepage
from usp.web_client.abstract_client import (
    AbstractWebClient,
    AbstractWebClientSuccessResponse,
    WebClientErrorResponse,
)

from dictionary.models import DictionaryPage, Term


class DjangoResponse(AbstractWebClientSuccessResponse):
    def __init__(self, url, response):
        self._url = url
        self._response = response

    def status_code(self):
        return self._response.status_code

    def status_message(self):
        return self._response.reason_phrase

    def header(self, case_insensitive_name):
        return self._response.headers.get(case_insensitive_name)

    def raw_data(self):
        return self._response.content

    def url(self):
        return self._url


class DjangoTestWebClient(AbstractWebClient):
    """usp's HTTP client, answering from the Django test client instead of the network."""

    def __init__(self, client, host):
        self.client = client
        self.host = host
        self.requested = []

    def set_max_response_data_length(self, max_response_data_length):
        pass

    def get(self, url):
        parts = urlsplit(url)
        assert parts.hostname == self.host, f"the crawler left the site: {url}"
        self.requested.append(parts.path)
        response = self.client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        if response.status_code != 200:
            return WebClientErrorResponse(f"{response.status_code} for {url}", retryable=False)
        return DjangoResponse(url, response)


@pytest.fixture(scope="module")
def crawl(demo, django_db_blocker):
    """{URL: {language: URL}} for every page the sitemap lists, read from robots.txt on."""
    from django.test import Client

    client = Client(SERVER_NAME=demo.host)
    web_client = DjangoTestWebClient(client, demo.host)
    with django_db_blocker.unblock():
        tree = sitemap_tree_for_homepage(
            demo.root_url + "/", web_client=web_client, use_known_paths=False
        )
        listed = {}
        for page in tree.all_pages():
            assert page.url not in listed, f"listed twice: {page.url}"
            listed[page.url] = dict(page.alternates or [])
    assert "/robots.txt" in web_client.requested and "/sitemap.xml" in web_client.requested
    return listed


def absolute(demo, path):
    return demo.root_url + path


def test_every_page_is_listed(demo, crawl):
    missing = [url for _k, _l, url in demo.pages if absolute(demo, url) not in crawl]
    assert not missing


def test_each_dictionary_entry_is_listed_in_both_languages(demo, crawl):
    terms = list(Term.objects.approved())
    assert len(terms) == 40
    for dictionary in DictionaryPage.objects.live():
        missing = [
            term.headword
            for term in terms
            if absolute(demo, dictionary.entry_url(term)) not in crawl
        ]
        assert not missing, (dictionary.language, missing)


def test_each_letter_with_entries_is_listed(demo, crawl):
    for dictionary in DictionaryPage.objects.live():
        letters = [letter for letter in dictionary.letters() if letter["url"]]
        assert letters
        missing = [
            letter["letter"] for letter in letters if absolute(demo, letter["url"]) not in crawl
        ]
        assert not missing, (dictionary.language, missing)


def test_alternates_are_reciprocal(crawl):
    problems = []
    for url, alternates in crawl.items():
        if not alternates:
            continue
        if url not in alternates.values():
            problems.append(f"{url} is not among its own alternates {alternates}")
        for language, other in alternates.items():
            if other not in crawl:
                problems.append(f"{url}: alternate {language} {other} is not listed")
            elif crawl[other] != alternates:
                problems.append(f"{url} → {other}: {alternates} ≠ {crawl[other]}")
    assert not problems, "\n".join(problems)


def test_every_listed_address_answers_200_with_the_same_alternates(demo, site_client, crawl):
    problems = []
    for url, alternates in crawl.items():
        response = site_client.get(urlsplit(url).path)
        if response.status_code != 200:
            problems.append(f"{url}: {response.status_code}")
            continue
        html = BeautifulSoup(response.content, "html.parser")
        in_page = {
            link["hreflang"]: link["href"]
            for link in html.select('link[rel="alternate"][hreflang]')
            if link["hreflang"] != "x-default"
        }
        # A page without a translation names no alternate: the sitemap names none either.
        if in_page != (alternates if len(alternates) > 1 else {}) and not (
            len(in_page) == 1 and not alternates
        ):
            problems.append(f"{url}: page says {in_page}, sitemap says {alternates}")
    assert not problems, "\n".join(problems)


def test_a_letter_page_names_no_other_page_as_its_translation(demo, site_client):
    """A letter lists the terms of one language under one letter of its alphabet: no page in
    the other language is its translation, least of all the dictionary's index."""
    for dictionary in DictionaryPage.objects.live():
        letter = next(letter for letter in dictionary.letters() if letter["url"])
        html = BeautifulSoup(site_client.get(letter["url"]).content, "html.parser")
        hreflangs = {
            link["hreflang"]: link["href"]
            for link in html.select('link[rel="alternate"][hreflang]')
        }
        own = absolute(demo, letter["url"])
        assert set(hreflangs.values()) <= {own}, (letter["url"], hreflangs)
