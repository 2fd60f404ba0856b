#!/usr/bin/env python3
"""po-missing.py - list Dutch UI texts that have no entry in po/en.po.

Looks at {{_ text}} in templates/, and at string literals passed to
wb_t(req, "..."), at route labels in src/web/routes.c and at the label
tables of the domain (roles, organisation types, functions, domains).
Prints one missing msgid per line; exit status 1 when any is missing.
Used by tests/unit/test_i18n.c's companion check in `make check`.
"""
import glob, re, sys

def po_ids(path):
    ids, cur, inid = set(), None, False
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('msgid '):
            cur, inid = eval(line[6:]), True
        elif line.startswith('msgstr'):
            if cur:
                ids.add(cur)
            inid = False
        elif inid and line.startswith('"'):
            cur += eval(line)
    return ids

def c_strings(expr):
    # Concatenate adjacent C string literals.
    return ''.join(eval('"' + m + '"') for m in re.findall(r'"((?:[^"\\]|\\.)*)"', expr))

want = set()
for f in glob.glob('templates/*.html'):
    for m in re.finditer(r'\{\{_\s+(.*?)\s*\}\}', open(f, encoding='utf-8').read(), re.S):
        want.add(m.group(1))
for f in glob.glob('src/web/*.c'):
    src = open(f, encoding='utf-8').read()
    for m in re.finditer(r'wb_t\(req,\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)', src):
        want.add(c_strings(m.group(1)))
routes = open('src/web/routes.c', encoding='utf-8').read()
for m in re.finditer(r'NULL, "([^"]+)" \}', routes):
    want.add(m.group(1))
for m in re.finditer(r'\{ "[a-z_]+", WB_P_\w+, [^}]*?, "([^"]+)" \}', routes):
    want.add(m.group(1))
for f, pat in [('src/web/router.c', r'return "(is [^"]+|bevat [^"]+)";'),
               ('src/web/router.c', r'field_error\(req, p, "([^"]+)"\)'),
               ('src/web/app.c', r'\{ "[a-z_]+", ((?:"(?:[^"\\]|\\.)*"\s*)+)\}'),
               ('src/web/app.c', r'\{ "/[^"]*", "([^"]+)",'),
               ('src/web/client_frame.c', r'\{ "[a-z]*", "([^"]+)", (?:0|WB_CAT_\w+) \}'),
               ('src/domain/access.c', r'\{ WB_\w+, "[a-z-]+", "([^"]+)" \}'),
               ('src/domain/client.c', r'benefit_labels\[\] = \{([^}]*)\}'),
               ('src/domain/client.c', r'target_group_labels\[\] = \{([^}]*)\}'),
               ('src/domain/consent.c', r'method_labels\[\] = \{([^}]*)\}'),
               ('src/domain/access_log.c', r'\{ "[a-z_.]+", "([^"]+)" \}'),
               ('src/web/app.c', r'(?:heading|message) = ((?:"(?:[^"\\]|\\.)*"\s*)+);'),
               ('src/domain/actor.c', r'"[a-z]+", "([^"]+)" \}'),
               ('src/domain/organisation.c', r'type_labels\[\] = \{([^}]*)\}'),
               ('src/domain/card.c', r'function_labels\[\] = \{([^}]*)\}'),
               ('src/domain/contact_point.c', r'return "(GGZ|UWV|Gemeente)";'),
               ('src/domain/instrument.c',
                r'NL\(((?:"(?:[^"\\]|\\.)*"\s*)+)\)')]:
    src = open(f, encoding='utf-8').read()
    for m in re.finditer(pat, src):
        g = m.group(1)
        if g.lstrip().startswith('"'):
            if 'labels' in pat:
                for lit in re.findall(r'"((?:[^"\\]|\\.)*)"', g):
                    want.add(eval('"' + lit + '"'))
            else:
                want.add(c_strings(g))
        else:
            want.add(g)
# The client domain's Dutch texts (messages, labels) reach the user through
# wb_t: every group of adjacent string literals there that starts with a
# capital is one (log texts are English and lowercase).
for f in ['src/domain/client.c', 'src/domain/consent.c', 'src/domain/team.c',
          'src/domain/plan.c', 'src/domain/note.c', 'src/domain/access.c',
          'src/domain/referral.c', 'src/domain/activation.c',
          'src/domain/proposal.c', 'src/domain/rights.c',
          'src/domain/fidelity.c', 'src/domain/trajectory.c']:
    src = open(f, encoding='utf-8').read()
    src = re.sub(r'/\*.*?\*/', '', src, flags=re.S)
    for m in re.finditer(r'(?:"(?:[^"\\\n]|\\.)*"\s*)+', src):
        msg = c_strings(m.group(0))
        if re.match(r'[A-Z]', msg) and '%' not in msg and \
                not re.fullmatch(r'[A-Z0-9]{16,}', msg):	# an alphabet
            want.add(msg)
# The IPS-25 items' labels ("S1 Caseload"), declared once in fidelity.h.
src = open('src/domain/fidelity.h', encoding='utf-8').read()
for m in re.finditer(r'X\(\d+, "(\w+)", "\w+", \w+,\s*\\?\s*"([^"]+)"', src):
    want.add(m.group(1) + ' ' + m.group(2))
have = po_ids('po/en.po')
missing = sorted(w for w in want if w and w not in have)
for w in missing:
    print(w)
sys.exit(1 if missing else 0)
