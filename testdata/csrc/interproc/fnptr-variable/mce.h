DECLARE_PER_CPU(int, mce_poll_count);
extern void (*mc_poll_banks)(void);
