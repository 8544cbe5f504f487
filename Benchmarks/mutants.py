#!/usr/bin/env python3
"""Mutation testing of a bundled derivation (issue 16): each mutant changes one operator of the file's model
(`let`, `ode`, `map` lines) -- + <-> -, * <-> /, or a power's exponent k -> k + 1 -- and is verified with the
release build; it is caught when some claim FAILS or cannot be evaluated (ERROR). A mutant is equivalent when
the mutated line is used by no claim (reported, and left out of the rate).

Usage: python3 Benchmarks/mutants.py derivations/meng_wang_contrastive.phc [--sample N] [--seed S]
  (after `swift build -c release --product phasecheck`). Sites inside lines longer than 2000 characters or inside
  the GENERATED block are sampled (N of them, seeded); the hand-written lines are mutated at every site.
"""
import json, random, re, subprocess, sys, tempfile, os, argparse

parser = argparse.ArgumentParser()
parser.add_argument('file')
parser.add_argument('--sample', type=int, default=20)
parser.add_argument('--seed', type=int, default=1)
parser.add_argument('--binary', default='.build/release/phasecheck')
parser.add_argument('--digits', default='30', help='digits every claim must reach (fewer run faster)')
parser.add_argument('--skip', type=int, default=0, help='skip the first N mutants (to resume a run)')
args = parser.parse_args()

text = open(args.file).read()
lines = text.split('\n')
generated = False
handwritten, sampled = [], []
for i, line in enumerate(lines):
    if line.startswith('# ---- GENERATED') or line.startswith('# ---- end of GENERATED'):
        generated = line.startswith('# ---- GENERATED')
        continue
    code = line.split('#', 1)[0]
    if not re.match(r'\s*(let|ode|map)\b|\s+\(', code):
        continue
    start = code.index('=') + 1 if re.match(r'\s*(let|ode|map)\b', code) and '=' in code else 0
    if code.lstrip().startswith('map'):
        start = code.index('->') + 2
    # Binary + and - (written with spaces), a leading minus, *, / and integer powers.
    for m in re.finditer(r'(?<=\s)[+\-](?=\s)|(?<=[=(\s])-(?=[\w(])|\*|/|\^(\d+)', code[start:]):
        site = (i, start + m.start(), m.group(0))
        (sampled if generated else handwritten).append(site)
random.seed(args.seed)
sites = (handwritten + random.sample(sampled, min(args.sample, len(sampled))))[args.skip:]

def mutate(site):
    i, col, op = site
    swap = {'+': '-', '-': '+', '*': '/', '/': '*'}
    new = swap.get(op) or '^' + str(int(op[1:]) + 1)
    if op == '-' and lines[i][col + 1] != ' ': new = ''   # a leading minus is dropped
    mutated = list(lines)
    mutated[i] = lines[i][:col] + new + lines[i][col + len(op):]
    return '\n'.join(mutated), f'line {i + 1} col {col + 1}: {op} -> {new}'

caught = survived = 0
survivors = []
for site in sites:
    source, label = mutate(site)
    with tempfile.NamedTemporaryFile('w', suffix='.phc', delete=False, dir='/tmp') as f:
        f.write(source)
    run = subprocess.run([args.binary, 'verify', f.name, '--format', 'json', '--digits', args.digits, '--max-seconds', '30'], capture_output=True, text=True)
    os.unlink(f.name)
    if run.returncode == 2:
        verdict, killed = 'input error', True
    else:
        claims = json.loads(run.stdout)['files'][0]['claims']
        statuses = [c['status'] for c in claims]
        killers = [c['name'] for c in claims if c['status'] in ('fails', 'error')]
        killed = bool(killers)
        verdict = ('caught by ' + '; '.join(killers[:2]) + (f' (+{len(killers) - 2})' if len(killers) > 2 else '')) if killed else \
            'SURVIVED (' + ', '.join(f'{statuses.count(s)} {s}' for s in sorted(set(statuses))) + ')'
    caught += killed
    survived += not killed
    if not killed: survivors.append(label)
    print(f'{label:40s} {verdict}', flush=True)
print(f'{caught} of {caught + survived} mutants caught ({100 * caught / max(1, caught + survived):.1f}%); '
      f'{len(handwritten)} hand-written sites, {len(sites) - len(handwritten)} sampled of {len(sampled)} generated')
for s in survivors: print('  survived:', s)
