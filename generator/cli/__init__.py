"""The `dmf` command: validate, build and preview a framework site."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from generator.cli import maintain
from generator.inputs import Inputs, load_inputs_once, summary
from generator.site import pages as render
from generator.yamlio.problems import InputError

DEFAULT_CONFIG = "mkdocs.yml"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def validate(framework: Path, results: Path) -> Inputs:
    """Load and check every input; raise InputError with every problem found."""
    return load_inputs_once(framework, results)


def _summary(inputs: Inputs, framework: Path) -> str:
    return f"{framework}: valid. {summary(inputs)}"


def _point_plugin_at(framework: Path, results: Path) -> None:
    # mkdocs.yml reads these with !ENV, so `build` and `serve` hand the same folders to the plugin.
    os.environ["DMF_FRAMEWORK"] = str(framework.resolve())
    os.environ["DMF_RESULTS"] = str(results.resolve())


def build_site(framework: Path, results: Path, site_dir: Path, config_file: Path = Path(DEFAULT_CONFIG)) -> Inputs:
    """Validate, build into a temporary folder, then replace site_dir only if everything worked."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    inputs = validate(framework, results)
    _point_plugin_at(framework, results)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        config = load_config(str(config_file), site_dir=str(tmp), strict=True)
        build(config)
        _swap(tmp, site_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return inputs


def _swap(new: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, cls in render.SCHEMA_FILES.items():
        path = out_dir / name
        path.write_text(render.schema_json(cls), encoding="utf-8")
        written.append(path)
    return written


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dmf", description="Publish a data maturity framework as a website.")
    sub = p.add_subparsers(dest="command", required=True)

    def inputs(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--framework", type=Path, default=Path("framework"), help="framework folder (default: framework)"
        )
        sp.add_argument(
            "--results", type=Path, default=None, help="results folder (default: results/ beside the framework folder)"
        )

    v = sub.add_parser("validate", help="check the framework and results; list every problem")
    inputs(v)
    v.add_argument("--strict", action="store_true", help="also fail while any text still says TODO")
    b = sub.add_parser("build", help="validate, then build the site; the old site stays if anything fails")
    inputs(b)
    b.add_argument("--site-dir", type=Path, default=Path("site"), help="where to write the site (default: site)")
    b.add_argument("--config", type=Path, default=Path(DEFAULT_CONFIG), help="mkdocs config (default: mkdocs.yml)")
    s = sub.add_parser("serve", help="live preview that rebuilds when framework/, results/ or site_src/ change")
    inputs(s)
    s.add_argument("--config", type=Path, default=Path(DEFAULT_CONFIG))
    s.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    sc = sub.add_parser("schema", help="write the JSON Schemas that editors use")
    sc.add_argument("--out", type=Path, default=Path("site_src/schema"))
    d = sub.add_parser("demo-results", help="write seeded synthetic results, marked as synthetic, for demonstrations")
    d.add_argument("--framework", type=Path, default=Path("framework"), help="framework folder (default: framework)")
    d.add_argument("--out", type=Path, default=Path("results"), help="results folder to write (default: results)")
    d.add_argument("--organisations", type=int, default=300, help="made-up organisations (default: 300)")
    d.add_argument("--seed", type=int, default=None, help="random seed; the same seed gives the same files")
    d.add_argument("--force", action="store_true", help="replace results that are not marked synthetic")
    maintain.add_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command in maintain.COMMANDS:
        return maintain.run(args)
    if getattr(args, "results", ...) is None:
        args.results = args.framework.parent / "results"  # results answer the framework they sit beside
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s %(message)s")
    try:
        if args.command == "validate":
            inputs = validate(args.framework, args.results)
            print(_summary(inputs, args.framework))
            if maintain.check_todos(args.framework, inputs.model, args.strict):
                return 1
        elif args.command == "build":
            started = time.perf_counter()
            _say(f"Building {args.site_dir}/ from {args.framework}/ and {args.results}/ ...")
            inputs = build_site(args.framework, args.results, args.site_dir, args.config)
            print(_summary(inputs, args.framework))
            print(f"Built {args.site_dir}/ in {time.perf_counter() - started:.1f} s. Preview it with: dmf serve")
        elif args.command == "serve":
            from mkdocs.commands.serve import serve

            validate(args.framework, args.results)
            _point_plugin_at(args.framework, args.results)
            serve(config_file=str(args.config), dev_addr=args.dev_addr, livereload=True)
        elif args.command == "schema":
            for path in write_schemas(args.out):
                print(f"wrote {path}")
        elif args.command == "demo-results":
            from generator.framework.load import load_framework
            from generator.results.demo import DEFAULT_SEED, write_demo_results

            seed = DEFAULT_SEED if args.seed is None else args.seed
            model = load_framework(args.framework)
            _say(f"Writing synthetic results for {args.organisations} organisations (seed {seed}) to {args.out}/ ...")
            try:
                paths = write_demo_results(
                    model, args.out, organisations=args.organisations, seed=seed, force=args.force
                )
            except FileExistsError as err:
                print(err, file=sys.stderr)
                return 1
            for path in paths:
                print(f"wrote {path}")
    except InputError as err:
        print(err, file=sys.stderr)
        for note in getattr(err, "__notes__", []):  # e.g. the reconciliation of result rows
            print(note, file=sys.stderr)
        print(f"{len(err.problems)} problem(s) found; nothing was built.", file=sys.stderr)
        return 1
    except Exception as err:  # mkdocs reports build failures as Abort or PluginError
        from mkdocs.exceptions import MkDocsException

        if isinstance(err, MkDocsException):
            print(f"build failed: {err}", file=sys.stderr)
            print("The previous site was left as it was.", file=sys.stderr)
            return 1
        raise
    return 0
