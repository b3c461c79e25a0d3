package interproc

import "slices"

// Members every object of their struct sets. An operations structure
// with a fallback for a member its objects may leave NULL
// (hid_hw_request(): if (hdev->ll_driver->request) return
// hdev->ll_driver->request(...); then __hid_request(), which allocates
// with GFP_KERNEL) takes the fallback only for an object without it.
// When every object of the struct in the whole program is a static
// initializer that sets the member (usbhid's usb_hid_driver, the only
// struct hid_ll_driver of an x86_64 defconfig), no path through the
// fallback is taken. Objects the program fills in at run time (a store
// by assignment into the struct), an initializer the analysis cannot
// name (a compound literal) or one written twice for a variable (an
// array of them) leave the question open.

// setMembers finds, for a program whose facts are complete, the members
// every object of their struct sets.
func (p *Program) setMembers() map[Member]bool {
	if !p.Complete {
		return nil
	}
	type object struct{ unit, v, index string }
	type structObjects struct {
		open    bool
		objects map[object]map[string]bool // the fields each object sets
	}
	byTag := map[string]*structObjects{}
	for _, u := range p.units {
		for _, s := range u.Stores {
			if s.Tag == "" || s.Global {
				continue
			}
			t := byTag[s.Tag]
			if t == nil {
				t = &structObjects{objects: map[object]map[string]bool{}}
				byTag[s.Tag] = t
			}
			if s.Assigned || s.Var == "" {
				t.open = true
				continue
			}
			o := object{u.Unit, s.Var, s.Index}
			fields := t.objects[o]
			if fields == nil {
				fields = map[string]bool{}
				t.objects[o] = fields
			}
			if fields[s.Field] {
				t.open = true // two objects under one name
			}
			fields[s.Field] = true
		}
	}
	set := map[Member]bool{}
	for tag, t := range byTag {
		if t.open {
			continue
		}
		count := map[string]int{}
		for _, fields := range t.objects {
			for f := range fields {
				count[f]++
			}
		}
		for f, n := range count {
			if n == len(t.objects) {
				set[Member{Tag: tag, Field: f}] = true
			}
		}
	}
	return set
}

// neverNull reports whether a path taken only where one of members is
// NULL is no path: every object of its struct sets it.
func (p *Program) neverNull(members []Member) bool {
	for _, m := range members {
		if p.set[m] {
			return true
		}
	}
	return false
}

// Bits no object of a struct has. A flag tested before a call
// (serial8250_rpm_get(): if (!(p->capabilities & UART_CAP_RPM)) return;
// then pm_runtime_get_sync(), which may sleep) is set only by the units
// that write it (8250_omap.c's up->capabilities |= UART_CAP_RPM). When no
// unit of a complete program writes it, into the member or into a member
// copied there (up->capabilities = uart_config[type].flags, whose
// initializers all leave it out), no path that needs it is taken. A member
// the program never writes (one read from hardware or user memory), or
// writes with bits the conversion cannot bound (a parameter, set_bit() on
// its address, its address passed to a call through a function pointer
// variable the program stores a function in), leaves the question open.
// A copy of the whole object from memory of another type (memcpy() from
// a buffer a device or user space filled) is not seen: a struct whose
// flags come so, and are also set by name elsewhere, is the limit.

// anyBits stands for bits that cannot be bounded.
const anyBits = ^uint64(0)

// memberBits finds, for a program whose facts are complete, the bits each
// member written somewhere may hold: the bits written into it and into
// the members copied there, to a fixpoint.
func (p *Program) memberBits() map[Member]uint64 {
	if !p.Complete {
		return nil
	}
	stored := map[string]bool{} // function pointer variables the program stores a function in
	for _, u := range p.units {
		for _, s := range u.Stores {
			if s.Global {
				stored[s.Field] = true
			}
		}
	}
	bits := map[Member]uint64{}
	from := map[Member][]Member{}
	for _, u := range p.units {
		for _, mb := range u.Bits {
			m := Member{Tag: mb.Tag, Field: mb.Field}
			bits[m] |= mb.Bits
			if mb.Any {
				bits[m] = anyBits
			}
			for _, v := range mb.Via {
				// A call through a variable no function is stored in
				// is no call (serial8250_isa_config, which only a
				// platform's setter gives a value).
				if stored[v] {
					bits[m] = anyBits
				}
			}
			for _, f := range mb.From {
				if !slices.Contains(from[m], f) {
					from[m] = append(from[m], f)
				}
			}
		}
	}
	p.copies = map[Member]copied{}
	for m, srcs := range from {
		if len(srcs) == 1 && bits[m] != anyBits {
			p.copies[m] = copied{from: srcs[0], own: bits[m]}
		}
	}
	for changed := true; changed; {
		changed = false
		for m, srcs := range from {
			b := bits[m]
			for _, s := range srcs {
				sb, written := bits[s]
				if !written {
					sb = anyBits // copied from a member nothing writes: unknown
				}
				b |= sb
			}
			if b != bits[m] {
				bits[m] = b
				changed = true
			}
		}
	}
	return bits
}

// neverSet reports whether a path taken only where one of masks has a
// bit set is no path: the program writes the member, and never one of
// those bits; or, for a pointer to a struct, never writes it.
func (p *Program) neverSet(masks []MemberMask) bool {
	for _, m := range masks {
		b, written := p.bits[Member{Tag: m.Tag, Field: m.Field}]
		if written && b&m.Mask == 0 || !written && m.Pointer && p.bits != nil {
			return true // (a pointer no store sets: NULL)
		}
	}
	return false
}

// Bits copied from one member into another. The block layer's hardware
// contexts take their flags from their tag set (blk_mq_alloc_hctx():
// hctx->flags = set->flags & ~BLK_MQ_F_TAG_QUEUE_SHARED), and a path
// through blk_mq_run_hw_queue()'s might_sleep_if(... hctx->flags &
// BLK_MQ_F_BLOCKING) needs the bit its callers in an RCU read-side
// section found clear in q->tag_set->flags. The analysis does not follow
// which object is which; it takes the objects of one path to be of one
// family: a caller that found bits of a member clear takes no path that
// needs them set in that member, or in one whose only source of those
// bits is a copy of it.

// copied is what a member holds besides a copy of another: the one
// member its stores copy (from), and the constant bits they write
// themselves (own).
type copied struct {
	from Member
	own  uint64
}

// maxCopies bounds the chain of copies a family follows.
const maxCopies = 4

// family is masks with, for each, the same bits of the members it is
// copied from, transitively, where the copy is their only source (no
// constant of the member's own stores writes them).
func (p *Program) family(masks []MemberMask) []MemberMask {
	var out []MemberMask
	for _, m := range masks {
		if m.Pointer {
			continue
		}
		out = addBits(out, m)
		cur := Member{Tag: m.Tag, Field: m.Field}
		for range maxCopies {
			c, ok := p.copies[cur]
			if !ok || c.own&m.Mask != 0 {
				break
			}
			cur = c.from
			out = addBits(out, MemberMask{Tag: cur.Tag, Field: cur.Field, Mask: m.Mask})
		}
	}
	return out
}

// joinBits is the bits two stretches of a path need, together.
func joinBits(a, b []MemberMask) []MemberMask {
	out := append([]MemberMask(nil), a...)
	for _, m := range b {
		out = addBits(out, m)
	}
	return out
}

func addBits(out []MemberMask, m MemberMask) []MemberMask {
	if slices.Contains(out, m) {
		return out
	}
	return append(out, m)
}

// contradicted reports whether a path that needs bits is one a caller
// that found clear bits of members clear does not take: every bit one
// of the needs could be set by is clear.
func contradicted(bits, clear []MemberMask) bool {
	for _, n := range bits {
		for _, c := range clear {
			if n.Tag == c.Tag && n.Field == c.Field && n.Mask&^c.Mask == 0 {
				return true
			}
		}
	}
	return false
}
