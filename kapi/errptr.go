package kapi

// Error pointers (include/linux/err.h). A pointer known to be an
// ERR_PTR() gives its errno back through PTR_ERR(): a function that
// returns PTR_ERR(p) under IS_ERR(p) returns a negative errno, which
// tells its callers the call failed (net/ipv4/tcp_sigpool.c
// tcp_sigpool_start(): 0 with the RCU-bh read side held, an errno
// without).
var errnoOfErrPtr = map[string]bool{"PTR_ERR": true}

// ErrnoOfErrPtr reports whether the function name gives the errno an
// ERR_PTR() pointer carries.
func ErrnoOfErrPtr(name string) bool { return errnoOfErrPtr[name] }
