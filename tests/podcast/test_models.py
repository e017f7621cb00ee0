"""The tree, what editors may save, and the identifiers podcast apps rely on."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield
from wagtail_localize.models import TranslationSource

from podcast.feeds import podcast_guid
from podcast.models import EpisodePage, PodcastPage
from tests.podcast.conftest import add_episode
from tests.podcast.samples import make_document, make_image, mp3_bytes, pdf_bytes, webvtt_bytes
from tests.utils import add_page, page_form, translate
from website.models import HomePage, Person, StandardPage

pytestmark = pytest.mark.django_db


def chapters(*items):
    return [("chapter", {"start": start, "title": title, "url": ""}) for start, title in items]


class TestTree:
    def test_the_show_sits_under_a_home_page_and_episodes_under_the_show(self):
        assert PodcastPage in HomePage.allowed_subpage_models()
        assert PodcastPage.allowed_parent_page_models() == [HomePage]
        assert PodcastPage.allowed_subpage_models() == [EpisodePage]
        assert EpisodePage.allowed_parent_page_models() == [PodcastPage]
        assert EpisodePage.allowed_subpage_models() == []
        assert not EpisodePage.can_create_at(Page.get_first_root_node())

    def test_one_show_per_language(self, show, show_en, site_tree):
        for home in site_tree.values():
            home.refresh_from_db()  # its count of children changed
            assert not PodcastPage.can_create_at(home)
        other = add_page(site_tree["lv"], StandardPage, title="Cita", slug="cita")
        assert not PodcastPage.can_create_at(other)


class TestEpisodeValidation:
    @pytest.fixture(autouse=True)
    def english(self):
        with translation.override("en"):
            yield

    def test_duration_size_and_type_are_read_from_the_audio(self, show):
        document = make_document(mp3_bytes(3), "epizode.mp3")
        document.file_size = None
        document.mime_type = "application/octet-stream"
        document.save()
        episode = add_episode(show, 1, audio=document, duration=timedelta(minutes=40))
        assert episode.duration == timedelta(seconds=3)  # the file wins over a typed value
        document.refresh_from_db()
        assert document.mime_type == "audio/mpeg"
        assert document.file_size == len(mp3_bytes(3))

    def test_duration_stays_editable_without_a_readable_length(self, show):
        episode = add_episode(show, 1, duration=timedelta(minutes=42, seconds=7))
        assert episode.duration_timestamp == "42:07"

    def test_a_pdf_as_audio_is_refused(self, show):
        episode = EpisodePage(
            title="PDF",
            slug="pdf",
            number=1,
            description="…",
            audio=make_document(pdf_bytes(), "programma.pdf"),
        )
        with pytest.raises(ValidationError) as raised:
            show.add_child(instance=episode)
        assert "MP3, M4A or Ogg" in raised.value.message_dict["audio"][0]

    def test_a_transcript_file_must_be_webvtt(self, show):
        episode = EpisodePage(
            title="Teksts",
            slug="teksts",
            number=1,
            description="…",
            transcript_file=make_document(b"Tikai teksts", "atsifrejums.vtt"),
        )
        with pytest.raises(ValidationError) as raised:
            show.add_child(instance=episode)
        assert "WEBVTT" in raised.value.message_dict["transcript_file"][0]

    def test_chapters_must_start_before_the_end_of_the_recording(self, show, audio):
        episode = EpisodePage(
            title="Nodaļas",
            slug="nodalas",
            number=1,
            description="…",
            audio=audio,
            chapters=chapters((0, "Sākums"), (2, "Vidus"), (125, "Pārāk vēlu")),
        )
        with pytest.raises(ValidationError) as raised:
            show.add_child(instance=episode)
        message = raised.value.message_dict["chapters"][0]
        assert "Pārāk vēlu" in message and "2:05" in message and "0:03" in message

    def test_artwork_of_the_wrong_size_is_refused(self, site_tree):
        show = PodcastPage(
            title="Raidieraksts",
            slug="raidieraksts",
            description="…",
            author="LM",
            owner_name="LM",
            owner_email="lm@example.org",
            artwork=make_image((1200, 675)),
        )
        with pytest.raises(ValidationError) as raised:
            site_tree["lv"].add_child(instance=show)
        assert "1200 × 675" in raised.value.message_dict["artwork"][0]


class TestIdentifiers:
    def test_episode_guid_survives_edits_and_is_new_for_a_translation(self, show, show_en, audio):
        episode = add_episode(show, 1, audio=audio)
        guid = episode.guid
        episode.title = "Jauns nosaukums"
        episode.slug = "jauns-nosaukums"
        episode.save_revision().publish()
        episode.refresh_from_db()
        assert episode.guid == guid
        english = translate(episode, slug="episode-1", title="Episode 1")
        assert english.guid != guid
        # Publishing an older revision brings back its content, not another GUID.
        episode.revisions.order_by("created_at").first().publish()
        episode.refresh_from_db()
        assert episode.guid == guid

    def test_show_guid_is_derived_from_the_first_feed_url_and_kept(self, show, show_en):
        assert show.podcast_guid == podcast_guid("http://testserver/lv/raidieraksts/feed/")
        assert show_en.podcast_guid == podcast_guid("http://testserver/en/podcast/feed/")
        first = show.podcast_guid
        show.slug = "ne-tikai-par-socialo-darbu"
        show.save_revision().publish()
        # A revision from before the GUID was assigned does not take it away either.
        show.revisions.order_by("created_at").first().publish()
        show.refresh_from_db()
        assert show.podcast_guid == first

    def test_a_draft_show_gets_its_guid_when_published(self, site_tree):
        show = add_page(
            site_tree["lv"],
            PodcastPage,
            publish=False,
            title="Melnraksts",
            slug="melnraksts",
            description="…",
            author="LM",
            owner_name="LM",
            owner_email="lm@example.org",
        )
        assert show.podcast_guid is None
        show.get_latest_revision().publish()
        show.refresh_from_db()
        assert show.podcast_guid == podcast_guid("http://testserver/lv/melnraksts/feed/")


class TestAdmin:
    """What an editor sees in Wagtail's admin (in Latvian) when a file is not what it should be."""

    @pytest.fixture
    def editor(self, client, admin_user):
        client.force_login(admin_user)
        return client

    def episode_data(self, **fields):
        return page_form(
            **{
                "title": "Jauna epizode",
                "slug": "jauna-epizode",
                "action": "publish",
                "number": "1",
                "season": "",
                "episode_type": "full",
                "publish_date": "",
                "audio": "",
                "duration": "",
                "description": "Par ko ir epizode.",
                "show_notes": rich_text(""),
                "people": inline_formset([]),
                "chapters": streamfield([]),
                "transcript": "",
                "transcript_file": "",
                "comments": inline_formset([]),
                **fields,
            }
        )

    def errors(self, response):
        html = BeautifulSoup(response.content, "html.parser")
        return " ".join(node.get_text(" ", strip=True) for node in html.select(".error-message"))

    def add_url(self, show):
        return f"/admin/pages/add/podcast/episodepage/{show.pk}/"

    def test_edit_forms_and_preview_render(self, editor, show, audio):
        episode = add_episode(show, 1, audio=audio, chapters=chapters((0, "Ievads")))
        assert editor.get(f"/admin/pages/{show.pk}/edit/").status_code == 200
        assert editor.get(f"/admin/pages/{episode.pk}/edit/").status_code == 200
        preview = f"/admin/pages/{episode.pk}/edit/preview/"
        guest = Person.objects.create(name="Anna Bērziņa")
        data = self.episode_data(
            title="Priekšskatījums",
            audio=str(audio.pk),
            transcript="Teksts priekšskatījumam.",
            people=inline_formset([{"id": "", "person": str(guest.pk), "role": "guest"}]),
            chapters=streamfield([("chapter", {"start": "0:01", "title": "Vidus", "url": ""})]),
        )
        assert editor.post(preview, data).json()["is_valid"]
        response = editor.get(preview)
        assert response.status_code == 200
        assert "Priekšskatījums" in response.text and "Vidus" in response.text
        assert "Teksts priekšskatījumam." in response.text
        assert "Anna Bērziņa" in response.text  # a guest not saved yet

    def test_a_valid_episode_is_published_with_its_duration(self, editor, show, audio):
        response = editor.post(self.add_url(show), self.episode_data(audio=str(audio.pk)))
        assert response.status_code == 302, self.errors(response)
        episode = EpisodePage.objects.get(slug="jauna-epizode")
        assert episode.live
        assert episode.duration == timedelta(seconds=3)

    def test_a_pdf_uploaded_as_audio_is_refused_with_a_message(self, editor, show):
        pdf = make_document(pdf_bytes(), "programma.pdf")
        response = editor.post(self.add_url(show), self.episode_data(audio=str(pdf.pk)))
        assert response.status_code == 200
        assert "nav audio fails" in self.errors(response)
        assert "MP3, M4A vai Ogg" in self.errors(response)
        assert not EpisodePage.objects.exists()

    def test_an_episode_number_is_not_used_twice(self, editor, show, audio):
        add_episode(show, 1, audio=audio, title="Pirmā")
        response = editor.get(self.add_url(show))
        assert (
            BeautifulSoup(response.content, "html.parser").select_one("#id_number")["value"] == "2"
        )
        response = editor.post(self.add_url(show), self.episode_data(number="1"))
        assert response.status_code == 200
        assert "Pirmā" in self.errors(response)

    def test_chapters_out_of_order_and_bad_times_are_refused(self, editor, show, audio):
        data = self.episode_data(
            audio=str(audio.pk),
            chapters=streamfield(
                [
                    ("chapter", {"start": "0:02", "title": "Otrā", "url": ""}),
                    ("chapter", {"start": "0:01", "title": "Pirmā", "url": ""}),
                ]
            ),
        )
        response = editor.post(self.add_url(show), data)
        assert response.status_code == 200
        assert not EpisodePage.objects.exists()
        # Stream block errors reach the page as JSON with non-ASCII letters escaped.
        assert "dzirdamas, katru ar v" in response.text
        data = self.episode_data(
            chapters=streamfield([("chapter", {"start": "pusotra", "title": "X", "url": ""})])
        )
        response = editor.post(self.add_url(show), data)
        assert response.status_code == 200
        assert "sekundes (12:05) vai stundas" in response.text

    def test_a_webvtt_file_with_the_wrong_content_is_refused(self, editor, show):
        not_vtt = make_document(b"Tikai teksts", "atsifrejums.vtt")
        response = editor.post(
            self.add_url(show), self.episode_data(transcript_file=str(not_vtt.pk))
        )
        assert response.status_code == 200
        assert "WEBVTT" in self.errors(response)
        vtt = make_document(webvtt_bytes(), "atsifrejums.vtt")
        response = editor.post(self.add_url(show), self.episode_data(transcript_file=str(vtt.pk)))
        assert response.status_code == 302

    def test_artwork_of_the_wrong_size_is_refused_with_a_message(self, editor, site_tree):
        wrong = make_image((1200, 675))
        data = page_form(
            "Raidieraksts",
            "raidieraksts",
            "publish",
            description="Par sociālo darbu.",
            artwork=str(wrong.pk),
            language="lv",
            category="Education",
            secondary_category="",
            show_type="episodic",
            author="LM",
            owner_name="LM",
            owner_email="lm@example.org",
            copyright="",
            feed_locked="on",
            esf_project="",
            comments=inline_formset([]),
        )
        url = f"/admin/pages/add/podcast/podcastpage/{site_tree['lv'].pk}/"
        response = editor.post(url, data)
        assert response.status_code == 200
        assert "šis attēls ir 1200 × 675" in self.errors(response)
        data["artwork"] = str(make_image((1400, 1400)).pk)
        assert editor.post(url, data).status_code == 302
        assert PodcastPage.objects.get().artwork.width == 1400


class TestGuidInTheAdmin:
    """Moderators may set the show's podcast:guid; editors cannot, whatever they post."""

    @pytest.fixture
    def moderator(self, django_user_model):
        user = django_user_model.objects.create_user("moderatore", password="not-used")
        user.groups.add(Group.objects.get(name="Moderatori"))
        return user

    @pytest.fixture
    def editor(self, django_user_model):
        user = django_user_model.objects.create_user("redaktore", password="not-used")
        user.groups.add(Group.objects.get(name="Redaktori"))
        return user

    def show_form(self, show, action, **fields):
        return page_form(
            show.title,
            show.slug,
            action,
            **{
                "description": show.description,
                "artwork": str(show.artwork_id or ""),
                "language": show.language,
                "category": show.category,
                "secondary_category": show.secondary_category,
                "show_type": show.show_type,
                "author": show.author,
                "owner_name": show.owner_name,
                "owner_email": show.owner_email,
                "copyright": show.copyright,
                "feed_locked": "on",
                "esf_project": show.esf_project,
                "comments": inline_formset([]),
                **fields,
            },
        )

    def test_a_moderator_sees_the_rule_and_sets_the_guid(self, client, moderator, show):
        client.force_login(moderator)
        form = client.get(f"/admin/pages/{show.pk}/edit/")
        html = BeautifulSoup(form.content, "html.parser")
        field = html.select_one("#id_podcast_guid")
        assert field is not None and field["value"] == str(show.podcast_guid)
        rule = str(podcast_guid("http://testserver/lv/raidieraksts/feed/"))
        assert rule in html.get_text(" ")  # the help text names what the rule gives
        assert "http://testserver/lv/raidieraksts/feed/" in html.get_text(" ")

        kept = "917393e3-1b1e-5cef-ace4-edaa54e1f810"
        response = client.post(
            f"/admin/pages/{show.pk}/edit/", self.show_form(show, "publish", podcast_guid=kept)
        )
        assert response.status_code == 302
        show.refresh_from_db()
        assert str(show.podcast_guid) == kept
        feed = client.get("/lv/raidieraksts/feed/").content.decode()
        assert f"<podcast:guid>{kept}</podcast:guid>" in feed
        # A cleared field keeps the identifier the show has.
        client.post(f"/admin/pages/{show.pk}/edit/", self.show_form(show, "publish"))
        show.refresh_from_db()
        assert str(show.podcast_guid) == kept

    def test_an_editor_neither_sees_nor_changes_it(self, client, editor, show):
        before = show.podcast_guid
        client.force_login(editor)
        form = client.get(f"/admin/pages/{show.pk}/edit/")
        assert form.status_code == 200
        assert 'name="podcast_guid"' not in form.text
        response = client.post(
            f"/admin/pages/{show.pk}/edit/",
            self.show_form(show, "submit", podcast_guid="917393e3-1b1e-5cef-ace4-edaa54e1f810"),
        )
        assert response.status_code == 302
        draft = show.get_latest_revision().as_object()
        assert draft.podcast_guid == before

    def test_a_translation_keeps_its_own_guid(self, show, show_en):
        """wagtail-localize synchronises a source's other fields into its translations."""
        own = show_en.podcast_guid
        assert own != show.podcast_guid
        show.podcast_guid = "917393e3-1b1e-5cef-ace4-edaa54e1f810"
        show.copyright = "© LM 2026"
        show.save_revision().publish()
        source, _created = TranslationSource.get_or_create_from_instance(show)
        source.update_from_db()
        source.create_or_update_translation(show_en.locale, fallback=True)
        show_en.refresh_from_db()
        assert show_en.copyright == "© LM 2026"  # the sync did happen
        assert show_en.podcast_guid == own
