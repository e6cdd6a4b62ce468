// Exit status: 0 no findings, 1 findings, 2 usage or I/O errors; notes alone are not findings.
// RUN: sh -c '%check %S/good-rcu-section.c; test $? -eq 0'
// RUN: sh -c '%check %S/bad-unlock-not-held.c > /dev/null; test $? -eq 1'
// RUN: sh -c '%check %S/note-gup-relies-on-fact.c > /dev/null; test $? -eq 0'
// RUN: sh -c '%check %t.missing.c 2> /dev/null; test $? -eq 2'
// RUN: sh -c '%check --format=xml %s 2> /dev/null; test $? -eq 2'
// RUN: sh -c '%lockspec check --spec %t.nosuch.rules %s 2> /dev/null; test $? -eq 2'
// RUN: not %check %t.missing.c 2>&1 | FileCheck --check-prefix=IO %s
// IO: lockspec: error: cannot open '{{.*}}missing.c'
// Several files and threads: results come back in the order given.
// RUN: not %check -j 2 %S/bad-two-mms.c %S/good-rcu-section.c %S/bad-unlock-not-held.c 2>&1 | FileCheck --check-prefix=MANY %s
// MANY: bad-two-mms.c:{{.*}}: error:
// MANY: bad-unlock-not-held.c:{{.*}}: error:
// MANY: 3 errors and 0 warnings in 3 files
