"""SearchEntry belongs to the sitesearch app now (sitesearch/migrations/0001_initial.py).

The model leaves this app's state only: its table and rows stay where they are, and
sitesearch's first migration takes them over, then renames the table to sitesearch's name.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('website', '0013_privacy_page'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='SearchEntry')],
            database_operations=[],
        ),
    ]
