// RUN: not %check --format=json %s | FileCheck %s
// CHECK: "schema": "lockspec-check/1",
// CHECK-NEXT: "files": 1,
// CHECK-NEXT: "findings": [
// CHECK-NEXT: {"rule": "unlock-not-held", "severity": "error", "file": "{{.*}}format-json.c", "line": [[@LINE+4]], "column": 2, "end_line": [[@LINE+4]], "end_column": 22, "message": "'mmap_read_unlock' releases 'mmap_lock' of 'mm', which this function never takes and no caller in the files checked holds", "notes": []},
// CHECK-NEXT: {"rule": "held-at-return", "severity": "error", {{.*}}"line": [[@LINE+5]], {{.*}}"notes": [{"file": "{{.*}}format-json.c", "line": [[@LINE+4]], "column": 2, "message": "taken here"}]}
void f(struct mm_struct *mm, struct mm_struct *other)
{
	mmap_read_unlock(mm);
	mmap_read_lock(other);
}
// CHECK-NEXT: ]
