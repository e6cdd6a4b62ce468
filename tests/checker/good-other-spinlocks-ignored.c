// RUN: %check %s | count 0
// Locks the spec does not know (a driver's own spin lock) are not tracked.
void driver(struct my_dev *dev)
{
	spin_lock(&dev->lock);
	dev->count++;
}
