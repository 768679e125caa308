"""Render chapters as a reader sees them and look for code cut off at the right edge.

    python bench/render_check.py [--width 1280] [--shots DIR] nbs/00_elbo.ipynb ...

Each notebook goes through `jupyter nbconvert --to html` (the same cells the docs site shows) and is opened in
headless Chromium (the system's, through Playwright). A code line is cut off when its `<pre>` is wider than the box
that shows it. Prints, per notebook, the code blocks and the cut-off ones; with --shots, writes a screenshot of the
top of each page. Needs `pip install playwright` and a Chromium (`apt-get install chromium`).
"""
import argparse, pathlib, subprocess, sys, tempfile

parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
parser.add_argument('notebooks', nargs='+')
parser.add_argument('--width', type=int, default=1280, help='browser window width in pixels')
parser.add_argument('--shots', help='folder for screenshots (the first 1600 pixels of each page)')
parser.add_argument('--chromium', default='/usr/bin/chromium')
args = parser.parse_args()

from playwright.sync_api import sync_playwright

out = pathlib.Path(tempfile.mkdtemp())
subprocess.run([sys.executable, '-m', 'jupyter', 'nbconvert', '--to', 'html', '--output-dir', str(out), *args.notebooks],
               check=True, capture_output=True)
cut_total = 0
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=args.chromium)
    page = browser.new_page(viewport={'width': args.width, 'height': 1600})
    for nb in args.notebooks:
        html = out / (pathlib.Path(nb).stem + '.html')
        page.goto(html.as_uri())
        blocks = page.evaluate('''() => [...document.querySelectorAll('.jp-InputArea-editor pre, .jp-InputArea pre')]
            .map(e => ({wide: e.scrollWidth, shown: e.clientWidth, text: e.innerText.split('\\n')
                .reduce((a, b) => a.length >= b.length ? a : b, '')}))''')
        cut = [b for b in blocks if b['wide'] > b['shown'] + 1]
        cut_total += len(cut)
        print(f'{pathlib.Path(nb).name}: {len(blocks)} code blocks, {len(cut)} cut off at {args.width} px')
        for b in cut:
            print(f"   {b['wide']} > {b['shown']} px: {b['text'][:100]}")
        if args.shots:
            pathlib.Path(args.shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f'{args.shots}/{pathlib.Path(nb).stem}.png')
    browser.close()
sys.exit(1 if cut_total else 0)
