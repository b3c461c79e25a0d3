package rules

import (
	"fmt"
	"regexp"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/dataflow"
)

// FPUSection flags FPU/SIMD use outside kernel_fpu_begin()/kernel_fpu_end()
// and sections that do not balance.
var FPUSection = register(&Rule{
	ID:      "fpu-section",
	Summary: "FPU/SIMD use outside kernel_fpu_begin()/kernel_fpu_end(), or unbalanced sections",
	Doc: `Flags kernel_fpu_end() (fpregs_unlock()) without a matching kernel_fpu_begin()
(kernel_fpu_begin_mask(), fpregs_lock()); a return reached inside a section; a
section opened inside another; and inline asm using SIMD registers (xmm, ymm, zmm)
or vector instructions outside any section. The kernel does not preserve FPU state
for kernel code across a context switch, so the section must be entered, left and
kept non-preemptible exactly; a sleeping call inside one is sleep-in-atomic's.`,
	Source: "Documentation/locking/preempt-locking.rst, RULE #2",
	Quote: `Under preemption, the state of the CPU must be protected. [...] For example, on
x86, entering and exiting FPU mode is now a critical section that must occur while
preemption is disabled. [...] Note, some FPU functions are already explicitly
preempt safe. For example, kernel_fpu_begin and kernel_fpu_end will disable and
enable preemption.`,
	Bad: `#include <asm/fpu/api.h>
#include <linux/errno.h>

int xor_blocks(unsigned long *a, unsigned long *b, int n)
{
	if (!n)
		return -EINVAL;
	kernel_fpu_begin();
	if (n & 15)
		return -EINVAL;
	asm volatile("pxor %%xmm0, %%xmm0" ::: "memory");
	kernel_fpu_end();
	return 0;
}
`,
	Good: `#include <asm/fpu/api.h>
#include <linux/errno.h>

int xor_blocks(unsigned long *a, unsigned long *b, int n)
{
	if (!n || n & 15)
		return -EINVAL;
	kernel_fpu_begin();
	asm volatile("pxor %%xmm0, %%xmm0" ::: "memory");
	kernel_fpu_end();
	return 0;
}
`,
	Run: runFPUSection,
})

var simdAsm = regexp.MustCompile(`%%?[xyz]mm[0-9]|\b(v?movdq[au]|v?movap[sd]|v?movup[sd]|v?pxor|v?por|v?pandn?|v?padd[bwdq]|v?psub[bwdq]|v?pshuf[bdw]\w*|v?pclmul\w*|v?aes\w+|vzeroupper|vzeroall|vpbroadcast\w*|vperm\w*|v?add[ps][sd]|v?mul[ps][sd]|v?xorp[sd]|kmov[bwdq])\b`)

func runFPUSection(p *Pass) {
	for _, fr := range p.Unit.Funcs {
		fn := fr.Graph.Func
		uses := false
		// The architecture's primitive that begins a section, for
		// messages: kernel_fpu_begin() on x86, kernel_neon_begin() on
		// arm64, enable_kernel_altivec() on powerpc.
		begin := "kernel_fpu_begin"
		fr.Graph.Events(func(_ *cfg.Block, e *cfg.Event) {
			eff, ok := dataflow.Effect(e)
			if ok && eff.FPU != 0 || e.Kind == cfg.Inline {
				uses = true
			}
			if ok && eff.FPU > 0 && begin == "kernel_fpu_begin" {
				begin = e.API.Name
			}
		})
		if !uses {
			continue
		}
		// A function that ends its caller's section and begins one again
		// before every exit (kernel_fpu_end(); cond_resched();
		// kernel_fpu_begin();) gives the caller its section back.
		exits := fr.Exits()
		retakes := len(exits) > 0
		for _, x := range exits {
			if x.State.FPU != (dataflow.Range{}) {
				retakes = false
			}
		}
		p.Walk(fr, func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
			switch e.Kind {
			case cfg.Return:
				if before.FPU.Hi > 0 {
					p.Report(fn, e.Pos, fmt.Sprintf("returns inside a %s() section", begin))
				}
				return
			case cfg.Inline:
				if before.FPU.Lo <= 0 && simdAsm.MatchString(e.Stmt.Asm.Template) {
					p.Report(fn, e.Pos, "SIMD instruction in asm outside kernel_fpu_begin()/kernel_fpu_end()")
				}
				return
			}
			eff, ok := dataflow.Effect(e)
			if !ok || eff.FPU == 0 {
				return
			}
			switch {
			case eff.FPU < 0 && before.FPU.Hi <= 0 && retakes:
			case eff.FPU < 0 && before.FPU.Hi <= 0:
				p.Report(fn, e.Pos, fmt.Sprintf("%s() without matching %s()", e.API.Name, eff.Pair))
			case eff.FPU < 0 && before.FPU.Lo <= 0:
				p.Report(fn, e.Pos, fmt.Sprintf("%s() without matching %s() on some paths", e.API.Name, eff.Pair))
			case eff.FPU > 0 && before.FPU.Lo > 0:
				p.Report(fn, e.Pos, fmt.Sprintf("%s() nested inside another FPU section", e.API.Name))
			case eff.FPU > 0 && before.FPU.Hi > 0:
				p.Report(fn, e.Pos, fmt.Sprintf("%s() nested inside another FPU section on some paths", e.API.Name))
			}
		})
	}
}
