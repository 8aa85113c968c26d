#!/usr/bin/env python3
"""Regenerates Tests/BookMarkdownTests/Fixtures/commonmark-spec-<version>.json from the
commonmark-spec repository's spec.txt (https://github.com/commonmark/commonmark-spec), in the
format of its `test/spec_tests.py --dump-tests`: markdown, html, example, start_line, end_line, section.

Usage: python3 Tests/Markdown/make_spec_json.py path/to/spec.txt
"""
import json, re, sys, os

def examples(text):
    out, section, lines = [], '', text.split('\n')
    state, md, html, start, n = 0, [], [], 0, 0
    fence = '`' * 32 + ' example'
    for i, line in enumerate(lines, 1):
        if state == 0:
            m = re.match(r'#+ +(.*)', line)
            if m: section = m.group(1)
            if line.strip() == fence:
                state, md, html, start = 1, [], [], i
        elif state == 1:
            if line.strip() == '.': state = 2
            else: md.append(line)
        elif state == 2:
            if line.strip() == '`' * 32:
                n += 1
                unesc = lambda ls: ''.join(l + '\n' for l in ls).replace('\u2192', '\t')
                out.append({'markdown': unesc(md), 'html': unesc(html), 'example': n,
                            'start_line': start, 'end_line': i, 'section': section})
                state = 0
            else: html.append(line)
    return out

text = open(sys.argv[1], encoding='utf-8').read()
version = re.search(r"version: '([0-9.]+)'", text).group(1)
dest = os.path.join(os.path.dirname(__file__), '../BookMarkdownTests/Fixtures/commonmark-spec-%s.json' % version)
json.dump(examples(text), open(dest, 'w', encoding='utf-8'), indent=2, ensure_ascii=False)
print(dest)
