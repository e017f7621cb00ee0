"""The facts table takes this app's name: "website_searchentry" → "sitesearch_searchentry"."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('sitesearch', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(name='searchentry', table=None),
    ]
