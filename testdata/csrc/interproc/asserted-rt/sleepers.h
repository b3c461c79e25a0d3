/* The sleepers' queue of the asynchronous page fault. */
void task_wait_schedule_demo(unsigned int token);
