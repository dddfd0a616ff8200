#!/usr/bin/python3
"""Facts about the two WordPress WXR exports in ../shared/realdocs/wordpress/.

Independent ground truth for MAP Search tests: computed with the Python standard
library only (xml.etree, html, re, urllib), not with MAP Search code.

Usage (from the project folder):
    /usr/bin/python3 src/test/resources/realdocs/wxr_facts.py [WORDPRESS_DIR]
WORDPRESS_DIR defaults to ../shared/realdocs/wordpress. Prints Markdown.

Definitions used:
  * Fields are matched by local name, because the two files use different
    namespace URIs for the wp: prefix (https://wordpress.org/export/1.2/ in
    themeunittestdata, http://wordpress.org/export/1.2/ in 64-block-test-data).
    The item title is the un-namespaced RSS <title>.
  * "Published" = wp:status == "publish". "Indexable" = published, empty
    wp:post_password, wp:post_type in {post, page}.
  * Shortcodes = WordPress core's registered shortcode tags (audio, caption,
    embed, gallery, playlist, video, wp_caption). Other bracketed words are
    reported separately (they are prose, e.g. "[simple boat]").
  * Rendered text = content:encoded with HTML comments (block delimiters,
    <!--more-->, <!--nextpage-->) removed, shortcode tags removed (the text
    enclosed by [caption]...[/caption] is kept, as WordPress shows it),
    HTML tags removed, entities unescaped, whitespace collapsed.
  * A title "contains HTML markup" if it has a tag (<x ...> or </x>) or an
    HTML character reference (&amp; &#039; ...) left after XML parsing.
"""
import collections
import html
import os
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

FILES = ["themeunittestdata.wordpress.xml", "64-block-test-data.xml"]
CORE_SHORTCODES = ["audio", "caption", "embed", "gallery", "playlist", "video", "wp_caption"]
INDEX_TYPES = ("post", "page")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"

# Phrases chosen by reading the rendered text; the script checks each one.
PHRASES = {
    "themeunittestdata.wordpress.xml": {
        "358": "beaching their coracles",
        "562": "very peculiar names",
        "575": "any copyright law",
        "1176": "not picking a side",
        "1241": "should be distinctly recognizable",
    },
    "64-block-test-data.xml": {
        "75": "one footnotes block",
        "76": "inside a classic block",
        "121": "before the more block",
        "132": "spacer is transparent",
        "86": "Original Dixieland Jazz Band",
    },
}

TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")
ENTITY_RE = re.compile(r"&(#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
SC_NAMES = "|".join(CORE_SHORTCODES)
SC_OPEN_RE = re.compile(r"\[(" + SC_NAMES + r")(?=[\s\]/])[^\]]*\]")
SC_ANY_RE = re.compile(r"\[/?(" + SC_NAMES + r")(?=[\s\]/])[^\]]*\]")
BRACKET_WORD_RE = re.compile(r"\[/?([A-Za-z_][\w-]*)(?=[\s\]/])[^\]\[]*\]")


def local(tag):
    return tag.rsplit("}", 1)[-1]


def wp(item, name):
    """Text of the wp:<name> child (any namespace URI containing /export/1.2/ but not excerpt)."""
    for child in item:
        if local(child.tag) == name and "/export/1.2/}" in child.tag and "excerpt" not in child.tag:
            return child.text or ""
    return None


def render(content):
    text = re.sub(r"<!--.*?-->", " ", content, flags=re.S)
    text = SC_ANY_RE.sub(" ", text)
    text = TAG_RE.sub(" ", text)
    text = html.unescape(text)
    return re.sub(r"\s+", " ", text).strip()


def plain_title(title):
    return re.sub(r"\s+", " ", html.unescape(TAG_RE.sub("", title))).strip()


def md(s):
    return s.replace("|", "\\|")


def code(s):
    """Markdown inline code that survives backticks inside s."""
    fence = "`" * (max((len(m) for m in re.findall(r"`+", s)), default=0) + 1)
    pad = " " if "`" in s else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def load(path):
    root = ET.parse(path).getroot()
    channel = root.find("channel")
    items = []
    for it in channel.findall("item"):
        items.append({
            "id": wp(it, "post_id"),
            "type": wp(it, "post_type"),
            "status": wp(it, "status"),
            "password": wp(it, "post_password") or "",
            "slug": wp(it, "post_name") or "",
            "title": it.findtext("title") or "",
            "content": it.findtext(CONTENT) or "",
        })
    return channel.findtext("title"), items


def report(path):
    name = os.path.basename(path)
    chan_title, items = load(path)
    out = []
    p = out.append
    p(f"## {name}\n")
    p(f"Channel title: {chan_title!r}. `<item>` elements: **{len(items)}**.\n")

    # 1. type x status
    p("### Items by wp:post_type and wp:status\n")
    statuses = sorted({i["status"] for i in items})
    table = collections.Counter((i["type"], i["status"]) for i in items)
    types = sorted({i["type"] for i in items})
    p("| post_type | " + " | ".join(statuses) + " | total |")
    p("|---|" + "---|" * (len(statuses) + 1))
    for t in types:
        row = [str(table[(t, s)]) for s in statuses]
        p(f"| {t} | " + " | ".join(row) + f" | {sum(table[(t, s)] for s in statuses)} |")
    p("| **total** | " + " | ".join(str(sum(table[(t, s)] for t in types)) for s in statuses) + f" | {len(items)} |\n")

    ids = collections.Counter(i["id"] for i in items)
    dup_ids = sorted((k for k, v in ids.items() if v > 1), key=int)
    p(f"Distinct wp:post_id values: {len(ids)}. post_ids occurring more than once: {len(dup_ids)}"
      + (f" ({', '.join(dup_ids)}; types: {sorted({i['type'] for i in items if i['id'] in dup_ids})})" if dup_ids else "") + "\n")

    # 2. passwords
    pw = [i for i in items if i["password"].strip()]
    p(f"### Password-protected items (non-empty wp:post_password): {len(pw)}\n")
    for i in pw:
        p(f"- {i['type']} {i['id']} ({i['status']}): {i['title']!r}, password {i['password']!r}")
    p("")

    # 3. shared slugs
    by_slug = collections.defaultdict(list)
    for i in items:
        by_slug[i["slug"]].append(i)
    shared = {s: v for s, v in by_slug.items() if s and len(v) > 1}
    p(f"### Slugs (wp:post_name) shared by two or more items: {len(shared)} slugs, {sum(len(v) for v in shared.values())} items\n")
    if shared:
        p("| slug | type | id | title | status | note |")
        p("|---|---|---|---|---|---|")
        for s in sorted(shared, key=lambda x: (x.isdigit(), int(x) if x.isdigit() else 0, x)):
            same_id = len({i["id"] for i in shared[s]}) == 1
            for i in shared[s]:
                note = "same post_id repeated" if same_id else "different items"
                p(f"| {md(s)} | {i['type']} | {i['id']} | {md(i['title'])!r} | {i['status']} | {note} |")
        p("")
    empty = by_slug.get("", [])
    p(f"Items with an empty slug: {len(empty)}" + (": " + "; ".join(f"{i['type']} {i['id']} {i['title']!r} ({i['status']})" for i in empty) if empty else "") + "\n")

    # 4. percent-encoded slugs
    pct = [i for i in items if "%" in i["slug"]]
    p(f"### Percent-encoded slugs: {len(pct)}\n")
    for i in pct:
        p(f"- {i['type']} {i['id']} {i['title']!r}: {code(i['slug'])} -> {code(urllib.parse.unquote(i['slug']))}")
    p("")

    # 5. titles with markup, empty titles
    mark = [i for i in items if TAG_RE.search(i["title"]) or ENTITY_RE.search(i["title"])]
    p(f"### Titles containing HTML markup (tags or character references): {len(mark)}\n")
    for i in mark:
        p(f"- {i['type']} {i['id']} ({i['status']}): verbatim {code(i['title'])} -> user sees {code(plain_title(i['title']))}")
    notag = [i for i in items if ("<" in i["title"] or ">" in i["title"] or "&" in i["title"]) and i not in mark]
    for i in notag:
        p(f"- not markup (literal special characters, shown as is): {i['type']} {i['id']} {code(i['title'])}")
    empt = [i for i in items if not i["title"].strip() and i["type"] in INDEX_TYPES]
    p(f"\nPosts/pages with an empty title: {len(empt)}" + (": " + "; ".join(f"{i['type']} {i['id']} slug {i['slug']!r} ({i['status']})" for i in empt) if empt else "") + "\n")

    # 6. shortcodes in published posts/pages
    pub = [i for i in items if i["status"] == "publish" and i["type"] in INDEX_TYPES]
    occ = collections.Counter()
    itemcount = collections.Counter()
    with_sc = []
    for i in pub:
        names = [m.group(1) for m in SC_OPEN_RE.finditer(i["content"])]
        if names:
            with_sc.append(i)
        occ.update(names)
        itemcount.update(set(names))
    p(f"### Shortcodes in published posts/pages: {len(with_sc)} items contain at least one\n")
    p("| shortcode | items | occurrences (opening tags) |")
    p("|---|---|---|")
    for n in CORE_SHORTCODES:
        p(f"| [{n}] | {itemcount[n]} | {occ[n]} |")
    p("")
    for i in with_sc:
        names = collections.Counter(m.group(1) for m in SC_OPEN_RE.finditer(i["content"]))
        p(f"- {i['type']} {i['id']} {i['title']!r}: " + ", ".join(f"{k} x{v}" for k, v in sorted(names.items())))
    other = collections.Counter()
    for i in pub:
        for m in BRACKET_WORD_RE.finditer(i["content"]):
            if m.group(1) not in CORE_SHORTCODES:
                other[(i["id"], m.group(0))] += 1
    if other:
        p("\nBracketed text that is NOT a shortcode (must stay as text): "
          + "; ".join(f"item {k[0]}: {code(k[1])}" for k in sorted(other)))
    p("")

    # 7. expected index size
    idx = [i for i in pub if not i["password"].strip()]
    excluded_pw = [i for i in pub if i["password"].strip()]
    p("### Expected search-index records (status publish, no password, type post or page)\n")
    c = collections.Counter(i["type"] for i in idx)
    p(f"**{len(idx)}** records: {c['post']} posts + {c['page']} pages.\n")
    if excluded_pw:
        p("Published but excluded for their password: " + "; ".join(f"{i['type']} {i['id']} {i['title']!r}" for i in excluded_pw) + "\n")
    notpub = [i for i in items if i["type"] in INDEX_TYPES and i["status"] != "publish"]
    p("Posts/pages excluded for their status: " + ("; ".join(f"{i['type']} {i['id']} {i['title']!r} ({i['status']})" for i in notpub) if notpub else "none") + "\n")
    p("Indexable post ids: " + ", ".join(i["id"] for i in idx if i["type"] == "post") + "\n")
    p("Indexable page ids: " + ", ".join(i["id"] for i in idx if i["type"] == "page") + "\n")
    others = collections.Counter(i["type"] for i in items if i["type"] not in INDEX_TYPES)
    p("Other post types present (not indexed): " + (", ".join(f"{t} ({n})" for t, n in sorted(others.items())) if others else "none") + "\n")

    # 8. phrases
    p("### Published posts with a phrase a search must find (checked here, case-sensitive, in rendered text)\n")
    p("| id | title | phrase | found in that post | indexable items containing it |")
    p("|---|---|---|---|---|")
    byid = {i["id"]: i for i in idx}
    for pid, phrase in PHRASES.get(name, {}).items():
        i = byid.get(pid)
        found = bool(i) and phrase in render(i["content"])
        n = sum(1 for j in idx if phrase in render(j["content"]))
        p(f"| {pid} | {md(i['title']) if i else '(not indexable!)'} | {phrase} | {'yes' if found else 'NO'} | {n} |")
    p("")
    return "\n".join(out)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.normpath(os.path.join(here, "..", "..", "..", "..", "..", "shared", "realdocs", "wordpress"))
    d = sys.argv[1] if len(sys.argv) > 1 else default
    print("\n".join(report(os.path.join(d, f)) for f in FILES))


if __name__ == "__main__":
    main()
