from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from website.sitemaps import BilingualSitemap
from website.siteurl import absolute


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        "Disallow: /*/meklet/",
        f"Sitemap: {absolute(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": BilingualSitemap(request)})


def page_not_found(request, exception=None):
    # Outside i18n_patterns (e.g. /nothing) the language comes from the path or the default.
    language = translation.get_language_from_path(request.path_info)
    if language:
        translation.activate(language)
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors, no database: whatever failed may fail again while rendering.
    language = translation.get_language_from_path(request.path_info) or "lv"
    with translation.override(language):
        template = loader.get_template("500.html")
        return HttpResponse(template.render({"LANGUAGE_CODE": language}), status=500)
