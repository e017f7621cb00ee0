"""The OAI-PMH interface: one base URL for harvesters, outside the language prefixes."""

from django.urls import path

from periodical import oai

urlpatterns = [path("", oai.endpoint, name="oai_pmh")]
