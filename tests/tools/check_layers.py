#!/usr/bin/env python3
"""The layering rules, checked on every include line of app/, ui/ and tests/.

1. Every project include names its layer: "aws/sigv4signer.h", never "sigv4signer.h" or a
   relative path, and the file exists in that layer.
2. A layer includes only the layers below it (DESIGN.md): aws <- athena <- sessions, local <-
   dashboard <- ui; athenactl and athena-local sit on athena and local.
3. ui/ never includes JSON or network headers (widgets never parse JSON or build requests), and
   no core layer includes a Qt Widgets header.
Prints each violation and "layering: N passed, M failed"; exit 1 on any violation.
"""
import os
import re
import sys

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..'))

# Where each layer's files live, and what each layer may include.
LAYER_DIRS = {
    'aws': 'app/aws', 'athena': 'app/athena', 'sessions': 'app/sessions', 'local': 'app/local',
    'dashboard': 'app/dashboard', 'athenactl': 'app/athenactl', 'athena-local': 'app/athena-local',
    'ui': 'ui', 'support': 'tests/support',
}
ALLOWED = {
    'aws': {'aws'},
    'athena': {'aws', 'athena'},
    'sessions': {'aws', 'athena', 'sessions'},
    'local': {'aws', 'athena', 'local'},
    'dashboard': {'aws', 'athena', 'sessions', 'local', 'dashboard'},
    'athenactl': {'aws', 'athena', 'athenactl'},
    'athena-local': {'aws', 'athena', 'local', 'athena-local'},
    'ui': {'aws', 'athena', 'sessions', 'dashboard', 'ui'},
    'app-main': {'ui', 'dashboard', 'sessions', 'athena', 'aws'},
    'tests': set(LAYER_DIRS),
}
CORE = {'aws', 'athena', 'sessions', 'local', 'dashboard', 'athenactl', 'athena-local'}
WIDGET_HEADER = re.compile(r'^<(QtWidgets/.*|Q(Widget|Dialog|MainWindow|Label|PushButton|ToolButton|LineEdit|'
                           r'ComboBox|Application|MessageBox|TableView|TreeView|ListWidget|Menu|MenuBar|Action|'
                           r'StatusBar|SystemTrayIcon|StyledItemDelegate|HeaderView|Splitter|TabWidget|'
                           r'BoxLayout|[HV]BoxLayout|FormLayout|GridLayout|StackedWidget|SpinBox|CheckBox)\b.*)>$')
NO_WIRE_IN_UI = re.compile(r'^<(QJson\w*|QNetwork\w*|QtNetwork/.*|QSslSocket|QTcpSocket)>$')
INCLUDE = re.compile(r'^\s*#\s*include\s+([<"][^>"]+[>"])')


def layer_of(rel):
    if rel.startswith('tests/'):
        return 'tests'
    if rel == 'app/main.cpp':
        return 'app-main'
    for layer, d in LAYER_DIRS.items():
        if rel.startswith(d + '/') and layer != 'support':
            return layer
    return None


def main():
    checked = 0
    violations = []
    for base in ('app', 'ui', 'tests'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, base)):
            rel_dir = os.path.relpath(dirpath, ROOT)
            if rel_dir.startswith(('tests/data', 'tests/fuzz/corpus')):
                continue
            for name in sorted(filenames):
                if not name.endswith(('.cpp', '.h')):
                    continue
                rel = os.path.join(rel_dir, name)
                layer = layer_of(rel)
                with open(os.path.join(ROOT, rel), encoding='utf-8') as f:
                    for number, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        checked += 1
                        target = m.group(1)
                        where = f'{rel}:{number}: {target}'
                        if target.startswith('"'):
                            path = target[1:-1]
                            if path.endswith('.moc'):
                                continue
                            head = path.split('/', 1)[0]
                            if '/' not in path or head not in LAYER_DIRS:
                                violations.append(f'{where}: name the layer ("aws/…", "ui/…")')
                                continue
                            if not os.path.isfile(os.path.join(ROOT, LAYER_DIRS[head], path.split('/', 1)[1])):
                                violations.append(f'{where}: no such file in layer {head}')
                            elif layer in ALLOWED and head not in ALLOWED[layer]:
                                violations.append(f'{where}: layer {layer} may not use {head}')
                        else:
                            if layer in CORE and WIDGET_HEADER.match(target):
                                violations.append(f'{where}: core code never includes a widget header')
                            if layer == 'ui' and NO_WIRE_IN_UI.match(target):
                                violations.append(f'{where}: widgets never parse JSON or talk to the network')
    for v in violations:
        print(v)
    print(f'layering: {checked - len(violations)} passed, {len(violations)} failed')
    return 1 if violations else 0


if __name__ == '__main__':
    sys.exit(main())
