/* The iterator both files of the program share (kernel/trace/trace.h's
 * struct trace_iterator, cut down). */
#ifndef ITER_DEMO_H
#define ITER_DEMO_H

struct iter_demo {
	void *tr;
	void *ent;
	int ent_size;
	void *temp;
	int temp_size;
	char *fmt;
	int fmt_size;
	int lat;
};

void *next_entry_demo(struct iter_demo *iter);
char *expand_format_demo(struct iter_demo *iter);
int print_line_demo(struct iter_demo *iter);
int iter_more_demo(struct iter_demo *iter);
void consume_demo(struct iter_demo *iter);

#endif
