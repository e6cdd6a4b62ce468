// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
void rcu_bad(struct mm_struct *mm, int x)
{
	rcu_read_lock();
	if (x)
// CHECK: :[[@LINE+1]]:3: error: 'rcu' is still held at return
		return;
	rcu_read_unlock();
// CHECK: :[[@LINE+1]]:2: error: 'rcu_read_unlock' releases 'rcu', which is not held here
	rcu_read_unlock();
}
