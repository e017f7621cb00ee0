"""Topics become a managed, translatable vocabulary, step 3 of 3: the tags are gone (0006 made
them topics), every page topic names a topic, once per page."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaign', '0002_remove_topic_tags'),
        ('dictionary', '0003_remove_topic_tags'),
        ('events', '0003_remove_topic_tags'),
        ('methodologies', '0002_remove_topic_tags'),
        ('periodical', '0002_remove_topic_tags'),
        ('podcast', '0002_remove_topic_tags'),
        ('projects', '0002_remove_topic_tags'),
        ('research', '0002_remove_topic_tags'),
        ('website', '0006_topics_from_tags'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RemoveField(
            model_name='pagetopic',
            name='tag',
        ),
        migrations.RemoveField(
            model_name='standardpage',
            name='topics',
        ),
        migrations.RemoveField(
            model_name='homepage',
            name='topics',
        ),
        migrations.AlterField(
            model_name='pagetopic',
            name='topic',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='page_items', to='website.topic'),
        ),
        migrations.AddConstraint(
            model_name='pagetopic',
            constraint=models.UniqueConstraint(fields=('page', 'topic'), name='website_pagetopic_unique'),
        ),
        migrations.DeleteModel(
            name='TopicTag',
        ),
    ]
