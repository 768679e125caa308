"""Write README.md from nbs/index.ipynb without Quarto: its markdown cells, in order (code cells there are hidden).
`nbdev_readme` renders the same notebook with Quarto for users who have it. `--check` fails if README.md is stale."""
import json, re, sys
from pathlib import Path
root = Path(__file__).resolve().parent.parent
cells = json.loads((root/'nbs'/'index.ipynb').read_text())['cells']
text = '\n\n'.join(''.join(c['source']).strip() for c in cells if c['cell_type'] == 'markdown') + '\n'
text = re.sub(r'\]\((\d)', r'](nbs/\1', text.replace('.html)', '.ipynb)'))  # a notebook's page -> the notebook
readme = root/'README.md'
if '--check' in sys.argv:
    sys.exit(0 if readme.read_text() == text else 'README.md is out of date with nbs/index.ipynb: run python .ci/readme.py')
readme.write_text(text)
