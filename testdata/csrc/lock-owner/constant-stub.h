/* The stub a header gives when the feature is configured out. */
static inline bool has_bpf_ctx(void)
{
	return false;
}
