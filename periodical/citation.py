"""What an article says about itself to reference managers, search engines and libraries.

One ``Citation`` per article feeds every format from the same facts, so they cannot disagree:
Highwire Press ``citation_*`` meta tags (Google Scholar, Zotero), Dublin Core ``DC.*`` meta tags
and the ``oai_dc`` records of the OAI-PMH interface, schema.org JSON-LD and the APA reference
of the "Cite this article" box.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from website.siteurl import absolute
from website.structured_data import json_ld_script

APA_MAX_AUTHORS = 20


@dataclass
class Author:
    name: str
    affiliation: str = ""

    @property
    def family_and_given(self):
        """("Bērziņa", "Anna Marija") from "Anna Marija Bērziņa"; a one-word name is a family."""
        *given, family = self.name.split()
        return family, " ".join(given)

    @property
    def inverted(self):
        """ "Bērziņa, Anna Marija": how Dublin Core and library catalogues sort creators."""
        family, given = self.family_and_given
        return f"{family}, {given}" if given else family

    @property
    def apa(self):
        """ "Bērziņa, A. M." (APA 7: family name, then initials; hyphenated names keep it)."""
        family, given = self.family_and_given
        if not given:
            return family
        initials = " ".join(
            "-".join(f"{part[0]}." for part in word.split("-") if part) for word in given.split()
        )
        return f"{family}, {initials}"


def apa_authors(authors):
    """The author element of an APA 7 reference: "A, B, & C"; from 21 authors on, the first 19,
    an ellipsis and the last one."""
    names = [author.apa for author in authors]
    if len(names) > APA_MAX_AUTHORS:
        return ", ".join(names[: APA_MAX_AUTHORS - 1]) + ", … " + names[-1]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _sentence(text):
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."


@dataclass
class Citation:
    title: str
    url: str
    language: str
    abstract: str = ""
    summary_en: str = ""
    authors: list = field(default_factory=list)
    keywords: list = field(default_factory=list)
    references: list = field(default_factory=list)
    journal_title: str = ""
    journal_url: str = ""
    publisher: str = ""
    issns: list = field(default_factory=list)
    issue_number: int | None = None
    issue_label: str = ""
    issue_title: str = ""
    issue_url: str = ""
    year: int | None = None
    publication_date: date | None = None
    first_page: int | None = None
    last_page: int | None = None
    page_range: str = ""
    pdf_url: str = ""
    has_full_text: bool = False
    # Other language versions, as {"url", "title", "language"}: the original this page
    # translates, or the translations of this original (see ArticlePage.get_context).
    translation_of: dict | None = None
    translations: list = field(default_factory=list)

    @classmethod
    def for_article(cls, article, request):
        """Expects the article's authors and keywords prefetched (or costs a query each) and
        its issue and periodical attached (see periodical.models.attach_issues)."""
        issue = article.issue
        periodical = issue.periodical if issue else None
        return cls(
            title=article.title,
            url=_full_url(request, article.get_url(request)),
            language=article.locale.language_code,
            abstract=article.abstract,
            summary_en=article.summary_en,
            authors=[Author(person.name, person.organisation) for person in article.author_list],
            keywords=list(article.keyword_names),
            references=[reference["text"] for reference in article.reference_list],
            journal_title=periodical.title if periodical else "",
            journal_url=_full_url(request, periodical.get_url(request)) if periodical else "",
            publisher=periodical.publisher if periodical else "",
            issns=periodical.issns if periodical else [],
            issue_number=issue.number if issue else None,
            issue_label=issue.label if issue else "",
            issue_title=issue.title if issue else "",
            issue_url=_full_url(request, issue.get_url(request)) if issue else "",
            year=issue.year if issue else None,
            publication_date=issue.publication_date if issue else None,
            first_page=article.first_page,
            last_page=article.last_page,
            page_range=article.page_range,
            pdf_url=_full_url(request, article.pdf.url) if article.pdf_id else "",
            has_full_text=bool(article.body),
        )

    # Highwire Press tags -------------------------------------------------------------------

    def highwire(self):
        """(name, content) pairs, in the order Google Scholar's inclusion guidelines show."""
        tags = [("citation_title", self.title)]
        for author in self.authors:
            tags.append(("citation_author", author.name))
            if author.affiliation:
                # Each institution follows the author it belongs to.
                tags.append(("citation_author_institution", author.affiliation))
        if self.publication_date:
            tags.append(("citation_publication_date", self.publication_date.strftime("%Y/%m/%d")))
        elif self.year:
            tags.append(("citation_publication_date", str(self.year)))
        optional = [
            ("citation_journal_title", self.journal_title),
            ("citation_publisher", self.publisher),
            *(("citation_issn", issn) for issn in self.issns),
            ("citation_issue", self.issue_number),
            ("citation_firstpage", self.first_page),
            ("citation_lastpage", self.last_page),
            ("citation_pdf_url", self.pdf_url),
            ("citation_abstract_html_url", self.url),
            ("citation_fulltext_html_url", self.url if self.has_full_text else ""),
            ("citation_language", self.language),
            ("citation_keywords", "; ".join(self.keywords)),
            *(("citation_reference", reference) for reference in self.references),
        ]
        tags.extend((name, str(value)) for name, value in optional if value)
        return tags

    # Dublin Core ---------------------------------------------------------------------------

    @property
    def dc_date(self):
        if self.publication_date:
            return self.publication_date.isoformat()
        return str(self.year) if self.year else ""

    @property
    def dc_source(self):
        """ "Sociālais darbs Latvijā, 1/2023, 12–24": where the article was printed."""
        parts = (self.journal_title, self.issue_label, self.page_range)
        return ", ".join(part for part in parts if part)

    def dublin_core(self):
        """(element, value, language or None) for the fifteen-element Dublin Core set."""
        elements = [("title", self.title, self.language)]
        elements += [("creator", author.inverted, None) for author in self.authors]
        elements += [("subject", keyword, self.language) for keyword in self.keywords]
        if self.abstract:
            elements.append(("description", self.abstract, self.language))
        if self.summary_en and self.language != "en":
            elements.append(("description", self.summary_en, "en"))
        if self.publisher:
            elements.append(("publisher", self.publisher, None))
        if self.dc_date:
            elements.append(("date", self.dc_date, None))
        elements.append(("type", "Text", None))
        elements.append(("format", "text/html", None))
        if self.pdf_url:
            elements.append(("format", "application/pdf", None))
        elements.append(("identifier", self.url, None))
        # ISSNs as URNs (RFC 3044), so that a harvester can tell them from the article's URL.
        elements += [("identifier", f"urn:ISSN:{issn}", None) for issn in self.issns]
        if self.dc_source:
            elements.append(("source", self.dc_source, None))
        elements.append(("language", self.language, None))
        return elements

    # schema.org ----------------------------------------------------------------------------

    def json_ld_data(self):
        periodical = {"@type": "Periodical", "name": self.journal_title}
        if self.journal_url:
            periodical["url"] = self.journal_url
        if self.issns:
            periodical["issn"] = self.issns
        if self.publisher:
            periodical["publisher"] = {"@type": "Organization", "name": self.publisher}
        issue = {"@type": "PublicationIssue", "isPartOf": periodical}
        if self.issue_number is not None:
            issue["issueNumber"] = str(self.issue_number)
        if self.issue_title:
            issue["name"] = self.issue_title
        if self.issue_url:
            issue["url"] = self.issue_url
        if self.dc_date:
            issue["datePublished"] = self.dc_date
        article = {
            "@context": "https://schema.org",
            "@type": "ScholarlyArticle",
            "@id": self.url,
            "headline": self.title,
            "name": self.title,
            "url": self.url,
            "inLanguage": self.language,
            "isPartOf": issue,
        }
        if self.authors:
            article["author"] = [_person(author) for author in self.authors]
        if self.dc_date:
            article["datePublished"] = self.dc_date
        if self.abstract:
            article["abstract"] = self.abstract
        if self.keywords:
            article["keywords"] = self.keywords
        if self.first_page:
            article["pageStart"] = str(self.first_page)
            article["pageEnd"] = str(self.last_page or self.first_page)
        if self.pdf_url:
            article["encoding"] = {
                "@type": "MediaObject",
                "contentUrl": self.pdf_url,
                "encodingFormat": "application/pdf",
            }
        if self.translation_of:
            article["translationOfWork"] = _work(self.translation_of)
        if self.translations:
            article["workTranslation"] = [_work(version) for version in self.translations]
        return article

    def json_ld(self):
        return json_ld_script(self.json_ld_data())

    # APA 7 ---------------------------------------------------------------------------------

    def apa_pieces(self):
        """The APA 7 journal-article reference as (text, italic) pieces.

        The periodical numbers its issues within the year and has no volumes: APA then gives
        the issue number alone in parentheses, "Sociālais darbs Latvijā, (1), 12–24.".
        """
        year = f"({self.year})." if self.year else "(n.d.)."
        authors = apa_authors(self.authors)
        if authors:
            pieces = [(f"{_sentence(authors)} {year} {_sentence(self.title)} ", False)]
        else:  # APA moves the title to the author's place
            pieces = [(f"{_sentence(self.title)} {year} ", False)]
        source = [f"({self.issue_number})" if self.issue_number is not None else ""]
        source.append(self.page_range)
        rest = ", ".join(part for part in source if part)
        if self.journal_title:
            pieces.append((self.journal_title, True))
            pieces.append((f", {rest}." if rest else ".", False))
        elif rest:
            pieces.append((f"{rest}.", False))
        pieces.append((f" {self.url}", False))
        return pieces

    def apa_text(self):
        return "".join(text for text, _italic in self.apa_pieces())

    def apa_html(self):
        return mark_safe(
            "".join(
                format_html("<i>{}</i>", text) if italic else conditional_escape(text)
                for text, italic in self.apa_pieces()
            )
        )


def _work(version):
    return {
        "@type": "ScholarlyArticle",
        "@id": version["url"],
        "url": version["url"],
        "name": version["title"],
        "inLanguage": version["language"],
    }


def _person(author):
    person = {"@type": "Person", "name": author.name}
    if author.affiliation:
        person["affiliation"] = {"@type": "Organization", "name": author.affiliation}
    return person


def _full_url(request, url):
    """An absolute address on the site's public address (SITE_URL), as the canonical link."""
    return absolute(url)
