"""Write README.md from nbs/index.ipynb without Quarto: its markdown cells, in order (code cells there are hidden).
`nbdev_readme` renders the same notebook with Quarto for users who have it. `--check` fails if README.md is stale.

Results are not typed into index.ipynb: it embeds them from the executed chapters with Quarto's shortcode,
`{{< embed 03_roundtrip.ipynb#simulation-table >}}` (a cell's `#| label:` or its id; several joined by commas).
Quarto renders that on the docs site; here the cell's saved outputs take its place (markdown as it is, printed text
as a text block, a picture written to nbs/images/ and shown from there), so README's figures are the chapters' and
`--check` fails when they differ."""
import base64, json, re, sys
from pathlib import Path
root = Path(__file__).resolve().parent.parent
EMBED = re.compile(r'\{\{< embed ([\w.-]+\.ipynb)#([\w,-]+)[^>]*>\}\}')


IMAGES = root / 'nbs' / 'images'  # the pictures README shows, taken from the chapters' saved outputs
written = {}  # path -> bytes: what README needs there


def cell_outputs(notebook: str, key: str) -> str:
    "The saved outputs of the cell labelled (or with the id) `key` in nbs/`notebook`, as markdown."
    path = root / 'nbs' / notebook
    if not path.exists():
        sys.exit(f'index.ipynb embeds {notebook}#{key}, but nbs/{notebook} does not exist: fix the shortcode.')
    cells = json.loads(path.read_text())['cells']
    labelled = lambda c: c.get('id') == key or re.search(rf'^#\| label: {re.escape(key)}\s*$', ''.join(c['source']), re.M)
    found = [c for c in cells if c['cell_type'] == 'code' and labelled(c)]
    if len(found) != 1:
        sys.exit(f'index.ipynb embeds {notebook}#{key}: {len(found)} cells there have that label or id; label one.')
    parts = []
    for out in found[0].get('outputs', []):
        data = out.get('data', {})
        if out.get('output_type') == 'stream' and out.get('name') == 'stdout':
            parts.append('```\n' + ''.join(out['text']).rstrip('\n') + '\n```')
        elif 'text/markdown' in data:
            parts.append(''.join(data['text/markdown']).strip())
        elif 'image/png' in data or 'image/jpeg' in data:  # written to nbs/images/, shown from there
            kind = 'png' if 'image/png' in data else 'jpeg'
            n = sum(p.stem.startswith(f'{notebook[:-6]}-{key}') for p in written)  # its pictures so far
            path = IMAGES / f'{notebook[:-6]}-{key}{f"-{n}" if n else ""}.{"png" if kind == "png" else "jpg"}'
            written[path] = base64.b64decode(''.join(data[f'image/{kind}']))
            parts.append(f'![a figure of {notebook[:-6]}](nbs/images/{path.name})')
    if not parts:
        sys.exit(f'nbs/{notebook}#{key} has no saved output to embed: execute the chapter '
                 f'(vqrt report --preset cpu --in-place --only {notebook[:2]}).')
    return '\n\n'.join(parts)


def embed(match) -> str:
    return '\n\n'.join(cell_outputs(match[1], key) for key in match[2].split(','))


cells = json.loads((root/'nbs'/'index.ipynb').read_text())['cells']
text = '\n\n'.join(''.join(c['source']).strip() for c in cells if c['cell_type'] == 'markdown') + '\n'
text = EMBED.sub(embed, text)
text = re.sub(r'\]\((\d)', r'](nbs/\1', text.replace('.html)', '.ipynb)'))  # a notebook's page -> the notebook
readme = root/'README.md'
if '--check' in sys.argv:
    stale = readme.read_text() != text or any(not p.exists() or p.read_bytes() != b for p, b in written.items())
    stale = stale or {p.name for p in IMAGES.glob('*')} != {p.name for p in written}
    sys.exit('README.md or nbs/images/ is out of date with nbs/index.ipynb and the chapters it embeds: run '
             'python .ci/readme.py' if stale else 0)
readme.write_text(text)
IMAGES.mkdir(exist_ok=True)
for old in IMAGES.glob('*'):
    if old not in written:
        old.unlink()
for path, data in written.items():
    path.write_bytes(data)
