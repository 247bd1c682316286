# Kept pages, moved here from nearer.today (a cache: nothing is carried over).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CachedPage",
            fields=[
                ("key", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("slot", models.CharField(max_length=200)),
                ("body", models.BinaryField()),
                ("expires_at", models.DateTimeField(db_index=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["user", "slot"], name="keptpages_c_user_id_0fa812_idx")
                ],
            },
        ),
    ]
