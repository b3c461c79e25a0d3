// Package memlimit gives the Go collector the memory limit the process
// really runs under: its address-space rlimit (ulimit -v), its cgroup's
// memory.max (a container, a CI job), the machine's memory. Without it the
// heap may grow to twice what is live before a collection, and a large
// unit that fits kills the process instead (the runtime cannot map more,
// or the kernel's OOM killer steps in); with it the collector works
// harder as the heap nears the limit. A run that knows how many units it
// parses at once lowers the limit to its budget (ForJobs), measured on the
// kernel: memory bounded by -j, not by the tree. GOMEMLIMIT, when set,
// stands.
package memlimit

import (
	"bufio"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
)

// Shares of each limit the Go heap may use: an address-space limit also
// counts the executable, stacks and the runtime's reservations; a cgroup
// or the machine's memory also holds the page cache and other processes.
const (
	addressShare = 0.70
	memoryShare  = 0.85
)

// A run's heap budget: base, and perJob for each unit parsed at once.
// Without a budget the collector lets the heap grow to twice what is
// live, and two units at once took 2.6 GB of RSS on 290 units of the
// defconfig fixture; with the soft limit at 1.7 GiB, 1.76 GB for 9 % more
// CPU time; at 1.3 GiB, 1.38 GB for 40 % more (the collector runs nearly
// without pause). The budget is a soft limit: a unit that needs more
// gets it, the collector working harder.
const (
	base   = 768 << 20
	perJob = 512 << 20
)

// ForJobs lowers the soft memory limit to the heap budget of a run that
// parses jobs units at once, unless GOMEMLIMIT is set or the process's
// limits are lower; it returns the limit set (0: none).
func ForJobs(jobs int) int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return 0
	}
	if jobs < 1 {
		jobs = runtime.GOMAXPROCS(0)
	}
	limit := int64(base + perJob*jobs)
	if hard := Set(); hard > 0 && hard < limit {
		return hard
	}
	debug.SetMemoryLimit(limit)
	return limit
}

// Set sets the runtime's soft memory limit from the process's limits,
// unless GOMEMLIMIT is set, and returns the limit set (0: none).
func Set() int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return 0
	}
	var as uint64
	var rl syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_AS, &rl) == nil && rl.Cur != math.MaxUint64 {
		as = rl.Cur
	}
	limit := Limit(as, cgroupMax(), physical())
	if limit > 0 {
		debug.SetMemoryLimit(limit)
	}
	return limit
}

// Limit is the heap limit for an address-space limit, a cgroup memory
// limit and the machine's memory (0 where there is none): the smallest
// share of them, 0 when none is known.
func Limit(addressSpace, cgroup, machine uint64) int64 {
	best := uint64(0)
	take := func(n uint64, share float64) {
		if n == 0 {
			return
		}
		if v := uint64(float64(n) * share); best == 0 || v < best {
			best = v
		}
	}
	take(addressSpace, addressShare)
	take(cgroup, memoryShare)
	take(machine, memoryShare)
	if best > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(best)
}

// cgroupMax reads the cgroup v2 memory limit of the process ("max": none).
func cgroupMax() uint64 {
	data, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		path, ok := strings.CutPrefix(line, "0::")
		if !ok {
			continue
		}
		raw, err := os.ReadFile("/sys/fs/cgroup" + strings.TrimSpace(path) + "/memory.max")
		if err != nil {
			raw, err = os.ReadFile("/sys/fs/cgroup/memory.max")
			if err != nil {
				return 0
			}
		}
		n, err := strconv.ParseUint(strings.TrimSpace(string(raw)), 10, 64)
		if err != nil {
			return 0 // "max"
		}
		return n
	}
	return 0
}

// physical is the machine's memory, from /proc/meminfo.
func physical() uint64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
			fields := strings.Fields(rest)
			if len(fields) == 2 && fields[1] == "kB" {
				if n, err := strconv.ParseUint(fields[0], 10, 64); err == nil {
					return n << 10
				}
			}
		}
	}
	return 0
}
