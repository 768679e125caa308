"""Fill settings.ini's site and repository fields with the true ones, where the site is published (issue 13).

    python .ci/site_settings.py OWNER/NAME        # GitHub Actions: python .ci/site_settings.py "$GITHUB_REPOSITORY"

The committed settings.ini leaves `user`, `git_url`, `doc_host` and `doc_baseurl` empty: vqrt has no public home
that this checkout knows of, and a made-up address would be published as broken links (source links, the
repository button). The deploy workflow runs this first, so the site it publishes links to the repository it was
built from and to its own GitHub Pages address.
"""
import pathlib, re, sys

if len(sys.argv) != 2 or sys.argv[1].count('/') != 1:
    sys.exit(__doc__)
owner, name = sys.argv[1].split('/')
values = dict(user=owner, git_url=f'https://github.com/{owner}/{name}', doc_host=f'https://{owner}.github.io',
              doc_baseurl=f'/{name}')
path = pathlib.Path(__file__).resolve().parent.parent / 'settings.ini'
text = path.read_text()
for key, value in values.items():
    text, found = re.subn(rf'^{key} *=.*$', f'{key} = {value}', text, flags=re.M)
    if not found:
        text = text.rstrip('\n') + f'\n{key} = {value}\n'
path.write_text(text)
print('\n'.join(f'{k} = {v}' for k, v in values.items()))
