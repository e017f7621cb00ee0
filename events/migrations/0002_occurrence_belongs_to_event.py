# A seminar's occurrences keep their rows: a SeminarPage's id is its EventPage's id, so the
# key's values stay valid when it points to EventPage instead (and the field is renamed).

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(
            model_name="seminaroccurrence",
            old_name="seminar",
            new_name="event",
        ),
        migrations.AlterField(
            model_name="seminaroccurrence",
            name="event",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="occurrences",
                to="events.eventpage",
            ),
        ),
    ]
