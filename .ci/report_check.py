"""Is the committed report one run of the code it ships? A report, not a test: it always exits 0.

A chapter (nbs/00-06) prints a provenance line read from its runs' records (`vqrt.checkpoint.provenance`):
'provenance: trained at 0.1.0+COMMIT; preset ...; device ...; precision ...' (a chapter that trains nothing:
'provenance: executed at' the code it ran with). This lists each chapter that
  - has no such line in its saved outputs (never executed with one, or executed before it printed one);
  - was trained at more than one commit, or at another commit than the other chapters;
  - was trained at a commit whose code differs from today's: vqrt/ changed since, or the chapter's code cells did;
  - was trained from uncommitted changes to vqrt/ (COMMIT.dirty), or by a run whose record names no commit.

    python .ci/report_check.py
"""
import json, re, subprocess
from collections import Counter
from pathlib import Path

root = Path(__file__).resolve().parent.parent
LINE = re.compile(r'^provenance: (?:trained|executed) at ([^;]*); preset ([^;]*); device ([^;]*); precision ([^;]*);', re.M)


def git(*args):
    try:
        return subprocess.run(['git', *args], cwd=root, capture_output=True, text=True)
    except OSError:  # no git here
        return subprocess.CompletedProcess(args, 1, '', 'git not found')


shallow = git('rev-parse', '--is-shallow-repository').stdout.strip() == 'true'


def saved_provenance(notebook: Path) -> list[dict]:
    "The provenance lines in a notebook's saved stdout, parsed."
    found = []
    for cell in json.loads(notebook.read_text())['cells']:
        for out in cell.get('outputs', []):
            if out.get('output_type') == 'stream' and out.get('name') == 'stdout':
                for m in LINE.finditer(''.join(out['text'])):
                    commits = {v.split('+', 1)[1] if '+' in v else v for v in m[1].split(', ')}
                    found.append(dict(commits=commits, preset=m[2], device=m[3], precision=m[4]))
    return found


def code_cells(source: str) -> list[str]:
    "The code cells' sources of a notebook's JSON text (outputs and metadata left out)."
    return [''.join(c['source']) for c in json.loads(source)['cells'] if c['cell_type'] == 'code']


def changed_since(commit: str, notebook: Path) -> str | None:
    "What changed since `commit` in vqrt/ and in the notebook's code cells; None when nothing did."
    if commit in ('-', 'unrecorded') or '.' in commit and not commit.endswith('.dirty'):
        return 'a run\'s record names no commit (trained outside a git checkout, or by an older vqrt)'
    if commit.endswith('.dirty'):
        return f'trained from uncommitted changes to vqrt/ on top of {commit[:-6]}: retrain at a commit'
    if git('cat-file', '-e', f'{commit}^{{commit}}').returncode:
        clone = ' (a shallow clone: git fetch --unshallow)' if shallow else ''
        return f'commit {commit} is not in this repository\'s history{clone}'
    modules = git('diff', '--name-only', commit, '--', 'vqrt').stdout.split()  # against the working tree
    then = git('show', f'{commit}:nbs/{notebook.name}')
    cells = then.returncode or code_cells(then.stdout) != code_cells(notebook.read_text())
    what = ([f'{len(modules)} module(s) of vqrt/ ({", ".join(Path(m).name for m in modules[:4])}'
             f'{", ..." if len(modules) > 4 else ""})'] if modules else []) + (['its code cells'] if cells else [])  # fmt: skip
    return ' and '.join(what) + f' changed since {commit}' if what else None


chapters = sorted((root / 'nbs').glob('0[0-6]_*.ipynb'))
lines = {nb.stem: saved_provenance(nb) for nb in chapters}
commit_of = {name: set().union(*(p['commits'] for p in found)) for name, found in lines.items() if found}
usual = Counter(c for commits in commit_of.values() for c in commits).most_common(1)
usual = usual[0][0] if usual else None
presets_of = {name: {p for f in found for p in f['preset'].split(', ')} for name, found in lines.items()}
main_preset = Counter(p for presets in presets_of.values() for p in presets).most_common(1)
main_preset = main_preset[0][0] if main_preset else None
listed = []
for nb in chapters:
    found, why = lines[nb.stem], []
    if not found:
        why.append('prints no provenance line in its saved outputs')
    else:
        commits = commit_of[nb.stem]
        if len(commits) > 1:
            why.append(f'its runs were trained at {len(commits)} commits ({", ".join(sorted(commits))})')
        elif commits != {usual}:
            why.append(f'trained at {", ".join(commits)}, the other chapters mostly at {usual}')
        if main_preset not in presets_of[nb.stem]:
            why.append(f'preset {", ".join(sorted(presets_of[nb.stem]))}, the other chapters {main_preset}')
        why += [stale for c in sorted(commits) if (stale := changed_since(c, nb))]
    if why:
        listed.append(nb.stem)
        print(f'{nb.stem}: ' + '; '.join(why))
print(f'report check: {len(listed)} of {len(chapters)} chapters listed'
      + ('' if listed else ': every chapter is one run of the code as it is'))  # fmt: skip
