struct ev_pmu {
	void (*add)(int cpu);
	void (*del)(int cpu);
};

extern struct ev_pmu ev_pmu;
void ev_static_call_update(void);
