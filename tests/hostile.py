"""Helpers for the hostile-text tests: the payload corpus, placing it in every field, running dmf, and
looking for anything that could run in a reader's browser.

Product code is reached through the `dmf` command in a subprocess, so these tests keep working however
the package is laid out inside.
"""

from __future__ import annotations

import copy
import csv
import io
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import yaml

from .conftest import ROOT
from .factory import framework_dict, write_framework

PAYLOAD_FILE = Path(__file__).parent / "fixtures" / "payloads" / "payloads.yml"
CORPUS: dict[str, list[str]] = yaml.safe_load(PAYLOAD_FILE.read_text(encoding="utf-8"))
REFUSED = "links-disallowed"  # dmf validate must refuse these in prose fields
TOLERATED = "control"  # refused with file:line, or kept harmlessly; never a crash
QID = "@@QID@@"
# What a script-running payload does when it runs: call alert(N) or set window.__dmf_pwned.
SIGNAL = re.compile(r"alert|lert\(1\)|__dmf_pwned|atob\(")
SCRIPT_VECTOR = re.compile(r"<\s*script|\bon[a-z]+\s*=|javascript|vbscript|expression\(", re.I)
MESSAGE = re.compile(
    r"^(?P<file>[^\s:][^:\n]*):(?P<line>\d+)(?::(?P<col>\d+))?: (?:(?P<field>[\w.\[\]-]+): )?(?P<msg>\S.*)$", re.M
)


def shown_payloads() -> list[tuple[str, str]]:
    """(category, payload) for every payload that must build, show as text and never run."""
    return [(c, p) for c, ps in CORPUS.items() if c not in (REFUSED, TOLERATED) for p in ps]


def interleave(groups: Iterable[list[Any]]) -> list[Any]:
    """Round-robin over the groups, so that neighbours come from different groups."""
    groups = [list(g) for g in groups]
    out = []
    for i in range(max(map(len, groups), default=0)):
        out += [g[i] for g in groups if i < len(g)]
    return out


def multiline(text: str) -> bool:
    return "\n" in text.strip() or "\r" in text.strip()


def norm(text: str) -> str:
    """Text as a reader sees it: runs of white space are one space."""
    return " ".join(text.split())


# ---------- placing payloads ----------


@dataclass
class Slot:
    """One text field of one input file: where it is and whether it takes Markdown."""

    file: str  # relative to the framework folder, e.g. topics/topic-0.yml
    path: tuple  # keys into the file's data
    markdown: bool
    qid: str = "x"  # the id of the question this field belongs to, for payloads that end in {: #id

    @property
    def field(self) -> str:
        """The field as dmf names it in messages: questions[0].answers.3, steps[1].actions[2]."""
        out = ""
        for k in self.path:
            out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else str(k))
        return out

    @property
    def kind(self) -> str:
        """The field without its positions: questions[].answers, for grouping."""
        return re.sub(r"\[\d+\]", "[]", re.sub(r"\.\d+$|\.\d+(?=\.)", "", self.field))


@dataclass
class Placement:
    n: int  # the number its alert(n) or __dmf_pwned=n reports
    slot: Slot
    category: str
    payload: str  # as in the corpus
    text: str  # as placed: numbered signal, question id filled in

    def where(self) -> str:
        return f"#{self.n} {self.category} in {self.slot.file}: {self.slot.field}: {self.payload[:70]!r}"


def numbered(payload: str, n: int, qid: str) -> str:
    text = re.sub(r"alert\(1\)", f"alert({n})", payload)
    text = text.replace("__dmf_pwned=1", f"__dmf_pwned={n}")
    return text.replace(QID, qid)


def get(data: Any, path: tuple) -> Any:
    for k in path:
        data = data[k]
    return data


def put(data: Any, path: tuple, value: Any) -> None:
    get(data, path[:-1])[path[-1]] = value


def framework_slots(fw: dict, topics: dict[str, dict], changes: dict | None = None) -> list[Slot]:
    """Every text field of a framework (and its changes.yml), each once."""
    out = [Slot("framework.yml", ("title",), False), Slot("framework.yml", ("summary",), True)]
    out.append(Slot("framework.yml", ("licence",), False))
    for i, _ in enumerate(fw["levels"]):
        out += [
            Slot("framework.yml", ("levels", i, "name"), False),
            Slot("framework.yml", ("levels", i, "summary"), True),
        ]
    for i, _ in enumerate(fw["themes"]):
        out += [
            Slot("framework.yml", ("themes", i, "title"), False),
            Slot("framework.yml", ("themes", i, "summary"), True),
        ]
    if fw.get("crossing"):
        out += [
            Slot("framework.yml", ("crossing", "name"), False),
            Slot("framework.yml", ("crossing", "plural"), False),
        ]
        for i, cv in enumerate(fw["crossing"]["values"]):
            out.append(Slot("framework.yml", ("crossing", "values", i, "title"), False))
            if "summary" in cv:
                out.append(Slot("framework.yml", ("crossing", "values", i, "summary"), True))
    for tid, t in topics.items():
        f = f"topics/{tid}.yml"
        out += [Slot(f, ("title",), False), Slot(f, ("summary",), True), Slot(f, ("why_it_matters",), True)]
        out += [Slot(f, ("levels", n), True) for n in t["levels"]]
        for qi, q in enumerate(t["questions"]):
            out.append(Slot(f, ("questions", qi, "text"), False, q["id"]))
            if "hint" in q:
                out.append(Slot(f, ("questions", qi, "hint"), True))
            out += [Slot(f, ("questions", qi, "answers", n), False) for n in q["answers"]]
        for si, s in enumerate(t["steps"]):
            out += [Slot(f, ("steps", si, "actions", j), True) for j, _ in enumerate(s["actions"])]
            out.append(Slot(f, ("steps", si, "milestone"), True))
            out += [Slot(f, ("steps", si, "involve", j), False) for j, _ in enumerate(s["involve"])]
            out += [Slot(f, ("steps", si, "evidence", j), True) for j, _ in enumerate(s["evidence"])]
            out += [Slot(f, ("steps", si, "timescale"), False), Slot(f, ("steps", si, "sharing"), True)]
    if changes:
        for vi, v in enumerate(changes["versions"]):
            if "summary" in v:
                out.append(Slot("changes.yml", ("versions", vi, "summary"), True))
            out += [
                Slot("changes.yml", ("versions", vi, "ids", j, "note"), True)
                for j, c in enumerate(v["ids"])
                if "note" in c
            ]
    return out


def spread(
    slots: list[Slot],
    payloads: list[tuple[str, str]],
    *,
    per_singleton: int = 3,
    offset: int = 0,
    first_number: int = 1,
) -> list[Placement]:
    """Give every slot a payload and every payload a slot; fields that occur once get several payloads.

    Slots are visited round-robin over their kinds, so each kind of field gets a mix of categories.
    Payloads with line breaks only go to Markdown fields.
    """
    by_kind: dict[str, list[Slot]] = {}
    for s in slots:
        by_kind.setdefault(s.kind, []).append(s)
    visits = interleave([ss * (per_singleton if len(ss) == 1 else 1) for ss in by_kind.values()])
    # Categories take turns, so that each kind of field gets a mix of them.
    by_category: dict[str, list[tuple[str, str]]] = {}
    for p in payloads:
        by_category.setdefault(p[0], []).append(p)
    mixed = interleave(by_category.values())
    single = [p for p in mixed if not multiline(p[1])]
    multi = [p for p in mixed if multiline(p[1])]
    queues = {True: interleave([multi, single]), False: single}
    used: set[tuple[str, str]] = set()
    cursor = {True: offset, False: offset}
    out: list[Placement] = []
    n = first_number
    # Payloads that end in a question's own {: #id} go to question texts first.
    for_questions = [p for p in single if QID in p[1]]
    for slot in visits:
        queue = queues[slot.markdown]
        waiting = [p for p in for_questions if p not in used]
        if slot.qid != "x" and waiting:
            cat, payload = waiting[0]
        else:
            # Prefer a payload not used yet, so that every payload lands somewhere before any repeats.
            for _ in range(len(queue)):
                cat, payload = queue[cursor[slot.markdown] % len(queue)]
                cursor[slot.markdown] += 1
                fresh = (cat, payload) not in used and (QID not in payload or not waiting)
                if fresh or len(used) >= len(payloads):
                    break
        used.add((cat, payload))
        out.append(Placement(n, slot, cat, payload, numbered(payload, n, slot.qid)))
        n += 1
    return out


def apply(files: dict[str, Any], placements: list[Placement]) -> None:
    """Write the placed text into the files' data; several placements in one field are joined."""
    joined: dict[tuple[str, tuple], list[Placement]] = {}
    for p in placements:
        joined.setdefault((p.slot.file, p.slot.path), []).append(p)
    for (file, path), ps in joined.items():
        sep = "\n\n" if ps[0].slot.markdown else " "
        put(files[file], path, sep.join(p.text for p in ps))


# ---------- the fixture framework, in two versions ----------


def base_framework() -> tuple[dict, dict[str, dict]]:
    """Four topics of three questions, a crossing with summaries, two themes, and a hint on every question."""
    fw, topics = framework_dict(topics=4, questions=3, crossing=True)
    fw["themes"][0]["topics"] = ["topic-0", "topic-1"]
    fw["themes"].append(
        {"id": "theme-b", "title": "Theme B", "summary": "The second theme.", "topics": ["topic-2", "topic-3"]}
    )
    for cv in fw["crossing"]["values"]:
        cv["summary"] = f"What {cv['id']} covers."
    for t in topics.values():
        for q in t["questions"]:
            q["hint"] = f"A hint for {q['id']}."
        for s in t["steps"]:
            s["evidence"].append("More evidence.")
    return fw, topics


RENAMED_TOPIC = ("topic-3", "topic-9")
RENAMED_QUESTION = ("topic-0-q-2", "topic-0-q-9")


def second_version(fw: dict, topics: dict[str, dict]) -> tuple[dict, dict[str, dict], dict]:
    """Version 2.0.0: one topic and one question get new ids, noted in changes.yml."""
    fw, topics = copy.deepcopy(fw), copy.deepcopy(topics)
    fw["version"], fw["released"] = "2.0.0", "2026-06-01"
    old, new = RENAMED_TOPIC
    t = topics.pop(old)
    t["id"] = new
    topics[new] = t
    for th in fw["themes"]:
        th["topics"] = [new if x == old else x for x in th["topics"]]
    for t in topics.values():
        t["related"] = [new if x == old else x for x in t["related"]]
    qold, qnew = RENAMED_QUESTION
    for q in topics["topic-0"]["questions"]:
        if q["id"] == qold:
            q["id"] = qnew
    changes = {
        "versions": [
            {
                "version": "2.0.0",
                "summary": "What changed.",
                "ids": [
                    {"from": old, "to": [new], "note": "Why the topic moved."},
                    {"from": qold, "to": [qnew], "note": "Why the question moved."},
                ],
            }
        ]
    }
    return fw, topics, changes


def files_of(fw: dict, topics: dict[str, dict], changes: dict | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"framework.yml": fw} | {f"topics/{tid}.yml": t for tid, t in topics.items()}
    if changes is not None:
        out["changes.yml"] = changes
    return out


DUMP = dict(allow_unicode=True, sort_keys=False, default_flow_style=False, width=1_000_000)


def write_files(directory: Path, files: dict[str, Any]) -> Path:
    fw = files["framework.yml"]
    topics = {k.removeprefix("topics/").removesuffix(".yml"): v for k, v in files.items() if k.startswith("topics/")}
    write_framework(directory, fw, topics)
    if "changes.yml" in files:
        (directory / "changes.yml").write_text(yaml.safe_dump(files["changes.yml"], **DUMP), encoding="utf-8")
    return directory


def question_ids(topics: dict[str, dict]) -> list[str]:
    return [q["id"] for t in topics.values() for q in t["questions"]]


# ---------- results ----------

COLUMNS = ("respondent", "round", "org_type", "size_band", "framework_version", "question", "level")


def groups_doc(rounds: list[str], org_types: list[str], size_bands: list[str], labels: dict[str, str] | None = None):
    labels = labels or {}

    def values(kind: str, ids: list[str]) -> list[dict]:
        return [{"id": i, "label": labels.get(f"{kind}:{i}", i.replace("-", " ").capitalize())} for i in ids]

    return {
        "rounds": values("rounds", rounds),
        "org_types": values("org_types", org_types),
        "size_bands": values("size_bands", size_bands),
    }


def write_results(
    directory: Path, groups: dict, questions: list[str], version: str, per_group: int = 12, seed: int = 3
) -> Path:
    """Enough respondents in every org type and size band for every figure and chart to be shown."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "groups.yml").write_text(yaml.safe_dump(groups, **DUMP), encoding="utf-8")
    orgs = [g["id"] for g in groups["org_types"]]
    sizes = [g["id"] for g in groups["size_bands"]]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    who = 0
    for rnd in groups["rounds"]:
        for oi, org in enumerate(orgs):
            for k in range(per_group * max(1, len(sizes) // 2)):
                who += 1
                size = sizes[(k + oi) % len(sizes)]
                for qi, q in enumerate(questions):
                    level = 1 + (who * 7 + qi * 3 + seed) % 5
                    w.writerow([f"resp{who:05d}x", rnd["id"], org, size, version, q, level])
    (directory / "results.csv").write_text(buf.getvalue(), encoding="utf-8")
    return directory


# ---------- running dmf ----------


@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def tail(self, n: int = 4000) -> str:
        return f"$ dmf {' '.join(self.args)}\nexit {self.returncode}\n{self.output[-n:]}"


def dmf(*args: str | Path, timeout: int = 300) -> Run:
    """`python -m generator ARGS` from the repository root, as a maintainer runs it."""
    argv = [str(a) for a in args]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "generator", *argv],
        cwd=ROOT,
        capture_output=True,
        timeout=timeout,
        env=env,
    )
    return Run(argv, done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))


def build(framework: Path, results: Path, site: Path) -> Run:
    return dmf(
        "build", "--framework", framework, "--results", results, "--site-dir", site, "--config", ROOT / "mkdocs.yml"
    )


def messages(text: str) -> list[dict[str, str]]:
    return [m.groupdict() for m in MESSAGE.finditer(text)]


def reported_path(file: str) -> Path:
    """A path as a message shows it: relative to where dmf ran (the repository root) or absolute."""
    return (ROOT / file).resolve()


def field_matches(reported: str | None, expected: str) -> bool:
    """The reported field names the expected one, or a field inside it (positions as [n] or .n)."""
    if not reported:
        return False

    def canon(f: str) -> str:
        return re.sub(r"\[(\w+)\]", r".\1", f)

    r, e = canon(reported), canon(expected)
    return r == e or r.startswith(e + ".")


def yaml_lines(path: Path, keys: tuple) -> tuple[int, int]:
    """First and last line (1-based) of the key and value at keys in a YAML file."""
    node = yaml.compose(path.read_text(encoding="utf-8"))
    first = None
    for k in keys:
        if isinstance(node, yaml.MappingNode):
            for kn, vn in node.value:
                if kn.value == str(k):
                    first, node = kn.start_mark.line + 1, vn
                    break
            else:
                raise KeyError(k)
        else:
            node = node.value[k]
            first = node.start_mark.line + 1
    return first or 1, node.end_mark.line + 1


# ---------- what must never be in a built page ----------

URL_ATTRS = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "srcset",
    "ping",
    "codebase",
    "lowsrc",
    "dynsrc",
    "manifest",
    "icon",
}
# No exceptions: a clean build (Material included) writes no data: URL into any HTML attribute.
BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data):", re.I)
# Elements that only a payload could have put there: they run, embed or redirect.
NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "isindex", "foreignobject"}
NEVER |= {"animate", "set", "animatemotion", "animatetransform", "handler", "listener"}
# Elements page content may hold: what Markdown writes, plus the assessment page's own style and script,
# and the form with which the benchmarks overview marks the reader's own peer groups.
CONTENT_TAGS = set(
    "a abbr blockquote br caption code col colgroup dd del div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr img "
    "ins kbd li mark ol p path pre small span strong sub sup svg table tbody td tfoot th thead tr ul bdi bdo wbr "
    "details summary section form fieldset legend label select option".split()
)
SCRIPT_MARKERS = ("alert(", "__dmf_pwned", "msgbox", "atob(", "constructor(")


def url_scheme_text(value: str) -> str:
    """A URL as a browser reads its scheme: leading controls and spaces dropped, tabs and newlines removed."""
    return re.sub(r"[\t\n\r]", "", value).lstrip("".join(chr(c) for c in range(0x21)))


class _Scan(HTMLParser):
    def __init__(self, name: str):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.problems: list[str] = []
        self.article = 0
        self.script = False

    def flag(self, what: str) -> None:
        self.problems.append(f"{self.name}:{self.getpos()[0]}: {what}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs, end=True)

    def handle_starttag(self, tag, attrs, end: bool = False):
        tag = tag.lower()
        a = {k.lower(): (v or "") for k, v in attrs}
        for k, v in a.items():
            if k.startswith("on"):
                self.flag(f"<{tag}> has an event handler attribute {k}={v[:60]!r}")
            if k in URL_ATTRS and BAD_SCHEME.match(url_scheme_text(v)):
                self.flag(f"<{tag}> {k}={v[:60]!r}")
            if k in ("id", "name") and v == "__dmf_pwned":
                self.flag(f"<{tag}> {k}={v!r}: page text made an attribute")
            if k == "srcdoc":
                self.flag(f"<{tag}> has srcdoc")
            if k == "style" and re.search(r"expression\(|javascript:|position\s*:\s*fixed", v, re.I):
                self.flag(f"<{tag}> style={v[:60]!r}")
        if tag in NEVER:
            self.flag(f"<{tag}> element")
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            url = a.get("content", "").split("=", 1)[-1]
            if BAD_SCHEME.match(url_scheme_text(url.strip(" '\""))):
                self.flag(f"<meta refresh> to {url[:60]!r}")
        if tag == "script":
            self.script = not end
            if "src" in a and not re.match(r"^(?:\.\./|\./|/)?(?:[\w.-]+/)*[\w.-]+\.js$", a["src"]):
                self.flag(f"<script src={a['src'][:60]!r}>")
        if tag == "article" and not end:
            self.article += 1
        elif self.article and tag not in CONTENT_TAGS and tag not in ("script", "link", "article"):
            self.flag(f"<{tag}> element in the page content (raw HTML from text?)")
        elif self.article and tag == "link" and not re.match(r"^(?:\.\./)*assets/[\w.-]+\.css$", a.get("href", "")):
            self.flag(f"<link href={a.get('href', '')[:60]!r}> in the page content")

    def handle_endtag(self, tag):
        if tag == "article":
            self.article = max(0, self.article - 1)
        if tag == "script":
            self.script = False

    def handle_data(self, data):
        if self.script and any(m in data for m in SCRIPT_MARKERS):
            self.flag(f"inline script runs page text: {norm(data)[:80]!r}")


def html_problems(site: Path) -> list[str]:
    out = []
    for path in sorted(site.rglob("*.html")):
        scan = _Scan(path.relative_to(site).as_posix())
        scan.feed(path.read_text(encoding="utf-8", errors="replace"))
        scan.close()
        out += scan.problems
    return out


def svg_problems(site: Path) -> list[str]:
    """Charts must parse as XML and hold no script, handlers, script URLs or embedded documents."""
    out = []
    for path in sorted(site.rglob("*.svg")):
        name = path.relative_to(site).as_posix()
        if "/assets/" in f"/{name}":
            continue  # the theme's own icons
        try:
            root = ElementTree.fromstring(path.read_bytes())
        except ElementTree.ParseError as err:
            out.append(f"{name}: not well-formed XML: {err}")
            continue
        for el in root.iter():
            tag = el.tag.rsplit("}", 1)[-1].lower()
            if tag == "script" or tag in NEVER:
                out.append(f"{name}: <{tag}> element")
            for k, v in el.attrib.items():
                k = k.rsplit("}", 1)[-1].lower()
                if k.startswith("on"):
                    out.append(f"{name}: <{tag}> {k}={v[:60]!r}")
                if k in URL_ATTRS and BAD_SCHEME.match(url_scheme_text(v)):
                    out.append(f"{name}: <{tag}> {k}={v[:60]!r}")
    return out


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def static_texts(site: Path) -> dict[str, str]:
    """Each page's text as its HTML file holds it, without JavaScript, keyed by its path in the site."""
    out = {}
    for path in sorted(site.rglob("*.html")):
        p = _Text()
        p.feed(path.read_text(encoding="utf-8", errors="replace"))
        out[path.relative_to(site).as_posix()] = norm("".join(p.parts))
    return out


def svg_text(site: Path) -> str:
    """The text of every chart: its title, description and labels, each chart's text run together.

    A label a chart wraps over two lines still reads as one text here; one it mangles does not.
    """
    out = []
    for path in sorted(site.rglob("*.svg")):
        if "/assets/" in f"/{path.relative_to(site).as_posix()}":
            continue
        try:
            root = ElementTree.fromstring(path.read_bytes())
        except ElementTree.ParseError:
            continue
        out.append(norm(" ".join(root.itertext())))
    return "\n".join(out)


# ---------- in Chromium ----------

WATCH = """
(() => {
  // Dialogs are recorded instead of opened: a native dialog that opens while a page unloads hangs the
  // browser's navigation. The page-level dialog listener still catches any that open all the same.
  const record = (kind) => function (message) {
    const line = kind + '(' + String(message) + ')';
    try { (top.__dmfDialogs = top.__dmfDialogs || []).push(line); } catch (e) { (window.__dmfDialogs = window.__dmfDialogs || []).push(line); }
  };
  window.alert = record('alert');
  window.confirm = record('confirm');
  window.prompt = record('prompt');
  // Links that would leave the page are not followed; javascript:, vbscript: and data: ones are.
  document.addEventListener('click', (e) => {
    const a = e.target && e.target.closest && e.target.closest('a[href]');
    if (a && /^(https?|mailto|ftp|file|blob):/i.test(a.href)) e.preventDefault();
    const f = e.target && e.target.closest && e.target.closest('form');
    if (f) e.preventDefault();
  }, true);
  document.addEventListener('submit', (e) => e.preventDefault(), true);
})();
"""

INTERACT = """
() => {
  const focusable = 'a[href], area[href], button, input, select, textarea, summary, details, iframe, object, embed,'
    + ' [tabindex], [contenteditable], [autofocus], [accesskey]';
  let focused = 0;
  for (const el of document.querySelectorAll(focusable)) {
    try { el.focus(); el.blur(); focused += 1; } catch (e) {}
  }
  const root = document.querySelector('article') || document.body;
  const app = document.getElementById('dmf-assessment');
  const names = ['pointerover', 'mouseover', 'mouseenter', 'click', 'dblclick', 'focusin'];
  let touched = 0;
  for (const el of root.querySelectorAll('*')) {
    if (app && app.contains(el)) continue;  // the self-assessment's own controls: driven by its own tests
    for (const name of names) {
      try { el.dispatchEvent(new MouseEvent(name, {bubbles: true, cancelable: true, view: window})); } catch (e) {}
    }
    touched += 1;
  }
  for (const d of root.querySelectorAll('details')) d.open = !d.open;
  return {focused, touched};
}
"""

HOVER_SAMPLE = """
(limit) => {
  const root = document.querySelector('article') || document.body;
  const all = [...root.querySelectorAll('p, li, td, th, h1, h2, h3, h4, a, strong, em, code, span')];
  const words = /hover|cover|click|focus|alert|onmouse|pointer/i;
  const pick = all.filter((e) => words.test(e.textContent || '')).slice(0, limit);
  for (let i = 0; pick.length < limit && i < all.length; i += Math.max(1, Math.floor(all.length / limit))) pick.push(all[i]);
  window.__dmfTestPick = pick;
  return pick.length;
}
"""

HOVER_AT = """
(i) => {
  const e = window.__dmfTestPick[i];
  e.scrollIntoView({block: 'center'});
  const r = e.getBoundingClientRect();
  return [r.left + Math.min(r.width / 2, 20), r.top + r.height / 2, r.width > 0 && r.height > 0];
}
"""

FLAG = """
() => {
  // Each finding separately, so that one payload that ran on every page does not hide another.
  const found = [];
  const dialogs = window.__dmfDialogs || [];
  if (dialogs.length) { window.__dmfDialogs = []; found.push('dialogs opened: ' + dialogs.join(', ')); }
  const v = window.__dmf_pwned;
  if (v !== undefined && !(v instanceof Element) && !(v && v[0] instanceof Element)) found.push('window.__dmf_pwned = ' + String(v));
  const made = [...document.querySelectorAll('[id="__dmf_pwned"], [name="__dmf_pwned"]')];
  for (const e of made) found.push('an element made from text: ' + e.outerHTML.slice(0, 160));
  return found.length ? found.join(' | ') : null;
}
"""

PAGE_TEXT = """
() => {
  const b = document.body.cloneNode(true);
  b.querySelectorAll('script, style, template').forEach((e) => e.remove());
  const values = [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('\\n');
  return document.title + '\\n' + b.textContent + '\\n' + values;
}
"""


@dataclass
class Sweep:
    """What happened while every page and chart was open: things that ran, and each page's text."""

    ran: list[tuple[str, str, str]] = field(default_factory=list)  # (page, when, what ran)
    texts: dict[str, str] = field(default_factory=dict)
    pages: int = 0
    charts: int = 0

    @property
    def all_text(self) -> str:
        return "\n".join(self.texts.values())


def site_files(site: Path) -> tuple[list[str], list[str]]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    charts = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.svg")
        if "/assets/" not in f"/{p.relative_to(site).as_posix()}"
    )
    return pages, charts


def _serve(body: bytes) -> Callable[[Any], None]:
    def handler(route) -> None:
        route.fulfill(body=body, content_type="text/html; charset=utf-8")

    return handler


def sweep(
    browser,
    base: str,
    site: Path,
    *,
    hover: int = 8,
    search: Iterable[str] = (),
    on_page: Callable[[Any, str, Sweep], None] | None = None,
) -> Sweep:
    """Open every page and chart; focus everything, hover and click a sample; record what ran."""
    out = Sweep()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH)
    page = context.new_page()
    page.set_default_timeout(10000)
    current = {"url": ""}

    def on_dialog(dialog):
        out.ran.append((current["url"], "while open", f"a native {dialog.type}({dialog.message}) dialog opened"))
        try:
            dialog.dismiss()
        except Exception:  # the page may already have moved on
            pass

    page.on("dialog", on_dialog)
    context.on("page", lambda p: out.ran.append((current["url"], "while open", f"a window opened at {p.url}")))
    page.on("pageerror", lambda err: None)

    seen: set[tuple[str, str]] = set()

    def check(when: str) -> None:
        page.wait_for_timeout(30)
        try:
            flag = page.evaluate(FLAG)
        except Exception as err:  # navigated away (a javascript: or data: link was followed)
            flag = f"the page navigated away ({type(err).__name__}) to {page.url}"
        for part in flag.split(" | ") if flag else []:
            if (current["url"], part) not in seen:  # a flag once set stays set: say so once a page
                seen.add((current["url"], part))
                out.ran.append((current["url"], when, part))

    pages, charts = site_files(site)
    # Pages at old addresses send the reader on at once; hold them still so that their own text is checked.
    refresh = re.compile(rb"<meta[^>]*http-equiv=[\"']?refresh[^>]*>", re.I)
    for rel in pages:
        body = (site / rel).read_bytes()
        if refresh.search(body):
            context.route(f"{base}/{rel}", _serve(refresh.sub(b"", body)))
    for rel in pages:
        url = f"{base}/{rel}"
        current["url"] = rel
        page.goto(url, wait_until="load")
        check("on load")
        try:
            page.evaluate(INTERACT)
        except Exception as err:
            out.ran.append((rel, "when clicked", f"interacting failed ({err.__class__.__name__}): navigated away?"))
            page.goto(url, wait_until="load")
        check("when focused or clicked")
        if page.url.split("#")[0] != url.split("#")[0]:
            out.ran.append((rel, "when clicked", f"a click moved the page to {page.url}"))
            page.goto(url, wait_until="load")
        try:
            for i in range(page.evaluate(HOVER_SAMPLE, hover)):
                x, y, shown = page.evaluate(HOVER_AT, i)
                if shown:
                    page.mouse.move(x, y)
        except Exception:
            page.goto(url, wait_until="load")
        check("when hovered")
        if on_page is not None:
            on_page(page, rel, out)
            check("when used")
        out.texts[rel] = page.evaluate(PAGE_TEXT)
        out.pages += 1
    for rel in charts:
        current["url"] = rel
        page.goto(f"{base}/{rel}", wait_until="load")
        check("opened as a document")
        out.charts += 1
    terms = list(search)
    if terms:
        current["url"] = "search"
        page.goto(f"{base}/", wait_until="load")
        check("on load, before searching")  # what the home page itself ran is not the search's doing
        for term in terms:
            page.keyboard.press("/")
            box = page.locator("input.md-search__input")
            box.fill(term)
            try:
                page.locator(".md-search-result__item").first.wait_for(timeout=3000)
            except Exception:
                pass
            for item in page.locator(".md-search-result__item").all()[:6]:
                try:
                    item.hover(timeout=500)
                except Exception:
                    pass
            check(f"in search results for {term!r}")
            page.keyboard.press("Escape")
    context.close()
    return out


# ---------- workbooks ----------


def xlsx_cells(path: Path) -> dict[tuple[int, int, int], str]:
    """(sheet index, row, column) -> openpyxl data type for every cell that holds something."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    out = {}
    for si, ws in enumerate(wb.worksheets):
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    out[(si, c.row, c.column)] = c.data_type
    return out


def xlsx_formulas(path: Path) -> dict[tuple[int, int, int], str]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return {
        (si, c.row, c.column): str(c.value)
        for si, ws in enumerate(wb.worksheets)
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    }


ODS_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def ods_cells(path: Path) -> dict[tuple[int, int, int], tuple[str | None, str | None, str]]:
    """(sheet index, row, column) -> (formula, value type, text) for every cell that holds something."""
    t, o = "{" + ODS_NS["table"] + "}", "{" + ODS_NS["office"] + "}"
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("content.xml"))
    out = {}
    for si, table in enumerate(root.iter(f"{t}table")):
        r = 0
        for row in table.iter(f"{t}table-row"):
            rows = int(row.get(f"{t}number-rows-repeated", "1"))
            c = 0
            for cell in row:
                if cell.tag not in (f"{t}table-cell", f"{t}covered-table-cell"):
                    continue
                cols = int(cell.get(f"{t}number-columns-repeated", "1"))
                formula, vtype = cell.get(f"{t}formula"), cell.get(f"{o}value-type")
                text = "\n".join("".join(p.itertext()) for p in cell)
                if formula or vtype or text:
                    for dr in range(min(rows, 50)):
                        for dc in range(min(cols, 50)):
                            out[(si, r + dr + 1, c + dc + 1)] = (formula, vtype, text)
                c += cols
            r += rows
    return out


def summary(ran: list[tuple[str, str, str]], placements: list) -> list[str]:
    """One line per placement that ran, with the pages where and when; then anything not traced to one."""
    by_n = {p.n: p for p in placements}
    seen: dict[int, dict[str, list[str]]] = {}
    other = []
    for page, when, what in ran:
        ns = [int(a or b) for a, b in re.findall(r"alert\((\d+)\)|__dmf_pwned = (\d+)$", what)]
        traced = [n for n in dict.fromkeys(ns) if n in by_n]
        for n in traced:
            seen.setdefault(n, {}).setdefault(when, []).append(page)
        if not traced:
            other.append(f"{page} {when}: {what}")
    out = []
    for n in sorted(seen):
        wheres = "; ".join(
            f"{when}: {len(pages)} page(s) ({', '.join(sorted(set(pages))[:3])}{', ...' if len(set(pages)) > 3 else ''})"
            for when, pages in seen[n].items()
        )
        out.append(f"{by_n[n].where()}\n      ran {wheres}")
    return out + sorted(set(other))
