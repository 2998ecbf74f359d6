"""Speed of the whole pipeline as ratios against the raw tools, measured in one run.

    python benchmarks/speed.py [--repeat N] [--pdfs FOLDER ...] [--scans FOLDER ...]
                               [--others FOLDER ...] [--no-camelot]

Every figure of issue 18's acceptance, each a ratio of two timings taken side by side
(interleaved, median of ``--repeat`` runs), so that other work on a shared machine weighs
on both sides alike; wall-clock seconds and the CPU seconds of the processes are shown:

1. Ten text PDFs, whole process: ``reportextract run`` into a new dataset against one
   Python process running pdfplumber's ``extract_tables`` on every page of the same files
   (target <= 0.5x); one text PDF the same way (target <= 1.5x); and how long after its
   start ``reportextract run`` has its first report (target <= 0.3 s).
2. In process, after warm-up: ``extract`` per text PDF against ``extract_tables`` alone
   (target <= 0.25x), and camelot's lattice flavour alone for reference.
3. Scans: ``extract`` per page against one plain full-page RapidOCR pass over the same
   pages rendered at 200 dpi (RapidOCR's own pipeline and settings, one thread like ours;
   target <= 0.5x), and the cells exact against the truth files beside the scans
   (target >= 99.5%, no table lost); then the peak resident memory of the process that
   reads a scan as a batch does (a child forked from a warmed-up worker) against a
   process making the plain RapidOCR pass over the same file (target <= 400 MB).
4. Documents per second of ``extract`` for the other formats.

The processes of part 1 start, like pdfplumber's, from bytecode: the package's modules are
compiled once before the timings (what ``pip install`` does; where PYTHONDONTWRITEBYTECODE
is set, an editable install otherwise compiles every module at every start, ~0.2 s);
``--from-source`` leaves them as they are.

The text PDFs default to the real ones of ../shared/real and generated ones of corpus/
(ten in all); the scans to corpus/'s. Generated sets: ``python -m reportextract.synth DIR
--count N --seed S --formats pdf`` (or ``scan``) and ``--pdfs DIR/samples``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REAL = REPO.parent / "shared" / "real" / "docs"
CORPUS = REPO / "corpus" / "samples"

PLUMBER = """
import sys, pdfplumber
for name in sys.argv[1:]:
    with pdfplumber.open(name) as pdf:
        for page in pdf.pages:
            page.extract_tables()
"""

# `reportextract run`, telling (on stderr) when its first report arrives and how long its
# end takes (from the last report to the end of `main`: the flush, the dataset-wide steps,
# datapackage.json).
FIRST_REPORT = """
import sys, time
launched = float(sys.argv[1])
from reportextract import batch
add = batch.Summary.add
last = []
def timed(self, report, peak_rss_mb=0.0):
    if not self.processed:
        print(f"first-report {time.time() - launched:.4f}", file=sys.stderr)
    last[:] = [time.time()]
    return add(self, report, peak_rss_mb)
batch.Summary.add = timed
from reportextract.cli import main
try:
    main(sys.argv[2:])
finally:
    if last:
        print(f"end-of-run {time.time() - last[0]:.4f}", file=sys.stderr)
"""


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def process(args: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of a child process (and its children), and its stderr."""
    cpu = children_cpu()
    wall = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - wall
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{args[:3]} failed: {done.stderr[-2000:]}")
    return wall, children_cpu() - cpu, done.stderr


def plumber_process(pdfs: list[Path]) -> tuple[float, float]:
    wall, cpu, _ = process([sys.executable, "-c", PLUMBER, *map(str, pdfs)])
    return wall, cpu


def run_process(pdfs: list[Path]) -> tuple[float, float, float]:
    """Wall and CPU seconds of ``reportextract run`` on the files into a new dataset, the
    seconds from its launch to its first report, and from its last report to its end."""
    out = Path(tempfile.mkdtemp(prefix="speed-run-"))
    try:
        launched = time.time()
        wall, cpu, err = process(
            [
                sys.executable,
                "-c",
                FIRST_REPORT,
                repr(launched),
                "run",
                *map(str, pdfs),
                "--out",
                str(out / "data"),
                "--no-progress",
            ]
        )
    finally:
        shutil.rmtree(out, ignore_errors=True)

    def stamp(name: str) -> float:
        lines = err.splitlines()
        return next((float(line.split()[1]) for line in lines if line.startswith(name)), math.nan)

    return wall, cpu, stamp("first-report"), stamp("end-of-run")


def side_by_side(
    ours: Callable[[], tuple[float, ...]], theirs: Callable[[], tuple[float, ...]], repeat: int
) -> tuple[list[float], list[float]]:
    """Medians of each figure of ``ours()`` and ``theirs()``, run alternately."""
    a: list[tuple[float, ...]] = []
    b: list[tuple[float, ...]] = []
    for _ in range(repeat):
        a.append(ours())
        b.append(theirs())
    return [statistics.median(x) for x in zip(*a, strict=True)], [
        statistics.median(x) for x in zip(*b, strict=True)
    ]


def whole_process(pdfs: list[Path], repeat: int) -> None:
    print("1. Whole process (wall s / CPU s of the process tree), median of", repeat)
    ten = pdfs[:10]
    pages = _pages(ten)
    ours, theirs = side_by_side(lambda: run_process(ten), lambda: plumber_process(ten), repeat)
    print(
        f"   {len(ten)} text PDFs ({pages} pages): reportextract run {ours[0]:.2f} / {ours[1]:.2f}; "
        f"pdfplumber extract_tables {theirs[0]:.2f} / {theirs[1]:.2f}; "
        f"ratio {ours[0] / theirs[0]:.2f}x wall, {ours[1] / theirs[1]:.2f}x CPU (target <= 0.5x); "
        f"its end (last report to exit: background loading left, flush, dataset-wide steps) "
        f"{ours[3]:.2f} s, {ours[3] / ours[0]:.0%} of its wall"
    )
    one = [max(ten, key=lambda p: p.stat().st_size)]
    ours, theirs = side_by_side(lambda: run_process(one), lambda: plumber_process(one), repeat)
    print(
        f"   one text PDF ({one[0].name}, {_pages(one)} pages): reportextract run {ours[0]:.2f} / "
        f"{ours[1]:.2f}; pdfplumber {theirs[0]:.2f} / {theirs[1]:.2f}; ratio {ours[0] / theirs[0]:.2f}x "
        f"wall, {ours[1] / theirs[1]:.2f}x CPU (target <= 1.5x)"
    )
    print(
        f"   first report {ours[2]:.2f} s after reportextract run started (target <= 0.3 s); "
        f"python itself starts in {_python_start():.2f} s"
    )


def compile_package() -> str:
    """Compile the imported package's modules to bytecode (read even where
    PYTHONDONTWRITEBYTECODE keeps Python from writing it); where they are."""
    import compileall

    import reportextract

    folder = Path(reportextract.__file__).parent
    compileall.compile_dir(folder, quiet=1)
    return str(folder)


def _python_start() -> float:
    return statistics.median(process([sys.executable, "-c", "pass"])[0] for _ in range(3))


def _pages(pdfs: list[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in pdfs:
        pdf = pdfium.PdfDocument(path)
        total += len(pdf)
        pdf.close()
    return total


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def plumber_tables(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def camelot_lattice(path: Path) -> None:
    import camelot

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        camelot.read_pdf(str(path), pages="all", flavor="lattice")


def in_process(pdfs: list[Path], repeat: int, with_camelot: bool) -> None:
    from reportextract.pipeline import extract

    for path in pdfs:  # warm-up: imports, caches, the first document's one-off work
        extract(path)
        plumber_tables(path)
    print("2. In process, after warm-up (wall s / CPU s per document), median of", repeat)
    sums: dict[str, float] = defaultdict(float)
    print(f"   {'document':40} {'pipeline':>13} {'pdfplumber':>13} {'ratio':>7}")
    for path in pdfs:
        ours, theirs = side_by_side(
            lambda p=path: timed(lambda: extract(p)),
            lambda p=path: timed(lambda: plumber_tables(p)),
            repeat,
        )
        for key, value in (("ours", ours), ("theirs", theirs)):
            sums[key + "_wall"] += value[0]
            sums[key + "_cpu"] += value[1]
        print(
            f"   {path.name[:40]:40} {ours[0]:6.3f}/{ours[1]:.3f} {theirs[0]:6.3f}/{theirs[1]:.3f} "
            f"{ours[0] / theirs[0]:6.2f}x"
        )
    print(
        f"   all {len(pdfs)}: pipeline {sums['ours_wall']:.2f} s, pdfplumber {sums['theirs_wall']:.2f} s: "
        f"ratio {sums['ours_wall'] / sums['theirs_wall']:.2f}x wall, "
        f"{sums['ours_cpu'] / sums['theirs_cpu']:.2f}x CPU (target <= 0.25x)"
    )
    if with_camelot:
        camelot = sum(timed(lambda p=p: camelot_lattice(p))[0] for p in pdfs)
        print(
            f"   camelot lattice alone {camelot:.2f} s: pipeline/camelot {sums['ours_wall'] / camelot:.2f}x"
        )


def scans(paths: list[Path], repeat: int) -> None:
    import pypdfium2 as pdfium
    from rapidocr import RapidOCR

    from reportextract.pipeline import extract
    from reportextract.truth import compare_cells

    if not paths:
        return
    threads = int(os.environ.get("REPORTEXTRACT_OCR_THREADS", "1"))
    plain_engine = RapidOCR(
        params={
            "Global.log_level": "error",
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )

    def plain(path: Path) -> None:
        pdf = pdfium.PdfDocument(path)
        try:
            for index in range(len(pdf)):
                bitmap = pdf[index].render(scale=200 / 72)
                plain_engine(bitmap.to_numpy()[:, :, :3].copy())
        finally:
            pdf.close()

    extract(paths[0])  # warm-up: the models
    plain(paths[0])
    from reportextract.readers.ocr.engine import describe

    print(
        f"3. Scans ({len(paths)} documents; {threads} inference thread(s) on both sides; "
        f"our recognition on {describe()}, the plain pass on onnxruntime)"
    )
    pages = exact = total = lost = 0
    ours_wall = ours_cpu = plain_wall = plain_cpu = 0.0
    for path in paths:
        reports: list = []
        ours, theirs = side_by_side(
            lambda p=path, r=reports: timed(lambda: r.append(extract(p))),
            lambda p=path: timed(lambda: plain(p)),
            repeat,
        )
        report = reports[-1]
        pages += report.pages or 0
        ours_wall += ours[0]
        ours_cpu += ours[1]
        plain_wall += theirs[0]
        plain_cpu += theirs[1]
        truth_path = path.parent.parent / "truth" / f"{path.name}.json"
        line = f"   {path.name[:40]:40} {report.pages} pages {ours[0] / theirs[0]:5.2f}x"
        if truth_path.exists():
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            result = compare_cells(report, truth)
            missing_tables = {c["table"] for c in truth["cells"]} - {c.table for c in report.cells}
            exact += result.exact
            total += result.total
            lost += len(missing_tables)
            line += f"  {result.exact}/{result.total} cells exact" + (
                f", tables lost: {sorted(missing_tables)}" if missing_tables else ""
            )
        print(line)
    print(
        f"   per page: extract {ours_wall / pages:.2f} s wall / {ours_cpu / pages:.2f} s CPU; "
        f"plain RapidOCR pass {plain_wall / pages:.2f} / {plain_cpu / pages:.2f}: ratio "
        f"{ours_wall / plain_wall:.2f}x wall, {ours_cpu / plain_cpu:.2f}x CPU (target <= 0.5x)"
    )
    if total:
        print(
            f"   cells exact {exact}/{total} = {exact / total:.2%} (target >= 99.5%); "
            f"tables lost: {lost} (target 0)"
        )


# A batch worker's way: warm up, then each document in a forked child; its peak RSS.
ISOLATED_PEAK = """
import sys
from reportextract.isolation import extract_isolated, warm_up
warm_up([".pdf"])
print(max(extract_isolated(p, p, 600, 0).peak_rss_mb for p in sys.argv[1:]))
"""

PLAIN_PEAK = """
import resource, sys
import pypdfium2 as pdfium
from rapidocr import RapidOCR
engine = RapidOCR(params={"Global.log_level": "error",
    "EngineConfig.onnxruntime.intra_op_num_threads": 1,
    "EngineConfig.onnxruntime.inter_op_num_threads": 1})
for name in sys.argv[1:]:
    pdf = pdfium.PdfDocument(name)
    for index in range(len(pdf)):
        engine(pdf[index].render(scale=200 / 72).to_numpy()[:, :, :3].copy())
    pdf.close()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def scan_memory(paths: list[Path]) -> None:
    """Peak RSS of a document process reading each scan, against a plain RapidOCR process."""
    ours = max(_peak_mb(ISOLATED_PEAK, path) for path in paths)
    plain = max(_peak_mb(PLAIN_PEAK, path) for path in paths)
    print(
        f"   peak resident memory reading one scan: document process {ours:.0f} MB; plain "
        f"RapidOCR process {plain:.0f} MB: ratio {ours / plain:.2f}x (target <= 400 MB per worker)"
    )


def _peak_mb(script: str, path: Path) -> float:
    """The peak RSS in MB that ``script`` prints last, run in a process of its own on ``path``."""
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    return float(done.stdout.split()[-1])


def others(folders: list[Path], repeat: int) -> None:
    from reportextract.pipeline import extract
    from reportextract.readers import sniff_format

    by_format: dict[str, list[Path]] = defaultdict(list)
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix.lower() in (".json", ".md", ".pdf"):
                continue
            try:
                by_format[sniff_format(path.read_bytes(), path.name)].append(path)
            except Exception:
                continue
    print("4. Documents per second of extract() on one core, other formats")
    for kind, paths in sorted(by_format.items()):
        best = min(timed(lambda ps=paths: [extract(p) for p in ps])[0] for _ in range(repeat))
        print(
            f"   {kind:8} {len(paths):4} documents  {len(paths) / best:8.1f} documents/s  "
            f"({best / len(paths) * 1000:.1f} ms each)"
        )


def default_pdfs() -> list[Path]:
    real = sorted(REAL.glob("*.pdf"))
    generated = [
        p for p in sorted(CORPUS.glob("*.pdf")) if not p.stem.endswith(("-scan", "-borderless"))
    ]
    return (real + generated)[:10]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pdfs", nargs="*", type=Path, help="folders of text PDFs")
    parser.add_argument("--scans", nargs="*", type=Path, help="folders of scanned PDFs")
    parser.add_argument("--others", nargs="*", type=Path, help="folders of other documents")
    parser.add_argument("--no-camelot", action="store_true", help="skip camelot (slow)")
    parser.add_argument("--skip", default="", help="parts to skip: 1,2,3,4")
    parser.add_argument(
        "--from-source",
        action="store_true",
        help="do not compile the package's bytecode before the whole-process timings",
    )
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    pdfs = (
        [p for folder in args.pdfs for p in sorted(folder.glob("*.pdf")) if "scan" not in p.stem]
        if args.pdfs
        else default_pdfs()
    )
    scanned = (
        [p for folder in args.scans for p in sorted(folder.glob("*-scan.pdf"))]
        if args.scans
        else sorted(CORPUS.glob("*-scan.pdf"))
    )
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if "1" not in skip and not args.from_source:
        print(f"bytecode of {compile_package()} compiled")
    elif "1" not in skip:
        print("from source: no bytecode compiled beforehand")
    if "1" not in skip:
        whole_process(pdfs, args.repeat)
    if "2" not in skip:
        in_process(pdfs[:10], args.repeat, not args.no_camelot)
    if "3" not in skip:
        scans(scanned, 1)
        scan_memory(scanned)
    if "4" not in skip:
        others(args.others or [REAL, CORPUS], args.repeat)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
