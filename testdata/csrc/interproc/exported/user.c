/* The program's own preemptible caller of an exported function. */
#include <linux/delay.h>

struct skb_demo;
extern int receive_account_demo(struct skb_demo *skb);

int poll_user_demo(struct skb_demo *skb)
{
	msleep(1);
	return receive_account_demo(skb);
}
