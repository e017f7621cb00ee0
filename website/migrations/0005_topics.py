"""Topics become a managed, translatable vocabulary (website.models.topics), step 1 of 3.

The Topic model, and PageTopic pointing to it (beside the old tag, which 0006 maps and 0007
removes). PageTopic's link to the page is renamed from taggit's "content_object" to "page".
"""

import uuid

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0004_translation_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name='Topic',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                ('live', models.BooleanField(default=True, editable=False, verbose_name='live')),
                ('has_unpublished_changes', models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes')),
                ('first_published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at')),
                ('last_published_at', models.DateTimeField(editable=False, null=True, verbose_name='last published at')),
                ('live_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision')),
                ('go_live_at', models.DateTimeField(blank=True, null=True, verbose_name='go live date/time')),
                ('expire_at', models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time')),
                ('expired', models.BooleanField(default=False, editable=False, verbose_name='expired')),
                ('name', models.CharField(help_text='As readers see it in lists and filters, with a capital initial, e.g. “Vardarbība ģimenē”. One topic per concept: check the list first.', max_length=100, verbose_name='name')),
                ('slug', models.SlugField(allow_unicode=True, editable=False, help_text='Made from the name; kept once the topic is published.', max_length=100, verbose_name='address')),
                ('former_slugs', models.JSONField(blank=True, default=list, editable=False, help_text='Addresses of topics merged into this one; they lead here.', verbose_name='earlier addresses')),
            ],
            options={
                'verbose_name': 'topic',
                'verbose_name_plural': 'topics',
                'unique_together': {('translation_key', 'locale')},
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('locale', 'slug'), name='website_topic_unique_slug')],
                'indexes': [],
            },
        ),
        migrations.RenameField(model_name="pagetopic", old_name="content_object", new_name="page"),
        migrations.AlterField(
            model_name="pagetopic",
            name="page",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="topic_items",
                to=settings.WAGTAIL_PAGE_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="pagetopic",
            name="topic",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="page_items",
                to="website.topic",
            ),
        ),
        # Left empty by 0006 for rows it adds on reversing 0007, then filled; 0007 removes it.
        migrations.AlterField(
            model_name="pagetopic",
            name="tag",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tagged_pages",
                to="website.topictag",
            ),
        ),
        migrations.AlterModelOptions(
            name="pagetopic",
            options={"verbose_name": "page topic", "verbose_name_plural": "page topics"},
        ),
    ]
