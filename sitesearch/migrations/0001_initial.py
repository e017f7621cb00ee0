"""SearchEntry, moved here from the website app with its rows.

The table was created by website's migrations 0002 and 0011 as "website_searchentry": this
migration only declares the model in this app's state, on that table, and moves its content
type (and so its permissions) along; 0002 then renames the table to this app's name.
"""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label='sitesearch', model='searchentry').exists():
        ContentType.objects.using(db).filter(app_label='website', model='searchentry').update(
            app_label='sitesearch'
        )


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label='website', model='searchentry').exists():
        ContentType.objects.using(db).filter(app_label='sitesearch', model='searchentry').update(
            app_label='website'
        )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
        ('website', '0014_search_entry_to_sitesearch'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SearchEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('live', models.BooleanField(default=True)),
                        ('year', models.PositiveSmallIntegerField(blank=True, null=True)),
                        ('date', models.DateTimeField(blank=True, null=True)),
                        ('path', models.CharField(blank=True, max_length=255)),
                        ('title_terms', models.TextField(blank=True, default='')),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
                        ('locale', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.locale')),
                        ('root_content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
                    ],
                    options={
                        'db_table': 'website_searchentry',
                        'constraints': [models.UniqueConstraint(fields=('root_content_type', 'object_id'), name='unique_search_entry')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
