// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The second NULL test is the wrong way round: pte_unmap runs exactly on the path where
// pte_offset_map returned NULL and entered no RCU section, and the path that mapped the
// table returns inside its section.
int two(pmd_t *src_pmd, pmd_t *dst_pmd, unsigned long addr)
{
	pte_t *src_pte = NULL, *dst_pte = NULL;
	int err = 0;

	dst_pte = pte_offset_map(dst_pmd, addr);
	if (!dst_pte) {
		err = -EAGAIN;
		goto out;
	}
	src_pte = pte_offset_map(src_pmd, addr);
	if (!src_pte) {
		err = -EAGAIN;
		goto out;
	}
out:
	if (src_pte)
		pte_unmap(src_pte);
	if (!dst_pte)
// CHECK: :[[@LINE+1]]:3: error: 'pte_unmap' releases 'rcu', which is not held here
		pte_unmap(dst_pte);
// CHECK: :[[@LINE+1]]:2: warning: 'rcu' may still be held at return
	return err;
}
