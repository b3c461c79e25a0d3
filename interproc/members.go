package interproc

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
