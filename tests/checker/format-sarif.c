// RUN: not %check --format=sarif %s > %t.sarif
// RUN: FileCheck %s < %t.sarif
// RUN: python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['version']=='2.1.0'; r=d['runs'][0]['results']; assert len(r)==1 and r[0]['level']=='error', r" %t.sarif
// CHECK: "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
// CHECK: "version": "2.1.0",
// CHECK: "name": "lockspec"
// CHECK: {"id": "order-inversion", "shortDescription":
// CHECK: "results": [
// CHECK-NEXT: {"ruleId": "order-inversion", "ruleIndex": 2, "level": "error", "message": {"text": "'mmap_read_lock' takes 'mmap_lock' of 'mm' while 'page_table_lock' of 'mm' is held, against the lock order (order 'rmap_main')"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "{{.*}}format-sarif.c"}, "region": {"startLine": [[@LINE+5]], "startColumn": 2, "endLine": [[@LINE+5]], "endColumn": 20}}}], "relatedLocations": [{"id": 0, "message": {"text": "'page_table_lock' taken here"}, {{.*}}{"id": 1, {{.*}}"uri": "{{.*}}order.rules"}
void g(struct mm_struct *mm)
{
	spin_lock(&mm->page_table_lock);
	/* mmap_lock is ordered before the page-table locks */
	mmap_read_lock(mm);
	mmap_read_unlock(mm);
	spin_unlock(&mm->page_table_lock);
}
