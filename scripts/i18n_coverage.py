"""Translation coverage of the catalogues we ship: ``.venv/bin/python scripts/i18n_coverage.py``.

For each ``locale/<catalogue>/<lang>/LC_MESSAGES/<domain>.po`` it counts the messages an editor
can meet — the msgids of the installed package's English template for that app (so a Wagtail
upgrade that adds strings shows up as untranslated), or, for our own apps, of our catalogue as
``manage.py make_app_messages`` last wrote it — and how many are translated in the effective
merge of our catalogue over the package's own. It also checks, like ``msgfmt --check-format``,
that placeholders agree, and that every plural entry has the header's number of forms (one in
Vietnamese). Exits 1 if any catalogue is below 100% or has a problem. ``--all`` lists every
untranslated message instead of the first 20, and the msgids two catalogues translate
differently (only one can show: Django merges them).
"""

import re
import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from library_cms.catalogues import SOURCES, package_po, po_files  # noqa: E402

PYTHON_FORMAT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
    r"(?P<type>[diouxXeEfFgGcrsa%])"
)
BRACE_FORMAT = re.compile(r"\{([^{}]*)\}")
SHOWN = 20


def key(entry):
    return (entry.msgctxt, entry.msgid)


def is_translated(entry):
    if entry is None or entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def placeholders(text, flags, domain):
    """The format specifications of one string, in the form msgfmt compares them."""
    specs = []
    if "python-format" in flags or domain == "djangojs":
        found = [m for m in PYTHON_FORMAT.finditer(text) if m.group("type") != "%"]
        named = sorted((m.group("name"), m.group("type")) for m in found if m.group("name"))
        specs += named or [(None, m.group("type")) for m in found]
    if "python-brace-format" in flags:
        specs += sorted(BRACE_FORMAT.findall(text))
    return specs


def format_problems(entry, flags, domain, nplurals):
    """Placeholder mismatches and wrong numbers of plural forms of one translated entry."""
    if entry.msgid_plural:
        if sorted(entry.msgstr_plural) != list(range(nplurals)):
            return [f"{len(entry.msgstr_plural)} plural forms, the header says {nplurals}"]
        wanted = [placeholders(entry.msgid_plural, flags, domain)]
        wanted.append(placeholders(entry.msgid, flags, domain))
        texts = entry.msgstr_plural.values()
    else:
        wanted = [placeholders(entry.msgid, flags, domain)]
        texts = [entry.msgstr]
    return [
        f"placeholders {placeholders(text, flags, domain)} where the msgid has {wanted[0]}"
        for text in texts
        if placeholders(text, flags, domain) not in wanted
    ]


def nplurals_of(po):
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else None


def report(po_path):
    """(row, untranslated msgids, problems) of one shipped catalogue file."""
    catalogue, lang, domain = po_path.parts[-4], po_path.parts[-3], po_path.stem
    ours = polib.pofile(str(po_path), wrapwidth=0)
    problems = []
    nplurals = nplurals_of(ours)
    if lang == "vi" and nplurals != 1:
        problems.append(f"header Plural-Forms has nplurals={nplurals}; Vietnamese has 1")
    if catalogue not in SOURCES:
        problems.append(f"unknown catalogue: add it to SOURCES in {Path(__file__).name}")
    templates, upstream = [], []
    for module in SOURCES.get(catalogue, []):
        templates.append(package_po(module, "en", domain))
        upstream.append(package_po(module, lang, domain))
    templates = [po for po in templates if po] or [ours]
    messages = {key(e): e for po in templates for e in po if not e.obsolete and e.msgid}
    translated_upstream = {key(e) for po in upstream if po for e in po if is_translated(e)}
    our_entries = {key(e): e for e in ours}
    missing = []
    for message_key, template_entry in messages.items():
        entry = our_entries.get(message_key)
        if is_translated(entry):
            flags = set(template_entry.flags) | set(entry.flags)
            problems += [
                f"{entry.msgid!r}: {problem}"
                for problem in format_problems(entry, flags, domain, nplurals or 1)
            ]
        elif message_key not in translated_upstream:
            missing.append(message_key)
    done = len(messages) - len(missing)
    percent = 100 * done / len(messages) if messages else 100.0
    row = (f"{catalogue}/{lang}/{domain}", len(messages), done, percent)
    return row, missing, problems


def shared_msgid_differences():
    """Lines for the msgids two catalogues of one language translate differently.

    Django merges every catalogue into one per language, so only the first in LOCALE_PATHS is
    shown; a difference is a vocabulary choice to check, not an error.
    """
    seen = {}
    for po_path in po_files():
        catalogue, lang, domain = po_path.parts[-4], po_path.parts[-3], po_path.stem
        for entry in polib.pofile(str(po_path), wrapwidth=0).translated_entries():
            text = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
            found = seen.setdefault((lang, domain, *key(entry)), {})
            found.setdefault(text, []).append(catalogue)
    return [
        f"  {msgid!r}: " + "; ".join(f"{', '.join(cats)}: {text!r}" for text, cats in texts.items())
        for (_lang, _domain, _ctx, msgid), texts in seen.items()
        if len(texts) > 1
    ]


def main(show_all):
    failed = False
    rows, details = [], []
    for po_path in po_files():
        row, missing, problems = report(po_path)
        rows.append(row)
        failed |= bool(missing or problems)
        shown = missing if show_all else missing[:SHOWN]
        if missing:
            details.append(f"\n{row[0]}: {len(missing)} untranslated")
            details += [f"  {f'[{ctx}] ' if ctx else ''}{msgid!r}" for ctx, msgid in shown]
            if len(shown) < len(missing):
                details.append(f"  … and {len(missing) - len(shown)} more (--all lists them)")
        if problems:
            details.append(f"\n{row[0]}: {len(problems)} problems")
            details += [f"  {problem}" for problem in problems]
    width = max(len(row[0]) for row in rows)
    print(f"{'catalogue':<{width}}  messages  translated       %")
    for name, total, done, percent in rows:
        print(f"{name:<{width}}  {total:>8}  {done:>10}  {percent:>6.1f}")
    print("\n".join(details))
    differences = shared_msgid_differences()
    if differences:
        print(f"\nNote: {len(differences)} msgids are translated differently by two catalogues")
        print("\n".join(differences) if show_all else "  (--all lists them)")
    if failed:
        print("\nTranslations incomplete: see README, 'Vietnamese admin / translations'.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main("--all" in sys.argv[1:]))
