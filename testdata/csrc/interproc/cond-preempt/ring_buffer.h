struct ring_buffer_event { int type; };
struct trace_buffer {
	atomic_t record_disabled;
	atomic_t committed;
};

struct ring_buffer_event *ring_buffer_lock_reserve(struct trace_buffer *buffer, unsigned long length);
void ring_buffer_unlock_commit(struct trace_buffer *buffer);
