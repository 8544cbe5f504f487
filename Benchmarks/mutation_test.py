# Mutation testing of a bundled derivation: every mutant changes one operator of the file (outside
# comments and strings): + <-> -, * <-> /, ^ -> *, max <-> min. Each mutant is verified with the release
# build; it is caught when verify does not pass (a claim fails, is undecided or errs, or the file no longer
# reads). Prints each surviving mutant, so that equivalent ones can be told apart by reading them, and the
# rate.
# Run: swift build -c release --product phasecheck && python3 Benchmarks/mutation_test.py derivations/shi_spring_block.phc [PARALLEL]
import json, re, subprocess, sys, tempfile, os
from concurrent.futures import ThreadPoolExecutor

path = sys.argv[1]
parallel = int(sys.argv[2]) if len(sys.argv) > 2 else 2
binary = os.environ.get('PHASECHECK', '.build/release/phasecheck')
lines = open(path).read().split('\n')

SWAPS = {'+': '-', '-': '+', '*': '/', '/': '*', '^': '*', 'max': 'min', 'min': 'max'}
TOKEN = re.compile(r'max(?=\()|min(?=\()|[-+*/^]')

def code_spans(line):
    """The parts of a line that are code: before a `#`, outside double quotes."""
    spans, start, quoted = [], 0, False
    for i, c in enumerate(line):
        if c == '"':
            if not quoted: spans.append((start, i))
            quoted = not quoted
            start = i + 1
        elif c == '#' and not quoted:
            spans.append((start, i)); return spans
    spans.append((start, len(line)))
    return spans

mutants = []
for n, line in enumerate(lines):
    for a, b in code_spans(line):
        for m in TOKEN.finditer(line, a, b):
            if m.end() > b: continue
            if m.group() == '-' and line[m.start() + 1:m.start() + 2] == '>': continue   # `->` of a map
            mutated = line[:m.start()] + SWAPS[m.group()] + line[m.end():]
            mutants.append((n + 1, m.start() + 1, m.group(), SWAPS[m.group()], mutated))

def run(mutant):
    line, column, old, new, text = mutant
    body = lines[:line - 1] + [text] + lines[line:]
    with tempfile.NamedTemporaryFile('w', suffix='.phc', delete=False) as f:
        f.write('\n'.join(body)); name = f.name
    try:
        r = subprocess.run([binary, 'verify', name, '--format', 'json', '--jobs', '1', '--max-seconds', '40'],
                           capture_output=True, text=True, timeout=600)
    finally:
        os.unlink(name)
    if r.returncode == 2: return 'unreadable'
    statuses = [c['status'] for f in json.loads(r.stdout)['files'] for c in f['claims']]
    if r.returncode == 0: return 'survived'
    return 'fails' if 'fails' in statuses else ('error' if 'error' in statuses else 'undecided')

with ThreadPoolExecutor(parallel) as pool:
    outcomes = list(pool.map(run, mutants))
counts = {}
for mutant, outcome in zip(mutants, outcomes):
    counts[outcome] = counts.get(outcome, 0) + 1
    if outcome == 'survived':
        print(f'survived: line {mutant[0]} column {mutant[1]}: {mutant[2]} -> {mutant[3]}:  {mutant[4].strip()}')
caught = len(mutants) - counts.get('survived', 0)
print(f'{len(mutants)} mutants: {counts}; caught {caught} ({100 * caught / len(mutants):.1f}%)')
