#!/usr/bin/env python3
"""Regenerates Tests/BookMarkdownTests/Fixtures/commonmark-spec-<version>.json from the
commonmark-spec repository's spec.txt (https://github.com/commonmark/commonmark-spec), in the
format of its `test/spec_tests.py --dump-tests`: markdown, html, example, start_line, end_line, section.

With --gfm-extensions, reads cmark-gfm's test/spec.txt (https://github.com/github/cmark-gfm) and
writes gfm-extensions-<version>.json with only the extension examples (```` example table ````,
strikethrough, autolink, tagfilter, disabled = task lists), each with its `extension` name.

Usage: python3 Tests/Markdown/make_spec_json.py path/to/spec.txt [--gfm-extensions]
"""
import json, re, sys, os

def examples(text):
    out, section, lines = [], '', text.split('\n')
    state, md, html, start, n = 0, [], [], 0, 0
    fence = '`' * 32 + ' example'
    extension = ''
    for i, line in enumerate(lines, 1):
        if state == 0:
            m = re.match(r'#+ +(.*)', line)
            if m: section = m.group(1)
            if line.strip().startswith(fence):
                state, md, html, start = 1, [], [], i
                extension = line.strip()[len(fence):].strip()
        elif state == 1:
            if line.strip() == '.': state = 2
            else: md.append(line)
        elif state == 2:
            if line.strip() == '`' * 32:
                n += 1
                unesc = lambda ls: ''.join(l + '\n' for l in ls).replace('\u2192', '\t')
                e = {'markdown': unesc(md), 'html': unesc(html), 'example': n,
                     'start_line': start, 'end_line': i, 'section': section}
                if extension: e['extension'] = extension
                out.append(e)
                state = 0
            else: html.append(line)
    return out

text = open(sys.argv[1], encoding='utf-8').read()
version = re.search(r"version: '?([0-9.]+)'?", text).group(1)
all_examples = examples(text)
if '--gfm-extensions' in sys.argv:
    name, all_examples = 'gfm-extensions-%s.json' % version, [e for e in all_examples if 'extension' in e]
else:
    name = 'commonmark-spec-%s.json' % version
dest = os.path.join(os.path.dirname(__file__), '../BookMarkdownTests/Fixtures/' + name)
json.dump(all_examples, open(dest, 'w', encoding='utf-8'), indent=2, ensure_ascii=False)
print(dest)
