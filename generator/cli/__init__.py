"""The `dmf` command: validate, build and preview a framework site.

Each command imports what it needs when it runs, so that `dmf build` with unchanged inputs (whose content
comes from the cache) never loads the framework model, pandas or the solver.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from generator.build import DEFAULT_CONFIG, BuildError, build_site
from generator.cli import maintain_args, results_args
from generator.site import engine
from generator.site.cache import cached_object
from generator.site.site_content import SiteContent
from generator.yamlio.problems import InputError


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Prepared:
    """What `dmf build` makes of its inputs before the site engine runs: kept whole in the build cache."""

    content: SiteContent
    summary: str  # what was checked, in one line (generator.inputs.summary)
    translation_warnings: tuple[str, ...]  # each a reported problem: a missing or stale translation


def prepare(framework: Path, results: Path) -> Prepared:
    """Load and check the inputs and make the site's content; raises InputError listing every problem."""
    from generator.inputs import load_framework_inputs
    from generator.results.load import has_results
    from generator.site import forked
    from generator.site.framework_files import framework_part

    loaded = load_framework_inputs(framework)
    # Everything but the benchmark pages needs only the framework: a second core makes it while this one
    # reads the results. (Started before pandas and numpy load, so the child never inherits their threads.)
    with_benchmarks = has_results(results)
    made = forked.started(lambda: framework_part(loaded.model, loaded.translations, with_benchmarks))
    try:
        from generator.inputs import load_inputs, summary
        from generator.site.content import content, published_figures

        inputs = load_inputs(framework, results, framework=loaded)
        warnings = tuple(p.report() for p in inputs.translation_warnings())
        published = published_figures(inputs)
        # The rows are summed up: let them go before the pages are made, so the two never take memory at once.
        inputs = dataclasses.replace(inputs, results=None)
        return Prepared(content(inputs, made, published), summary(inputs), warnings)
    finally:
        made.close()  # when the results had problems, the framework part is not wanted


def write_schemas(out_dir: Path) -> list[Path]:
    from generator.site.framework_json import SCHEMA_FILES, schema_json

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, cls in SCHEMA_FILES.items():
        path = out_dir / name
        path.write_text(schema_json(cls), encoding="utf-8")
        written.append(path)
    return written


def _translation_warnings(found: tuple[str, ...], strict: bool) -> int:
    """Say which translations are missing or stale; --strict refuses them, otherwise pages fall back and say so."""
    for report in found:
        _say(f"{'error' if strict else 'warning'}: {report}")
    if found:
        then = "refused by --strict" if strict else "their pages show the default language and say so"
        _say(f"{len(found)} translation(s) missing or stale: {then}.")
    return len(found)


def serve(framework: Path, results: Path, config: Path, dev_addr: str) -> None:
    """The live preview: every rebuild reads the inputs afresh; broken inputs show as a page of problems."""
    from generator.inputs import load_inputs
    from generator.site.content import content

    def load() -> SiteContent:
        try:
            return content(load_inputs(framework, results, preview=True))
        except InputError as err:
            raise engine.InputsBroken([str(p) for p in err.problems]) from None

    _say(f"Previewing {framework}/ and {results}/ at http://{dev_addr}/ (Ctrl+C stops it) ...")
    engine.serve(config, dev_addr, load, [framework, results])


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
    v.add_argument(
        "--strict",
        action="store_true",
        help="also fail while any text still says TODO, or a translation is missing or stale",
    )
    b = sub.add_parser("build", help="validate, then build the site; the old site stays if anything fails")
    inputs(b)
    b.add_argument("--site-dir", type=Path, default=Path("site"), help="where to write the site (default: site)")
    b.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="mkdocs config (default: mkdocs.yml)")
    b.add_argument(
        "--engine", choices=engine.ENGINES, default="mkdocs", help="site engine that builds the pages (default: mkdocs)"
    )
    s = sub.add_parser("serve", help="live preview that rebuilds when framework/, results/ or site_src/ change")
    inputs(s)
    s.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    s.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    sc = sub.add_parser("schema", help="write the JSON Schemas that editors use")
    sc.add_argument("--out", type=Path, default=Path("site_src/schema"))
    d = sub.add_parser("demo-results", help="write seeded synthetic results, marked as synthetic, for demonstrations")
    d.add_argument("--framework", type=Path, default=Path("framework"), help="framework folder (default: framework)")
    d.add_argument("--out", type=Path, default=Path("results"), help="results folder to write (default: results)")
    d.add_argument("--organisations", type=int, default=300, help="made-up organisations (default: 300)")
    d.add_argument("--seed", type=int, default=None, help="random seed; the same seed gives the same files")
    d.add_argument("--force", action="store_true", help="replace results that are not marked synthetic")
    maintain_args.add_commands(sub)
    results_args.add_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command in maintain_args.COMMANDS:
        from generator.cli import maintain

        return maintain.run(args)
    if args.command in results_args.COMMANDS:
        from generator.cli import results_cmd

        return results_cmd.run(args)
    if getattr(args, "results", ...) is None:
        args.results = args.framework.parent / "results"  # results answer the framework they sit beside
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s %(message)s")
    try:
        if args.command == "validate":
            from generator.cli import maintain
            from generator.inputs import load_inputs, summary

            inputs = load_inputs(args.framework, args.results)
            print(f"{args.framework}: valid. {summary(inputs)}")
            found = tuple(p.report() for p in inputs.translation_warnings())
            stale_or_missing = _translation_warnings(found, args.strict)
            if maintain.check_todos(args.framework, inputs.model, args.strict) or (args.strict and stale_or_missing):
                return 1
        elif args.command == "build":
            started = time.perf_counter()
            _say(f"Building {args.site_dir}/ from {args.framework}/ and {args.results}/ ...")
            # Unchanged inputs, code and libraries: the content the last build made, without loading anything.
            prepared = cached_object(
                "build", [args.framework, args.results], lambda: prepare(args.framework, args.results)
            )
            _translation_warnings(prepared.translation_warnings, strict=False)
            build_site(prepared.content, args.site_dir, args.config, args.engine)
            print(f"{args.framework}: valid. {prepared.summary}")
            print(f"Built {args.site_dir}/ in {time.perf_counter() - started:.1f} s. Preview it with: dmf serve")
        elif args.command == "serve":
            serve(args.framework, args.results, args.config, args.dev_addr)
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
        print(err.report(), file=sys.stderr)
        for note in getattr(err, "__notes__", []):  # e.g. the reconciliation of result rows
            print(note, file=sys.stderr)
        print(f"{len(err.problems)} problem(s) found; nothing was built.", file=sys.stderr)
        return 1
    except BuildError as err:
        print(f"cannot build: {err}", file=sys.stderr)
        print("The previous site was left as it was.", file=sys.stderr)
        return 1
    except engine.EngineError as err:
        print(f"build failed: {err}", file=sys.stderr)
        print("The previous site was left as it was.", file=sys.stderr)
        return 1
    return 0
