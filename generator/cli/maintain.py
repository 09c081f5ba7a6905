"""The maintainers' commands: `dmf diff`, `dmf release`, `dmf new topic` and `dmf import odi-json`.

generator.cli parses them (maintain_args.py) and hands them to run().
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

from pydantic import ValidationError

from generator.framework import todos
from generator.framework.load import load_framework, shown_path
from generator.framework.model import LANGUAGE_PATTERN, SEMVER_PATTERN, Model, Release
from generator.versions.diff import diff_between, text
from generator.versions.releases import RELEASES_DIR, current_release, release_json, release_path
from generator.yamlio.problems import InputError, Problem


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    try:
        if args.command == "diff":
            return _diff(args)
        if args.command == "release":
            return _release(args)
        if args.command == "new":
            return _new_topic(args)
        return _import(args)
    except InputError as err:
        _err(err.report())
        _err(f"{len(err.problems)} problem(s) found; nothing was written.")
        return 1


def check_todos(framework: Path, model: Model, strict: bool) -> int:
    """After `dmf validate`: list text still marked TODO; with strict, any left is a failure."""
    found = todos.find(framework, model)
    if not found:
        return 0
    if strict:
        for p in found:
            _err(p.report())
        _err(f"{len(found)} place(s) still say TODO: write them before you release.")
        return 1
    _err(f"Note: {len(found)} place(s) still say TODO, such as {found[0]}. `dmf validate --strict` lists them all.")
    return 0


def _load_release(path: Path) -> Release:
    shown = shown_path(path)
    try:
        return Release.model_validate(json.loads(path.read_bytes()))
    except json.JSONDecodeError as err:
        raise InputError(
            [Problem(shown, err.lineno, err.colno, "", f"not valid JSON: {err.msg}", code="json-syntax")]
        ) from None
    except ValidationError as err:
        raise InputError(
            [Problem(shown, 1, None, "", f"not a released copy: {err.errors()[0]['msg']}", code="release-unreadable")]
        ) from None


def _resolve(arg: str, framework: Path, base: list[Model]) -> tuple[Release, Model | None]:
    """A diff side from a folder, a .json released copy, or a version of the --framework folder."""
    path = Path(arg)
    if path.is_dir():
        model = load_framework(path)
        return current_release(model), model
    if path.is_file():
        return _load_release(path), None
    if re.fullmatch(SEMVER_PATTERN, arg):
        if not base:
            base.append(load_framework(framework))
        model = base[0]
        if arg == model.framework.version:
            return current_release(model), model
        for r in model.history.releases:
            if r.framework.version == arg:
                return r, model
        known = [r.framework.version for r in model.history.releases] + [model.framework.version]
        where = shown_path(framework / RELEASES_DIR)
        raise InputError(
            [
                Problem(
                    where,
                    1,
                    None,
                    "",
                    f"no released copy of {arg} (known versions: {', '.join(known)})",
                    code="unknown-version",
                )
            ]
        )
    raise InputError(
        [
            Problem(
                arg,
                1,
                None,
                "",
                "not a framework folder, a released copy (.json) or a version such as 1.2.0",
                code="unknown-version",
            )
        ]
    )


def _diff(args: argparse.Namespace) -> int:
    base: list[Model] = []
    old, _ = _resolve(args.old, args.framework, base)
    new, new_model = _resolve(args.new, args.framework, base)
    # The later side's changes.yml says how ids moved; a bare released copy borrows the framework folder's.
    source = new_model or (base[0] if base else None)
    if source is None and args.framework.is_dir():
        source = load_framework(args.framework)
    print(text(diff_between(old, new, source)), end="")
    return 0


def _release(args: argparse.Namespace) -> int:
    model = load_framework(args.framework)
    version = model.framework.version
    path = release_path(args.framework, version)
    if args.check_tag:
        if args.check_tag not in (f"v{version}", version):
            _err(f"tag {args.check_tag} does not match the framework's version {version}: tag v{version} instead")
            return 1
        if not path.is_file():
            _err(f"{shown_path(path)} is missing: run `dmf release`, commit the file, then tag again")
            return 1
        print(f"{args.check_tag}: the framework is version {version} and its released copy is {shown_path(path)}.")
        return 0
    if check_todos(args.framework, model, strict=True):
        return 1
    content = release_json(model)
    if path.is_file():
        if path.read_text(encoding="utf-8") == content:
            print(f"{version} is already released as {shown_path(path)}; nothing to do.")
            return 0
        _err(f"{shown_path(path)} exists and differs from the framework: raise the version in framework.yml")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    print(f"Released {version}: wrote {shown_path(path)}.")
    print("Next: commit it in a pull request; once merged, tag the commit and push the tag to publish:")
    print(f"  git tag v{version} && git push origin v{version}")
    return 0


def _new_topic(args: argparse.Namespace) -> int:
    from generator.framework.scaffold import ScaffoldError, new_topic

    try:
        made = new_topic(args.framework, args.id, args.theme, args.title, args.questions)
    except ScaffoldError as err:
        _err(f"dmf new topic: {err}")
        return 1
    print(
        f"Wrote {shown_path(made.path)}, listed in theme '{args.theme}' in {shown_path(args.framework / 'framework.yml')}."
    )
    print(f"{made.todos} places say TODO: replace each with real text. `dmf validate --strict` lists those left.")
    if not made.layout_kept:
        _err("Note: framework.yml's layout could not be kept exactly; look over its diff before you commit.")
    print(f"Preview it with: dmf serve --framework {args.framework}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from generator.importers.odi import OptionError, import_file

    released = args.released or dt.date.today()
    _err(f"Importing {args.file} into {args.out}/ ...")
    if not re.fullmatch(SEMVER_PATTERN, args.version):
        _err(f"--version {args.version} is not a semantic version such as 0.1.0")
        return 1
    if not re.fullmatch(LANGUAGE_PATTERN, args.language):
        _err(f"--language {args.language} is not a language tag such as en, cy or en-GB")
        return 1
    try:
        report = import_file(
            args.file,
            args.out,
            released=released,
            version=args.version,
            language=args.language,
            crossing_name=args.crossing_name,
            crossing_plural=args.crossing_plural,
        )
    except (FileExistsError, OptionError) as err:
        _err(str(err))
        return 1
    print(report.text(args.out), end="")
    return 0
