"""Index again what every item says, now that the index also keeps the words of a cut into fewer
words than the segmenter's (「重点项目」 and 「前期工作」 in 「重点项目前期工作经费」): the items
published before would not be found by them otherwise.  The triggers (SQLite) and the expression
index (PostgreSQL) follow ``search_text`` by themselves."""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    from zhengwu.portal.search import segment

    Item = apps.get_model("portal", "PublicationItem")
    batch = []
    for item in Item.objects.only("id", "title", "doc_number", "body", "search_text").iterator(chunk_size=500):
        text = segment(f"{item.title}\n{item.doc_number}\n{item.body}")
        if text != item.search_text:
            item.search_text = text
            batch.append(item)
        if len(batch) >= 500:
            Item.objects.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        Item.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_alter_publicationitem_kind")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
