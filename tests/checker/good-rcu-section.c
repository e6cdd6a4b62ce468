// RUN: %check %s | count 0
void rcu_peek(struct mm_struct *mm, unsigned long addr)
{
	rcu_read_lock();
	peek(mm, addr);
	rcu_read_unlock();
}
