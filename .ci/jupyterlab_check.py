"""Open chapters in JupyterLab as a reader does, in a real (headless) browser, and run them (issue 13).

    python .ci/jupyterlab_check.py [--shots .ci/out/jupyterlab] [--chromium /usr/bin/chromium] 01_data 02_vqvae

Starts `jupyter lab` on 127.0.0.1 over a copy of nbs/ (so nothing the run writes lands in the checkout), opens each
notebook in headless Chromium through Playwright, clicks Run > Run All Cells, waits until every code cell has run
and the kernel is idle, then asserts: no cell raised, every figure the notebook draws is on the page as a decoded
image, and saves a screenshot of the top of the notebook and of its first figure. Exits 0 on success, 1 on a
failure, 3 when no browser is installed (the caller prints the skip).
"""
import argparse, json, os, pathlib, secrets, shutil, socket, subprocess, sys, tempfile, time, urllib.request

parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
parser.add_argument('notebooks', nargs='+', help='chapter names in nbs/, e.g. 01_data')
parser.add_argument('--shots', default='.ci/out/jupyterlab', help='folder for the screenshots')
parser.add_argument('--chromium', default=shutil.which('chromium') or '/usr/bin/chromium')
parser.add_argument('--timeout', type=float, default=600, help='seconds a notebook may take to run')
args = parser.parse_args()

if not pathlib.Path(args.chromium).exists():
    print(f'no browser at {args.chromium}: install one (apt-get install chromium)')
    sys.exit(3)
from playwright.sync_api import sync_playwright, TimeoutError as PlaywrightTimeout

root = pathlib.Path(__file__).resolve().parent.parent
shots = pathlib.Path(args.shots)
shots.mkdir(parents=True, exist_ok=True)
work = pathlib.Path(tempfile.mkdtemp())
for nb in args.notebooks:
    shutil.copy(root / 'nbs' / f'{nb}.ipynb', work)

with socket.socket() as s:
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
token = secrets.token_hex(16)
settings = pathlib.Path(tempfile.mkdtemp())  # every cell in the page (no windowing, so all can be counted), no news popup
for name, value in {'notebook-extension/tracker': {'windowingMode': 'none'},
                    'apputils-extension/notification': {'fetchNews': 'false'}}.items():
    (settings / '@jupyterlab' / name).parent.mkdir(parents=True, exist_ok=True)
    (settings / '@jupyterlab' / f'{name}.jupyterlab-settings').write_text(json.dumps(value))
lab = subprocess.Popen(
    [sys.executable, '-m', 'jupyter', 'lab', '--no-browser', '--ip=127.0.0.1', f'--port={port}',
     f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={work}', '--LabApp.news_url=',
     '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate', *(['--allow-root'] if os.geteuid() == 0 else [])],
    stdout=open(work / 'lab.log', 'w'), stderr=subprocess.STDOUT, cwd=work,
    env=dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings)))
base = f'http://127.0.0.1:{port}'
for _ in range(120):
    if lab.poll() is not None:
        break
    try:
        urllib.request.urlopen(f'{base}/api/status?token={token}', timeout=2)
        break
    except OSError:
        time.sleep(0.5)
else:
    print('jupyter lab did not start:\n' + (work / 'lab.log').read_text()[-3000:])
    lab.kill()
    sys.exit(1)

CELLS = '.jp-Notebook .jp-CodeCell'
STATE = '''() => {
  const cells = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')];
  const prompts = cells.map(c => (c.querySelector('.jp-InputPrompt') || {}).innerText || '');
  const outputs = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output')];
  const images = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedImage img')];
  return {
    cells: cells.length,
    ran: prompts.filter(p => /\\[\\d+\\]/.test(p)).length,
    running: prompts.filter(p => p.includes('*')).length,
    errors: outputs.map(o => o.innerText).filter(t => t.includes('Traceback (most recent call last)')),
    images: images.length,
    drawn: images.filter(i => i.complete && i.naturalWidth > 0).length,
    kernel: (document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator') || {dataset: {}}).dataset.status,
  };
}'''
failed = []
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=args.chromium)
    page = browser.new_page(viewport={'width': 1400, 'height': 1000})
    for nb in args.notebooks:
        start = time.time()
        book = json.loads((work / f'{nb}.ipynb').read_text())
        code_cells = sum(c['cell_type'] == 'code' for c in book['cells'])
        page.goto(f'{base}/lab/tree/{nb}.ipynb?token={token}&reset')
        page.wait_for_selector(CELLS, timeout=120_000)
        try:  # JupyterLab may ask which kernel to start: the notebook's own, preselected
            page.locator('.jp-Dialog').get_by_role('button', name='Select', exact=True).click(timeout=20_000)
        except PlaywrightTimeout:
            pass
        page.wait_for_function("() => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) "
                               ".jp-Notebook-ExecutionIndicator')?.dataset.status === 'idle'", timeout=120_000)
        page.get_by_role('menuitem', name='Run', exact=True).click()
        page.get_by_role('menuitem', name='Run All Cells', exact=True).click()
        state = page.evaluate(STATE)
        while time.time() - start < args.timeout:
            time.sleep(1)
            state = page.evaluate(STATE)
            if state['errors'] or (state['ran'] == state['cells'] and not state['running'] and state['kernel'] == 'idle'):
                break
        page.wait_for_timeout(1000)  # the last images decode
        state = page.evaluate(STATE)
        seconds = time.time() - start
        page.screenshot(path=str(shots / f'{nb}.png'))
        first_image = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedImage img').first
        if state['images']:
            first_image.scroll_into_view_if_needed()
            page.screenshot(path=str(shots / f'{nb}-figure.png'))
        problems = []
        if state['cells'] != code_cells:
            problems.append(f"{state['cells']} code cells on the page, {code_cells} in the notebook")
        if state['ran'] != state['cells']:
            problems.append(f"{state['ran']} of {state['cells']} cells ran in {args.timeout:.0f} s")
        problems += [f'a cell raised: {e[-600:]}' for e in state['errors']]
        if state['images'] == 0 or state['drawn'] != state['images']:
            problems.append(f"{state['drawn']} of {state['images']} figures drawn")
        print(f"{nb}: {state['ran']}/{state['cells']} cells ran in {seconds:.0f} s, {len(state['errors'])} errors, "
              f"{state['drawn']}/{state['images']} figures drawn; screenshots in {shots}/")
        for problem in problems:
            print('   ' + problem)
        failed += [nb] if problems else []
        page.get_by_role('menuitem', name='Kernel', exact=True).click()
        page.get_by_role('menuitem', name='Shut Down Kernel', exact=True).click()
    browser.close()
lab.terminate()
lab.wait(timeout=30)
sys.exit(1 if failed else 0)
