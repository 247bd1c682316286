# Kept pages moved to nearer.keptpages; they are a cache, so nothing is carried over.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("today", "0001_initial")]

    operations = [migrations.DeleteModel(name="CachedPage")]
