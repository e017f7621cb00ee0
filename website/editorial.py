"""The editors' path through the admin: translations, and what a workflow action says.

Translations go the way Latvian pages go: an editor translates, a moderator approves.

wagtail-localize's translation editor publishes at once for those who may publish and offers
nothing to those who may not, so an editor could translate but never hand the result over.
Here an editor submits the translation to the page's workflow ("Moderatoru apstiprinājums"):
the translated text becomes a draft revision of the translated page and a moderator approves
it, as any page. What readers of /en/ see never changes before that approval.

Readers of /en/ never see Latvian text either: wagtail-localize fills what is not yet
translated with the source text, so a translation with untranslated strings can be neither
submitted nor published (a moderator is told how many are left).

And the rights wagtail-localize does not check itself (it looks only at its own
"submit_translation" permission) are checked here:
- starting a page's translation needs the right to edit that page;
- starting a snippet's translation needs the right to add that snippet type (a translation is
  a new object, and one that has no draft state is shown to readers at once);
- "Sync translated pages" never publishes: its "Publish immediately" would put the new Latvian
  text live on the English site before anyone translated it, and let an editor publish.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.views.pages import workflow as page_workflow
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.coreutils import find_available_slug
from wagtail.models import DraftStateMixin, Page, TranslatableMixin, WorkflowState
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.permissions import get_permission_name
from wagtail.snippets.views import snippets as snippet_views
from wagtail_localize.models import Translation
from wagtail_localize.views import report, submit_translations, update_translations

SUBMIT_TRANSLATION = "translation-submit-for-moderation"


def enabled_translation(instance):
    """The wagtail-localize translation this object is the target of, while it is translated."""
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def untranslated_count(translation):
    total, translated = translation.get_progress()
    return total - translated


def refuse_incomplete(request, translation, instance):
    """An error message and True when strings are left untranslated."""
    left = untranslated_count(translation)
    if not left:
        return False
    messages.error(
        request,
        ngettext(
            "'%(title)s' still has %(count)d untranslated text. Translate it first: until then "
            "readers would see the original language.",
            "'%(title)s' still has %(count)d untranslated texts. Translate them first: until "
            "then readers would see the original language.",
            left,
        )
        % {"title": str(instance), "count": left},
    )
    return True


def translation_moderation(page, user):
    """What the translation editor offers this user for this page: submit, resubmit or wait."""
    perms = page.permissions_for_user(user)
    workflow = page.get_workflow()
    state = page.current_workflow_state
    needs_changes = state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
    can_submit = (
        workflow is not None
        and perms.can_edit()
        and not perms.page_locked()
        and (needs_changes or not page.workflow_in_progress)
    )
    return {
        "workflow": workflow,
        "can_submit": can_submit,
        "resubmit": needs_changes,
        "in_moderation": page.workflow_in_progress,
        "can_publish": perms.can_publish(),
    }


def save_translation_draft(translation, user):
    """A new revision of the translated page with the translations made so far.

    Unlike wagtail-localize's save_target(publish=False), the page row is not written: for a
    published page that would change what readers see before anyone approved it.
    """
    draft = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    draft.slug = find_available_slug(
        draft.get_parent(), slugify(draft.slug), ignore_page_id=draft.pk
    )
    return draft.save_revision(user=user, log_action=True)


def before_edit_page(request, page):
    """The translation editor's own actions, checked before wagtail-localize sees them."""
    if request.method != "POST":
        return None
    submitting = SUBMIT_TRANSLATION in request.POST
    publishing = request.POST.get("action") == "publish"
    if not (submitting or publishing):
        return None
    translation = enabled_translation(page)
    if translation is None:
        return None
    if refuse_incomplete(request, translation, page):
        return redirect("wagtailadmin_pages:edit", page.pk)
    if publishing:
        return None  # wagtail-localize publishes it, if this user may publish
    offer = translation_moderation(page, request.user)
    if not offer["can_submit"]:
        raise PermissionDenied
    try:
        save_translation_draft(translation, request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("The translation of '%(title)s' could not be saved: %(errors)s")
            % {"title": page.get_admin_display_title(), "errors": "; ".join(error.messages)},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    page = Page.objects.get(pk=page.pk).specific
    state = page.current_workflow_state
    if offer["resubmit"] and state is not None:
        state.resume(request.user)
    else:
        offer["workflow"].start(page, request.user)
    messages.success(
        request,
        _("The translation '%(title)s' has been submitted for moderation.")
        % {"title": page.get_admin_display_title()},
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)


def before_edit_snippet(request, instance):
    """A snippet translation with untranslated strings is not published either."""
    if (
        request.method == "POST"
        and request.POST.get("action") == "publish"
        and isinstance(instance, TranslatableMixin)
        and isinstance(instance, DraftStateMixin)
    ):
        translation = enabled_translation(instance)
        if translation is not None and refuse_incomplete(request, translation, instance):
            return redirect(request.path)
    return None


class SubmitPageTranslationView(submit_translations.SubmitPageTranslationView):
    def get_object(self):
        page = super().get_object()
        if not page.permissions_for_user(self.request.user).can_edit():
            raise PermissionDenied
        return page


class SubmitSnippetTranslationView(submit_translations.SubmitSnippetTranslationView):
    def get_object(self):
        snippet = super().get_object()
        model = type(snippet)
        if model not in get_snippet_models() or not self.request.user.has_perm(
            get_permission_name("add", model)
        ):
            raise PermissionDenied
        return snippet


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    def get_form(self):
        form = super().get_form()
        form.fields.pop("publish_translations", None)
        return form

    def form_valid(self, form):
        form.cleaned_data["publish_translations"] = False
        return super().form_valid(form)


# Workflow actions ---------------------------------------------------------------------------


class ConfirmWorkflowAction:
    """Wagtail performs an approval or a rejection (from the dashboard, the editor or a mail's
    link) and says nothing: the moderator is left to guess whether it worked. This says what
    happened, on the page the action returns to."""

    def post(self, request, *args, **kwargs):
        before = self.task_state.status
        response = super().post(request, *args, **kwargs)
        task_state = type(self.task_state).objects.get(pk=self.task_state.pk)
        if task_state.status == before:
            return response  # nothing done: a form error, shown by Wagtail
        obj = type(self.object).objects.get(pk=self.object.pk)
        obj = getattr(obj, "specific", obj)
        names = {"title": str(obj), "model_name": obj._meta.verbose_name}
        is_page = isinstance(obj, Page)
        if task_state.status == task_state.STATUS_APPROVED:
            if task_state.workflow_state.status != WorkflowState.STATUS_APPROVED:
                text = (
                    _("Page '%(title)s' has been approved at this step and goes on to the next.")
                    if is_page
                    else _("You approved %(model_name)s '%(title)s' at this step; it goes on.")
                )
            elif getattr(obj, "live", True):
                text = (
                    _("Page '%(title)s' has been approved and published.")
                    if is_page
                    else _("You approved and published %(model_name)s '%(title)s'.")
                )
            else:
                text = (
                    _("Page '%(title)s' has been approved; it will be published as scheduled.")
                    if is_page
                    else _("You approved %(model_name)s '%(title)s'; it is published as scheduled.")
                )
            messages.success(request, text % names)
        elif task_state.status == task_state.STATUS_REJECTED:
            text = (
                _("Changes to page '%(title)s' have been requested; its author can edit it again.")
                if is_page
                else _(
                    "You requested changes to %(model_name)s '%(title)s'; its author can edit it "
                    "again."
                )
            )
            messages.warning(request, text % names)
        else:
            messages.success(request, _("'%(title)s': done.") % names)
        return response


class PageWorkflowActionView(ConfirmWorkflowAction, page_workflow.WorkflowActionView):
    pass


class SnippetWorkflowActionView(ConfirmWorkflowAction, snippet_views.WorkflowActionView):
    pass


class EditorialPageViewSet(PageViewSet):
    """Wagtail's views for every page type, with the confirmed workflow action."""

    workflow_action_view_class = PageWorkflowActionView


# wagtail-localize's translations report ------------------------------------------------------


class TranslationsReportFilterSet(report.TranslationsReportFilterSet):
    """The report's filters, with the labels django-filter would make up in English."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["source_locale"].label = _("Source language")
        self.filters["target_locale"].label = _("Target language")


class TranslationsReportView(report.TranslationsReportView):
    filterset_class = TranslationsReportFilterSet

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        # wagtail-localize's Translation model has no translatable name of its own.
        paginator.verbose_name = _("translation")
        paginator.verbose_name_plural = _("translations")
        return paginator
