struct proto {
	void (*destroy)(int id);
	void (*close)(int id);
};
struct sk {
	struct proto *prot;
};
