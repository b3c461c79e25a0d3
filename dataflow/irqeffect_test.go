package dataflow

import (
	"testing"

	"github.com/kpreempt/kpreempt/cparse"
)

// TestIRQEffect checks what exits leave interrupts as, and what that does
// to a caller that had them enabled or disabled.
func TestIRQEffect(t *testing.T) {
	entry := State{IRQ: MayBeOn, RawIRQ: MayBeOn}
	at := Note{Pos: cparse.Pos{File: "f.c", Line: 3, Col: 2}, Text: "local_irq_disable() disables interrupts"}
	off := State{IRQ: MayBeOff, RawIRQ: MayBeOff, IRQOff: at}
	offClassic := State{IRQ: MayBeOff, RawIRQ: MayBeOn, IRQOff: at} // spin_lock_irq() on PREEMPT_RT
	on := State{IRQ: MayBeOn, RawIRQ: MayBeOn, IRQEnabled: true}
	restored := State{IRQ: MayBeOn | MayBeOff, RawIRQ: MayBeOn | MayBeOff}
	exits := func(states ...State) []Exit {
		var xs []Exit
		for _, s := range states {
			xs = append(xs, Exit{State: s})
		}
		return xs
	}
	for _, tc := range []struct {
		name       string
		exits      []Exit
		cond       Class
		want       IRQEffect
		fromOn     IRQState // the caller's state after, when it had them enabled
		fromOff    IRQState // and when it had them disabled
		rawFromOn  IRQState
		rawFromOff IRQState
	}{
		{"disables on every way out", exits(off, off), 0, IRQEffect{Off: true, RawOff: true}, MayBeOff, MayBeOff, MayBeOff, MayBeOff},
		{"disables on the classic kernel only", exits(offClassic), 0, IRQEffect{Off: true}, MayBeOff, MayBeOff, MayBeOn, MayBeOff},
		{"enables on every way out", exits(on), 0, IRQEffect{On: true, RawOn: true}, MayBeOn, MayBeOn, MayBeOn, MayBeOn},
		{"restores its caller's flags", exits(restored), 0, IRQEffect{Lost: true, RawLost: true}, MayBeOn | MayBeOff, MayBeOn | MayBeOff, MayBeOn | MayBeOff, MayBeOn | MayBeOff},
		{"disables on one way, leaves them on the other", exits(off, entry), 0, IRQEffect{MayOff: true}, MayBeOn | MayBeOff, MayBeOff, MayBeOn, MayBeOff},
		{"leaves them alone", exits(entry), 0, IRQEffect{}, MayBeOn, MayBeOff, MayBeOn, MayBeOff},
		// The caller restores them with the lock's release (its flags).
		{"returns holding the lock that disabled them", exits(off), 0, IRQEffect{Off: true, RawOff: true}, MayBeOff, MayBeOff, MayBeOff, MayBeOff},
		{"its value tells the ways apart", exits(off, entry), NonZero, IRQEffect{}, MayBeOn, MayBeOff, MayBeOn, MayBeOff},
	} {
		got := irqEffectOf(&entry, tc.exits, tc.cond)
		if got != tc.want {
			t.Errorf("%s: effect %+v, want %+v", tc.name, got, tc.want)
			continue
		}
		for _, c := range []struct {
			before, want, rawWant IRQState
		}{{MayBeOn, tc.fromOn, tc.rawFromOn}, {MayBeOff, tc.fromOff, tc.rawFromOff}} {
			s := State{IRQ: c.before, RawIRQ: c.before}
			got.apply(&s)
			if s.IRQ != c.want || s.RawIRQ != c.rawWant {
				t.Errorf("%s: a caller with %v has %v (raw %v) after, want %v (raw %v)", tc.name, c.before, s.IRQ, s.RawIRQ, c.want, c.rawWant)
			}
		}
	}
}
