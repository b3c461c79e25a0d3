/*
 * A function whose branches on a parameter rule out every way into a
 * loop, for one kind of the parameter (drivers/hid/usbhid/hid-pidff.c
 * pidff_find_fields() with report NULL): the analysis run again for that
 * kind (Func.DeadWhen) settles, the loop unreached. It once looped for
 * ever on the leftovers of the ruled-out edges.
 */
struct field_demo {
	int maxusage;
	int report_count;
	unsigned int *usage;
};

struct report_demo {
	int maxfield;
	struct field_demo *field[8];
};

int find_fields_demo(struct field_demo **usage, const unsigned char *table,
		     struct report_demo *report, int count, int strict)
{
	int i, j, k, found;

	if (!report)
		return -1;
	for (k = 0; k < count; k++) {
		found = 0;
		for (i = 0; i < report->maxfield; i++) {
			if (report->field[i]->maxusage != report->field[i]->report_count)
				continue;
			for (j = 0; j < report->field[i]->maxusage; j++) {
				if (report->field[i]->usage[j] == (0x000f0000 | table[k])) {
					usage[k] = report->field[i];
					found = 1;
					break;
				}
			}
			if (found)
				break;
		}
		if (!found && strict)
			return -1;
	}
	return 0;
}
