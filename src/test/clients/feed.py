#!/usr/bin/python3
"""Reads MAP Search output the way Python clients do.

  feed.py [--content-type VALUE] FILE   parse an Atom (or RSS) document with feedparser
  feed.py --suggest FILE                decode an OpenSearch suggestions body strictly:
                                        json.loads(bytes.decode('utf-8'))
FILE may be '-' for standard input.

Feed mode prints one JSON object and exits 0 even when feedparser sets bozo (the caller decides):
  {"bozo": bool, "bozo_exception": str|null, "version": "atom10"|..., "encoding": str,
   "feed": {"title", "updated", "updated_parsed", "id", "links"},
   "entries": [{"id", "title", "link", "links", "updated", "updated_parsed", "published",
                "published_parsed", "summary", "authors"}, ...]}
A field feedparser did not find is null. *_parsed is feedparser's parsed date as an ISO 8601 UTC
string, null when it could not parse the date. --content-type passes the HTTP Content-Type header
the server sent, so feedparser weighs it against the XML declaration as it does for a fetched feed
(a mismatch shows as bozo). The bytes are handed to feedparser directly: it never fetches anything.
Exit 2 on wrong usage or an unreadable file.

Suggest mode prints the decoded JSON value (UTF-8, non-ASCII kept) and exits 0; exits 1 with the
error on stderr on a UnicodeDecodeError or a JSON error. A body that is valid JSON but not the
OpenSearch shape [query, [completions...], ...], or with a string that is '?', holds '??' or U+FFFD
(characters an encoder replaced before the bytes were written), gets a warning on stderr, exit
still 0: compare value[0] with the query sent to catch a lost character for certain.

Runs under a python3 that has feedparser: if the interpreter that started it lacks feedparser
(a pyenv python shadowing Debian's on PATH), it re-executes itself with /usr/bin/python3.
"""
import json
import os
import sys

DEBIAN_PYTHON = "/usr/bin/python3"


def die(code, message):
    sys.stderr.write("feed.py: %s\n" % message)
    sys.exit(code)


def read_bytes(path):
    try:
        if path == "-":
            return sys.stdin.buffer.read()
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        die(2, "cannot read %s: %s" % (path, e))


def emit(value):
    out = json.dumps(value, ensure_ascii=False, indent=2)
    sys.stdout.buffer.write(out.encode("utf-8") + b"\n")
    sys.stdout.flush()


def suggest(path):
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        die(1, "suggestions body is not valid UTF-8: %s" % e)
    try:
        value = json.loads(text)
    except ValueError as e:  # json.JSONDecodeError
        die(1, "suggestions body is not valid JSON: %s" % e)
    ok = (isinstance(value, list) and len(value) >= 2 and isinstance(value[0], str)
          and isinstance(value[1], list) and all(isinstance(s, str) for s in value[1]))
    if not ok:
        sys.stderr.write("feed.py: warning: not the OpenSearch suggestions shape "
                         "[query, [completions...], ...]\n")
    # Valid UTF-8 can still carry characters an encoder already replaced by '?' or U+FFFD.
    def strings(v):
        if isinstance(v, str):
            yield v
        elif isinstance(v, list):
            for x in v:
                yield from strings(x)
        elif isinstance(v, dict):
            for x in v.values():
                yield from strings(x)
    for s in strings(value):
        if "\ufffd" in s or "??" in s or s == "?":
            sys.stderr.write("feed.py: warning: %r looks like characters lost to an encoder "
                             "('?' or U+FFFD)\n" % s)
    emit(value)
    return 0


def iso(struct):
    if not struct:
        return None
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", struct)


def links(obj):
    return [dict(l) for l in obj.get("links", [])]


def feed(path, content_type):
    import feedparser
    raw = read_bytes(path)
    headers = {"content-type": content_type} if content_type else None
    d = feedparser.parse(raw, response_headers=headers)
    f = d.get("feed", {})
    result = {
        "bozo": bool(d.get("bozo")),
        "bozo_exception": (type(d["bozo_exception"]).__name__ + ": " + str(d["bozo_exception"]))
        if d.get("bozo_exception") is not None else None,
        "version": d.get("version") or None,
        "encoding": d.get("encoding") or None,
        "feed": {
            "title": f.get("title"),
            "updated": f.get("updated"),
            "updated_parsed": iso(f.get("updated_parsed")),
            "id": f.get("id"),
            "links": links(f),
        },
        "entries": [],
    }
    for e in d.get("entries", []):
        result["entries"].append({
            "id": e.get("id"),
            "title": e.get("title"),
            "link": e.get("link"),
            "links": links(e),
            "updated": e.get("updated"),
            "updated_parsed": iso(e.get("updated_parsed")),
            "published": e.get("published"),
            "published_parsed": iso(e.get("published_parsed")),
            "summary": e.get("summary"),
            "authors": [dict(a) for a in e.get("authors", [])],
        })
    emit(result)
    return 0


def main(argv):
    usage = "usage: feed.py [--content-type VALUE] FILE | feed.py --suggest FILE   (FILE may be -)"
    if len(argv) == 2 and argv[0] == "--suggest":
        return suggest(argv[1])
    content_type = None
    if len(argv) == 3 and argv[0] == "--content-type":
        content_type, argv = argv[1], argv[2:]
    if len(argv) != 1 or argv[0].startswith("--"):
        die(2, usage)
    try:
        import feedparser  # noqa: F401
    except ImportError:
        if os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON) and os.access(DEBIAN_PYTHON, os.X_OK):
            os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])
        die(2, "feedparser is not installed for %s (apt-get install python3-feedparser)" % sys.executable)
    return feed(argv[0], content_type)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
