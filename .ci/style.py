"""The shape of the literate source, measured (issue 11): prints the figures, exits 1 if a limit is broken.

- export cells: median at most 12 lines, none over 40 (one definition per cell, then its prose and test);
- no code line in nbs/ over 120 characters (the rendered docs cut them off);
- no statements joined with `;` in vqrt/;
- the model modules import nothing from matplotlib, the data sets, the harnesses, the training loop or the CLI
  (their helpers are vqrt.devices);
- no module of vqrt/ nor script of bench/ imports another module's private (_underscored) names.
"""
import ast, json, pathlib, statistics, sys

root = pathlib.Path(__file__).resolve().parent.parent
MODELS = ['vae', 'vqvae', 'roundtrip', 'pixelcnn', 'transformer', 'priors', 'metrics']
FORBIDDEN = ('matplotlib', 'vqrt.data', 'vqrt.simulations', 'vqrt.experiments', 'vqrt.evaluation', 'vqrt.cli',
             'vqrt.train')
problems = []

sizes, long_lines = [], []
for path in sorted((root / 'nbs').glob('*.ipynb')):
    for cell in json.loads(path.read_text())['cells']:
        source = ''.join(cell['source'])
        if cell['cell_type'] != 'code':
            continue
        lines = source.splitlines()
        if lines and lines[0].startswith('#| export'):
            sizes.append(len(lines))
            if len(lines) > 40:
                problems.append(f'{path.name}: an export cell of {len(lines)} lines (at most 40): {lines[1][:60]}')
        long_lines += [f'{path.name}: {len(l)} characters: {l.strip()[:60]}' for l in lines if len(l) > 120]
median = statistics.median(sizes)
if median > 12:
    problems.append(f'median export cell {median} lines (at most 12)')
problems += long_lines

joined = 0
for path in sorted((root / 'vqrt').glob('*.py')):
    if path.name == '_modidx.py':
        continue
    tree = ast.parse(path.read_text())
    simple = [n for n in ast.walk(tree) if isinstance(n, ast.stmt) and not hasattr(n, 'body')]
    starts = sorted(n.lineno for n in simple)
    joined += sum(a == b for a, b in zip(starts, starts[1:]))
    if path.stem in MODELS:
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [('vqrt.' if node.level else '') + (node.module or '')]
            problems += [f'{path.name} imports {n}' for n in names if n.startswith(FORBIDDEN)]
if joined:
    problems.append(f'{joined} lines of vqrt/ hold more than one statement')

private = []  # `from vqrt.x import _name`, in the library and the benchmarks
for path in [p for p in sorted((root / 'vqrt').glob('*.py')) if p.name != '_modidx.py'] + sorted((root / 'bench').glob('*.py')):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or '').startswith('vqrt')):
            private += [f'{path.relative_to(root)} imports {node.module}.{a.name}' for a in node.names if a.name.startswith('_')]
problems += private

print(f'{len(sizes)} export cells: median {median} lines, longest {max(sizes)}; '
      f'{len(long_lines)} code lines over 120 characters; {joined} joined statements in vqrt/; '
      f'{len(private)} imports of private names')
for p in problems:
    print('  ' + p)
sys.exit(1 if problems else 0)
