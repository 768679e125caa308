"""What of the docs site can be checked without Quarto (issue 13); prints what it checked, exits 1 on a problem.

    python .ci/docs_check.py

1. `nbdev_proc_nbs` runs clean: exit status 0, and no cell that mixes imports with other code (nbdev executes
   such cells while building the docs, so a chapter's tests or training would run, or fail, at docs time).
   Quarto cannot be installed here and nbdev_proc_nbs only checks that a `quarto` exists before processing (it
   offers to install one otherwise), so where none is installed a stand-in that does nothing is put on PATH.
2. Every public function and class of `vqrt` has its `show_doc` in the processed notebook of its module, and the
   doc of each of its documented parameters is shown (fastcore renders docments as the commented signature).
   A function parameter without a docment is a problem; dataclass fields without a comment are counted.
3. `nbs/sidebar.yml` lists every notebook, and nothing that is not one; `nbs/nbdev.yml` is what nbdev generates
   from settings.ini (nbdev_proc_nbs leaves it as committed).
"""
import importlib, inspect, json, os, pathlib, re, shutil, subprocess, sys, tempfile
from fastcore.docments import docments

root = pathlib.Path(__file__).resolve().parent.parent
os.chdir(root)
problems = []

env = dict(os.environ)
if not shutil.which('quarto'):
    stub = pathlib.Path(tempfile.mkdtemp()) / 'quarto'
    stub.write_text('#!/bin/sh\necho "stand-in for quarto (.ci/docs_check.py)"\n')
    stub.chmod(0o755)
    env['PATH'] = f'{stub.parent}:{env["PATH"]}'
    print('quarto is not installed: a stand-in is on PATH for nbdev_proc_nbs (nothing is rendered)')
shutil.rmtree('_proc', ignore_errors=True)
run = subprocess.run(['nbdev_proc_nbs'], env=env, capture_output=True, text=True)
log = run.stdout + run.stderr
if run.returncode:
    problems.append(f'nbdev_proc_nbs failed:\n{log[-3000:]}')
mixed = log.count('Found cells containing imports and other code')
if mixed:
    problems.append(f'{mixed} cells mix imports with other code: nbdev runs them while building the docs')
print(f'nbdev_proc_nbs: exit status {run.returncode}, {mixed} cells that mix imports with code')

def plain(markdown: str) -> str:
    "Text without links and backticks: show_doc turns `name` into [`name`](page.html#name)."
    return re.sub(r'\[([^]]*)\]\([^)]*\)', r'\1', markdown).replace('`', '')


shown = documented = dataclass_fields = 0
undocumented_fields = []
for path in sorted(pathlib.Path('vqrt').glob('*.py')):
    if path.name.startswith('_'):
        continue
    source_nb = re.search(r'File to edit: \.\./nbs/(\S+\.ipynb)', path.read_text()).group(1)
    processed = json.loads((pathlib.Path('_proc') / source_nb).read_text())
    outputs = '\n'.join(''.join(o['data']['text/markdown']) for c in processed['cells'] if c['cell_type'] == 'code'
                        for o in c.get('outputs', []) if 'text/markdown' in o.get('data', {}))
    module = importlib.import_module(f'vqrt.{path.stem}')
    for name in module.__all__:
        obj = getattr(module, name)
        if not (inspect.isfunction(obj) or inspect.isclass(obj)) or not getattr(obj, '__module__', '').startswith('vqrt'):
            continue
        doc = re.search(rf'^#+ {re.escape(name)}\n(.*?)(?=^---$|\Z)', outputs, flags=re.M | re.S)
        if not doc:
            problems.append(f'{path.stem}.{name}: no show_doc in _proc/{source_nb}')
            continue
        shown += 1
        dataclass = hasattr(obj, '__dataclass_fields__')
        target = obj.__init__ if inspect.isclass(obj) and not dataclass else obj
        try:
            params = {k: v for k, v in docments(target, full=True).items() if k not in ('self', 'return')}
        except Exception:
            params = {}
        try:
            kinds = {p.name: p.kind for p in inspect.signature(target).parameters.values()}
        except (TypeError, ValueError):
            kinds = {}
        for param, info in params.items():
            if kinds.get(param) in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD):
                continue
            if info.get('docment') and dataclass:
                dataclass_fields += 1
            elif info.get('docment'):
                documented += 1
                if plain(info['docment']).split('\n')[0][:40] not in plain(doc.group(1)):
                    problems.append(f'{path.stem}.{name}: the doc of `{param}` is not in its show_doc')
            elif dataclass:
                undocumented_fields.append(f'{path.stem}.{name}.{param}')
            else:
                problems.append(f'{path.stem}.{name}: parameter `{param}` has no docment')
print(f'show_doc: {shown} public functions and classes shown, {documented} parameter docs found in them '
      f'({dataclass_fields} dataclass fields are documented in the source, but fastcore shows a dataclass as its '
      f'signature only); '
      f'{len(undocumented_fields)} dataclass fields without a comment')

listed = set(re.findall(r'^\s*- (\S+\.ipynb)\s*$', pathlib.Path('nbs/sidebar.yml').read_text(), flags=re.M))
notebooks = {p.name for p in pathlib.Path('nbs').glob('*.ipynb')}
if listed != notebooks:
    problems.append(f'nbs/sidebar.yml: missing {sorted(notebooks - listed)}, not notebooks {sorted(listed - notebooks)}')
generated = ['nbs/nbdev.yml', 'nbs/sidebar.yml']
changed = subprocess.run(['git', 'diff', '--name-only', '--', *generated], capture_output=True, text=True).stdout
changed += subprocess.run(['git', 'ls-files', '--others', '--', *generated], capture_output=True, text=True).stdout
changed = changed.strip()
if changed:
    problems.append(f'nbdev_proc_nbs changed {changed}: commit what it generates from settings.ini')
print(f'sidebar: {len(listed)} notebooks listed of {len(notebooks)}; nbdev.yml and sidebar.yml as committed: {not changed}')
for p in problems:
    print('  ' + p)
sys.exit(1 if problems else 0)
