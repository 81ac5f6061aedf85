"""Full-text search over published items: the jieba-segmented ``search_text`` of each item.

- SQLite: an FTS5 table ``portal_search`` (external content: the items table), kept in step by
  triggers; words are the space-separated segments, ranked with bm25.
- PostgreSQL: a GIN index over ``array_to_tsvector(string_to_array(search_text, ' '))`` — the
  segments as lexemes, exactly as the 'simple' configuration would keep them (lower-cased at
  segmentation), without depending on the server's locale to recognise Chinese characters.

A later migration that rebuilds ``portal_publicationitem`` on SQLite drops the triggers: run
:func:`zhengwu.portal.search.install_index` again in it.
"""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    from zhengwu.portal.search import install_index

    install_index(schema_editor.connection)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    from zhengwu.portal.search import remove_index

    remove_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_catalogue_search_applications")]

    operations = [migrations.RunPython(forwards, backwards)]
